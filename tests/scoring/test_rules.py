"""Multi-select rules, worked examples (the ones in the rules module docstring and more)."""

from __future__ import annotations

import pytest

from mskit.content.questions import PASS
from mskit.scoring import mark_multi, score

from .builders import multi

OFFERED = ["a", "b", "c", "d", "e"]
RIGHT = {"a", "b", "c"}


@pytest.mark.parametrize(
    ("picked", "expected"),
    [
        (["a", "b", "c"], 3),
        (["a", "b", "d"], 1),
        (["a", "d", "e"], 0),  # 1 - 2 floored at zero
        (["a", "b", "c", "d"], 2),
        (["d"], 0),
        (["a"], 1),
    ],
)
def test_right_minus_wrong_examples(picked: list[str], expected: float) -> None:
    """right_minus_wrong: right picks minus wrong picks, floored at 0, one point per right."""
    got, _ = mark_multi("right_minus_wrong", OFFERED, RIGHT, picked, points=3)
    assert got == pytest.approx(expected)


def test_right_minus_wrong_scales_to_points() -> None:
    """right_minus_wrong on a 6-point question with 3 right options: each right pick is 2."""
    s = score(multi(points=6), ["a", "b", "d"])
    assert (s.points, s.max_points) == (pytest.approx(2.0), 6.0)
    assert "+2 per right pick, −2 per wrong pick" in s.feedback


def test_right_minus_wrong_deltas_and_floor_note() -> None:
    """A floored mark keeps per-option deltas (summing below zero) and says it was floored."""
    s = score(multi(), ["a", "d", "e"])
    assert s.points == 0
    assert sum(e.points for e in s.breakdown) == pytest.approx(-1)
    assert "floored at zero" in s.feedback


@pytest.mark.parametrize(
    ("picked", "expected"),
    [
        (["a", "b"], 3),
        (["a", "d"], 1),  # 3 * (2 - 1) / 3
        (["a"], 2),
        (["b", "d"], 0),  # 1 - 1
        (["d"], 0),  # -1 floored
        (["a", "b", "d"], 2),
    ],
)
def test_weighted_with_given_weights(picked: list[str], expected: float) -> None:
    """weighted: a=2, b=1, d=-1; scaled so the right set {a, b} gives the 3 points."""
    q = multi(right="ab", wrong="d", rule="weighted", points=3, weights={"a": 2, "b": 1, "d": -1})
    assert score(q, picked).points == pytest.approx(expected)


def test_weighted_default_weights_match_right_minus_wrong() -> None:
    """weighted with no weights given: +1 right, -1 wrong, so it marks like right_minus_wrong."""
    for picked in (["a", "b", "d"], ["a"], ["a", "b", "c", "d", "e"], ["c", "e"]):
        w = score(multi(rule="weighted"), picked).points
        rmw = score(multi(rule="right_minus_wrong"), picked).points
        assert w == pytest.approx(rmw)


def test_weighted_positive_wrong_option_capped_at_max() -> None:
    """weighted: a wrong option with a positive weight can add, but never past the maximum."""
    q = multi(right="ab", wrong="c", rule="weighted", points=2, weights={"c": 0.5})
    assert score(q, ["a", "c"]).points == pytest.approx(1.5)
    assert score(q, ["a", "b", "c"]).points == pytest.approx(2)


@pytest.mark.parametrize(
    ("picked", "expected"),
    [(["a", "b"], 2), (["b", "a"], 2), (["a"], 0), (["a", "b", "c"], 0), (["c"], 0)],
)
def test_all_or_nothing_examples(picked: list[str], expected: float) -> None:
    """all_or_nothing: full marks only for exactly the right set."""
    q = multi(right="ab", wrong="cd", rule="all_or_nothing")
    assert score(q, picked).points == pytest.approx(expected)


@pytest.mark.parametrize(
    ("picked", "expected"),
    [
        (["a", "b"], 2),
        (["a", "c"], 1),  # a right + d left alone = 2 of 4 units
        (["a"], 1.5),  # a + c + d
        (["c", "d"], 0),
        (["a", "b", "c", "d"], 1),
    ],
)
def test_right_plus_unpicked_examples(picked: list[str], expected: float) -> None:
    """right_plus_unpicked: a unit per right pick and per distractor left alone, 4 units = 2."""
    q = multi(right="ab", wrong="cd", rule="right_plus_unpicked")
    assert score(q, picked).points == pytest.approx(expected)


@pytest.mark.parametrize(
    "rule", ["right_minus_wrong", "weighted", "all_or_nothing", "right_plus_unpicked"]
)
def test_pass_in_a_list_is_ignored_under_every_rule(rule: str) -> None:
    """A PASS mixed into the picks never changes the mark, whatever the rule."""
    q = multi(rule=rule)
    for picked in (["a"], ["a", "b", "c"], ["a", "d"]):
        assert score(q, [*picked, PASS]).points == score(q, picked).points


@pytest.mark.parametrize(
    "rule", ["right_minus_wrong", "weighted", "all_or_nothing", "right_plus_unpicked"]
)
def test_unknown_pick_is_a_wrong_pick(rule: str) -> None:
    """An id the question does not offer counts as a wrong pick under every rule."""
    q = multi(rule=rule)
    with_unknown = score(q, ["a", "b", "c", "zzz"])
    assert with_unknown.points <= score(q, ["a", "b", "c"]).points
    entry = next(e for e in with_unknown.breakdown if e.id == "zzz")
    assert entry.answer is True and entry.expected is False
    assert "counted as a wrong pick" in with_unknown.feedback
