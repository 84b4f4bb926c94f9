"""``mskit rehearse [--no-browser]``: open JupyterLab on the kit's notebooks (127.0.0.1).

In JupyterLab the facilitator notes, timings and model answers show, so trainers can
rehearse the session; ``mskit present`` shows the same notebooks without them.
"""

from __future__ import annotations

import argparse
import os
import sys

from . import add_kit


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rehearse", help="open JupyterLab on the kit's notebooks to rehearse")
    p.add_argument("--port", type=int, default=8888, help="port on 127.0.0.1 (default 8888)")
    p.add_argument("--no-browser", action="store_true", help="do not open a browser window")
    add_kit(p)
    p.set_defaults(func=run)


def command(port: int, open_browser: bool) -> list[str]:
    """The JupyterLab command line serving the kit's notebooks on 127.0.0.1."""
    from ..content.kit import kit_notebooks

    notebooks = kit_notebooks()
    root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    return [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={notebooks}",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={int(port)}",
        f"--ServerApp.open_browser={bool(open_browser)}",
        # saved without outputs, as they are kept: rehearsing leaves the notebooks unchanged
        "--ContentsManager.pre_save_hook=mskit.tools.clean_notebooks.pre_save_hook",
        *root,
    ]


def run(args: argparse.Namespace) -> int:
    from ..content.kit import kit_notebooks

    if not kit_notebooks().is_dir():
        print(f"mskit rehearse: no notebooks folder in {kit_notebooks()}", file=sys.stderr)
        return 2
    from ..workbook.present import run_server

    return run_server(command(args.port, not args.no_browser))
