"""The facilitator board, driven headless: session, groups, activity controls, live view."""

from __future__ import annotations

import ipywidgets as w
import pytest

from mskit.ui.board import Board
from mskit.ui.group import GroupPage


def _html(widget) -> str:
    if isinstance(widget, w.HTML):
        return widget.value
    if isinstance(widget, w.Box):
        return " ".join(_html(c) for c in widget.children)
    return ""


@pytest.fixture
def board(store, kit):
    b = Board(store, kit, "http://192.0.2.10:8867")
    b.f_name.value = "Town Hall, morning"
    b.f_venue.value = "Room 2"
    b.b_create.click()
    for i, agency in ((1, "police"), (2, "health"), (3, "local-authority")):
        b.g_label.value = f"Table {i}"
        b.g_agencies[agency].value = True
        b.b_add_group.click()
    return b


def test_empty_store_shows_the_session_form(store, kit):
    """With no session yet, the board asks for one."""
    b = Board(store, kit)
    assert b.session_id is None
    assert b.f_name in b.session_box.children


def test_session_needs_a_name(store, kit):
    """Creating a session without a name says so and creates nothing."""
    b = Board(store, kit)
    b.b_create.click()
    assert "name" in b.status.value and store.list_sessions() == []


def test_create_session_and_groups_with_join_codes_and_qr(board, store):
    """Groups get join links and QR codes on the board, with their agencies."""
    groups = store.list_groups(board.session_id)
    assert [g.label for g in groups] == ["Table 1", "Table 2", "Table 3"]
    assert groups[1].agencies == ("health",)
    html = board.g_list.value
    assert html.count("<svg") == 3
    for g in groups:
        assert f"http://192.0.2.10:8867/?code={g.join_code}" in html


def test_duplicate_group_label_is_refused_clearly(board, store):
    """A second group with the same label gets a message, not a second row."""
    board.g_label.value = "Table 1"
    board.b_add_group.click()
    assert len(store.list_groups(board.session_id)) == 3
    assert "mskit-error" in board.status.value


def test_reopening_the_board_resumes_the_latest_session(board, store, kit):
    """A new board (a refresh, a restart) opens the most recent session."""
    again = Board(store, kit)
    assert again.session_id == board.session_id


def test_open_release_lock_reveal_close(board, store):
    """The controls move the activity through its stages, lock, reveal and close."""
    board.a_pick.value = "county-lines"
    board.b_open.click()
    state = store.current_activity(board.session_id)
    assert state.activity_id == "county-lines" and state.stages_released == 1
    board.b_release.click()
    board.b_release.click()
    assert store.current_activity(board.session_id).stages_released == 3
    assert board.b_release.disabled
    board.b_lock.click()
    assert store.current_activity(board.session_id).locked
    assert board.b_lock.description == "Unlock answers"
    board.b_reveal.click()
    state = store.current_activity(board.session_id)
    assert state.revealed and state.locked
    board.b_close.click()
    assert store.current_activity(board.session_id) is None


def test_live_view_follows_group_saves(board, store, kit):
    """After a group saves, the board's next refresh shows who answered and the spread."""
    board.a_pick.value = "nail-bar"
    board.b_open.click()
    groups = store.list_groups(board.session_id)
    page = GroupPage(store, kit, groups[0].join_code)
    page.inputs["s1-signs"].controls[0].value = True
    board.render_live()
    text = _html(board.live_box)
    assert "<td>Table 1</td><td>yes</td><td>1 of 2</td>" in text
    assert "Spread of answers" in text and "s1-signs" in text


def test_free_text_can_be_marked_by_hand(board, store, kit):
    """A free-text answer shows on the board escaped, and a hand mark is saved."""
    board.a_pick.value = "nail-bar"
    board.b_open.click()
    board.store.release_stage(board.session_id, "nail-bar", 3)
    groups = store.list_groups(board.session_id)
    page = GroupPage(store, kit, groups[0].join_code)
    free = next(
        q for st in kit.scenarios["nail-bar"].stages for q in st.questions if q.type == "free_text"
    )
    page.inputs[free.id].controls[0].value = "<script>alert('x')</script> call the lead"
    board.render_live(force=True)
    text = _html(board.live_box)
    assert "<script>alert" not in text and "&lt;script&gt;alert" in text
    box = next(
        c for c in board.live_box.children if isinstance(c, w.VBox) and "call the lead" in _html(c)
    )
    points, comment, save = box.children[1].children
    points.value = 1.5
    comment.value = "Good first step"
    save.click()
    (mark,) = store.marks(board.session_id)
    assert mark.points == 1.5 and mark.comment == "Good first step"


def test_projector_mode_adds_the_class(board):
    """Projector mode switches the board to large, high-contrast text."""
    board.projector.value = True
    assert "mskit-projector" in board.widget._dom_classes
    board.projector.value = False
    assert "mskit-projector" not in board.widget._dom_classes


def test_timer_counts_against_the_planned_time(board, kit):
    """The timer shows time spent against the activity's planned minutes."""
    board.a_pick.value = "nail-bar"
    board.b_open.click()
    assert f"of {kit.scenarios['nail-bar'].duration_minutes}:00 planned" in board.timer.value


def test_facilitator_notes_show_on_the_board(board, kit):
    """The board shows the open activity's facilitator notes (never sent to groups)."""
    board.a_pick.value = "nail-bar"
    board.b_open.click()
    assert "Facilitator notes" in board.a_notes.value
