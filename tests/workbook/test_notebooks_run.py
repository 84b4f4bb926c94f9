"""Every workbook notebook runs cleanly in a kernel, and renders in Voila without the
facilitator-only cells."""

from __future__ import annotations

import re

import pytest

from mskit.workbook.facilitator import is_facilitator_cell

from .conftest import (
    NOTEBOOKS,
    facilitator_cells,
    page_text,
    plain,
    read,
    snippets,
    voila_outputs,
)

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_executes_cleanly(executed, name):
    """The notebook runs top to bottom (facilitator cells included) with no error output."""
    nb = executed[name]
    assert not isinstance(nb, Exception), f"{name} failed: {nb}"
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            assert out.get("output_type") != "error", f"{name} cell {i}: {out.get('evalue')}"
            assert out.get("name") != "stderr", f"{name} cell {i}: {out.get('text')}"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_renders_in_voila_without_error(rendered, name):
    """Voila (the mskit present configuration) renders the page, and no cell failed."""
    status, page = rendered[name]
    assert status == 200
    assert "There was an error when executing cell" not in page
    assert "An exception occurred at the server" not in page
    for out in voila_outputs(page):
        assert out.get("output_type") != "error", out
        assert out.get("name") != "stderr", out


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_render_shows_participant_text(rendered, name):
    """The rendered page holds the notebook's participant text (so absence checks mean
    something): the first heading of the notebook."""
    nb = read(name)
    heading = next(
        c.source.splitlines()[0].lstrip("# ").strip()
        for c in nb.cells
        if c.cell_type == "markdown" and c.source.startswith("#")
    )
    assert heading in page_text(rendered[name][1])


def _participant_text(run_nb) -> str:
    """Everything in the notebook that participants are meant to see (untagged cells)."""
    parts = []
    for cell in run_nb.cells:
        if is_facilitator_cell(cell):
            continue
        parts.append(cell.source if cell.cell_type == "markdown" else "")
        for out in cell.get("outputs", []):
            parts.append(out.get("data", {}).get("text/html", ""))
    return plain(re.sub(r"[*_`#|]", " ", " ".join(parts)))


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_render_holds_no_facilitator_text(rendered, executed, name):
    """Text found only in facilitator-tagged cells (their Markdown as stored in the file, or
    the output they produce when run in JupyterLab) is absent from the Voila render."""
    page = page_text(rendered[name][1])
    tagged = facilitator_cells(read(name))
    assert tagged, f"{name} has no facilitator cell"
    run_nb = executed[name]
    shared = _participant_text(run_nb)
    by_id = {c.get("id"): c for c in run_nb.cells}
    for cell in tagged:
        if cell.cell_type == "markdown":
            stored = plain(re.sub(r"[*_`#|]", " ", cell.source))  # the cell in the file
            texts = snippets(cell.source)
            assert texts and all(t in stored for t in texts)
        else:
            outputs = by_id[cell.get("id")].get("outputs", [])
            texts = snippets(" ".join(o.get("data", {}).get("text/html", "") for o in outputs))
        own = [t for t in texts if t not in shared]
        assert own, f"no facilitator-only text to check in {cell.source[:60]!r}"
        for text in own[:5]:
            assert text not in page, f"facilitator text shown in the render: {text!r}"
