"""Answer charts for the board and the projector: per question, how many tables chose each
option, in words (question text and option text, never ids).

Options come in the order the group page shows them (indicators and actions sorted by
text), so a chart never hints at the answer by its order. ``key`` marks the model
answer's options and is only filled in where the caller allows it (after the reveal on
the projector).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..content.questions import PASS
from ..scoring import results
from ..scoring.activity import questions_of
from .public import public_question

PASS_LABEL = "Not sure / pass"
_KEY_VERDICTS = {"right", "essential"}


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    key: bool = False


@dataclass(frozen=True)
class Part:
    """One item of a match or sort question, with its bars."""

    label: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Chart:
    question_id: str
    prompt: str
    answered: int
    groups: int
    parts: tuple[Part, ...] = field(default_factory=tuple)
    free_text: bool = False

    @property
    def most(self) -> int:
        """The longest bar (for scaling), at least 1."""
        return max([1, *(b.count for p in self.parts for b in p.bars)])


def charts(
    activity: Any,
    records: Iterable[dict[str, Any]],
    kit: Any,
    groups: int,
    show_key: set[str] | frozenset[str] = frozenset(),
) -> list[Chart]:
    """A chart per question of ``activity`` (cut to what groups have seen) from the groups'
    latest answers; the model answer is marked for question ids in ``show_key``."""
    records = list(records)
    spread = results.answer_spread(activity, records, kit)
    rows: dict[str, list[Any]] = {}
    for row in spread.itertuples(index=False):
        rows.setdefault(row.question_id, []).append(row)
    out = []
    for _stage, q in questions_of(activity):
        answered = len(
            {
                r["group_id"]
                for r in records
                if r["question_id"] == q.id and r["value"] not in (None, [], {}, "")
            }
        )
        if q.type in ("free_text", "open_text"):
            out.append(Chart(q.id, q.prompt, answered, groups, free_text=True))
            continue
        key = q.id in show_key
        out.append(Chart(q.id, q.prompt, answered, groups, _parts(q, rows.get(q.id, []), kit, key)))
    return out


def _parts(q: Any, rows: list[Any], kit: Any, key: bool) -> tuple[Part, ...]:
    public = public_question(q, kit)
    if q.type in ("match", "sort"):
        order = [c["id"] for c in public["targets" if q.type == "match" else "categories"]]
        parts = []
        for item in public["items"]:
            mine = {r.answer: r for r in rows if r.item == item["id"]}
            parts.append(Part(item["text"], tuple(_bars(order, mine, key))))
        return tuple(parts)
    order = public["scale"] if q.type == "rating" else [c["id"] for c in public["choices"]]
    by_answer = {r.answer: r for r in rows}
    if PASS in by_answer:
        order = [*order, PASS]
    return (Part("", tuple(_bars(order, by_answer, key))),)


def _bars(order: list[Any], rows: dict[Any, Any], key: bool) -> list[Bar]:
    bars = []
    for answer in order:
        row = rows.get(answer)
        if row is None:
            continue
        label = PASS_LABEL if answer == PASS else str(row.label)
        bars.append(Bar(label, int(row.groups), key and row.verdict in _KEY_VERDICTS))
    return bars
