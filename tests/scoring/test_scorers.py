"""Each question type: marks, statuses, breakdown entries and feedback."""

from __future__ import annotations

import pytest

from mskit.content.questions import PASS
from mskit.scoring import SCORERS, ManualMark, Score, max_points, score

from . import builders as b

ALL_TYPES = {
    "single_choice",
    "multiple_choice",
    "indicator_spotting",
    "classification",
    "action_plan",
    "match",
    "sort",
    "free_text",
    "rating",
    "open_text",
}

CATALOGUE = {
    "indicators": {
        "debt": "Owes a debt they cannot pay off.",
        "no-id": "Has no passport or ID.",
        "injuries": "Has injuries that have not been treated.",
    },
    "actions": {
        "safety": {"text": "Make sure the person is safe", "why": "Safety first, always."},
        "help": {"text": "Offer an interpreter", "why": "So the person can speak freely."},
        "confront": {"text": "Confront the suspected exploiter", "why": "Catalogue why."},
        "promise": {"text": "Promise to keep it secret", "why": "You cannot keep it."},
    },
}


def test_registry_covers_every_type() -> None:
    """SCORERS has a scorer for every question type in the content models."""
    assert set(SCORERS) >= ALL_TYPES


def test_registry_accepts_new_type() -> None:
    """A scorer added to SCORERS is used by score() for its type."""

    def fake(q, answer, catalogue):  # type: ignore[no-untyped-def]
        return Score(q.id, q.type, 0.0, 0.0, "unscored", feedback="custom")

    saved = SCORERS["open_text"]
    SCORERS["open_text"] = fake
    try:
        assert score(b.open_text(), "hi").feedback == "custom"
    finally:
        SCORERS["open_text"] = saved


# --- single choice, classification -----------------------------------------------------


def test_single_choice_right_wrong_pass() -> None:
    """single_choice: right option full marks, wrong option 0, PASS 0 with status passed."""
    q = b.single(points=2)
    assert (score(q, "a").points, score(q, "a").status) == (2, "scored")
    assert (score(q, "b").points, score(q, "b").status) == (0, "scored")
    assert (score(q, PASS).points, score(q, PASS).status) == (0, "passed")
    assert score(q, None).status == "unanswered"


def test_single_choice_feedback_names_pick_and_right_answer() -> None:
    """single_choice feedback says the pick was wrong, names the right answer and the sources."""
    s = score(b.single(), "b")
    assert "Not the right answer: Option B" in s.feedback
    assert "The right answer: Option A" in s.feedback
    assert "Sources: S1." in s.feedback and s.sources == ("S1",)
    assert [e.id for e in s.breakdown] == ["a", "b", "c"]


def test_classification_correct_and_also_accept() -> None:
    """classification: correct and also_accept earn full marks; others 0 with their feedback."""
    q = b.classification(also_accept=["modern_slavery"])
    assert score(q, "trafficking").points == 1
    assert score(q, "modern_slavery").points == 1
    wrong = score(q, "smuggling")
    assert wrong.points == 0 and "Smuggling ends at the border" in wrong.feedback
    assert score(q, PASS).status == "passed"


# --- multiple choice and indicator spotting ---------------------------------------------


def test_multiple_choice_default_points_is_number_right() -> None:
    """multiple_choice without points: the maximum is the number of right options."""
    assert max_points(b.multi()) == 3
    assert score(b.multi(), ["a", "b", "c"]).max_points == 3


def test_indicator_spotting_right_minus_wrong_and_feedback() -> None:
    """indicator_spotting: present are right, distractors wrong; notes and catalogue texts show."""
    q = b.spotting()
    s = score(q, ["debt", "injuries"], CATALOGUE)
    assert s.points == 0 and s.max_points == 3
    assert "Spotted: Owes a debt they cannot pay off (+1)." in s.feedback
    assert "She says she owes the boss" in s.feedback
    assert "Not in this story: Has injuries that have not been treated (−1)." in s.feedback
    assert "Missed: Has no passport or ID." in s.feedback
    assert "Missed: controlled." in s.feedback  # not in the catalogue: the id is shown
    by_id = {e.id: e for e in s.breakdown}
    assert by_id["debt"].answer is True and by_id["debt"].expected is True
    assert by_id["groups"].answer is False and by_id["groups"].points == 0


