"""Page styles: readable on a phone and on a projector, high contrast, visible focus."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import ipywidgets as w

_STATIC = Path(__file__).parent / "static"


@cache
def page_css(*sheets: str) -> str:
    """The kit's page stylesheet (``static/page.css``) followed by ``static/<sheet>.css``
    for each extra sheet (``"board"`` for the board and the projector)."""
    return "\n".join(
        (_STATIC / f"{name}.css").read_text(encoding="utf-8") for name in ("page", *sheets)
    )


def style_widget(*sheets: str) -> w.HTML:
    """An HTML widget carrying the kit's CSS; display it once on each page."""
    return w.HTML(f"<style>{page_css(*sheets)}</style>", layout=w.Layout(display="none"))
