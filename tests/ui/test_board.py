"""The facilitator board, driven headless by role: session, groups, activity controls,
live view, the projector view."""

from __future__ import annotations

import ipywidgets as w
import pytest

from mskit.live import actions
from mskit.ui.board import Board, ProjectorPage
from mskit.ui.group import GroupPage

from .finder import find, find_all, html_text, visible_text


@pytest.fixture
def board(store, kit):
    b = Board(store, kit, "http://192.0.2.10:8867")
    find(b.widget, "mskit-session-name").value = "Town Hall, morning"
    find(b.widget, "mskit-create-session").click()
    for i, agency in ((1, "police"), (2, "health"), (3, "local-authority")):
        find(b.widget, "mskit-group-label").value = f"Table {i}"
        find(b.widget, f"mskit-agency-{agency}").value = True
        find(b.widget, "mskit-add-group").click()
    return b


def _open(board, activity_id):
    find(board.widget, "mskit-activity-pick").value = activity_id
    find(board.widget, "mskit-open").click()


def _tick(page, qid, index=0):
    ctrl = page.inputs[qid].widget
    ctrl.value = [*(ctrl.value or []), ctrl.spec["choices"][index]["id"]]


def test_empty_store_shows_the_session_form(store, kit):
    """With no session yet, the board asks for one and hides the rest."""
    b = Board(store, kit)
    assert b.session_id is None
    assert find(b.widget, "mskit-session-name") in b.session_box.children
    assert b.groups_box.layout.display == "none"


def test_board_shows_which_kit_is_in_use(store, kit, tmp_path):
    """The board names the kit it reads: the one that comes with mskit, or a folder."""
    from mskit.content import Kit

    assert "Kit in use: the kit that comes with mskit" in visible_text(Board(store, kit).widget)
    own = Kit(root=tmp_path / "our <kit>", programmes=kit.programmes)
    shown = html_text(Board(store, own).widget)
    assert "our &lt;kit&gt;" in shown and "comes with mskit" not in shown


def test_activity_pick_shows_the_programmes_first_activity(board, store, kit):
    """With a session open, the activity dropdown has a choice made (never a blank box)."""
    pick = find(board.widget, "mskit-activity-pick")
    assert pick.value is not None and pick.value == pick.options[0][1]


def test_session_needs_a_name(store, kit):
    """Creating a session without a name says so and creates nothing."""
    b = Board(store, kit)
    find(b.widget, "mskit-create-session").click()
    assert "name" in b.status.value and store.list_sessions() == []


def test_create_session_and_groups_with_join_codes_and_qr(board, store):
    """Groups get join links and QR codes on the board, with their agencies by name."""
    groups = store.list_groups(board.session_id)
    assert [g.label for g in groups] == ["Table 1", "Table 2", "Table 3"]
    assert groups[1].agencies == ("health",)
    html = html_text(board.groups_box)
    assert html.count("<svg") == 3
    for g in groups:
        assert f"http://192.0.2.10:8867/?code={g.join_code}" in html
    assert "local-authority" not in html.replace("mskit-agency-local-authority", "")


def test_duplicate_group_label_is_refused_clearly(board, store):
    """A second group with the same label gets a message, not a second row."""
    find(board.widget, "mskit-group-label").value = "Table 1"
    find(board.widget, "mskit-add-group").click()
    assert len(store.list_groups(board.session_id)) == 3
    assert "mskit-error" in board.status.value


def test_reopening_the_board_resumes_the_latest_session(board, store, kit):
    """A new board (a refresh, a restart) opens the most recent session."""
    again = Board(store, kit)
    assert again.session_id == board.session_id


def test_open_release_reveal_part_lock_close(board, store, kit):
    """The controls take a case study part by part: release, reveal a part, lock, close."""
    _open(board, "county-lines")
    state = store.current_activity(board.session_id)
    assert state.activity_id == "county-lines" and state.stages_released == 1
    release = find(board.widget, "mskit-release")
    reveal_part = find(board.widget, "mskit-reveal-part")
    assert release.description == "Release part 2" and reveal_part.description == "Reveal part 1"
    reveal_part.click()
    state = store.current_activity(board.session_id)
    assert state.stages_revealed == 1 and not state.revealed
    assert reveal_part.disabled
    release.click()
    assert store.current_activity(board.session_id).stages_released == 2
    assert not reveal_part.disabled
    total = len(kit.scenarios["county-lines"].stages)
    while not release.disabled:
        release.click()
    assert store.current_activity(board.session_id).stages_released == total
    lock = find(board.widget, "mskit-lock")
    lock.click()
    assert store.current_activity(board.session_id).locked
    assert lock.description == "Unlock answers"
    find(board.widget, "mskit-reveal").click()
    state = store.current_activity(board.session_id)
    assert state.revealed and state.locked
    events = [e.event for e in store.log_entries(board.session_id)]
    assert "stage_revealed" in events and "revealed" in events
    find(board.widget, "mskit-close").click()
    assert store.current_activity(board.session_id) is None


