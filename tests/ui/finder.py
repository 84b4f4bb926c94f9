"""Find widgets by their CSS class (their role on the page), never by position."""

from __future__ import annotations

from collections.abc import Iterator

import ipywidgets as w


def walk(root: w.Widget) -> Iterator[w.Widget]:
    yield root
    for child in getattr(root, "children", ()) or ():
        yield from walk(child)


def find_all(root: w.Widget, css_class: str) -> list[w.Widget]:
    """Every widget under ``root`` (itself included) carrying ``css_class``."""
    return [x for x in walk(root) if css_class in getattr(x, "_dom_classes", ())]


def find(root: w.Widget, css_class: str) -> w.Widget:
    """The one widget under ``root`` carrying ``css_class``."""
    found = find_all(root, css_class)
    assert len(found) == 1, f"{len(found)} widgets with class {css_class!r}"
    return found[0]


def html_text(root: w.Widget) -> str:
    """All HTML shown under ``root``, joined."""
    return " ".join(x.value for x in walk(root) if isinstance(x, w.HTML))


def visible_text(root: w.Widget) -> str:
    """What a person reads under ``root``: the HTML's text, without tags or attributes."""
    import html
    import re

    text = re.sub(r"<(style|script)\b.*?</\1>", " ", html_text(root), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))
