"""``mskit present NOTEBOOK [--port N] [--no-browser]``: show a notebook as slides in Voila.

Facilitator-only cells (tag ``facilitator``) are dropped before the notebook runs; the
server listens on 127.0.0.1 only. See :mod:`mskit.workbook.present`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import add_kit


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "present",
        help="present a workbook notebook as slides (Voila, facilitator notes hidden)",
    )
    p.add_argument("notebook", type=Path, metavar="NOTEBOOK", help="the .ipynb to present")
    p.add_argument("--port", type=int, default=8866, help="port on 127.0.0.1 (default 8866)")
    p.add_argument("--no-browser", action="store_true", help="do not open a browser window")
    add_kit(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..workbook.present import run_server, voila_command

    nb = args.notebook
    if not nb.is_file() or nb.suffix != ".ipynb":
        print(f"mskit present: {nb}: not a notebook (.ipynb) file", file=sys.stderr)
        return 2
    if not 0 < args.port < 65536:
        print(f"mskit present: --port {args.port}: expected 1-65535", file=sys.stderr)
        return 2
    cmd = voila_command(nb.resolve(), args.port, open_browser=not args.no_browser)
    print(f"Presenting {nb} at {cmd.url} (Ctrl+C to stop)", file=sys.stderr)
    return run_server(cmd.argv, cmd.env)
