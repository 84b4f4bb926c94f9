"""Model answers: each scores full marks, and reads as plain text."""

from __future__ import annotations

import pytest

from mskit.scoring import (
    ManualMark,
    describe_model_answer,
    model_answer,
    model_answer_problems,
    score,
)

from . import builders as b

SCORED = [
    b.single(),
    b.multi(),
    b.multi(rule="weighted", weights={"a": 2}),
    b.multi(rule="all_or_nothing"),
    b.multi(rule="right_plus_unpicked"),
    b.spotting(),
    b.classification(),
    b.plan(),
    b.match(),
    b.sort(),
]


@pytest.mark.parametrize("question", SCORED, ids=lambda q: f"{q.type}-{getattr(q, 'rule', '')}")
def test_model_answer_scores_full_marks(question: object) -> None:
    """The model answer of every automatically scored type gets the maximum."""
    s = score(question, model_answer(question))
    assert s.status == "scored" and s.full_marks


def test_free_text_model_answer_with_full_mark() -> None:
    """free_text: the model answer is the model text; marked in full it gets the maximum."""
    q = b.free()
    assert model_answer(q) == "Refer to the NRM."
    assert score(q, model_answer(q), mark=ManualMark(2)).full_marks


def test_unscored_have_no_model_answer() -> None:
    """rating and open_text have no model answer (None) and say so in words."""
    assert model_answer(b.rating()) is None
    assert describe_model_answer(b.open_text()).startswith("Not scored")


def test_action_plan_model_answer_keeps_order_rules() -> None:
    """action_plan model answer: essentials only, with first: and before/after rules kept."""
    q = b.plan(
        order=[
            {"first": "safety", "why": "Safety first."},
            {"before": "record", "after": "refer", "why": "Write it down first."},
        ]
    )
    assert model_answer(q) == ["safety", "record", "refer"]


def test_action_plan_model_answer_adds_helpful_named_by_rules() -> None:
    """A helpful action named by an order rule joins the model plan; harmful ones never do."""
    q = b.plan(
        order=[
            {"first": "help", "why": "Interpreter first."},
            {"before": "confront", "after": "refer", "why": "Odd rule."},
        ]
    )
    ans = model_answer(q)
    assert ans[0] == "help" and "confront" not in ans
    assert score(q, ans).full_marks


def test_contradictory_order_rules_are_reported() -> None:
    """Order rules that cannot all hold are reported by model_answer_problems."""
    q = b.plan(
        order=[
            {"before": "refer", "after": "record", "why": "x"},
            {"before": "record", "after": "refer", "why": "y"},
        ]
    )
    problems = model_answer_problems([q])
    assert len(problems) == 1 and "q-action_plan" in problems[0]


def test_describe_action_plan_uses_catalogue() -> None:
    """describe_model_answer lists the plan in order, harmful actions and order rules."""
    cat = {"actions": {"safety": {"text": "Make sure the person is safe.", "why": "Always."}}}
    text = describe_model_answer(b.plan(), cat)
    assert "1. Make sure the person is safe (essential): Always." in text
    assert "Avoid (harmful here):" in text and "confront" in text
    assert "Safety comes first." in text and "Sources: S1." in text


@pytest.mark.parametrize("question", SCORED, ids=lambda q: q.type)
def test_describe_model_answer_is_text(question: object) -> None:
    """describe_model_answer gives non-empty plain text with the rationale for each type."""
    text = describe_model_answer(question)
    assert isinstance(text, str) and "Why: Because the guidance says so." in text


def test_describe_match_and_sort() -> None:
    """describe_model_answer names each match item's targets and each sort item's category."""
    assert "- Make NRM referrals: Agency police, Agency la" in describe_model_answer(b.match())
    assert "- Children cannot consent: Fact" in describe_model_answer(b.sort())
