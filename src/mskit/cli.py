"""The ``mskit`` command: a thin shell over library calls.

Exit codes: 0 done / content clean, 1 problems found, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__


def _validate(args: argparse.Namespace) -> int:
    from .content import validate

    missing = [p for p in args.paths if not p.exists()]
    if missing:
        for p in missing:
            print(f"mskit validate: {p}: no such file or folder", file=sys.stderr)
        return 2
    problems = validate(args.paths or None)
    errors = [p for p in problems if p.severity == "error"]
    for problem in problems:
        print(problem)
    if errors:
        warnings = len(problems) - len(errors)
        print(f"{len(errors)} problem(s), {warnings} warning(s)", file=sys.stderr)
        return 1
    print(
        f"content is valid ({len(problems)} warning(s))" if problems else "content is valid",
        file=sys.stderr,
    )
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .content.schema import write_schemas

    try:
        written = write_schemas(args.out)
    except OSError as exc:
        print(f"mskit schema: cannot write to {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


def _new(args: argparse.Namespace) -> int:
    from .content.base import _ID_RE
    from .content.kit import content_root
    from .content.templates import FOLDERS, write_template

    if not _ID_RE.match(args.name):
        print(
            f"mskit new: {args.name!r} is not a valid id: use lower-case letters, digits, "
            "'-' or '_', starting with a letter or digit",
            file=sys.stderr,
        )
        return 2
    folder = args.out or content_root() / FOLDERS[args.kind]
    try:
        path = write_template(args.kind, args.name, folder)
    except FileExistsError:
        print(
            f"mskit new: {folder / (args.name + '.yaml')} exists already; not overwritten",
            file=sys.stderr,
        )
        return 1
    except OSError as exc:
        print(f"mskit new: cannot write to {folder}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(path)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mskit",
        description="Trainer workbook and live exercise kit for the Human Trafficking and "
        "Modern Slavery multi-agency awareness course.",
    )
    parser.add_argument("--version", action="version", version=f"mskit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("validate", help="check content files and their cross-references")
    p.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or folders (default: the kit's own content)",
    )
    p.set_defaults(func=_validate)

    p = sub.add_parser("schema", help="write JSON Schema files for editors")
    p.add_argument("--out", type=Path, default=Path("schemas"), help="folder (default: schemas)")
    p.set_defaults(func=_schema)

    p = sub.add_parser("new", help="write a commented template that validates")
    p.add_argument("kind", choices=["scenario", "exercise"])
    p.add_argument("name", help="the new id, e.g. hostel-labour")
    p.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder (default: the kit's scenarios/ or exercises/)",
    )
    p.set_defaults(func=_new)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
