"""The live-session notebooks (board, group page, rehearsal) execute without error."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = ["live/board/board.ipynb", "live/group/group.ipynb", "rehearse/rehearse.ipynb"]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_live_notebook_executes(name, kit_root, tmp_path, monkeypatch):
    """The notebook runs in a kernel with a fresh data folder and shows a widget."""
    monkeypatch.setenv("MSKIT_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("QUERY_STRING", "code=NOSUCHCODE")
    path = kit_root / "notebooks" / name
    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()  # the kernel inherits MSKIT_DATA and QUERY_STRING from this process
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)
