"""Session files: a session exported from a facilitator's laptop, and combining them.

A session file is the JSON of ``store.export_session`` (format ``mskit.session-export``).
Combining files never counts a session twice: sessions are kept apart by their id, so
the same file imported twice, or two exports of the same session, count once (the most
recent export wins when the same session comes in twice in one batch).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..store import ImportFormatError, StoreError

__all__ = [
    "CombineResult",
    "SessionFileError",
    "combine_session_files",
    "dedupe_snapshots",
    "export_session_file",
    "read_session_file",
]


class SessionFileError(StoreError):
    """A session file cannot be read."""


def export_session_file(store: Any, session_id: str, path: str | os.PathLike[str]) -> Path:
    """Write the session (everything, including evaluation and the facilitator log, so
    follow-up actions travel with it) to ``path`` as JSON; the path written."""
    data = store.export_session(session_id)
    out = Path(path).expanduser()
    if out.is_dir():
        out = out / f"session-{session_id}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(out)
    return out


def read_session_file(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The session export in ``path``; raises :class:`SessionFileError` with a plain message."""
    p = Path(path).expanduser()
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SessionFileError(f"{p}: cannot be read ({exc.strerror or exc}).") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SessionFileError(f"{p}: not a session file (not JSON: {exc}).") from None
    if not isinstance(data, dict) or data.get("format") != "mskit.session-export":
        raise SessionFileError(f"{p}: not an mskit session export.")
    session = data.get("session")
    if not isinstance(session, dict) or not isinstance(session.get("id"), str):
        raise SessionFileError(f"{p}: the session export has no session id.")
    return data


def dedupe_snapshots(snapshots: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """One snapshot per session id (the latest ``exported_at`` wins) in first-seen order,
    and how many were dropped as repeats."""
    best: dict[str, dict[str, Any]] = {}
    for snap in snapshots:
        sid = snap["session"]["id"]
        old = best.get(sid)
        if old is None or str(snap.get("exported_at", "")) > str(old.get("exported_at", "")):
            best[sid] = snap
    return list(best.values()), len(snapshots) - len(best)


@dataclass
class CombineResult:
    """What :func:`combine_session_files` did."""

    imported: list[str] = field(default_factory=list)
    already_present: list[str] = field(default_factory=list)
    repeated_in_batch: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def session_ids(self) -> list[str]:
        return [*self.imported, *self.already_present]

    def summary(self) -> str:
        bits = [f"{len(self.imported)} session(s) imported"]
        if self.already_present:
            bits.append(f"{len(self.already_present)} already in the store (not counted twice)")
        if self.repeated_in_batch:
            bits.append(f"{self.repeated_in_batch} repeated file(s) skipped")
        if self.problems:
            bits.append(f"{len(self.problems)} file(s) could not be read")
        return "; ".join(bits) + "."


def combine_session_files(
    store: Any, paths: list[str | os.PathLike[str]], replace: bool = False
) -> CombineResult:
    """Import session files into ``store`` (the programme's store), each session once.

    A session already in the store is left as it is (``replace=True`` swaps in the file's
    copy). Unreadable files are listed in ``problems``; the others are still imported.
    """
    result = CombineResult()
    snaps = []
    for path in paths:
        try:
            snaps.append(read_session_file(path))
        except SessionFileError as exc:
            result.problems.append(str(exc))
    unique, result.repeated_in_batch = dedupe_snapshots(snaps)
    existing = {s.id for s in store.list_sessions()}
    for snap in unique:
        sid = snap["session"]["id"]
        if sid in existing and not replace:
            result.already_present.append(sid)
            continue
        try:
            store.import_session(snap, replace=replace)
        except ImportFormatError as exc:
            result.problems.append(f"session {sid}: {exc}")
            continue
        result.imported.append(sid)
    return result
