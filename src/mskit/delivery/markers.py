"""Items the content marks "check before delivery", and figures not yet verified.

A marker is any text in a content file or a notebook's Markdown that says "before
delivery" (check / complete / add ... before delivery) or "UNVERIFIED"; a statistic with
``verified: false`` is one too. Each becomes a ``should`` finding with the marked sentence,
the sources of the entry it sits in (and any source ids the text names), where it is
written and where it is used.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..content import Kit
from ..content.loader import LoadedFile
from ..content.models import Statistic
from .findings import Finding
from .usage import CATALOGUE_ENTRIES, SOURCE_FIELDS, NotebookCell, Usage, walk

MARKER = re.compile(r"before\s+(?:the\s+)?deliver(?:y|ing)|\bunverified\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(*\"'])")
_SOURCE_ID = re.compile(r"\bS[0-9]+\b")
EXCERPT_CHARS = 320


def marked_sentences(text: str) -> str:
    """The sentences of ``text`` that carry a marker, joined; "" when there is none."""
    if not MARKER.search(text):
        return ""
    flat = re.sub(r"\s+", " ", text.replace("**", "")).strip()
    picked = [s for s in _SENTENCE.split(flat) if MARKER.search(s)]
    out = " ".join(picked) or flat
    return out if len(out) <= EXCERPT_CHARS else out[: EXCERPT_CHARS - 1].rstrip() + "…"


def source_labels(kit: Kit, ids: list[str]) -> tuple[str, ...]:
    """``S17`` -> ``S17: publisher, title (year)``, each id once, in order."""
    out = []
    for sid in dict.fromkeys(ids):
        src = kit.sources.get(sid)
        year = f" ({src.year})" if src is not None and src.year else ""
        out.append(f"{sid}: {src.publisher}, {src.title}{year}" if src else sid)
    return tuple(out)


def _get(data: Any, loc: tuple) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _entry_sources(data: Any, loc: tuple) -> list[str]:
    """Source ids of the innermost entry (a mapping with an ``id``) around ``loc``."""
    for cut in range(len(loc) - 1, -1, -1):
        node = _get(data, loc[:cut])
        if not isinstance(node, dict):
            continue
        ids: list[str] = []
        for name in SOURCE_FIELDS:
            value = node.get(name)
            if isinstance(value, str):
                ids.append(value)
            elif isinstance(value, list):
                ids += [v for v in value if isinstance(v, str)]
        if ids or "id" in node:
            return ids
    return []


def _sources(f: LoadedFile, loc: tuple, marked: str) -> list[str]:
    """The ids the marked text names, else the sources of the entry it sits in (for a
    note in sources.yaml, that source itself)."""
    named = _SOURCE_ID.findall(marked)
    if named:
        return named
    if f.kind == "sources" and len(loc) >= 2 and loc[0] == "sources":
        return [f.model.sources[loc[1]].id]
    return _entry_sources(f.data, loc)


def _where(f: LoadedFile, loc: tuple) -> str:
    doc = f.document
    if doc is None:
        return f.display
    return f"{f.display}:{doc.line_of(loc)} {doc.field_path(loc)}"


def _used_in(f: LoadedFile, loc: tuple, usage: Usage) -> tuple[str, ...]:
    kind, model = f.kind, f.model
    if kind in ("scenario", "exercise"):
        return usage.activity(model.id)
    if kind == "programme":
        if len(loc) >= 2 and loc[0] == "items" and isinstance(loc[1], int):
            item = model.items[loc[1]]
            return (f"{model.id}: {item.title}", *item.notebooks)
        return (model.id,)
    if kind == "sources" and len(loc) >= 2 and loc[0] == "sources":
        return usage.source(model.sources[loc[1]].id, besides=f.display)
    if kind in CATALOGUE_ENTRIES and len(loc) >= 2 and loc[0] == CATALOGUE_ENTRIES[kind]:
        return usage.catalogue_entry(getattr(model, loc[0])[loc[1]].id)
    return ()


def file_markers(kit: Kit, files: list[LoadedFile], usage: Usage) -> Iterator[Finding]:
    """Markers in every valid content file except statistics (see :func:`figures`) and the
    contacts file (checked on its own)."""
    for f in files:
        if f.model is None or f.kind in ("statistics", "local_contacts"):
            continue
        for loc, value in walk(f.data):
            if not isinstance(value, str) or not (text := marked_sentences(value)):
                continue
            ids = _sources(f, loc, text)
            yield Finding(
                kind="marker",
                severity="should",
                text=text,
                where=_where(f, loc),
                sources=source_labels(kit, ids),
                used_in=_used_in(f, loc, usage),
            )


def _figure_text(row: Statistic) -> str:
    value = f"{row.value:g}%" if row.unit == "percent" else f"{row.value:,.0f}"
    what = row.measure.replace("_", " ")
    extra = ", ".join(x for x in (row.category, row.period, row.series.replace("_", " ")) if x)
    return f"{what} {row.year}: {value} ({extra})"


def figures(kit: Kit, files: list[LoadedFile], usage: Usage) -> Iterator[Finding]:
    """Statistics rows that are unverified or whose note says to check them."""
    for f in files:
        if f.model is None or f.kind != "statistics":
            continue
        for i, row in enumerate(f.model.rows):
            note = marked_sentences(row.note or "")
            if row.verified and not note:
                continue
            text = f"{_figure_text(row)}. {note or row.note or ''}".strip()
            if not row.verified:
                text += " (verified: false)"
            used = usage.charts(row.measure) if row.verified else ("not drawn in any chart",)
            yield Finding(
                kind="marker" if row.verified else "unverified-figure",
                severity="should",
                text=text,
                where=_where(f, ("rows", i)),
                sources=source_labels(kit, [row.source, *_SOURCE_ID.findall(row.note or "")]),
                used_in=used + usage.source(row.source, besides=f.display),
            )


def notebook_markers(kit: Kit, cells: list[NotebookCell], usage: Usage) -> Iterator[Finding]:
    """Markers in the notebooks' Markdown cells."""
    for cell in cells:
        if cell.kind != "markdown" or not (text := marked_sentences(cell.text)):
            continue
        yield Finding(
            kind="marker",
            severity="should",
            text=text,
            where=f"{cell.path}: cell {cell.number}",
            sources=source_labels(kit, _SOURCE_ID.findall(text)),
            used_in=usage.notebook(cell.path),
        )
