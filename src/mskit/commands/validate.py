"""``mskit validate [PATH ...]``: check content files and their cross-references."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import add_kit


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check content files and their cross-references")
    p.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or folders (default: the whole kit in use)",
    )
    add_kit(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..content.checks import check_content

    missing = [p for p in args.paths if not p.exists()]
    for p in missing:
        print(f"mskit validate: {p}: no such file or folder", file=sys.stderr)
    if missing:
        return 2
    checked = check_content(args.paths or None)
    if not checked.files:
        named = ", ".join(str(p) for p in args.paths)
        print(f"mskit validate: no content files (.yaml) in {named}", file=sys.stderr)
        return 2
    problems = checked.problems
    errors = [p for p in problems if p.severity == "error"]
    for problem in problems:
        print(problem)
    print(counts_line(checked.counts()), file=sys.stderr)
    warnings = len(problems) - len(errors)
    if errors:
        print(f"{len(errors)} problem(s), {warnings} warning(s)", file=sys.stderr)
        return 1
    print(
        f"content is valid ({warnings} warning(s))" if warnings else "content is valid",
        file=sys.stderr,
    )
    return 0


def counts_line(counts: dict[str, int]) -> str:
    """``42 files checked: 8 scenarios, 10 exercises, ...``"""
    total = sum(counts.values())
    parts = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    return f"{total} file{'s' if total != 1 else ''} checked: {parts}"
