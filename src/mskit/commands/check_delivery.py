"""``mskit check-delivery``: what must be done, and what to check, before a session."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from . import add_kit


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check-delivery",
        help="before a session: local contacts, statistics and every item marked "
        "'check before delivery'",
        description="List what must be done and what to check before delivering a session. "
        "Exit 0 when nothing must be done, 1 when something must (or, with --strict, "
        "when anything is left to check), 2 on a usage error.",
    )
    p.add_argument("--contacts", type=Path, default=None, metavar="FILE",
                   help="the borough's local contacts file "
                   "(default: the kit's catalogue/local-contacts.yaml)")  # fmt: skip
    p.add_argument("--today", default=None, metavar="YYYY-MM-DD",
                   help="check as if today were this date (default: today)")  # fmt: skip
    p.add_argument("--strict", action="store_true",
                   help="exit 1 when anything is left to check, not only 'must' items")  # fmt: skip
    p.add_argument("--json", action="store_true", help="print the findings as JSON")
    add_kit(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..delivery import check_delivery, format_text

    prog = "mskit check-delivery"
    today = None
    if args.today is not None:
        try:
            today = date.fromisoformat(args.today)
        except ValueError:
            print(f"{prog}: --today {args.today!r}: expected a date as YYYY-MM-DD", file=sys.stderr)
            return 2
    if args.contacts is not None and not args.contacts.expanduser().is_file():
        print(f"{prog}: {args.contacts}: no such file", file=sys.stderr)
        return 2
    check = check_delivery(contacts=args.contacts, today=today)
    if args.json:
        print(json.dumps(check.as_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_text(check))
    if not check.ready or (args.strict and check.should):
        return 1
    return 0
