"""Turning text into safe HTML: content is Markdown, anything a participant typed is escaped."""

from __future__ import annotations

import html

import mistune

_markdown = mistune.create_markdown(escape=True)


def esc(text: object) -> str:
    """Escape anything for HTML (participants' answers, labels, codes)."""
    return html.escape("" if text is None else str(text), quote=True)


def markdown(text: str) -> str:
    """Kit content (Markdown) as HTML; raw HTML in it is escaped, not run."""
    return str(_markdown(text or ""))
