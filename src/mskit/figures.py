"""Matplotlib figures as inline PNG images: pages and reports never fetch anything."""

from __future__ import annotations

import base64
import html
import io
from typing import Any

FULL_WIDTH = "max-width:100%;height:auto"


def figure_png(fig: Any, dpi: float | None = None) -> bytes:
    """The figure as PNG bytes (``dpi`` None: the figure's own)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", **({"dpi": dpi} if dpi is not None else {}))
    return buf.getvalue()


def figure_img(fig: Any, alt: str, dpi: float | None = None, style: str | None = FULL_WIDTH) -> str:
    """An ``<img>`` holding the figure as a data URL, with escaped alt text."""
    data = base64.b64encode(figure_png(fig, dpi)).decode("ascii")
    css = f' style="{style}"' if style else ""
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}"{css}/>'
