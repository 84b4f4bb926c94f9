"""``mskit export SESSION``: the session report, debrief sheets and data tables."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import add_data_dir, add_kit


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="write a session's report (HTML, PDF), debrief sheets and data (CSV, XLSX)",
        description="Write a session's report and a debrief sheet per group (HTML and A4 PDF), "
        "and its answers and scores as tidy tables (CSV and XLSX, with a data dictionary).",
    )
    p.add_argument("session", metavar="SESSION", help="session id, or the start of one")
    p.add_argument(
        "--format",
        default=None,
        metavar="FORMATS",
        help="comma-separated: html,pdf,csv,xlsx (default: all)",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="DIR",
        help="folder to write into (default: DATA_DIR/exports/SESSION_ID)",
    )
    add_data_dir(p)
    add_kit(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..content import load_kit
    from ..export import (
        ExportError,
        default_out_dir,
        export_session,
        parse_formats,
        resolve_session,
    )
    from ..store import StoreError, open_store

    try:
        formats = parse_formats(args.format)
    except ExportError as exc:
        print(f"mskit export: {exc}", file=sys.stderr)
        return 2
    try:
        with open_store(args.data_dir) as store:
            session_id = resolve_session(store, args.session)
            out = args.out or default_out_dir(session_id, args.data_dir, store)
            paths = export_session(store, load_kit(), session_id, out, formats)
    except (ExportError, StoreError) as exc:
        print(f"mskit export: {exc}", file=sys.stderr)
        return 1
    for path in paths:
        print(path)
    print(f"{len(paths)} file(s) written to {out}", file=sys.stderr)
    return 0
