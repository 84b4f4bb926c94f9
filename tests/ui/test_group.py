"""The group page, driven headless: join, answer, restore, lock, reveal."""

from __future__ import annotations

import json

import ipywidgets as w
import pytest
from ipywidgets.widgets.widget import _instances

from mskit.live import actions
from mskit.ui.group import GroupPage

from .finder import find, find_all, html_text


@pytest.fixture
def room(store):
    session = store.create_session("Test session", programme_id="awareness-session")
    groups = [store.add_group(session.id, f"Table {i}", ["police"]) for i in (1, 2)]
    return session, groups


def _check(page, qid, index=0):
    """Tick the ``index``-th choice of a multi-select question, as a tap in the browser does."""
    ctrl = page.inputs[qid].widget
    choice = ctrl.spec["choices"][index]["id"]
    current = list(ctrl.value or [])
    ctrl.value = [*current, choice] if choice not in current else current


def _all_widget_state() -> str:
    """Everything the kernel would send to browsers, as JSON text."""
    return json.dumps([wd.get_state() for wd in list(_instances.values())], default=str)


def test_wrong_code_shows_a_clear_message_and_writes_nothing(store, kit, room):
    """A wrong join code says so, offers a code box, and writes nothing to the store but
    the count of wrong codes the facilitator sees (not the code typed)."""
    session, _ = room
    page = GroupPage(store, kit, "NOT-A-CODE")
    assert page.group is None
    assert "does not match any group" in html_text(page.body)
    assert [e.event for e in store.log_entries(session.id)] == ["join_failed"]
    assert "NOT-A-CODE" not in str(store.log_entries(session.id)[0].detail)
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
    assert "Waiting for the facilitator" in html_text(page.body)
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
    ctrl = page.inputs["s1-signs"].widget
    assert ctrl.saved == ctrl.value == answer.value and ctrl.revision == 1  # the page: "Saved"


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
    assert "changed this answer" in b.inputs["s1-signs"].widget.error
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
    page.submit(confirmed=True)
    assert [s.group_id for s in store.submissions(session.id)] == [groups[0].id]
    assert "Submitted at" in page.submit_note.value


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
    theirs.inputs[free.id].widget.value = "OTHER GROUP SECRET ANSWER"
    store.reveal_activity(session.id, "flat-sexual-exploitation")
    w.Widget.close_all()
    mine = GroupPage(store, kit, groups[0].join_code)
    text = html_text(mine.body)
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
    html = html_text(page.body)
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_typed_join_keeps_the_code_in_the_address(store, kit, room):
    """A join typed into the box puts the code in the page's address, so a reload stays joined."""
    _, groups = room
    page = GroupPage(store, kit)
    assert page.connection.join_code == ""
    page.code_box.value = groups[0].join_code.lower()
    page.join_button.click()
    assert page.connection.join_code == groups[0].join_code


def test_a_joined_page_cannot_switch_group(store, kit, room):
    """Another group's code on a joined page changes nothing: changing group needs a new page."""
    _, groups = room
    page = GroupPage(store, kit, groups[0].join_code)
    assert page.join(groups[1].join_code) is False
    assert page.group.id == groups[0].id


def test_a_joined_page_has_no_join_box_left_to_type_into(store, kit, room):
    """After joining, the code box and Join button are closed in the kernel: a code sent
    over the websocket has no widget to reach, and a click does nothing."""
    _, groups = room
    page = GroupPage(store, kit, groups[0].join_code)
    assert page.code_box.comm is None and page.join_button.comm is None
    page.code_box.value = groups[1].join_code
    page.join_button.click()
    assert page.group.id == groups[0].id


def test_pending_saves_belong_to_the_group_that_made_them(store, kit, room):
    """An answer waiting to be saved for one group is never saved into another."""
    session, groups = room
    actions.open_activity(store, kit, session.id, "nail-bar")
    page = GroupPage(store, kit, groups[1].join_code)
    qid = next(iter(page.inputs))
    page.pending[qid] = page.inputs[qid].value
    page._pending_group = groups[0].id
    page.flush()
    assert page.pending == {}
    assert store.latest_answers(session.id, groups[1].id, "nail-bar") == []
    assert store.latest_answers(session.id, groups[0].id, "nail-bar") == []


