"""Page styles: readable on a phone and on a projector, high contrast, visible focus."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import ipywidgets as w

_STATIC = Path(__file__).parent / "static"


@cache
def page_css() -> str:
    """The kit's page stylesheet (``static/page.css``)."""
    return (_STATIC / "page.css").read_text(encoding="utf-8")


def style_widget() -> w.HTML:
    """An HTML widget carrying the kit's CSS; display it once on each page."""
    return w.HTML(f"<style>{page_css()}</style>", layout=w.Layout(display="none"))
