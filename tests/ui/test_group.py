"""The group page, driven headless: join, answer, restore, lock, reveal."""

from __future__ import annotations

import json

import ipywidgets as w
import pytest
from ipywidgets.widgets.widget import _instances

from mskit.ui.group import GroupPage


@pytest.fixture
def room(store):
    session = store.create_session("Test session", programme_id="awareness-session")
    groups = [store.add_group(session.id, f"Table {i}", ["police"]) for i in (1, 2)]
    return session, groups


def _check(page, qid, index=0, value=True):
    page.inputs[qid].controls[index].value = value


def _all_widget_state() -> str:
    """Everything the kernel would send to browsers, as JSON text."""
    return json.dumps([wd.get_state() for wd in list(_instances.values())], default=str)


def test_wrong_code_shows_a_clear_message_and_writes_nothing(store, kit, room):
    """A wrong join code says so, offers a code box, and writes nothing to the store."""
    session, _ = room
    page = GroupPage(store, kit, "NOT-A-CODE")
    assert page.group is None
    assert "does not match any group" in page.body.children[0].value
    assert store.log_entries(session.id) == []
    assert store.latest_answers(session.id) == []


def test_typed_code_joins(store, kit, room):
    """Typing the code and pressing Join shows the group's page."""
    _, groups = room
    page = GroupPage(store, kit)
    page.code_box.value = groups[0].join_code.lower()
    page.join_button.click()
    assert page.group.id == groups[0].id
    assert "Table 1" in page.header.value


def test_page_waits_then_shows_released_stages(store, kit, room):
    """Before an activity opens the page waits; then it shows each released stage."""
    session, groups = room
    page = GroupPage(store, kit, groups[0].join_code)
    assert "Waiting for the facilitator" in page.body.children[0].value
    store.open_activity(session.id, "nail-bar")
    store.release_stage(session.id, "nail-bar", 1)
    page.refresh()
    first = set(page.inputs)
    store.release_stage(session.id, "nail-bar")
    page.refresh()
    assert first < set(page.inputs)


def test_answers_save_as_they_change_and_say_saved(store, kit, room):
    """Ticking a box saves the answer at once and the page says 'Saved'."""
    session, groups = room
    store.open_activity(session.id, "nail-bar")
    store.release_stage(session.id, "nail-bar", 1)
    page = GroupPage(store, kit, groups[0].join_code)
    _check(page, "s1-signs", 0)
    (answer,) = store.latest_answers(session.id, groups[0].id)
    assert answer.question_id == "s1-signs" and len(answer.value) == 1
    assert "Saved at" in page.status.value


def test_a_reloaded_page_has_its_answers_back(store, kit, room):
    """A new page for the same group (a refresh) shows the answers saved before."""
    session, groups = room
    store.open_activity(session.id, "nail-bar")
    store.release_stage(session.id, "nail-bar", 1)
    page = GroupPage(store, kit, groups[0].join_code)
    _check(page, "s1-signs", 2)
    before = page.inputs["s1-signs"].value
    again = GroupPage(store, kit, groups[0].join_code)
    assert again.inputs["s1-signs"].value == before


def test_second_device_sees_the_latest_answer(store, kit, room):
    """Two devices of one group: a change on one appears on the other after a refresh."""
    session, groups = room
    store.open_activity(session.id, "nail-bar")
    store.release_stage(session.id, "nail-bar", 1)
    a = GroupPage(store, kit, groups[0].join_code)
    b = GroupPage(store, kit, groups[0].join_code)
    _check(a, "s1-signs", 1)
    b.refresh()
    assert b.inputs["s1-signs"].value == a.inputs["s1-signs"].value
    _check(b, "s1-signs", 3)
    assert len(store.answer_history(session.id, groups[0].id)) == 2


def test_a_stale_device_gets_the_latest_not_an_overwrite(store, kit, room):
    """A device that missed another's save is told, and shows the latest version."""
    session, groups = room
    store.open_activity(session.id, "nail-bar")
    store.release_stage(session.id, "nail-bar", 1)
    a = GroupPage(store, kit, groups[0].join_code)
    b = GroupPage(store, kit, groups[0].join_code)
    _check(a, "s1-signs", 1)
    _check(b, "s1-signs", 3)  # b has not refreshed since a saved
    assert "changed this answer" in b.status.value
    latest = store.latest_answers(session.id, groups[0].id)[0].value
    assert b.inputs["s1-signs"].value == latest == a.inputs["s1-signs"].value


def test_locked_activity_disables_inputs_and_submit(store, kit, room):
    """Once locked, every input and the submit button are disabled."""
    session, groups = room
    store.open_activity(session.id, "nail-bar")
    store.release_stage(session.id, "nail-bar", 1)
    page = GroupPage(store, kit, groups[0].join_code)
    store.lock_activity(session.id, "nail-bar")
    page.refresh()
    assert all(i.disabled for i in page.inputs.values())
    assert page.submit_button.disabled


def test_submit_records_a_submission(store, kit, room):
    """Submit tells the facilitator the group has finished."""
    session, groups = room
    store.open_activity(session.id, "myth-or-fact")
    page = GroupPage(store, kit, groups[0].join_code)
    page.submit_button.click()
    assert [s.group_id for s in store.submissions(session.id)] == [groups[0].id]
    assert "Submitted at" in page.status.value


def test_no_answer_key_reaches_the_browser_before_the_reveal(store, kit, room):
    """Before the reveal no widget state holds rationale text; after it, the page does."""
    session, groups = room
    store.open_activity(session.id, "nail-bar")
    store.release_stage(session.id, "nail-bar", 3)
    w.Widget.close_all()
    page = GroupPage(store, kit, groups[0].join_code)
    rationale = kit.scenarios["nail-bar"].stages[0].questions[0].rationale
    assert rationale not in _all_widget_state()
    store.reveal_activity(session.id, "nail-bar")
    page.refresh()
    assert rationale in _all_widget_state()


def test_feedback_after_reveal_is_the_groups_own(store, kit, room):
    """After the reveal a group sees its own mark and never another group's answer."""
    session, groups = room
    store.open_activity(session.id, "flat-sexual-exploitation")
    store.release_stage(session.id, "flat-sexual-exploitation", 3)
    mine = GroupPage(store, kit, groups[0].join_code)
    theirs = GroupPage(store, kit, groups[1].join_code)
    free = next(
        q
        for st in kit.scenarios["flat-sexual-exploitation"].stages
        for q in st.questions
        if q.type == "free_text"
    )
    theirs.inputs[free.id].controls[0].value = "OTHER GROUP SECRET ANSWER"
    store.reveal_activity(session.id, "flat-sexual-exploitation")
    w.Widget.close_all()
    mine = GroupPage(store, kit, groups[0].join_code)
    text = " ".join(c.value for c in mine.body.children if isinstance(c, w.HTML))
    assert "Your mark" in text
    assert "OTHER GROUP SECRET ANSWER" not in _all_widget_state()


def test_participant_text_is_escaped_in_feedback(store, kit, room):
    """An answer with markup is shown as text in the group's feedback."""
    session, groups = room
    store.open_activity(session.id, "nail-bar")
    store.release_stage(session.id, "nail-bar", 3)
    free = next(
        q for st in kit.scenarios["nail-bar"].stages for q in st.questions if q.type == "free_text"
    )
    store.set_mark(session.id, groups[0].id, "nail-bar", free.id, 1, "<img src=x onerror=alert(1)>")
    store.reveal_activity(session.id, "nail-bar")
    page = GroupPage(store, kit, groups[0].join_code)
    html = " ".join(c.value for c in page.body.children if isinstance(c, w.HTML))
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
