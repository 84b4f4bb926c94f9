"""Small-number suppression for reports that leave the training room.

Rule (the programme report for the Safeguarding Adults Board / steering group):

* A count of people from 1 to 4 is shown as ``"<5"`` (:data:`THRESHOLD` = 5). Zero is
  shown as 0: it describes nobody. Counts of sessions or of tables are not counts of
  people and are shown as they are.
* A figure worked out from fewer than 5 people (a mean score, a mean gain, a mean rating,
  a percentage) is not shown: ``"<5"`` takes its place, because a mean of one or two
  people gives their answers away.
* Secondary suppression in a breakdown (staff reached by agency): when exactly one cell
  of a row is hidden and the row's total is shown, the next smallest non-zero cell is
  hidden too, so the hidden one cannot be worked out by subtraction.

Everything else is shown as it is. The facilitator's own session section is not
suppressed (they were in the room); pass ``suppress=True`` where it leaves the team.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

__all__ = [
    "SUPPRESSED",
    "THRESHOLD",
    "hide_small",
    "suppress_count",
    "suppress_row",
    "suppress_stat",
]

THRESHOLD = 5
SUPPRESSED = "<5"


def _is_nan(x: Any) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def suppress_count(n: Any) -> Any:
    """``n`` people as shown in the report: ``"<5"`` for 1 to 4, else the number."""
    if _is_nan(n):
        return n
    if 0 < float(n) < THRESHOLD:
        return SUPPRESSED
    return int(n) if float(n).is_integer() else n


def suppress_stat(value: Any, people: Any) -> Any:
    """A figure worked out from ``people`` people: ``"<5"`` when 1 to 4 people, NaN for 0."""
    if _is_nan(people) or people == 0:
        return math.nan
    if people < THRESHOLD:
        return SUPPRESSED
    return value


def suppress_row(values: Sequence[Any]) -> list[Any]:
    """One row of a breakdown of people with a total shown elsewhere: each count of 1 to 4
    hidden, and when exactly one is hidden, the next smallest non-zero one as well."""
    out = [suppress_count(v) for v in values]
    hidden = [i for i, v in enumerate(out) if v == SUPPRESSED]
    if len(hidden) == 1:
        shown = [
            (float(v), i) for i, v in enumerate(out)
            if v != SUPPRESSED and not _is_nan(v) and float(v) > 0
        ]  # fmt: skip
        if shown:
            out[min(shown)[1]] = SUPPRESSED
    return out


def hide_small(
    df: pd.DataFrame,
    counts: Sequence[str] = (),
    stats: dict[str, str] | None = None,
    rows: Sequence[Sequence[str]] = (),
) -> pd.DataFrame:
    """A copy of ``df`` with suppression applied: ``counts`` columns hold counts of people;
    ``stats`` maps a column of figures to the column of how many people each is from;
    ``rows`` are groups of columns that form one breakdown (secondary suppression).
    Suppressed cells hold the text ``"<5"`` (so those columns become text)."""
    out = df.copy().astype(object)
    for col, people in (stats or {}).items():
        out[col] = [suppress_stat(v, n) for v, n in zip(df[col], df[people], strict=True)]
    for group in rows:
        group = [c for c in group if c in out.columns]
        if group:
            suppressed = [suppress_row([df.at[i, c] for c in group]) for i in df.index]
            for j, c in enumerate(group):
                out[c] = [r[j] for r in suppressed]
    done = {c for g in rows for c in g}
    for col in counts:
        if col not in done:
            out[col] = [suppress_count(v) for v in df[col]]
    return out
