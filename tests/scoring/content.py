"""Collecting the activities (scenarios, exercises) written as YAML, for the scoring tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from mskit.content.models import FILE_MODELS

ROOT = Path(__file__).resolve().parents[2]
KIT_ROOT = ROOT / "src" / "mskit" / "kit"
ACTIVITY_FOLDERS = (KIT_ROOT / "scenarios", KIT_ROOT / "exercises")


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files under ``folder`` (none when it does not exist), sorted."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def load_activity(path: Path) -> Any:
    """Read ``path`` with the safe YAML loader and validate it with its kind's model."""
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return FILE_MODELS[data["kind"]].model_validate(data)


def activity_files(*folders: Path) -> Iterator[Path]:
    """Every YAML file in ``folders`` (default: the kit's scenarios and exercises)."""
    for folder in folders or ACTIVITY_FOLDERS:
        yield from yaml_files(folder)
