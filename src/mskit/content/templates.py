"""Commented starting files for ``mskit new``: each validates as written."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

TEMPLATES = {"scenario": "scenario.yaml", "exercise": "exercise.yaml"}
FOLDERS = {"scenario": "scenarios", "exercise": "exercises"}


def template_text(kind: str, new_id: str) -> str:
    """The template for ``kind`` with its id set to ``new_id``."""
    text = files("mskit").joinpath("templates", TEMPLATES[kind]).read_text(encoding="utf-8")
    return text.replace("__ID__", new_id)


def write_template(kind: str, new_id: str, folder: Path) -> Path:
    """Write ``folder/<new_id>.yaml``; refuse to overwrite (FileExistsError)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{new_id}.yaml"
    with path.open("x", encoding="utf-8") as fh:
        fh.write(template_text(kind, new_id))
    return path
