"""What the facilitator is told about strangers: wrong join codes typed on group pages and
requests the servers refused (a foreign Host, no token, a template or theme choice)."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from ..store import Store, StoreError

JOIN_FAILED_EVENT = "join_failed"
REFUSED_FILE = "refused.json"
"""Each server's count of refused requests, in its run folder (``<data>/run/<name>/``)."""


def record_failed_join(store: Store, client: str) -> None:
    """Log a wrong join code against the newest session (the code itself is not kept)."""
    with contextlib.suppress(StoreError, IndexError):
        session = store.list_sessions()[0]
        store.log(session.id, JOIN_FAILED_EVENT, {"client": client})


def failed_joins(store: Store, session_id: str) -> int:
    return store.log_mark(session_id, JOIN_FAILED_EVENT)[0]


def refused_requests(data_dir: str | os.PathLike[str] | None) -> int:
    """Requests refused by this run's servers so far (0 when nothing is known)."""
    if not data_dir:
        return 0
    total = 0
    for path in Path(data_dir, "run").glob(f"*/{REFUSED_FILE}"):
        with contextlib.suppress(OSError, ValueError, TypeError):
            total += int(json.loads(path.read_text(encoding="utf-8"))["refused"])
    return total