def test_header_names_agencies_not_ids(store, kit, room):
    """The group header shows the agencies' names."""
    session, _ = room
    g = store.add_group(session.id, "Table 9", ["police", "local-authority"])
    page = GroupPage(store, kit, g.join_code)
    assert kit.agencies["local-authority"].name in page.header.value
    assert "local-authority" not in page.header.value


def test_a_burst_of_changes_is_stored_as_its_last_value_within_a_second(store, kit, room):
    """Ten thousand rapid changes make a handful of revisions; the last lands within 1 s."""
    import asyncio
    import concurrent.futures
    import time

    session, groups = room
    store.open_activity(session.id, "nail-bar")
    store.release_stage(session.id, "nail-bar", 3)
    page = GroupPage(store, kit, groups[0].join_code)
    free = next(q for st in kit.scenarios["nail-bar"].stages for q in st.questions
                if q.type == "free_text")  # fmt: skip
    ctrl = page.inputs[free.id].widget

    async def burst() -> float:
        for n in range(10_000):
            ctrl.value = f"draft {n}"
        last = time.monotonic()
        while store.latest_answers(session.id, groups[0].id)[0].value != "draft 9999":
            await asyncio.sleep(0.02)
            assert time.monotonic() - last < 5, "the last change was never stored"
        return time.monotonic() - last

    # a thread of its own: a browser test earlier in the run may hold this thread's loop
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, burst()).result()
    history = store.answer_history(session.id, groups[0].id)
    assert len(history) <= 5 and history[-1].value == "draft 9999"
    assert ctrl.saved == "draft 9999"


def test_submitting_with_blanks_asks_once(store, kit, room):
    """Submit with unanswered questions asks first; 'Submit anyway' then submits."""
    session, groups = room
    store.open_activity(session.id, "myth-or-fact")
    page = GroupPage(store, kit, groups[0].join_code)
    page.submit_button.click()
    assert store.submissions(session.id) == []
    assert "no answer yet" in page.submit_note.value
    find(page.widget, "mskit-submit-confirm").click()
    assert len(store.submissions(session.id)) == 1
    assert "Submitted at" in page.submit_note.value


def test_submitted_clears_when_the_next_part_is_released(store, kit, room):
    """'Submitted' is for the part the group has seen: releasing the next part clears it."""
    session, groups = room
    actions.open_activity(store, kit, session.id, "nail-bar")
    page = GroupPage(store, kit, groups[0].join_code)
    page.submit(confirmed=True)
    page.refresh()
    assert "Submitted at" in page.submit_note.value
    actions.release_next(store, kit, session.id, "nail-bar")
    page.refresh()
    assert "Submitted" not in page.submit_note.value


def test_reveal_part_by_part(store, kit, room):
    """Revealing part 1 shows its feedback and locks it; part 2 stays open and keyless."""
    session, groups = room
    scenario = kit.scenarios["nail-bar"]
    actions.open_activity(store, kit, session.id, "nail-bar")
    w.Widget.close_all()
    page = GroupPage(store, kit, groups[0].join_code)
    actions.reveal_stage(store, kit, session.id, "nail-bar")
    actions.release_next(store, kit, session.id, "nail-bar")
    page.refresh()
    first = [q.id for q in scenario.stages[0].questions]
    second = [q.id for q in scenario.stages[1].questions]
    assert all(page.inputs[q].disabled for q in first)
    assert not any(page.inputs[q].disabled for q in second)
    assert find_all(page.body, f"mskit-fb-{first[0]}")
    assert not find_all(page.body, f"mskit-fb-{second[0]}")
    assert scenario.stages[0].questions[0].rationale in _all_widget_state()
    assert scenario.stages[1].questions[0].rationale not in _all_widget_state()
    assert "mark for part 1" in html_text(page.body)
    assert not page.submit_button.disabled


def test_feedback_leads_with_the_mark_and_folds_the_model_answer(store, kit, room):
    """After the reveal each question leads with its mark; the model answer is folded away."""
    session, groups = room
    actions.open_activity(store, kit, session.id, "myth-or-fact")
    actions.reveal_all(store, session.id, "myth-or-fact")
    page = GroupPage(store, kit, groups[0].join_code)
    q = kit.exercises["myth-or-fact"].questions[0]
    fb = find(page.body, f"mskit-fb-{q.id}").value
    assert fb.index("Your mark") < fb.index("<details")
    assert "<summary>Model answer and sources</summary>" in fb
    assert "- " not in fb.replace("&#34;", "")  # list items are a list, not "- " text
