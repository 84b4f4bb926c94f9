"""Where each part of the kit reaches a session: programmes, notebooks and citations.

Built once per check from the loaded files' data and the notebooks' text, so a finding
can say "used in: the awareness session, Case studies" or "cited by scenarios/x.yaml".
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content import Kit
from ..content.loader import LoadedFile

CATALOGUE_ENTRIES = {
    "indicators": "indicators",
    "actions": "actions",
    "exploitation_types": "types",
    "agencies": "agencies",
}
"""Catalogue file kind -> the list holding its entries (each with an ``id``)."""

SOURCE_FIELDS = ("sources", "source", "caution_sources")
MAX_LISTED = 4
MEASURE_CHARTS = {
    "nrm_referrals": ("nrm_referrals_by_year", "course_figures_compared"),
    "nrm_referrals_children": ("adults_and_children",),
    "nrm_referrals_adults": ("adults_and_children",),
    "exploitation_type": ("exploitation_types",),
    "duty_to_notify_reports": ("duty_to_notify",),
}
"""Statistics measure -> the ``mskit.charts`` functions that draw its verified rows."""


def walk(data: Any, loc: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Every ``(loc, value)`` leaf in plain YAML data."""
    if isinstance(data, dict):
        for k, v in data.items():
            yield from walk(v, (*loc, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from walk(v, (*loc, i))
    else:
        yield loc, data


@dataclass(frozen=True)
class NotebookCell:
    path: str
    number: int
    kind: str
    text: str


def notebook_cells(root: Path) -> list[NotebookCell]:
    """The cells of every notebook under ``root/notebooks`` (unreadable ones skipped)."""
    cells = []
    for path in sorted((root / "notebooks").rglob("*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        rel = path.relative_to(root).as_posix()
        for n, cell in enumerate(nb.get("cells", []), start=1):
            src = cell.get("source", "")
            text = "".join(src) if isinstance(src, list) else str(src)
            cells.append(NotebookCell(rel, n, str(cell.get("cell_type", "")), text))
    return cells


@dataclass
class Usage:
    """Lookups from an activity, notebook, source or catalogue id to where it is used."""

    activity_items: dict[str, list[str]] = field(default_factory=dict)
    notebook_items: dict[str, list[str]] = field(default_factory=dict)
    citing: dict[str, list[str]] = field(default_factory=dict)
    activities_using: dict[str, list[str]] = field(default_factory=dict)
    chart_notebooks: dict[str, list[str]] = field(default_factory=dict)

    def activity(self, activity_id: str) -> tuple[str, ...]:
        """Programme items that run the activity, or a note that none does."""
        items = self.activity_items.get(activity_id)
        return tuple(items) if items else (f"{activity_id} (in no programme)",)

    def catalogue_entry(self, entry_id: str) -> tuple[str, ...]:
        """The activities that use a catalogue entry, with their programme items."""
        out: list[str] = []
        for a in self.activities_using.get(entry_id, []):
            out += [f"{a}: {item}" for item in self.activity_items.get(a, [])] or [a]
        return tuple(out) if out else ("no activity uses it",)

    def source(self, source_id: str, besides: str = "") -> tuple[str, ...]:
        """The files that cite a source (other than ``besides``)."""
        files = [f for f in self.citing.get(source_id, []) if f != besides]
        if not files:
            return ("cited by no other file",)
        more = f" and {len(files) - MAX_LISTED} more" if len(files) > MAX_LISTED else ""
        return (f"cited by {', '.join(files[:MAX_LISTED])}{more}",)

    def notebook(self, path: str) -> tuple[str, ...]:
        items = self.notebook_items.get(path)
        return tuple(items) if items else (f"{path} (in no programme)",)

    def charts(self, measure: str) -> tuple[str, ...]:
        out = []
        for fn in MEASURE_CHARTS.get(measure, ()):
            books = self.chart_notebooks.get(fn, [])
            out.append(f"charts.{fn}" + (f" in {', '.join(books)}" if books else ""))
        return tuple(out)


def _add(index: dict[str, list[str]], key: str, value: str) -> None:
    values = index.setdefault(key, [])
    if value not in values:
        values.append(value)


def build_usage(kit: Kit, files: list[LoadedFile], cells: list[NotebookCell]) -> Usage:
    """The usage index for ``kit`` from its loaded ``files`` and notebook ``cells``."""
    usage = Usage()
    for programme in kit.programmes.values():
        for item in programme.items:
            label = f"{programme.id}: {item.title}"
            for a in item.activities:
                _add(usage.activity_items, a, label)
            for nb in item.notebooks:
                _add(usage.notebook_items, nb, label)
    entry_ids: set[str] = set()
    for f in files:
        if f.model is not None and f.kind in CATALOGUE_ENTRIES:
            entry_ids |= {e.id for e in getattr(f.model, CATALOGUE_ENTRIES[f.kind])}
    for f in files:
        if f.model is None:
            continue
        for loc, value in walk(f.data):
            if not isinstance(value, str):
                continue
            names = [p for p in loc if isinstance(p, str)]
            if names and names[-1] in SOURCE_FIELDS:
                _add(usage.citing, value, f.display)
            if f.kind in ("scenario", "exercise") and value in entry_ids:
                _add(usage.activities_using, value, f.model.id)
    for cell in cells:
        if cell.kind == "code":
            for fn in re.findall(r"\bcharts\.(\w+)\(", cell.text):
                _add(usage.chart_notebooks, fn, cell.path)
    return usage
