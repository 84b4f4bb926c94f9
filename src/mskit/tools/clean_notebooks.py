"""Keep notebooks without outputs: ``--check`` lists offenders, otherwise strips them.

    python -m mskit.tools.clean_notebooks [--check] [NOTEBOOK ...]

With no notebooks named, every ``*.ipynb`` under the kit's ``notebooks/`` is looked at.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path


def notebook_problems(path: Path) -> list[str]:
    """What stops ``path`` from being a clean notebook (outputs, counts, bad JSON)."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [f"{path}: not a readable notebook ({exc})"]
    found = []
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("outputs"):
            found.append(f"{path}: cell {i} has outputs")
        if cell.get("execution_count") is not None:
            found.append(f"{path}: cell {i} has an execution count")
    if nb.get("metadata", {}).get("widgets"):
        found.append(f"{path}: notebook metadata holds widget state")
    return found


def clean(nb: dict) -> dict:
    """``nb`` (notebook JSON) without outputs, execution counts or widget state, and with the
    kernel's language details cut back to the language's name, as notebooks are stored."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    meta = nb.get("metadata", {})
    meta.pop("widgets", None)
    info = meta.get("language_info")
    if isinstance(info, dict) and "name" in info:
        meta["language_info"] = {"name": info["name"]}
    return nb


def pre_save_hook(model: dict, **_kwargs: object) -> None:
    """Jupyter's ContentsManager.pre_save_hook: notebooks are saved clean, so rehearsing
    in JupyterLab (``mskit rehearse``) leaves the kit's notebooks as they were."""
    if model.get("type") == "notebook" and isinstance(model.get("content"), dict):
        clean(model["content"])


def strip(path: Path) -> bool:
    """Remove outputs, execution counts and widget state; True when the file changed."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    before = json.dumps(nb, sort_keys=True)
    clean(nb)
    if json.dumps(nb, sort_keys=True) == before:
        return False
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return True


def _notebooks(paths: Iterable[Path]) -> list[Path]:
    out = []
    for p in paths:
        out.extend(sorted(p.rglob("*.ipynb")) if p.is_dir() else [p])
    return [p for p in out if ".ipynb_checkpoints" not in p.parts]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mskit.tools.clean_notebooks")
    parser.add_argument("--check", action="store_true", help="report, change nothing")
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args(argv)
    if not args.paths:
        from ..content.kit import kit_notebooks

        args.paths = [kit_notebooks()]
    notebooks = _notebooks(args.paths)
    if args.check:
        problems = [p for nb in notebooks for p in notebook_problems(nb)]
        for line in problems:
            print(line)
        return 1 if problems else 0
    for nb in notebooks:
        if strip(nb):
            print(f"stripped {nb}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