def test_exercise_has_no_part_buttons(board):
    """An exercise has one part: the release and reveal-part buttons are hidden."""
    _open(board, "spot-the-signs")
    assert find(board.widget, "mskit-release").layout.display == "none"
    assert find(board.widget, "mskit-reveal-part").layout.display == "none"
    assert find(board.widget, "mskit-reveal").description == "Reveal model answers"


def test_live_view_follows_group_saves_as_bar_charts_in_words(board, store, kit):
    """After a group saves, the board shows who answered and a chart per question in words."""
    _open(board, "nail-bar")
    groups = store.list_groups(board.session_id)
    page = GroupPage(store, kit, groups[0].join_code)
    _tick(page, "s1-signs", 0)
    board.render_live()
    live = find(board.widget, "mskit-live")
    text = html_text(live)
    assert '<th scope="row">Table 1</th><td>yes</td><td>1 of 2</td>' in text
    q = kit.scenarios["nail-bar"].stages[0].questions[0]
    assert q.prompt in text and "s1-signs" not in visible_text(live)
    assert "mskit-bar-row" in text
    assert "Model answer says" not in text and "None" not in visible_text(live)


def test_model_answers_are_lists_folded_on_the_board(board, kit):
    """Model answers are folded and rendered as lists, never '- ' run-on text."""
    _open(board, "nail-bar")
    answers = [x.value for x in find_all(board.widget, "mskit-live")[0].children
               if isinstance(x, w.HTML) and "mskit-model-answer" in x.value]  # fmt: skip
    assert answers
    assert all(a.startswith("<details") for a in answers)
    assert any("<li>" in a for a in answers)
    assert not any("<p>- " in a for a in answers)


def test_free_text_can_be_marked_by_hand_beside_the_guide(board, store, kit):
    """A free-text answer shows escaped with its marking guide, and a hand mark is saved."""
    _open(board, "nail-bar")
    store.release_stage(board.session_id, "nail-bar", 3)
    groups = store.list_groups(board.session_id)
    page = GroupPage(store, kit, groups[0].join_code)
    free = next(
        q for st in kit.scenarios["nail-bar"].stages for q in st.questions if q.type == "free_text"
    )
    page.inputs[free.id].widget.value = "<script>alert('x')</script> call the lead"
    page.flush()
    board.render_live(force=True)
    box = find(board.widget, "mskit-marking")
    text = html_text(box)
    assert "<script>alert" not in text and "&lt;script&gt;alert" in text
    assert "Marking guide" in text and free.marking_guide[0][:30] in text
    box.children[1].value = 1.5
    box.children[2].value = "Good first step"
    find(box, f"mskit-mark-{groups[0].id}-{free.id}").click()
    (mark,) = store.marks(board.session_id)
    assert mark.points == 1.5 and mark.comment == "Good first step"


def test_timer_counts_against_the_planned_time(board, kit):
    """The timer shows time spent against the activity's planned minutes."""
    _open(board, "nail-bar")
    assert f"of {kit.scenarios['nail-bar'].duration_minutes}:00 planned" in board.timer.value


def test_facilitator_notes_show_on_the_board(board, kit):
    """The board shows the open activity's facilitator notes, folded."""
    _open(board, "nail-bar")
    assert "Facilitator notes" in board.notes.value and "<details" in board.notes.value


def test_one_tables_code_at_a_time_on_the_projector(board, store):
    """'Show on the projector' puts one table's code there; another replaces it; hide clears."""
    groups = store.list_groups(board.session_id)
    find(board.widget, f"mskit-show-code-{groups[0].id}").click()
    board.render_live()
    shown = board.projector.card.value
    assert groups[0].join_code in shown and "<svg" in shown
    assert groups[1].join_code not in html_text(board.projector.widget)
    find(board.widget, f"mskit-show-code-{groups[1].id}").click()
    board.render_live()
    projected = html_text(board.projector.widget)
    assert groups[1].join_code in projected and groups[0].join_code not in projected
    find(board.widget, "mskit-hide-code").click()
    board.render_live()
    assert board.projector.card.value == ""


