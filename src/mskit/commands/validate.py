"""``mskit validate [PATH ...]``: check content files and their cross-references."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check content files and their cross-references")
    p.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or folders (default: the kit's own content)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..content import validate

    missing = [p for p in args.paths if not p.exists()]
    for p in missing:
        print(f"mskit validate: {p}: no such file or folder", file=sys.stderr)
    if missing:
        return 2
    problems = validate(args.paths or None)
    errors = [p for p in problems if p.severity == "error"]
    for problem in problems:
        print(problem)
    warnings = len(problems) - len(errors)
    if errors:
        print(f"{len(errors)} problem(s), {warnings} warning(s)", file=sys.stderr)
        return 1
    print(
        f"content is valid ({warnings} warning(s))" if warnings else "content is valid",
        file=sys.stderr,
    )
    return 0
