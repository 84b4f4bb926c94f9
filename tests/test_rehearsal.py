"""Rehearsing alone: simulated tables answer what the trainer opens; practice stays apart."""

from __future__ import annotations

from mskit.rehearsal import (
    TRAINER_GROUP,
    rehearsal_session,
    rehearsal_store,
    simulate_answers,
)
from mskit.ui.rehearsal import Rehearsal

from .ui.finder import find, html_text, visible_text


def test_rehearsal_lives_in_its_own_store(tmp_path, kit):
    """The practice session is in <data>/rehearsal, not among real sessions."""
    store = rehearsal_store(tmp_path)
    sid = rehearsal_session(store, kit, groups=3)
    assert (tmp_path / "rehearsal" / "mskit.sqlite3").exists()
    labels = [g.label for g in store.list_groups(sid)]
    assert labels[0] == TRAINER_GROUP and len(labels) == 4
    assert rehearsal_session(store, kit) == sid  # reopened, not duplicated


def test_simulated_tables_answer_the_released_questions_only(tmp_path, kit):
    """Simulated tables answer what is visible, leave the trainer's table alone, and once."""
    store = rehearsal_store(tmp_path)
    sid = rehearsal_session(store, kit, groups=4)
    store.open_activity(sid, "county-lines")
    store.release_stage(sid, "county-lines", 1)
    first = simulate_answers(store, kit, sid)
    stage1 = {q.id for q in kit.scenarios["county-lines"].stages[0].questions}
    answers = store.latest_answers(sid)
    assert first == 4 * len(stage1)
    assert {a.question_id for a in answers} == stage1
    mine = next(g for g in store.list_groups(sid) if g.label == TRAINER_GROUP)
    assert all(a.group_id != mine.id for a in answers)
    assert simulate_answers(store, kit, sid) == 0


def test_rehearsal_board_fills_as_tables_answer(tmp_path, kit):
    """With the rehearsal widget, the board shows the simulated tables' answers."""
    store = rehearsal_store(tmp_path)
    r = Rehearsal(store, kit, rehearsal_session(store, kit, groups=3))
    find(r.widget, "mskit-activity-pick").value = "nail-bar"
    find(r.widget, "mskit-open").click()
    r.answer_now.click()
    html = html_text(r.board.live.widget)
    assert "Simulated table 1" in html and "2 of 2" in html
    assert r.group_page.inputs  # the trainer's own page shows the same activity


def test_rehearsal_says_its_join_links_are_practice_links(tmp_path, kit):
    """Nothing serves group pages in a rehearsal, so the page says the links are practice."""
    store = rehearsal_store(tmp_path)
    r = Rehearsal(store, kit, rehearsal_session(store, kit, groups=1))
    text = visible_text(r.widget)
    assert "are practice links" in text and "mskit serve --lan" in text
