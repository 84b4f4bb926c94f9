"""The one set of number and date formats every page uses (Jinja2 filters of the same
names). Each returns plain text; the template escapes it."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

__all__ = ["FILTERS", "day", "num", "pct", "people", "signed", "when"]

NONE = "–"


def _missing(x: Any) -> bool:
    return x is None or x == "" or (isinstance(x, float) and math.isnan(x))


def num(x: Any, digits: int = 2) -> str:
    """``3``, ``2.5``, ``0.33``: no trailing zeros; text (such as ``<5``) as it is."""
    if isinstance(x, str):
        return x or NONE
    if _missing(x):
        return NONE
    return f"{float(x):.{digits}f}".rstrip("0").rstrip(".")


def pct(x: Any) -> str:
    """``75%`` (whole per cent)."""
    if isinstance(x, str):
        return x or NONE
    if _missing(x):
        return NONE
    return f"{float(x):.0f}%"


def signed(x: Any, digits: int = 0, suffix: str = "") -> str:
    """``+12``, ``-3``, ``0``."""
    if isinstance(x, str):
        return x or NONE
    if _missing(x):
        return NONE
    return f"{float(x):+.{digits}f}{suffix}"


def when(value: Any) -> str:
    """A moment as ``06 Dec 2026 14:05`` in local time."""
    if _missing(value):
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime):
        return value.astimezone().strftime("%d %b %Y %H:%M")
    return str(value)


def day(value: Any) -> str:
    """A date as ``6 December 2026``."""
    if _missing(value):
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value.day} {value:%B %Y}"
    return str(value)


def people(n: Any, one: str = "person", many: str = "people") -> str:
    """``1 person``, ``12 people``, ``<5 people``."""
    if isinstance(n, str):
        return f"{n} {many}"
    return f"{num(n)} {one if n == 1 else many}"


FILTERS = {
    "num": num,
    "pct": pct,
    "signed": signed,
    "when": when,
    "day": day,
    "people": people,
}
