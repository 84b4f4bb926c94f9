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


def status_html(text: str, error: bool = False) -> str:
    """A status line that screen readers announce politely."""
    cls = "mskit-status mskit-error" if error else "mskit-status"
    return f"<p class='{cls}' role='status' aria-live='polite'>{esc(text)}</p>"
