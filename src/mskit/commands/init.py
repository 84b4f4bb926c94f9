"""``mskit init [--update] DIR``: a borough's own copy of the kit, and taking in a newer
default kit without overwriting the borough's edits."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "init",
        help="write a copy of the kit for your borough to adapt (--update: take in a newer one)",
        description="Write a copy of the default kit into DIR, with a README saying what to "
        "edit and how to check it; use it with --kit DIR or MSKIT_KIT. With --update, copy "
        "in what is new in the default kit and bring up to date the files not edited in DIR.",
    )
    p.add_argument("folder", type=Path, metavar="DIR", help="the folder for your kit")
    p.add_argument(
        "--update",
        action="store_true",
        help="take in the kit that comes with this mskit; your edits are never overwritten",
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="with --update: say what would change, change nothing",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..content.copies import KitCopyError, init_kit, update_kit

    target = args.folder.expanduser().resolve()
    if args.dry_run and not args.update:
        print("mskit init: --dry-run goes with --update", file=sys.stderr)
        return 2
    try:
        if not args.update:
            copied = init_kit(target)
            print(f"Wrote your kit to {target} ({len(copied)} files); see its README.md.")
            print(f"Check it with: mskit validate --kit {target}")
            return 0
        result = update_kit(target, dry_run=args.dry_run)
    except KitCopyError as exc:
        print(f"mskit init: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"mskit init: cannot write to {target}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    would = "Would " if args.dry_run else ""
    _list(f"{would or ''}{'copy' if would else 'Copied'} in (new in the default kit)", result.added)
    _list(f"{would}{'bring' if would else 'Brought'} up to date (not edited here)", result.updated)
    _list(
        "Edited here and changed in the default kit too: kept as they are; compare with "
        f"the new default in {result.default_root}",
        result.conflicts,
    )
    _list("Deleted here and changed in the default kit: left out", result.removed_here)
    if not result.changed:
        print(f"{target} is up to date with the default kit.")
    elif not args.dry_run:
        print(f"Check it with: mskit validate --kit {target}")
    return 0


def _list(title: str, paths: list[str]) -> None:
    if paths:
        print(f"{title}:")
        for path in paths:
            print(f"  {path}")
