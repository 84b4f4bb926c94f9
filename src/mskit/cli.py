"""The ``mskit`` command: a thin shell over library calls (see ``mskit.commands``).

Exit codes: 0 done / content clean, 1 problems found, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .commands import modules


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mskit",
        description="Trainer workbook and live exercise kit for the Human Trafficking and "
        "Modern Slavery multi-agency awareness course.",
    )
    parser.add_argument("--version", action="version", version=f"mskit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for module in modules():
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        if not hasattr(args, "kit"):  # the command reads no content
            return args.func(args)
        from .content.kit import using_kit

        root = kit_in_use(args)
        if root is None:
            return 2
        with using_kit(root if args.kit else None):
            return args.func(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def kit_in_use(args: argparse.Namespace) -> Path | None:
    """The kit a command reads (``--kit``, else ``MSKIT_KIT``, else the default kit); None,
    after saying what was expected, when that folder holds no kit."""
    from .content.kit import NoKitError, check_kit, content_root, kit_from_env

    if args.kit:
        root, named = args.kit.expanduser().resolve(), f"--kit {args.kit}"
    else:
        env = kit_from_env()
        root, named = content_root(), (f"{env[0]}={env[1]}" if env else "")
    try:
        return check_kit(root)
    except NoKitError as exc:
        where = f" ({named})" if named else ""
        print(f"mskit {args.command}{where}: {exc}", file=sys.stderr)
        return None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
