"""A borough's own kit: a copy of the default kit (``mskit init DIR``), and taking in a
newer default kit without overwriting the borough's edits (``mskit init --update DIR``).

The copy holds ``.mskit-kit.json``: the mskit version it was made from and a hash of each
file as it was copied, so that an update can tell the borough's edits from the default
kit's changes.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from string import Template

from .. import __version__
from .kit import KIT_FOLDERS, default_kit_root, is_kit

MANIFEST = ".mskit-kit.json"
README = "README.md"
_SKIP_PARTS = {".ipynb_checkpoints", "__pycache__"}


class KitCopyError(Exception):
    """The copy cannot be made or updated; the message says why and what to do."""


def kit_files(root: Path) -> dict[str, str]:
    """Every file of the kit under ``root`` (its folders only), by relative path: sha256."""
    found = {}
    for folder in KIT_FOLDERS:
        base = root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.is_file() and not _SKIP_PARTS.intersection(path.parts):
                found[path.relative_to(root).as_posix()] = _hash(path)
    return found


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _copy(source: Path, target: Path, rel: str) -> None:
    (target / rel).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source / rel, target / rel)


def _write_manifest(target: Path, hashes: dict[str, str]) -> None:
    data = {"mskit_version": __version__, "files": dict(sorted(hashes.items()))}
    (target / MANIFEST).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def read_manifest(target: Path) -> dict[str, str]:
    """The hashes recorded when the copy was made or last updated ({} when there are none)."""
    try:
        data = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise KitCopyError(f"{target / MANIFEST}: not readable ({exc}); restore it") from None
    hashes = data.get("files") if isinstance(data, dict) else None
    return (
        {k: v for k, v in hashes.items() if isinstance(v, str)} if isinstance(hashes, dict) else {}
    )


def readme_text(target: Path) -> str:
    """The copy's README: what to edit, how to check it, how to take in a newer kit."""
    text = files("mskit").joinpath("templates", "kit-README.md").read_text(encoding="utf-8")
    return Template(text).safe_substitute(
        name=target.name or "kit", folder=str(target), version=__version__
    )


def init_kit(target: Path, source: Path | None = None) -> list[str]:
    """Copy the default kit (or ``source``) into the new or empty folder ``target``, with a
    README and the manifest; the files copied, by relative path."""
    source = source or default_kit_root()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        hint = " (to take in a newer default kit: mskit init --update)" if is_kit(target) else ""
        raise KitCopyError(f"{target} exists and is not empty; name a new folder{hint}")
    hashes = kit_files(source)
    target.mkdir(parents=True, exist_ok=True)
    for rel in hashes:
        _copy(source, target, rel)
    (target / README).write_text(readme_text(target), encoding="utf-8")
    _write_manifest(target, hashes)
    return list(hashes)


@dataclass
class KitUpdate:
    """What ``update_kit`` did (or, on a dry run, would do), by relative path."""

    added: list[str] = field(default_factory=list)
    """New in the default kit: copied in."""
    updated: list[str] = field(default_factory=list)
    """Not edited here and changed in the default kit: brought up to date."""
    conflicts: list[str] = field(default_factory=list)
    """Edited here and changed in the default kit too: left as they are."""
    removed_here: list[str] = field(default_factory=list)
    """Deleted from this copy and changed in the default kit: left out."""
    default_root: Path = field(default_factory=default_kit_root)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.conflicts or self.removed_here)


def update_kit(target: Path, source: Path | None = None, dry_run: bool = False) -> KitUpdate:
    """Take a newer default kit (or ``source``) into the copy ``target``: copy new files,
    update files not edited here, and name those edited here that changed in the default."""
    source = source or default_kit_root()
    if not is_kit(target):
        raise KitCopyError(f"{target}: no kit here to update; write one with: mskit init DIR")
    recorded = read_manifest(target)
    mine = kit_files(target)
    result = KitUpdate(default_root=source)
    hashes = dict(recorded)
    for rel, new in kit_files(source).items():
        old, here = recorded.get(rel), mine.get(rel)
        if here is None:
            if old is None:
                result.added.append(rel)
                hashes[rel] = new
            elif old != new:
                result.removed_here.append(rel)
            continue
        if here == new:
            hashes[rel] = new
        elif old == new:
            continue  # edited here; the default has not changed since
        elif here == old:
            result.updated.append(rel)
            hashes[rel] = new
        else:
            result.conflicts.append(rel)
    if not dry_run:
        for rel in (*result.added, *result.updated):
            _copy(source, target, rel)
        _write_manifest(target, hashes)
    return result
