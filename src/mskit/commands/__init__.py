"""One module per ``mskit`` subcommand. Each defines ``register(subparsers)``, which adds
its parser and sets ``func`` to a function taking the parsed arguments and returning the
exit code. Commands only parse, call library functions and print."""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

COMMANDS = (
    "serve",
    "present",
    "rehearse",
    "validate",
    "init",
    "schema",
    "new",
    "demo",
    "sessions",
    "export",
    "paper",
    "evaluation",
    "check_delivery",
    "elearning",
)
"""Subcommand modules, in the order ``mskit --help`` lists them."""


def modules():
    """The command modules, imported lazily so ``mskit`` starts fast."""
    return [importlib.import_module(f"{__name__}.{name}") for name in COMMANDS]


def add_kit(parser: argparse.ArgumentParser) -> None:
    """The ``--kit`` option every command that reads content takes (see ``mskit.cli``)."""
    parser.add_argument(
        "--kit",
        type=Path,
        default=None,
        metavar="DIR",
        help="a kit folder of your own, written by mskit init "
        "(default: MSKIT_KIT, else the kit that comes with mskit)",
    )


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    """The ``--data-dir`` option every command that reads or writes sessions takes."""
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="where session data is kept (default: MSKIT_DATA or your data folder)",
    )
