"""The layout checks themselves find what a person would see wrong (so a clean result on
the kit's pages means something)."""

from __future__ import annotations

import pytest

from .layout import layout_problems

pytestmark = pytest.mark.browser

BAD = """<!doctype html><html><body style="margin:0;font:16px sans-serif">
<div style="height:20px;line-height:20px">A long option text that wraps onto a second
line and is drawn over the next option on a narrow phone screen</div>
<div style="height:20px;line-height:20px">The next option</div>
<button style="width:16px;height:16px;padding:0">x</button>
<button style="width:60px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis">Submit our answers</button>
<div style="width:900px">A wide table row</div>
</body></html>"""

GOOD = """<!doctype html><html><body style="margin:0;font:16px sans-serif">
<p>A paragraph that wraps as it should on a narrow screen, with <a href="#">a link</a> in it.</p>
<button style="min-height:44px;min-width:44px">Submit our answers</button>
<label style="display:flex;min-height:44px"><input type="checkbox"> An option</label>
</body></html>"""


def test_checker_finds_overlap_small_targets_clipping_and_sideways_scroll(browser):
    """A page with each fault gets a problem for each."""
    page = browser.new_context(viewport={"width": 320, "height": 600}).new_page()
    page.set_content(BAD)
    problems = "\n".join(layout_problems(page))
    assert "text overlaps" in problems
    assert "target under 24×24 px (16×16)" in problems
    assert "text cut off" in problems and "Submit our" in problems
    assert "scrolls sideways" in problems


def test_checker_finds_text_hidden_off_the_side(browser):
    """Text pushed past the window's edge is found even when the page hides the scrollbar."""
    page = browser.new_context(viewport={"width": 320, "height": 600}).new_page()
    page.set_content(
        '<body style="margin:0;overflow-x:hidden"><p style="white-space:nowrap">Show join '
        "codes large on the projector for every table</p></body>"
    )
    assert any("text outside the window" in p for p in layout_problems(page))


def test_checker_passes_a_page_that_reads_well(browser):
    """A plain page that wraps its text and has large targets has no problem."""
    page = browser.new_context(viewport={"width": 320, "height": 600}).new_page()
    page.set_content(GOOD)
    assert layout_problems(page) == []
