"""Malformed answers never raise: they score as unanswered or as wrong picks, and say so."""

from __future__ import annotations

import pytest

from mskit.scoring import score, scorers

from . import builders as b

QUESTIONS = [
    b.single(),
    b.multi(),
    b.spotting(),
    b.classification(),
    b.plan(),
    b.match(),
    b.sort(),
    b.free(),
    b.rating(),
    b.open_text(),
]
ODD = [None, "", "   ", 0, 3.5, True, [], {}, [[1, 2]], [None], {"x": None}, {"a": 1}, [1, "a"],
       "not-an-id", ["not-an-id"], {"nrm": 5}, {"s1": ["x", "y"]}, object()]  # fmt: skip


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.type)
@pytest.mark.parametrize("answer", ODD)
def test_odd_answers_never_raise(question: object, answer: object) -> None:
    """Any odd answer to any question type gives a Score within [0, max], never an error."""
    s = score(question, answer)
    assert 0 <= s.points <= s.max_points
    assert s.status in ("scored", "unanswered", "passed", "needs_marking", "unscored")


def test_wrong_shape_is_unanswered_with_reason() -> None:
    """A number where a list of ids is due is unanswered, and the feedback says why."""
    s = score(b.multi(), 42)
    assert s.status == "unanswered" and "could not be read" in s.feedback


def test_mapping_expected_but_list_given() -> None:
    """match given a list instead of a mapping: unanswered, with the reason."""
    s = score(b.match(), ["police"])
    assert s.status == "unanswered" and "expected a mapping" in s.feedback


def test_unknown_single_choice_id_is_wrong() -> None:
    """single_choice with an id that is not an option: scored 0, said in the feedback."""
    s = score(b.single(), "zz")
    assert (s.status, s.points) == ("scored", 0)
    assert "not one of the options" in s.feedback


def test_unknown_classification_is_wrong() -> None:
    """classification with a value that is not a classification: scored 0, said so."""
    s = score(b.classification(), "kidnap")
    assert s.points == 0 and "not a classification" in s.feedback


def test_sort_unknown_category_and_stray_items() -> None:
    """sort: an unknown category is wrong; an unknown item is ignored; both are named."""
    s = score(b.sort(), {"s1": "maybe", "s2": "fact", "s9": "myth"})
    assert s.points == 1
    assert "'maybe' (not a category)" in s.feedback
    assert "not items of this question, so ignored: s9" in s.feedback


def test_match_unknown_target_is_wrong() -> None:
    """match: an unknown target makes the item's set wrong and is named."""
    s = score(b.match(), {"notify": ["police", "army"]})
    assert s.points == 0 and "'army' (not a target)" in s.feedback


def test_duplicate_picks_count_once() -> None:
    """Picking the same option twice counts it once."""
    assert score(b.multi(), ["a", "a", "a"]).points == 1


def test_single_id_in_a_list_is_accepted_for_single_choice() -> None:
    """single_choice given ["a"] reads it as "a"."""
    assert score(b.single(), ["a"]).points == 1


def test_scorer_crash_becomes_unanswered(monkeypatch: pytest.MonkeyPatch) -> None:
    """If a scorer itself fails (a bug), score() still returns an unanswered Score."""
    monkeypatch.setattr(scorers, "RAISE_ERRORS", False)

    def boom(q, answer, catalogue):  # type: ignore[no-untyped-def]
        raise RuntimeError("bug")

    monkeypatch.setitem(scorers.SCORERS, "single_choice", boom)
    s = score(b.single(), "a")
    assert (s.status, s.points, s.max_points) == ("unanswered", 0, 1)
    assert "could not be scored" in s.feedback


def test_strange_catalogue_never_raises() -> None:
    """A catalogue of the wrong shape is ignored rather than breaking scoring."""
    for cat in (42, "text", ["a"], {"indicators": 5}, {"debt": 7}):
        assert score(b.spotting(), ["debt"], cat).points == 1


def test_nan_manual_mark_scores_zero() -> None:
    """A ManualMark with a NaN or non-number mark scores 0 and says it was adjusted."""
    from mskit.scoring import ManualMark

    s = score(b.free(), "text", mark=ManualMark(float("nan")))
    assert s.points == 0 and "brought within" in s.feedback
    assert score(b.free(), "text", mark=ManualMark("lots")).points == 0  # type: ignore[arg-type]
