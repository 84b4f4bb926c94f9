"""``mskit sessions``: list the sessions in the results store, newest first."""

from __future__ import annotations

import argparse
import sys

from . import add_data_dir

COLUMNS = ("id", "date", "name", "venue", "borough", "programme", "groups")
WIDEST = 40
"""Longer names, venues and boroughs are cut to this many characters (ids never are)."""


_HOW = "Create one on the board, or try `mskit demo`."


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sessions",
        help="list the sessions in the results store, newest first",
        description="List the sessions in the results store, newest first: id, date, name, "
        "venue, borough, programme and number of groups.",
    )
    add_data_dir(p)
    p.set_defaults(func=run)


def _cell(value: object, cut: bool = True) -> str:
    """Printable on one line: control characters become spaces; long text is cut."""
    text = "".join(
        ch if ch.isprintable() else " " for ch in str(value if value is not None else "")
    )
    if cut and len(text) > WIDEST:
        text = text[: WIDEST - 1] + "…"
    return text


def session_rows(store) -> list[tuple[str, ...]]:
    """One row of text cells per session, newest first (the columns of :data:`COLUMNS`)."""
    rows = []
    for s in store.list_sessions():
        rows.append(
            (
                _cell(s.id, cut=False),
                _cell(s.date or ""),
                _cell(s.name),
                _cell(s.venue),
                _cell(s.borough),
                _cell(s.programme_id),
                str(len(store.list_groups(s.id))),
            )
        )
    return rows


def format_table(rows: list[tuple[str, ...]]) -> str:
    """Rows under a header, columns padded to line up (the group count right-aligned)."""
    table = [COLUMNS, *rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(COLUMNS))]
    lines = []
    for r in table:
        cells = [c.ljust(w) for c, w in zip(r[:-1], widths[:-1], strict=True)]
        cells.append(r[-1].rjust(widths[-1]))
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from ..store import StoreError, open_store
    from ..store.location import missing_sqlite_file

    missing = missing_sqlite_file(args.data_dir)
    if missing is not None:  # reading never creates a store
        print(f"No sessions yet in SQLite file {missing}. {_HOW}")
        return 0
    try:
        with open_store(args.data_dir) as store:
            rows = session_rows(store)
            where = store.location
    except StoreError as exc:
        print(f"mskit sessions: {exc}", file=sys.stderr)
        return 1
    if not rows:
        print(f"No sessions yet in {where}. {_HOW}")
        return 0
    print(format_table(rows))
    print(f"{len(rows)} session(s) in {where}", file=sys.stderr)
    return 0
