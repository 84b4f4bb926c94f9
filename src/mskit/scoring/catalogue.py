"""Looking up indicator and action texts in whatever catalogue the caller has. Never raises.

A catalogue may be:

- ``None`` (no lookups; feedback falls back to the question's own notes and the ids);
- a mapping id -> text, id -> model (``Indicator``, ``Action``) or id -> mapping with keys
  ``text`` / ``why`` / ``rating`` / ``sources``;
- a mapping or object holding ``indicators`` and/or ``actions``, each a mapping as above or
  a sequence of models / mappings carrying an ``id`` (an ``IndicatorsFile``, an
  ``ActionsFile``, or a loaded catalogue object with both).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Info:
    """What the catalogue says about one id (any field may be missing)."""

    text: str | None = None
    why: str | None = None
    rating: str | None = None
    sources: tuple[str, ...] = ()


def _get(obj: Any, name: str) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name)
    return getattr(obj, name, None)


def _index(section: Any) -> Mapping[str, Any] | None:
    if section is None or isinstance(section, str):
        return None
    if isinstance(section, Mapping):
        return section
    try:
        return {str(_get(x, "id")): x for x in section if _get(x, "id") is not None}
    except TypeError:
        return None


def _info(entry: Any) -> Info | None:
    if entry is None:
        return None
    if isinstance(entry, str):
        return Info(text=entry)
    sources = _get(entry, "sources") or ()
    try:
        sources = tuple(str(s) for s in sources)
    except TypeError:
        sources = ()
    text, why, rating = (_get(entry, k) for k in ("text", "why", "rating"))
    return Info(
        text=text if isinstance(text, str) else None,
        why=why if isinstance(why, str) else None,
        rating=rating if isinstance(rating, str) else None,
        sources=sources,
    )


def lookup(catalogue: Any, section: str, id_: str) -> Info | None:
    """What ``catalogue`` says about ``id_`` in ``section`` (``indicators`` or ``actions``)."""
    if catalogue is None:
        return None
    try:
        inner = _index(_get(catalogue, section))
        if inner is not None and id_ in inner:
            return _info(inner[id_])
        if isinstance(catalogue, Mapping) and id_ in catalogue:
            return _info(catalogue[id_])
    except Exception:  # a strange catalogue must never break scoring
        return None
    return None


def indicator_text(catalogue: Any, id_: str) -> str | None:
    """The catalogue text of indicator ``id_``, if known."""
    info = lookup(catalogue, "indicators", id_)
    return info.text if info else None


def action_info(catalogue: Any, id_: str) -> Info | None:
    """What the catalogue says about action ``id_`` (text, why, rating), if known."""
    return lookup(catalogue, "actions", id_)
