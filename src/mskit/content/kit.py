"""The kit's content as one object: catalogue, scenarios, exercises and programmes."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .loader import LoadedFile, load_file
from .models import (
    Action,
    Agency,
    Duty,
    Exercise,
    ExploitationType,
    Indicator,
    LocalContactsFile,
    Programme,
    Scenario,
    Source,
    Statistic,
)

CONTENT_FOLDERS = ("catalogue", "scenarios", "exercises", "programmes")
KIT_FOLDERS = (*CONTENT_FOLDERS, "notebooks", "schemas")
"""What a kit folder holds: the content, its notebooks and the JSON Schemas."""
YAML_SUFFIXES = (".yaml", ".yml")
KIT_ENV = ("MSKIT_KIT", "MSKIT_CONTENT")
"""Environment variables naming the kit in use (``MSKIT_CONTENT`` is the older name)."""


class NoKitError(Exception):
    """A folder named as a kit holds none; the message says what was expected."""


def default_kit_root() -> Path:
    """The default kit, shipped inside the package (``mskit/kit``), as a folder on disk."""
    ref = resources.files("mskit").joinpath("kit")
    if not isinstance(ref, Path):  # pragma: no cover - only a zipped install
        raise NoKitError("mskit is installed as a zip archive; install it as files (pip)")
    return ref


def kit_from_env() -> tuple[str, Path] | None:
    """The environment variable naming the kit in use and its folder, if one is set."""
    for name in KIT_ENV:
        value = os.environ.get(name)
        if value:
            return name, Path(value).expanduser().resolve()
    return None


def content_root() -> Path:
    """The kit in use: ``MSKIT_KIT`` (or ``MSKIT_CONTENT``), else the default kit."""
    named = kit_from_env()
    return named[1] if named else default_kit_root()


def is_installed_default(root: Path) -> bool:
    """True for the default kit as installed by pip (not a checkout's editable copy)."""
    return root == default_kit_root() and not (root.parents[2] / "pyproject.toml").is_file()


def is_kit(root: Path) -> bool:
    """True when ``root`` holds content: at least one of the content folders."""
    return any((root / f).is_dir() for f in CONTENT_FOLDERS)


def check_kit(root: Path) -> Path:
    """``root`` when it holds a kit; else NoKitError saying what was expected."""
    if not root.is_dir():
        raise NoKitError(f"{root}: no such folder; expected a kit folder (see mskit init)")
    if not is_kit(root):
        raise NoKitError(
            f"{root}: no kit here; expected the folders "
            + ", ".join(f"{f}/" for f in CONTENT_FOLDERS)
            + " (write one with: mskit init DIR)"
        )
    return root


@contextmanager
def using_kit(root: Path | None) -> Iterator[None]:
    """Within the block, ``root`` (when given) is the kit in use, here and in child
    processes (the servers' kernels): ``MSKIT_KIT`` is set, then put back as it was."""
    if root is None:
        yield
        return
    before = os.environ.get("MSKIT_KIT")
    os.environ["MSKIT_KIT"] = str(root)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("MSKIT_KIT", None)
        else:
            os.environ["MSKIT_KIT"] = before


def describe_kit(root: Path | None = None) -> str:
    """Which kit is in use, for people: the default kit, or a folder and what named it."""
    root = root or content_root()
    if root == default_kit_root():
        return f"the default kit ({root})"
    named = kit_from_env()
    via = f" (from {named[0]})" if named and named[1] == root else ""
    return f"{root}{via}"


def kit_notebook(relative: Path | str, root: Path | None = None) -> Path:
    """A notebook under the kit's ``notebooks/``; a kit without it uses the default kit's."""
    rel = Path(relative)
    for base in (root or content_root(), default_kit_root()):
        if (base / "notebooks" / rel).is_file():
            return base / "notebooks" / rel
    return default_kit_root() / "notebooks" / rel


def kit_notebooks(root: Path | None = None) -> Path:
    """The kit's ``notebooks/`` folder, else the default kit's."""
    base = root or content_root()
    return base / "notebooks" if (base / "notebooks").is_dir() else default_kit_root() / "notebooks"


def content_files(paths: Iterable[Path]) -> Iterator[Path]:
    """YAML files named, and those under named folders, in a stable order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file()
            )
        else:
            yield path


@dataclass
class Kit:
    """Everything loaded, by id. Built from valid files only; see ``files`` for the rest."""

    root: Path
    files: list[LoadedFile] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    indicator_caution: str = ""
    exploitation_types: dict[str, ExploitationType] = field(default_factory=dict)
    duties: dict[str, Duty] = field(default_factory=dict)
    agencies: dict[str, Agency] = field(default_factory=dict)
    actions: dict[str, Action] = field(default_factory=dict)
    statistics: list[Statistic] = field(default_factory=list)
    local_contacts: LocalContactsFile | None = None
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    exercises: dict[str, Exercise] = field(default_factory=dict)
    programmes: dict[str, Programme] = field(default_factory=dict)

    def activity(self, activity_id: str) -> Scenario | Exercise:
        """A scenario or exercise by id; KeyError names the id when there is none."""
        if activity_id in self.scenarios:
            return self.scenarios[activity_id]
        if activity_id in self.exercises:
            return self.exercises[activity_id]
        raise KeyError(f"no scenario or exercise with id {activity_id!r}")

    def add(self, loaded: LoadedFile) -> None:
        """Index a valid file's model (first definition of an id wins)."""
        self.files.append(loaded)
        m = loaded.model
        if m is None:
            return
        kind = loaded.kind
        if kind == "sources":
            _index(self.sources, m.sources)
        elif kind == "indicators":
            _index(self.indicators, m.indicators)
            self.indicator_caution = self.indicator_caution or m.caution
        elif kind == "exploitation_types":
            _index(self.exploitation_types, m.types)
        elif kind == "agencies":
            _index(self.duties, m.duties)
            _index(self.agencies, m.agencies)
        elif kind == "actions":
            _index(self.actions, m.actions)
        elif kind == "statistics":
            self.statistics.extend(m.rows)
        elif kind == "local_contacts":
            self.local_contacts = self.local_contacts or m
        elif kind == "scenario":
            self.scenarios.setdefault(m.id, m)
        elif kind == "exercise":
            self.exercises.setdefault(m.id, m)
        elif kind == "programme":
            self.programmes.setdefault(m.id, m)


def _index(target: dict, items: Iterable) -> None:
    for item in items:
        target.setdefault(item.id, item)


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        try:
            return str(path.resolve().relative_to(root))
        except ValueError:
            return str(path)


def load_files(paths: Iterable[Path], root: Path | None = None) -> list[LoadedFile]:
    """Load each content file under ``paths`` (files or folders)."""
    root = root or content_root()
    return [load_file(p, _display(p, root)) for p in content_files(paths)]


def load_kit(root: Path | None = None) -> Kit:
    """Load the kit's own content (problems stay on ``kit.files``; see ``validate``)."""
    root = root or content_root()
    kit = Kit(root=root)
    for loaded in load_files([root / f for f in CONTENT_FOLDERS if (root / f).is_dir()], root):
        kit.add(loaded)
    return kit
