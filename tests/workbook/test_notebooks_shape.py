"""The workbook notebooks: where the programmes say, thin, clean, tagged and sourced."""

from __future__ import annotations

import ast
import re

import pytest

from mskit.content import load_kit
from mskit.tools.clean_notebooks import notebook_problems
from mskit.workbook.facilitator import FACILITATOR_TAG, is_facilitator_cell

from .conftest import NOTEBOOK_DIR, NOTEBOOKS, read

KIT = load_kit()
SLIDE_TYPES = {"slide", "subslide", "fragment", "-", "skip", "notes"}


@pytest.mark.parametrize("programme", ["awareness-session", "train-the-trainer"])
def test_every_programme_notebook_exists(programme):
    """Each notebook a programme names exists, and is one of the tested notebooks."""
    named = [nb for item in KIT.programmes[programme].items for nb in item.notebooks]
    assert named
    for path in named:
        assert (NOTEBOOK_DIR.parent / path).is_file(), path
        assert path.removeprefix("notebooks/") in NOTEBOOKS


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_is_stored_without_outputs(name):
    """No outputs, execution counts or widget state are stored."""
    assert notebook_problems(NOTEBOOK_DIR / name) == []


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_code_cells_are_thin_calls_into_mskit(name):
    """Code cells hold at most two statements, only imports from mskit and calls: no
    definitions, loops, branches or assignments in the notebook."""
    for cell in read(name).cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        assert 1 <= len(tree.body) <= 2, cell.source
        for node in tree.body:
            if isinstance(node, ast.ImportFrom):
                assert node.module == "mskit" or node.module.startswith("mskit."), cell.source
            else:
                assert isinstance(node, ast.Expr) and isinstance(node.value, ast.Call), cell.source


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_cells_have_slide_types_and_facilitator_cells_are_tagged(name):
    """Every cell has a reveal slide type; there are slides, and facilitator cells exist,
    carry the tag and are speaker notes."""
    cells = read(name).cells
    types = [c.metadata.get("slideshow", {}).get("slide_type") for c in cells]
    assert set(types) <= SLIDE_TYPES and None not in types
    assert "slide" in types
    tagged = [c for c in cells if is_facilitator_cell(c)]
    assert tagged
    for c in tagged:
        assert FACILITATOR_TAG in c.metadata["tags"]
        assert c.metadata["slideshow"]["slide_type"] == "notes"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_source_ids_in_notebooks_exist(name):
    """Every source id quoted in a notebook's text is in catalogue/sources.yaml."""
    text = " ".join(c.source for c in read(name).cells)
    for sid in re.findall(r"\bS\d{1,3}\b", text):
        assert sid in KIT.sources, f"{name}: unknown source {sid}"


def test_facilitator_notes_mark_unverified_facts():
    """Where a notebook mentions unverified material, it says to check it before delivery."""
    for name in NOTEBOOKS:
        for cell in read(name).cells:
            if "not verified" in cell.source:
                assert "check before delivery" in cell.source.lower(), (name, cell.source[:80])
