"""Answer charts for printed pages: per question, how many tables chose each option, in
words. The data is the board's (:mod:`mskit.live.spread`); the report draws it as static
HTML/CSS bars, so a page needs no script and prints sharply.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..content.questions import PASS
from ..live.spread import Bar, Chart, Part, charts
from ..scoring.answers import read_choice, read_id_list, read_mapping
from .answers import option_texts

__all__ = ["Bar", "Chart", "Part", "answer_charts", "decision_text"]


def answer_charts(
    activity: Any, records: list[dict[str, Any]], kit: Any, groups: int
) -> list[Chart]:
    """A chart per question, the model answer's options marked (the report is written after
    the session, so the key is shown)."""
    from ..scoring.activity import questions_of

    every = {q.id for _, q in questions_of(activity)}
    return charts(activity, records, kit, groups, show_key=every)


def _count_text(n: int, of: int) -> str:
    return f"{n} of {of} tables"


def decision_text(q: Any, decision: Any, values: list[Any], kit: Any) -> str:
    """How the tables split on one decision of ``q`` (``most_split`` of
    :func:`mskit.scoring.results.discussion_points`), in words."""
    texts = option_texts(q, kit)
    t = q.type
    if t in ("single_choice", "classification", "rating"):
        got = [p.value for p in map(read_choice, values) if p.kind == "answer"]
        if t == "rating":
            got = [v for v in values if isinstance(v, int)]
        counts = Counter(got)
        return (
            "; ".join(f"{texts.get(v, str(v))}: {n}" for v, n in counts.most_common(3))
            + f" (of {len(got)} tables)"
        )
    if t in ("multiple_choice", "indicator_spotting", "action_plan"):
        picks = [set(p.value) for p in map(read_id_list, values) if p.kind == "answer"]
        n = sum(decision in p for p in picks)
        verb = "put it in their plan" if t == "action_plan" else "picked it"
        return f"“{texts.get(decision, 'one option')}”: {_count_text(n, len(picks))} {verb}"
    if t in ("match", "sort"):
        maps = [
            p.value for p in (read_mapping(v, multi=t == "match") for v in values)
            if p.kind == "answer"
        ]  # fmt: skip
        items = {i.id: i.text for i in q.items}
        cols = {c.id: c.text for c in (q.targets if t == "match" else q.categories)}
        if t == "match" and isinstance(decision, str) and ":" in decision:
            item, target = decision.split(":", 1)
            n = sum(target in (m.get(item) or ()) for m in maps if m.get(item) != PASS)
            return (
                f"“{items.get(item, 'one item')}” with “{cols.get(target, 'one column')}”: "
                f"{_count_text(n, len(maps))}"
            )
        got = Counter(m.get(decision) for m in maps if m.get(decision) not in (None, PASS))
        split = "; ".join(f"{cols.get(c, 'other')}: {n}" for c, n in got.most_common(3))
        return f"“{items.get(decision, 'one item')}”: {split}"
    return ""