def test_indicator_spotting_without_catalogue_uses_ids() -> None:
    """indicator_spotting without a catalogue still explains each pick, by id."""
    s = score(b.spotting(), ["debt", "no-id", "controlled"])
    assert s.full_marks and "Spotted: debt (+1)." in s.feedback


def test_indicator_spotting_catalogue_as_models() -> None:
    """A catalogue given as a sequence of Indicator models is looked up by id."""
    from mskit.content.models import Indicator

    cat = {"indicators": [Indicator(id="debt", group="situational", text="Debt.", sources=["S1"])]}
    assert "Spotted: Debt (+1)." in score(b.spotting(), ["debt"], cat).feedback


def test_indicator_spotting_rule_all_or_nothing() -> None:
    """indicator_spotting honours the question's rule (all_or_nothing here)."""
    q = b.spotting(rule="all_or_nothing", points=2)
    assert score(q, ["debt", "no-id"]).points == 0
    assert score(q, ["controlled", "debt", "no-id"]).points == 2


# --- action plan -----------------------------------------------------------------------


def test_action_plan_full_marks_in_order() -> None:
    """action_plan: every essential, safety first, helpful extra: full marks."""
    s = score(b.plan(), ["safety", "refer", "help", "record"])
    assert (s.points, s.max_points, s.status) == (3, 3, "scored")
    assert "Order rule kept" in s.feedback


def test_action_plan_harmful_costs_a_point() -> None:
    """action_plan: a harmful action costs one unit, and the feedback says why (question note)."""
    s = score(b.plan(), ["safety", "refer", "record", "confront"], CATALOGUE)
    assert s.points == 2
    assert "Harmful here: Confront the suspected exploiter (−1)." in s.feedback
    assert "can put the victim at risk" in s.feedback  # the note wins over the catalogue why
    entry = next(e for e in s.breakdown if e.id == "confront")
    assert (entry.answer, entry.expected, entry.points) == (4, "harmful", -1)


def test_action_plan_broken_order_rule() -> None:
    """action_plan: safety not first breaks the first: rule and costs one unit."""
    s = score(b.plan(), ["refer", "safety", "record"])
    assert s.points == 2
    rule = next(e for e in s.breakdown if e.id == "order-1")
    assert (rule.answer, rule.points) == ("broken", -1)
    assert "Safety comes first." in s.feedback


def test_action_plan_before_after_rule() -> None:
    """action_plan: before/after pairs are kept when before comes first, else cost a unit."""
    q = b.plan(order=[{"before": "refer", "after": "record", "why": "Refer first."}])
    assert score(q, ["safety", "refer", "record"]).points == 3
    assert score(q, ["safety", "record", "refer"]).points == 2


def test_action_plan_rule_not_checked_when_action_missing() -> None:
    """action_plan: an order rule naming an action not in the plan is not checked."""
    s = score(b.plan(), ["refer", "record"])
    assert s.points == 2  # only the missing essential costs
    rule = next(e for e in s.breakdown if e.id == "order-1")
    assert rule.answer == "not checked"


def test_action_plan_helpful_neither_adds_nor_costs() -> None:
    """action_plan: a helpful action changes nothing; catalogue why explains it."""
    s = score(b.plan(), ["safety", "help", "refer"], CATALOGUE)
    assert s.points == score(b.plan(), ["safety", "refer"]).points == 2
    assert "Helpful (neither adds nor costs): Offer an interpreter. So the person" in s.feedback


def test_action_plan_floored_at_zero_and_missing_listed() -> None:
    """action_plan: all harm scores 0 (never negative); missing essentials are listed."""
    s = score(b.plan(), ["confront", "promise"])
    assert s.points == 0
    assert "Missing essential: safety." in s.feedback
    assert "floored at zero" in s.feedback


def test_action_plan_scaled_to_points() -> None:
    """action_plan with points 6 and 3 essentials: each unit is 2 points."""
    assert score(b.plan(points=6), ["safety", "refer", "promise"]).points == 2


