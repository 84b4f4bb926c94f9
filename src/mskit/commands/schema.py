"""``mskit schema --out DIR``: write JSON Schema files for editors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="write JSON Schema files for editors")
    p.add_argument("--out", type=Path, default=Path("schemas"), help="folder (default: schemas)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..content.schema import write_schemas

    try:
        written = write_schemas(args.out)
    except OSError as exc:
        print(f"mskit schema: cannot write to {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0
