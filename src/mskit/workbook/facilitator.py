"""Facilitator-only cells: tagged ``facilitator``, shown in JupyterLab, dropped for Voila.

Voila 0.5 ignores nbconvert's ``TagRemovePreprocessor`` settings, so the kit drops the
tagged cells in a ``VoilaConfiguration.prelaunch_hook`` before the kernel runs anything:
the cells are neither executed nor rendered, so neither their text nor their outputs
reach the participants' page.
"""

from __future__ import annotations

from typing import Any

FACILITATOR_TAG = "facilitator"
"""The cell tag that marks facilitator notes, timings and model answers."""


def is_facilitator_cell(cell: Any) -> bool:
    """True when the cell carries the ``facilitator`` tag."""
    tags = cell.get("metadata", {}).get("tags", []) or []
    return FACILITATOR_TAG in tags


def drop_facilitator_cells(notebook: Any) -> Any:
    """The notebook without its facilitator cells (changed in place and returned)."""
    notebook["cells"] = [c for c in notebook.get("cells", []) if not is_facilitator_cell(c)]
    return notebook


def prelaunch_hook(req: Any, notebook: Any, cwd: str) -> Any:
    """``VoilaConfiguration.prelaunch_hook``: drop facilitator cells before execution."""
    return drop_facilitator_cells(notebook)
