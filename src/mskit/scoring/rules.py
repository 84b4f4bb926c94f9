"""Multi-select marking rules (multiple choice, indicator spotting), chosen per question.

Let *R* be the right options, *W* the wrong ones (distractors), *P* the group's picks and
``points`` the question's maximum. Ids a group picks that the question does not offer count
as wrong picks. Every rule gives the right set exactly ``points`` and never less than 0.

``right_minus_wrong`` (H5P, the default)
    raw = |P ∩ R| − |P ∩ W|, floored at 0, scaled by ``points / |R|``.
    Example: R = {a, b, c}, W = {d, e}, points 3; P = {a, b, d} gives 2 − 1 = 1 point;
    P = {a, d, e} gives max(0, 1 − 2) = 0.

``weighted`` (Moodle)
    Each option has a weight (``Option.weight``; default +1 right, −1 wrong, and −1 for an
    unknown id). raw = Σ weight(P), floored at 0, scaled so that the right set scores
    ``points``: mark = ``points · raw / Σ weight(R)``, capped at ``points``. (If the right
    weights sum to 0 or less, which content checks should reject, the sum of all positive
    weights is used instead.) Example: weights a=2, b=1, d=−1 (R = {a, b}), points 3;
    P = {a, d} gives 3 · (2 − 1)/3 = 1 point.

``all_or_nothing``
    ``points`` when P = R exactly, else 0. Example: R = {a, b}; P = {a} gives 0.

``right_plus_unpicked``
    One unit per right option picked and per distractor left alone, scaled by
    ``points / (|R| + |W|)``; nothing is ever taken away. Example: R = {a, b}, W = {c, d},
    points 2; P = {a, c} gives (1 + 1) · 2/4 = 1 point.

Per-option deltas (``mark_multi``'s second value) sum to the mark before the floor and cap;
under ``all_or_nothing`` the points are shared over the right options only when P = R.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Literal

Rule = Literal["right_minus_wrong", "weighted", "all_or_nothing", "right_plus_unpicked"]

RULE_NAMES: dict[str, str] = {
    "right_minus_wrong": "one point per right pick minus one per wrong pick, never below zero",
    "weighted": "each option carries a weight; the total is never below zero",
    "all_or_nothing": "full marks only for exactly the right set",
    "right_plus_unpicked": "one point per right pick and per wrong option left alone",
}


def describe_rule(rule: str, points: float, n_right: int, n_offered: int) -> str:
    """The rule in words, with the points each pick is worth on this question."""

    def fmt(x: float) -> str:
        x = round(x, 2)
        return str(int(x)) if x == int(x) else f"{x:g}"

    if rule == "right_plus_unpicked":
        u = fmt(points / max(1, n_offered))
        return f"+{u} per right pick and per wrong option left alone"
    if rule in ("weighted", "all_or_nothing"):
        return RULE_NAMES[rule]
    u = fmt(points / max(1, n_right))
    return f"+{u} per right pick, −{u} per wrong pick, never below zero"


def _clamp(x: float, hi: float) -> float:
    return min(max(x, 0.0), hi)


def mark_multi(
    rule: str,
    offered: Sequence[str],
    right: Collection[str],
    picked: Collection[str],
    *,
    points: float,
    weights: Mapping[str, float | None] | None = None,
) -> tuple[float, dict[str, float]]:
    """Mark a set of picks; return ``(mark, delta per id)``. Deltas cover every offered id
    and every unknown picked id. The mark lies in ``[0, points]``. An unknown rule is marked
    as ``right_minus_wrong``.
    """
    right_s = set(right)
    picked_s = set(picked)
    offered_s = set(offered)
    ids = list(offered) + [p for p in picked if p not in offered_s]
    weights = weights or {}
    delta: dict[str, float] = dict.fromkeys(ids, 0.0)

    if rule == "weighted":

        def w(i: str) -> float:
            given = weights.get(i)
            if given is not None and i in offered_s:
                return float(given)
            return 1.0 if i in right_s else -1.0

        full = sum(w(i) for i in right_s)
        if full <= 0:
            full = sum(max(w(i), 0.0) for i in offered) or 1.0
        for i in picked_s:
            delta[i] = points * w(i) / full
        return _clamp(sum(delta[i] for i in picked_s), points), delta

    if rule == "all_or_nothing":
        if right_s and picked_s == right_s:
            for i in right_s:
                delta[i] = points / len(right_s)
            return float(points), delta
        return 0.0, delta

    if rule == "right_plus_unpicked":
        unit = points / max(1, len(offered_s))
        for i in offered_s:
            if (i in right_s) == (i in picked_s):
                delta[i] = unit
        return _clamp(sum(delta.values()), points), delta

    # right_minus_wrong
    unit = points / max(1, len(right_s))
    for i in picked_s:
        delta[i] = unit if i in right_s else -unit
    return _clamp(sum(delta.values()), points), delta
