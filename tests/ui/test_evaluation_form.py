"""Evaluation forms on the group page: one person at a time, anonymous code, pre and post."""

from __future__ import annotations

import pytest

from mskit.live.evaluation import current_phase, is_evaluation_form, new_respondent_code
from mskit.ui.board import Board
from mskit.ui.group import GroupPage


@pytest.fixture
def room(store, kit):
    board = Board(store, kit)
    board.f_name.value = "Evaluation test"
    board.b_create.click()
    board.g_label.value = "Table 1"
    board.b_add_group.click()
    (group,) = store.list_groups(board.session_id)
    return board, group


def test_knowledge_check_and_feedback_are_evaluation_forms(kit):
    """The pre/post check and the feedback form are individual; a quiz is a group activity."""
    assert is_evaluation_form(kit.exercises["knowledge-check"])
    assert is_evaluation_form(kit.exercises["session-feedback"])
    assert not is_evaluation_form(kit.exercises["myth-or-fact"])
    assert not is_evaluation_form(kit.scenarios["nail-bar"])


def test_board_opens_the_knowledge_check_before_then_after(room, store, kit):
    """The facilitator chooses before/after; the choice is recorded for the group pages."""
    board, _ = room
    board.a_pick.value = "knowledge-check"
    assert board.a_phase.layout.display is None
    board.b_open.click()
    activity = kit.exercises["knowledge-check"]
    assert current_phase(store, board.session_id, activity) == "pre"
    board.a_phase.value = "post"
    board.b_open.click()
    assert current_phase(store, board.session_id, activity) == "post"
    board.a_pick.value = "myth-or-fact"
    assert board.a_phase.layout.display == "none"


def test_each_person_answers_under_their_code_and_hands_on(room, store, kit):
    """Answers save under the personal code; 'next person' clears the form for another."""
    board, group = room
    board.a_pick.value = "knowledge-check"
    board.b_open.click()
    page = GroupPage(store, kit, group.join_code)
    form = page.evaluation
    assert form is not None and form.inputs == {}
    form.code_box.value = "blue 42"
    form.start_button.click()
    first = next(iter(form.inputs))
    form.inputs[first].controls[0].value = form.inputs[first].controls[0].options[0][1]
    (resp,) = store.evaluation_responses(board.session_id, "knowledge-check", "pre")
    assert resp.respondent_code == "BLUE42" and resp.question_id == first
    form.next_button.click()
    assert form.code is None and form.code_box.value == ""
    form.give_button.click()
    assert form.code and form.code != "BLUE42"


def test_same_code_brings_earlier_answers_back(room, store, kit):
    """Typing the same code again (after a refresh) shows that person's answers."""
    board, group = room
    board.a_pick.value = "knowledge-check"
    board.b_open.click()
    page = GroupPage(store, kit, group.join_code)
    page.evaluation.start("RED7")
    qid = next(iter(page.evaluation.inputs))
    ctrl = page.evaluation.inputs[qid].controls[0]
    ctrl.value = ctrl.options[1][1]
    again = GroupPage(store, kit, group.join_code)
    again.evaluation.start("red7")
    assert again.evaluation.inputs[qid].value == ctrl.options[1][1]


def test_a_name_like_or_empty_code_is_refused(room, store, kit):
    """A blank or too-short code is refused with a message; nothing is saved."""
    board, group = room
    board.a_pick.value = "session-feedback"
    board.b_open.click()
    page = GroupPage(store, kit, group.join_code)
    page.evaluation.start("  ")
    assert page.evaluation.code is None and "personal code" in page.status.value


def test_board_counts_people_per_phase(room, store, kit):
    """The board shows how many people answered before and after, never who."""
    board, group = room
    board.a_pick.value = "knowledge-check"
    board.b_open.click()
    page = GroupPage(store, kit, group.join_code)
    for code in ("AAA1", "BBB2"):
        page.evaluation.start(code)
        qid = next(iter(page.evaluation.inputs))
        ctrl = page.evaluation.inputs[qid].controls[0]
        ctrl.value = ctrl.options[0][1]
    board.render_live(force=True)
    html = " ".join(getattr(c, "value", "") for c in board.live_box.children)
    assert "<td>Before</td><td>2</td>" in html and "AAA1" not in html


def test_new_codes_are_short_and_unambiguous():
    """Given codes are 5 characters without look-alikes such as O/0 or I/1."""
    codes = {new_respondent_code() for _ in range(200)}
    assert len(codes) > 190
    assert all(len(c) == 5 and not set(c) & set("O0I1") for c in codes)