def test_action_plan_unknown_action_ignored() -> None:
    """action_plan: an id not offered is ignored and named in the feedback."""
    s = score(b.plan(), ["bogus", "safety", "refer", "record"])
    assert s.points == 3
    assert "not among the offered actions, so ignored: bogus" in s.feedback


def test_action_plan_over_max_picks_noted_not_penalised() -> None:
    """action_plan: more picks than max_picks gets a note, not a penalty."""
    s = score(b.plan(max_picks=3), ["safety", "refer", "record", "help"])
    assert s.points == 3 and "at most 3" in s.feedback


# --- match and sort --------------------------------------------------------------------


def test_match_item_right_only_when_sets_equal() -> None:
    """match: an item counts only when its target set is exactly right; no partial credit."""
    q = b.match()
    full = {"nrm": ["la", "police"], "notify": ["police"], "care": ["nhs"]}
    assert score(q, full).points == 3
    s = score(q, {"nrm": ["police"], "notify": ["police", "la"], "care": ["nhs"]})
    assert s.points == 1
    assert "missing Agency la" in s.feedback and "not Agency la" in s.feedback


def test_match_pass_per_item_and_whole() -> None:
    """match: PASS for one item scores 0 there; PASS for the whole answer is 'passed'."""
    q = b.match()
    s = score(q, {"nrm": PASS, "notify": ["police"], "care": ["nhs"]})
    assert s.points == 2 and s.status == "scored"
    assert score(q, PASS).status == "passed"


def test_sort_one_per_item() -> None:
    """sort: one share of the points per item in its right category."""
    q = b.sort(points=4)
    assert score(q, {"s1": "myth", "s2": "fact"}).points == 4
    s = score(q, {"s1": "fact", "s2": "fact"})
    assert s.points == 2 and "it belongs in Myth" in s.feedback
    assert score(q, {"s1": "myth"}).points == 2


# --- free text, rating, open text ------------------------------------------------------


def test_free_text_needs_marking_until_marked() -> None:
    """free_text: needs_marking, 0 of max; a ManualMark sets the mark (clamped to max)."""
    q = b.free()
    s = score(q, "I would refer them.")
    assert (s.status, s.points, s.max_points) == ("needs_marking", 0, 2)
    assert "Model answer: Refer to the NRM." in s.feedback
    m = score(q, "I would refer them.", mark=ManualMark(1.5, "Good, but who refers?"))
    assert (m.status, m.points) == ("scored", 1.5)
    assert "Good, but who refers?" in m.feedback
    assert score(q, "x", mark=ManualMark(9)).points == 2
    assert score(q, "x", mark=ManualMark(-1)).points == 0


def test_manual_mark_overrides_other_types() -> None:
    """A ManualMark on an automatically scored question replaces the mark and says so."""
    s = score(b.single(), "b", mark=ManualMark(1, "Fair point in discussion."))
    assert s.points == 1 and "automatic mark was 0" in s.feedback


def test_rating_and_open_text_unscored() -> None:
    """rating and open_text are unscored with max 0; a mark does not change that."""
    r = score(b.rating(), 4)
    assert (r.status, r.points, r.max_points, r.breakdown[0].answer) == ("unscored", 0, 0, 4)
    assert score(b.rating(), 9).breakdown[0].answer is None  # off the scale
    o = score(b.open_text(), "Notes", mark=ManualMark(3))
    assert (o.status, o.max_points) == ("unscored", 0)


@pytest.mark.parametrize(
    "question",
    [b.single(), b.multi(), b.spotting(), b.classification(), b.plan(), b.match(), b.sort(),
     b.free()],
)  # fmt: skip
def test_pass_never_costs_points(question: object) -> None:
    """PASS (and [PASS]) on every scored type gives status passed and 0 points, never less."""
    for value in (PASS, [PASS]):
        s = score(question, value)
        assert (s.status, s.points) == ("passed", 0)
        assert "never costs points" in s.feedback


def test_question_may_be_a_mapping() -> None:
    """score() accepts a question given as a plain mapping and validates it."""
    s = score(b.single().model_dump(), "a")
    assert s.points == 1
