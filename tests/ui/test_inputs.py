"""Question inputs: each type reads and writes its stored answer shape, with labels."""

from __future__ import annotations

import ipywidgets as w
import pytest

from mskit.content.questions import PASS
from mskit.live.public import public_question
from mskit.scoring import model_answer
from mskit.scoring.activity import questions_of
from mskit.ui.inputs import BUILDERS, build_input


def _all_questions(kit):
    for activity in [*kit.scenarios.values(), *kit.exercises.values()]:
        for _s, q in questions_of(activity):
            yield q


def test_every_question_type_has_an_input():
    """The registry covers every question type the content models define."""
    from mskit.content.questions import ANSWER_FORMATS

    assert set(ANSWER_FORMATS) <= set(BUILDERS)


def test_model_answer_round_trips_through_every_shipped_question(kit):
    """Setting a question's model answer on its input and reading it back gives it again."""
    for q in _all_questions(kit):
        if q.type in {"rating", "open_text"}:
            continue
        inp = build_input(public_question(q, kit))
        answer = model_answer(q)
        inp.value = answer
        got = inp.value
        if q.type == "match":
            assert {k: sorted(v) for k, v in got.items()} == {
                k: sorted(v) for k, v in answer.items()
            }, q.id
        elif q.type in {"multiple_choice", "indicator_spotting"}:
            assert sorted(got) == sorted(answer), q.id
        else:
            assert got == answer, q.id


def test_setting_a_value_does_not_fire_change_listeners(kit):
    """Showing a stored answer never triggers a save."""
    q = kit.scenarios["nail-bar"].stages[0].questions[0]
    inp = build_input(public_question(q, kit))
    heard = []
    inp.on_change(heard.append)
    inp.value = list(q.present)
    assert heard == []
    inp.controls[0].value = not inp.controls[0].value
    assert len(heard) == 1


def test_pass_is_offered_and_read(kit):
    """Ticking 'Not sure / pass' reads as [PASS] on a multi-select question."""
    q = kit.scenarios["nail-bar"].stages[0].questions[0]
    inp = build_input(public_question(q, kit))
    pass_box = next(c for c in inp.controls if c.description == "Not sure / pass")
    pass_box.value = True
    assert inp.value == [PASS]


def test_action_plan_reads_steps_in_order(kit):
    """The action plan's steps read as the ordered list of chosen actions."""
    q = next(q for q in _all_questions(kit) if q.type == "action_plan")
    inp = build_input(public_question(q, kit))
    steps = [c for c in inp.controls if isinstance(c, w.Dropdown)]
    steps[0].value = q.actions[1]
    steps[1].value = q.actions[0]
    assert inp.value == [q.actions[1], q.actions[0]]


@pytest.mark.parametrize("kind", ["free_text", "rating", "sort", "single_choice"])
def test_every_control_has_a_label(kit, kind):
    """Each control carries a visible description (its label)."""
    q = next(q for q in _all_questions(kit) if q.type == kind)
    inp = build_input(public_question(q, kit))
    for control in inp._leaves(inp.controls):
        assert control.description.strip(), (kind, control)


def test_disabling_locks_every_control(kit):
    """`disabled = True` disables every control of the input."""
    q = kit.scenarios["nail-bar"].stages[0].questions[0]
    inp = build_input(public_question(q, kit))
    inp.disabled = True
    assert all(c.disabled for c in inp.controls)
