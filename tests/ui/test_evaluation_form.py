"""Individual forms on the group page: one person at a time, under a code the kit issues."""

from __future__ import annotations

import pytest

from mskit.live import actions
from mskit.live.evaluation import current_phase, is_evaluation_form, person_key
from mskit.ui.group import GroupPage

from .finder import find, html_text


@pytest.fixture
def room(store, kit):
    session = store.create_session("Evaluation test", programme_id="awareness-session")
    group = store.add_group(session.id, "Table 1", ["police"])
    return session, group


def _open(store, kit, session, form, phase="pre"):
    actions.open_activity(store, kit, session.id, form, phase=phase)


def _answer_first(form, choice=0):
    qid = next(iter(form.inputs))
    ctrl = form.inputs[qid].widget
    ctrl.value = ctrl.spec["choices"][choice]["id"]
    return qid, ctrl.value


def test_knowledge_check_and_feedback_are_evaluation_forms(kit):
    """The pre/post check and the feedback form are individual; a quiz is a group activity."""
    assert is_evaluation_form(kit.exercises["knowledge-check"])
    assert is_evaluation_form(kit.exercises["session-feedback"])
    assert not is_evaluation_form(kit.exercises["myth-or-fact"])
    assert not is_evaluation_form(kit.scenarios["nail-bar"])


def test_opening_records_before_or_after(room, store, kit):
    """Opening the check before, then after, the session is recorded for the group pages."""
    session, _ = room
    _open(store, kit, session, "knowledge-check", "pre")
    assert current_phase(store, session.id, kit.exercises["knowledge-check"]) == "pre"
    _open(store, kit, session, "knowledge-check", "post")
    assert current_phase(store, session.id, kit.exercises["knowledge-check"]) == "post"


def test_start_issues_a_code_kept_by_this_browser(room, store, kit):
    """Start gives the person a new code; the browser keeps it; answers save under it."""
    session, group = room
    _open(store, kit, session, "knowledge-check")
    page = GroupPage(store, kit, group.join_code)
    form = page.evaluation
    find(form.widget, "mskit-respondent-new").click()
    assert form.code and len(form.code) == 5
    assert page.connection.stored[person_key(session.id)]["code"] == form.code
    qid, value = _answer_first(form)
    (resp,) = store.evaluation_responses(session.id, "knowledge-check", "pre")
    assert (resp.respondent_code, resp.question_id, resp.value) == (form.code, qid, value)
    assert form.inputs[qid].widget.saved == value


def test_a_reload_on_the_same_device_resumes_the_same_person(room, store, kit):
    """A reload sends what the browser kept; the person carries on with their answers."""
    session, group = room
    _open(store, kit, session, "knowledge-check")
    page = GroupPage(store, kit, group.join_code)
    page.evaluation.start_new()
    qid, value = _answer_first(page.evaluation, 1)
    kept = dict(page.connection.stored)
    again = GroupPage(store, kit, group.join_code)
    assert again.evaluation.code is None
    again.connection.stored = kept  # the browser reports what it kept
    assert again.evaluation.code == page.evaluation.code
    assert again.evaluation.inputs[qid].value == value


def test_two_people_typing_the_same_code_are_never_merged(room, store, kit):
    """Someone typing a code already answering on another device gets a new code, not its answers."""
    session, group = room
    _open(store, kit, session, "knowledge-check")
    first = GroupPage(store, kit, group.join_code).evaluation
    first.start_new()
    _answer_first(first, 0)
    second = GroupPage(store, kit, group.join_code).evaluation
    second.code_box.value = first.code.lower()
    find(second.widget, "mskit-respondent-start").click()
    assert second.code and second.code != first.code
    assert "already answering this form" in html_text(second.widget)
    assert all(i.value is None for i in second.inputs.values())
    _answer_first(second, 1)
    rows = store.evaluation_responses(session.id, "knowledge-check", "pre")
    assert {r.respondent_code for r in rows} == {first.code, second.code}
    mine = [r for r in rows if r.respondent_code == first.code]
    assert len(mine) == 1 and mine[0].value == next(iter(first.inputs.values())).value


