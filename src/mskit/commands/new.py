"""``mskit new scenario|exercise NAME``: write a commented template that validates."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import add_kit


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help="write a commented template that validates")
    p.add_argument("kind", choices=["scenario", "exercise"])
    p.add_argument("name", help="the new id, e.g. hostel-labour")
    p.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder (default: the kit's scenarios/ or exercises/)",
    )
    add_kit(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..content.base import _ID_RE
    from ..content.kit import content_root, is_installed_default
    from ..content.templates import FOLDERS, write_template

    if not _ID_RE.match(args.name):
        print(
            f"mskit new: {args.name!r} is not a valid id: use lower-case letters, digits, "
            "'-' or '_', starting with a letter or digit",
            file=sys.stderr,
        )
        return 2
    if args.out is None and is_installed_default(content_root()):
        print(
            "mskit new: the kit that comes with mskit is not for editing; make your own "
            "with mskit init DIR and add --kit DIR, or name a folder with --out",
            file=sys.stderr,
        )
        return 2
    folder = args.out or content_root() / FOLDERS[args.kind]
    target = folder / f"{args.name}.yaml"
    try:
        path = write_template(args.kind, args.name, folder)
    except FileExistsError:
        print(f"mskit new: {target} exists already; not overwritten", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"mskit new: cannot write to {folder}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(path)
    return 0
