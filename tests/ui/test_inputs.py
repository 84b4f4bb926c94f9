"""Question controls: one per type, fed only the public view, checking what they save."""

from __future__ import annotations

import typing

import pytest

from mskit.content.questions import PASS, Question
from mskit.live.public import public_question
from mskit.scoring import model_answer
from mskit.scoring.activity import questions_of
from mskit.ui.inputs import KINDS, AnswerControl, build_input, check_value


def _all_questions(kit):
    for activity in [*kit.scenarios.values(), *kit.exercises.values()]:
        for _s, q in questions_of(activity):
            yield q


def _types() -> set[str]:
    union = typing.get_args(Question)[0]
    return {typing.get_args(m.model_fields["type"].annotation)[0] for m in typing.get_args(union)}


def test_every_question_type_has_a_control():
    """The control registry covers every question type the content models define."""
    assert _types() == set(KINDS)


def test_every_model_answer_is_accepted_by_its_control(kit):
    """Each shipped question's model answer passes its control's check and round-trips."""
    for q in _all_questions(kit):
        if q.type in {"rating", "open_text"}:
            continue
        inp = build_input(public_question(q, kit))
        answer = model_answer(q)
        assert check_value(inp.question, answer) is None, q.id
        inp.value = answer
        assert inp.value == answer


def test_showing_a_stored_answer_does_not_save_but_a_change_does(kit):
    """Setting the stored value never fires a save; the person's change does."""
    q = kit.scenarios["nail-bar"].stages[0].questions[0]
    inp = build_input(public_question(q, kit))
    heard = []
    inp.on_change(heard.append)
    inp.value = list(q.present)
    assert heard == []
    inp.widget.value = [q.present[0]]
    assert heard == [[q.present[0]]]


def test_a_text_over_its_limit_is_refused_with_a_message_never_cut(kit):
    """A 5 MB answer is not saved and not shortened: the control says by how much it is over."""
    q = next(q for q in _all_questions(kit) if q.type == "free_text")
    inp = build_input(public_question(q, kit))
    heard = []
    inp.on_change(heard.append)
    inp.widget.value = "x" * 5_000_000
    assert heard == []
    assert "too long" in inp.widget.error and "Shorten it" in inp.widget.error
    inp.widget.value = "short enough"
    assert heard == ["short enough"] and inp.widget.error == ""
    assert inp.widget.spec["max_chars"] == q.max_chars


@pytest.mark.parametrize(
    "kind, bad",
    [
        ("single_choice", "not-an-option"),
        ("multiple_choice", ["not-an-option"]),
        ("action_plan", "one-string"),
        ("match", {"no-such-item": ["x"]}),
        ("sort", ["not", "a", "mapping"]),
        ("rating", 99),
    ],
)
def test_answers_that_do_not_fit_are_refused(kit, kind, bad):
    """What a browser sends is checked against the question before anything is saved."""
    q = next(q for q in _all_questions(kit) if q.type == kind)
    inp = build_input(public_question(q, kit))
    heard = []
    inp.on_change(heard.append)
    inp.widget.value = bad
    assert heard == [] and inp.widget.error.startswith("Not saved")


def test_action_plan_is_capped_at_its_pick_limit(kit):
    """An action plan with more steps than allowed is refused."""
    q = next(q for q in _all_questions(kit) if q.type == "action_plan")
    pq = public_question(q, kit)
    ids = [c["id"] for c in pq["choices"]]
    assert check_value(pq, ids[: pq["max_picks"]]) is None
    assert "at most" in check_value(pq, ids[: pq["max_picks"] + 1])


def test_pass_is_offered_where_the_question_allows_it(kit):
    """'Not sure / pass' is accepted where offered, and the control is told to show it."""
    q = kit.scenarios["nail-bar"].stages[0].questions[0]
    inp = build_input(public_question(q, kit))
    assert inp.widget.spec["allow_pass"] and inp.widget.spec["pass_label"] == "Not sure / pass"
    assert check_value(inp.question, [PASS]) is None


def test_every_control_has_its_prompt_and_choice_texts(kit):
    """Every control carries its prompt as its label, and a text for every choice."""
    for q in _all_questions(kit):
        spec = build_input(public_question(q, kit)).widget.spec
        assert spec["prompt"].strip(), q.id
        for key in ("choices", "items", "targets", "categories"):
            assert all(str(c["text"]).strip() for c in spec.get(key, [])), (q.id, key)


def test_the_control_never_carries_an_answer_key(kit):
    """The browser's copy of a question holds no correct flags, rationale or notes."""
    for q in _all_questions(kit):
        text = repr(build_input(public_question(q, kit)).widget.spec)
        assert "'correct'" not in text and "'rationale'" not in text, q.id
        if getattr(q, "rationale", None):
            assert q.rationale not in text


def test_disabling_locks_the_control(kit):
    """`disabled = True` reaches the browser's control."""
    q = kit.scenarios["nail-bar"].stages[0].questions[0]
    inp = build_input(public_question(q, kit))
    inp.disabled = True
    assert isinstance(inp.widget, AnswerControl) and inp.widget.disabled