def test_the_code_from_before_pairs_the_check_after_on_a_shared_device(room, store, kit):
    """After the session, typing the code from before answers the 'post' form under it."""
    session, group = room
    _open(store, kit, session, "knowledge-check", "pre")
    phone = GroupPage(store, kit, group.join_code).evaluation
    phone.start_new()
    _answer_first(phone)
    _open(store, kit, session, "knowledge-check", "post")
    table = GroupPage(store, kit, group.join_code).evaluation
    assert table.phase == "post"
    table.start_with(phone.code)
    assert table.code == phone.code
    _answer_first(table)
    phases = {r.phase for r in store.evaluation_responses(session.id, "knowledge-check")
              if r.respondent_code == phone.code}  # fmt: skip
    assert phases == {"pre", "post"}


def test_a_code_never_given_out_is_refused(room, store, kit):
    """A typo is refused with a message; nothing is saved and no form is shown."""
    session, group = room
    _open(store, kit, session, "session-feedback")
    form = GroupPage(store, kit, group.join_code).evaluation
    form.start_with("QQQQQ")
    assert form.code is None and "No personal code QQQQQ" in form.message.value


def test_next_person_clears_code_and_status_from_the_device(room, store, kit):
    """'Next person on this device' forgets the code and leaves nothing of the last person."""
    session, group = room
    _open(store, kit, session, "knowledge-check")
    page = GroupPage(store, kit, group.join_code)
    form = page.evaluation
    form.start_new()
    code = form.code
    _answer_first(form)
    find(form.widget, "mskit-respondent-finish").click()
    assert code in html_text(form.widget)
    find(form.widget, "mskit-respondent-next").click()
    assert form.code is None and person_key(session.id) not in page.connection.stored
    assert code not in html_text(page.widget)


def test_clearing_an_answer_is_saved(room, store, kit):
    """Taking an answer back is saved like any other change."""
    session, group = room
    _open(store, kit, session, "knowledge-check")
    form = GroupPage(store, kit, group.join_code).evaluation
    form.start_new()
    qid, _ = _answer_first(form)
    form.inputs[qid].widget.value = None
    (resp,) = store.evaluation_responses(session.id, "knowledge-check", "pre")
    assert resp.value is None


def test_options_are_shuffled_per_person_and_stable(room, store, kit):
    """Each person sees the options in their own order, the same again after a reload;
    questions marked keep_order keep the written order."""
    session, group = room
    _open(store, kit, session, "knowledge-check")

    def order(form):
        return [[c["id"] for c in i.widget.spec["choices"]] for i in form.inputs.values()]

    pages = [GroupPage(store, kit, group.join_code) for _ in range(6)]
    for page in pages:
        page.evaluation.start_new()
    assert len({repr(order(p.evaluation)) for p in pages}) > 1
    reloaded = GroupPage(store, kit, group.join_code)
    reloaded.connection.stored = dict(pages[0].connection.stored)
    assert order(reloaded.evaluation) == order(pages[0].evaluation)
    for q in kit.exercises["knowledge-check"].questions:
        if getattr(q, "keep_order", False):
            shown = reloaded.evaluation.inputs[q.id].widget.spec["choices"]
            assert [c["id"] for c in shown] == [o.id for o in q.options]


def test_the_page_never_shows_a_personal_code_in_its_status(room, store, kit):
    """No 'Saved (CODE)' line stays on a table's screen."""
    session, group = room
    _open(store, kit, session, "knowledge-check")
    page = GroupPage(store, kit, group.join_code)
    page.evaluation.start_new()
    _answer_first(page.evaluation)
    assert page.evaluation.code not in page.status.value


def test_starting_builds_the_form_once_and_an_old_form_stops_following_the_browser(
    room, store, kit
):
    """Start shows the form once (keeping the code in the browser does not start it again),
    and a form no longer shown ignores later changes to what the browser keeps."""
    session, group = room
    _open(store, kit, session, "knowledge-check")
    page = GroupPage(store, kit, group.join_code)
    form = page.evaluation
    built = []
    original = form._show_form
    form._show_form = lambda **kw: (built.append(1), original(**kw))[1]
    find(page.widget, "mskit-respondent-new").click()
    assert len(built) == 1
    actions.close_activity(store, session.id)
    page.refresh()
    assert page.evaluation is None
    form.code = None
    page.connection.stored = {form._key: {"code": "ZZZZZ", "token": "x"}}
    assert len(built) == 1