def test_a_table_can_get_a_new_code_and_the_old_one_stops_working(board, store, kit):
    """'New code for this table' issues a fresh code shown on its card; the old code no
    longer joins, a page already joined stays with its table."""
    from mskit.store import UnknownJoinCode

    old = store.list_groups(board.session_id)[0]
    joined = GroupPage(store, kit, old.join_code)
    find(board.widget, f"mskit-new-code-{old.id}").click()
    new = store.get_group(old.id)
    assert new.join_code != old.join_code
    cards = html_text(board.widget)
    assert new.join_code in cards and old.join_code not in cards
    with pytest.raises(UnknownJoinCode):
        store.group_by_code(old.join_code)
    assert GroupPage(store, kit, old.join_code).group is None
    assert GroupPage(store, kit, new.join_code).group.id == old.id
    assert joined.group.id == old.id
    assert [
        e.detail["group_id"] for e in store.log_entries(board.session_id, "join_code_renewed")
    ] == [old.id]


def test_wrong_codes_and_refused_requests_are_counted_on_the_board(
    board, store, kit, tmp_path, monkeypatch
):
    """Each wrong join code is logged and counted on the board with the servers' refusals;
    a page that keeps guessing has to wait before its next try."""
    run = tmp_path / "run" / "board"
    run.mkdir(parents=True)
    (run / "refused.json").write_text('{"refused": 4}')
    monkeypatch.setenv("MSKIT_DATA", str(tmp_path))
    page = GroupPage(store, kit)
    for _ in range(3):
        page.code_box.value = "WRONG-CODE"
        page.join_button.click()
    assert len(store.log_entries(board.session_id, "join_failed")) == 2
    assert "try again in" in html_text(page.status)
    board.groups.update(None)
    assert "Wrong join codes typed: 2. Requests refused by the servers: 4." in html_text(
        board.widget
    )


def test_projector_view_replaces_the_controls_and_back(board):
    """The projector view shows no control of the board; 'Back to the controls' returns."""
    find(board.widget, "mskit-projector-toggle").click()
    assert board.projecting and "mskit-projecting" in board.widget._dom_classes
    assert find_all(board.widget, "mskit-open") == []
    assert find_all(board.widget, "mskit-add-group") == []
    find(board.widget, "mskit-projector-exit").click()
    assert not board.projecting and find(board.widget, "mskit-open")


def test_projector_shows_no_answer_key_before_the_reveal(board, store, kit):
    """Before a part's reveal the projector carries no model answer, rationale or note;
    after it, the key's options are marked in the charts."""
    _open(board, "nail-bar")
    groups = store.list_groups(board.session_id)
    page = GroupPage(store, kit, groups[0].join_code)
    _tick(page, "s1-signs", 0)
    board.render_live()
    scenario = kit.scenarios["nail-bar"]
    projected = html_text(board.projector.widget)
    assert "mskit-bar-row" in projected
    assert "model answer" not in projected.lower().replace("model answers shown", "")
    for q in scenario.stages[0].questions:
        assert q.rationale[:60] not in projected
    assert scenario.facilitator_notes[:60] not in projected
    actions.reveal_stage(store, kit, board.session_id, "nail-bar")
    board.render_live()
    assert "mskit-bar-key" in html_text(board.projector.widget)


def test_projector_never_shows_a_groups_written_words(board, store, kit):
    """Free-text answers appear on the board for marking, never on the projector."""
    _open(board, "nail-bar")
    store.release_stage(board.session_id, "nail-bar", 3)
    groups = store.list_groups(board.session_id)
    page = GroupPage(store, kit, groups[0].join_code)
    free = next(q for st in kit.scenarios["nail-bar"].stages for q in st.questions
                if q.type == "free_text")  # fmt: skip
    page.inputs[free.id].widget.value = "OUR PRIVATE WORDING"
    page.flush()
    board.render_live(force=True)
    assert "OUR PRIVATE WORDING" in html_text(board.live.widget)
    assert "OUR PRIVATE WORDING" not in html_text(board.projector.widget)


def test_projector_page_alone_follows_the_store(board, store, kit):
    """The projector view in its own window shows the open activity and the shown code."""
    page = ProjectorPage(store, kit, "http://192.0.2.10:8867", board.session_id)
    assert "Welcome" in page.view.head.value
    _open(board, "nail-bar")
    groups = store.list_groups(board.session_id)
    actions.show_code(store, board.session_id, groups[2].id)
    page.render_live()
    assert kit.scenarios["nail-bar"].title in page.view.head.value
    assert groups[2].join_code in page.view.card.value


def test_individual_form_on_the_projector_is_a_head_count(board, store, kit):
    """With the knowledge check open the projector counts people, with no answers shown."""
    _open(board, "knowledge-check")
    store.save_evaluation(board.session_id, "knowledge-check", "ABC234", "pre",
                          kit.activity("knowledge-check").questions[0].id, "x")  # fmt: skip
    board.render_live(force=True)
    body = board.projector.body.value
    assert "1</span> person has answered" in body and "mskit-chart" not in body
