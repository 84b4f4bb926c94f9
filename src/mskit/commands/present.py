"""``mskit present NOTEBOOK [--port N] [--no-browser]``: show a notebook as slides in Voila.

Facilitator-only cells (tag ``facilitator``) are dropped before the notebook runs; the
server listens on 127.0.0.1 only. See :mod:`mskit.workbook.present`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import add_kit

PRESENT_PORT = 8870
"""Where ``mskit present`` looks for a free port first: clear of the board (8866) and the
group page (8867), so slides can be shown while a session runs."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "present",
        help="present a workbook notebook as slides (Voila, facilitator notes hidden)",
    )
    p.add_argument("notebook", type=Path, metavar="NOTEBOOK",
                   help="the .ipynb to present: a file, or one of the kit's notebooks such "
                   "as workbook/01-welcome.ipynb")  # fmt: skip
    p.add_argument("--port", type=int, default=None,
                   help=f"port on 127.0.0.1 (default: {PRESENT_PORT}, or the next free one; "
                   "the board uses 8866)")  # fmt: skip
    p.add_argument("--no-browser", action="store_true", help="do not open a browser window")
    add_kit(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..content.kit import kit_notebook
    from ..serve.launcher import port_free
    from ..workbook.present import HOST, first_free_port, run_server, voila_command

    nb = args.notebook
    if not nb.is_file() and not nb.is_absolute():
        nb = kit_notebook(nb.as_posix().removeprefix("notebooks/"))
    if not nb.is_file() or nb.suffix != ".ipynb":
        print(f"mskit present: {args.notebook}: not a notebook (.ipynb) file", file=sys.stderr)
        return 2
    if args.port is not None and not 0 < args.port < 65536:
        print(f"mskit present: --port {args.port}: expected 1-65535", file=sys.stderr)
        return 2
    if args.port is not None and not port_free(HOST, args.port):
        print(f"mskit present: port {args.port} is in use; leave out --port to use a free one",
              file=sys.stderr)  # fmt: skip
        return 1
    port = args.port if args.port is not None else first_free_port(PRESENT_PORT)
    cmd = voila_command(nb.resolve(), port, open_browser=not args.no_browser)
    print(f"Presenting {nb} at {cmd.url} (Ctrl+C to stop)", file=sys.stderr)
    return run_server(cmd.argv, cmd.env)
