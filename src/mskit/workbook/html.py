"""Small HTML building blocks for the workbook. Everything shown is escaped here."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

CSS = """
<style>
.mskit-table { border-collapse: collapse; margin: 0.4em 0; }
.mskit-table th, .mskit-table td { border: 1px solid #bbb; padding: 0.3em 0.6em;
  text-align: left; vertical-align: top; }
.mskit-table th { background: #eef3f8; }
.mskit-box { border-left: 6px solid #1565c0; background: #f4f8fc; padding: 0.5em 1em;
  margin: 0.5em 0; }
.mskit-box.facilitator { border-color: #c2185b; background: #fdf2f7; }
.mskit-box.warning { border-color: #ef6c00; background: #fff6ec; }
.mskit-src { color: #555; font-size: 0.85em; }
.mskit-card { margin: 0.4em 0 0.8em 0; }
.mskit-card h4 { margin: 0.2em 0; }
</style>
"""


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value))


def sources(ids: Iterable[str]) -> str:
    ids = list(ids)
    return f'<span class="mskit-src">({esc(", ".join(ids))})</span>' if ids else ""


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], raw: bool = False) -> str:
    """An HTML table; cells are escaped unless ``raw`` (then they must be built here)."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{c if raw else esc(c)}</td>" for c in row) + "</tr>" for row in rows
    )
    return f'<table class="mskit-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def box(title: str, body: str, kind: str = "") -> str:
    """A highlighted box; ``body`` is HTML built by the caller from escaped parts."""
    return f'<div class="mskit-box {esc(kind)}"><strong>{esc(title)}</strong>{body}</div>'


def ul(items: Iterable[str]) -> str:
    """A bullet list of HTML items (escape them first)."""
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


class Html:
    """Displays as HTML in Jupyter and Voila; ``str()`` gives the markup (for tests)."""

    def __init__(self, body: str) -> None:
        self.body = body

    def _repr_html_(self) -> str:
        return CSS + self.body

    def __str__(self) -> str:
        return self.body
