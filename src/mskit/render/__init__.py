"""The bottom layer for everything that becomes HTML: escaping, Markdown, and the Jinja2
environment (autoescaped) over the kit's templates in ``render/templates``, the number and
date formats (:mod:`.formats`), PDF writing (:mod:`.pdf`) and the output folder
(:mod:`.output`). Everything that makes pages imports downward from here.

``render("page/join.html.j2", code=...)`` returns safe HTML; whatever a participant typed
is escaped exactly once, by the template. Content (case studies, notes) is Markdown and
goes through the ``markdown`` filter, which escapes any raw HTML in it.
"""

from __future__ import annotations

import html
from functools import cache
from typing import Any

import jinja2
import mistune
from markupsafe import Markup

from .formats import FILTERS

__all__ = ["blocks", "esc", "markdown", "render"]

_markdown = mistune.create_markdown(escape=True)


def esc(text: object) -> str:
    """Escape anything for HTML (participants' answers, labels, codes)."""
    return html.escape("" if text is None else str(text), quote=True)


def markdown(text: str | None) -> Markup:
    """Kit content (Markdown) as HTML; raw HTML in it is escaped, not run."""
    return Markup(str(_markdown(text or "")))


def blocks(text: str | None) -> list[tuple[str, Any]]:
    """Plain text as ``("p", line)`` and ``("ul", [items])`` blocks ("- " lines are list
    items), for a template to render with the ``text_blocks`` macro."""
    out: list[tuple[str, Any]] = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith(("- ", "• ")):
            if out and out[-1][0] == "ul":
                out[-1][1].append(line[2:])
            else:
                out.append(("ul", [line[2:]]))
        else:
            out.append(("p", line))
    return out


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("mskit.render", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["markdown"] = markdown
    env.filters["blocks"] = blocks
    env.filters.update(FILTERS)
    return env


def render(template: str, /, **context: Any) -> str:
    """Render ``template`` (a path under ``render/templates``) with ``context``."""
    return environment().get_template(template).render(**context)
