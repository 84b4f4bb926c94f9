"""Round trips through the Store API, on every backend."""

from __future__ import annotations

import json
from datetime import date, timezone

import pytest

from mskit.store import (
    ActivityLocked,
    DuplicateGroup,
    InvalidValue,
    Store,
    UnknownGroup,
    UnknownJoinCode,
    UnknownSession,
)


@pytest.fixture
def session_and_group(store: Store):
    session = store.create_session("Awareness, Camden", "2025-03-14", venue="Town hall")
    group = store.add_group(session.id, "Table 1", ["police", "health"])
    return session, group


def test_session_round_trip(store: Store) -> None:
    """A created session reads back equal, with every field kept and times in UTC."""
    created = store.create_session(
        "Awareness session",
        date(2025, 3, 14),
        venue="Town hall",
        borough="Camden",
        programme_id="awareness-2h30",
        facilitator="A. Trainer",
    )
    assert len(created.id) == 32
    got = store.get_session(created.id)
    assert got == created
    assert got.date == date(2025, 3, 14)
    assert got.created_at.tzinfo == timezone.utc
    assert got.current_activity_id is None


def test_list_sessions_newest_first(store: Store) -> None:
    """list_sessions returns every session, latest date first."""
    old = store.create_session("Old", "2024-01-10")
    new = store.create_session("New", "2025-06-01")
    assert [s.id for s in store.list_sessions()] == [new.id, old.id]


def test_delete_session_removes_everything(store: Store, session_and_group) -> None:
    """delete_session removes the session and all its rows; others stay."""
    session, group = session_and_group
    other = store.create_session("Other")
    store.save_answer(session.id, group.id, "a", "q", 1)
    store.log(session.id, "x")
    store.delete_session(session.id)
    assert [s.id for s in store.list_sessions()] == [other.id]
    with pytest.raises(UnknownGroup):
        store.get_group(group.id)


def test_group_round_trip(store: Store, session_and_group) -> None:
    """A group reads back by id, by session and by join code (any case, with spaces)."""
    session, group = session_and_group
    assert store.list_groups(session.id) == [group]
    assert store.get_group(group.id) == group
    assert group.agencies == ("police", "health")
    messy = " " + "-".join([group.join_code[:5].lower(), group.join_code[5:]]) + " "
    assert store.group_by_code(messy) == group


def test_duplicate_group_label_refused(store: Store, session_and_group) -> None:
    """Two groups in one session cannot share a label."""
    session, _ = session_and_group
    with pytest.raises(DuplicateGroup, match="Table 1"):
        store.add_group(session.id, "Table 1")


def test_unknown_ids_raise_store_errors(store: Store, session_and_group) -> None:
    """Unknown session, group or join code raise mskit errors with plain messages."""
    session, group = session_and_group
    other = store.create_session("Other")
    with pytest.raises(UnknownSession, match="no session with id 'nope'"):
        store.get_session("nope")
    with pytest.raises(UnknownSession):
        store.add_group("nope", "T")
    with pytest.raises(UnknownSession):
        store.save_answer("nope", group.id, "a", "q", 1)
    with pytest.raises(UnknownGroup, match="no group with id 'nope'"):
        store.save_answer(session.id, "nope", "a", "q", 1)
    with pytest.raises(UnknownGroup):  # a real group, but of another session
        store.save_answer(other.id, group.id, "a", "q", 1)
    with pytest.raises(UnknownJoinCode, match="projector"):
        store.group_by_code("ZZZZZZZZZZ")
    with pytest.raises(UnknownSession):
        store.latest_answers("nope")


def test_activity_flow(store: Store, session_and_group) -> None:
    """Open, release stages, lock and reveal change the activity state and the current one."""
    session, _ = session_and_group
    assert store.current_activity(session.id) is None
    assert store.activity_state(session.id, "case-1") is None
    opened = store.open_activity(session.id, "case-1")
    assert opened.is_current and opened.stages_released == 0 and opened.opened_at
    assert not opened.locked and not opened.revealed
    assert store.release_stage(session.id, "case-1").stages_released == 1
    assert store.release_stage(session.id, "case-1").stages_released == 2
    assert store.release_stage(session.id, "case-1", stage=2).stages_released == 2  # repeat click
    assert store.release_stage(session.id, "case-1", stage=1).stages_released == 2  # never back
    assert store.lock_activity(session.id, "case-1").locked
    assert store.reveal_activity(session.id, "case-1").revealed
    assert store.get_session(session.id).current_activity_id == "case-1"

    store.open_activity(session.id, "quiz-1")
    current = store.current_activity(session.id)
    assert current is not None and current.activity_id == "quiz-1"
    again = store.open_activity(session.id, "case-1")  # re-open keeps its state
    assert (again.stages_released, again.locked, again.revealed) == (2, True, True)
    assert again.opened_at == opened.opened_at
    states = {s.activity_id: s for s in store.activity_states(session.id)}
    assert set(states) == {"case-1", "quiz-1"}
    assert states["case-1"].is_current and not states["quiz-1"].is_current
    store.close_activity(session.id)
    assert store.current_activity(session.id) is None


def test_release_stage_rejects_negative(store: Store, session_and_group) -> None:
    """A negative stage number is refused with InvalidValue."""
    session, _ = session_and_group
    with pytest.raises(InvalidValue):
        store.release_stage(session.id, "case-1", stage=-1)


def test_locked_activity_refuses_changes(store: Store, session_and_group) -> None:
    """Once locked, a changed answer is refused; re-sending the saved value is still fine."""
    session, group = session_and_group
    store.save_answer(session.id, group.id, "case-1", "q1", "a")
    store.lock_activity(session.id, "case-1")
    with pytest.raises(ActivityLocked, match="locked"):
        store.save_answer(session.id, group.id, "case-1", "q1", "b")
    assert not store.save_answer(session.id, group.id, "case-1", "q1", "a").changed
    store.lock_activity(session.id, "case-1", locked=False)
    assert store.save_answer(session.id, group.id, "case-1", "q1", "b").revision == 2


def test_answer_values_round_trip(store: Store, session_and_group) -> None:
    """JSON values of every shape (incl. unicode, nesting, null) come back as saved."""
    session, group = session_and_group
    cases = {
        "single": "b",
        "multi": ["a", "c"],
        "order": [{"action": "call-999", "rank": 1}, {"action": "note", "rank": 2}],
        "free": "Mae'n iawn — “quotes” <script>alert(1)</script> ✓",
        "number": 3.5,
        "flag": True,
        "empty": None,
    }
    for question, value in cases.items():
        store.save_answer(session.id, group.id, "case-1", question, value, client_id="tab-1")
    latest = {a.question_id: a for a in store.latest_answers(session.id)}
    assert {q: a.value for q, a in latest.items()} == cases
    assert {a.client_id for a in latest.values()} == {"tab-1"}


def test_answer_value_must_be_json(store: Store, session_and_group) -> None:
    """Values that are not JSON, or too large, are refused with InvalidValue."""
    session, group = session_and_group
    with pytest.raises(InvalidValue, match="JSON"):
        store.save_answer(session.id, group.id, "a", "q", {1, 2})
    with pytest.raises(InvalidValue, match="too long"):
        store.save_answer(session.id, group.id, "a", "q", "x" * 70_000)
    with pytest.raises(InvalidValue):
        store.save_answer(session.id, group.id, "", "q", 1)


def test_latest_answers_filters(store: Store, session_and_group) -> None:
    """latest_answers filters by group and activity."""
    session, g1 = session_and_group
    g2 = store.add_group(session.id, "Table 2")
    store.save_answer(session.id, g1.id, "a1", "q", 1)
    store.save_answer(session.id, g2.id, "a1", "q", 2)
    store.save_answer(session.id, g2.id, "a2", "q", 3)
    assert {a.value for a in store.latest_answers(session.id, group_id=g2.id)} == {2, 3}
    assert {a.value for a in store.latest_answers(session.id, activity_id="a1")} == {1, 2}
    assert [a.value for a in store.latest_answers(session.id, g2.id, "a2")] == [3]


def test_submit_is_idempotent(store: Store, session_and_group) -> None:
    """Submitting twice keeps one submission with the first time."""
    session, group = session_and_group
    first = store.submit(session.id, group.id, "case-1")
    second = store.submit(session.id, group.id, "case-1")
    assert first == second
    assert store.submissions(session.id) == [first]
    assert store.submissions(session.id, activity_id="other") == []


def test_marks_round_trip(store: Store, session_and_group) -> None:
    """set_mark stores points and comment; setting again replaces them."""
    session, group = session_and_group
    store.set_mark(session.id, group.id, "case-1", "why", 1, "partly", answer_revision=3)
    mark = store.set_mark(session.id, group.id, "case-1", "why", 2.5, "good")
    assert store.marks(session.id) == [mark]
    assert (mark.points, mark.comment, mark.answer_revision) == (2.5, "good", None)
    assert store.marks(session.id, group_id=group.id, activity_id="other") == []
    with pytest.raises(InvalidValue):
        store.set_mark(session.id, group.id, "case-1", "why", float("nan"))


def test_evaluation_round_trip(store: Store, session_and_group) -> None:
    """Evaluation answers are kept per respondent code and phase; saving again replaces."""
    session, _ = session_and_group
    store.save_evaluation(session.id, "knowledge", "fox 42", "pre", "q1", 2)
    store.save_evaluation(session.id, "knowledge", "FOX42", "post", "q1", 4)
    store.save_evaluation(session.id, "knowledge", "fox42", "post", "q1", 5)
    store.save_evaluation(session.id, "feedback", "owl7", "once", "useful", "Very")
    responses = store.evaluation_responses(session.id, form_id="knowledge")
    assert [(r.respondent_code, r.phase, r.value) for r in responses] == [
        ("FOX42", "post", 5),
        ("FOX42", "pre", 2),
    ]
    assert [r.value for r in store.evaluation_responses(session.id, phase="once")] == ["Very"]
    with pytest.raises(InvalidValue, match="phase"):
        store.save_evaluation(session.id, "knowledge", "fox42", "during", "q1", 1)


def test_facilitator_log(store: Store, session_and_group) -> None:
    """Log entries come back in order with their JSON detail."""
    session, _ = session_and_group
    a = store.log(session.id, "open_activity", {"activity": "case-1"})
    b = store.log(session.id, "reveal")
    entries = store.log_entries(session.id)
    assert entries == [a, b]
    assert entries[0].detail == {"activity": "case-1"} and entries[1].detail is None
    assert store.log_entries(session.id, event="reveal") == [b]


def test_log_keeps_the_latest_entry_per_key_and_counts_cheaply(
    store: Store, session_and_group
) -> None:
    """Joining again replaces a group's earlier join (the log does not grow with reloads);
    log_mark changes with every new entry."""
    session, group = session_and_group
    other = store.add_group(session.id, "Other table")
    before = store.log_mark(session.id)
    for n in range(50):
        store.log(session.id, "group_joined", {"group_id": group.id, "client": f"page-{n}"},
                  replace=("group_id",))  # fmt: skip
    store.log(
        session.id, "group_joined", {"group_id": other.id, "client": "x"}, replace=("group_id",)
    )
    joins = store.log_entries(session.id, "group_joined")
    assert [(e.detail["group_id"], e.detail["client"]) for e in joins] == [
        (group.id, "page-49"),
        (other.id, "x"),
    ]
    count, newest = store.log_mark(session.id, "group_joined")
    assert count == 2 and newest == joins[-1].id
    assert store.log_mark(session.id) != before


def test_two_stores_see_each_other(open_same) -> None:
    """A second Store on the same database sees writes at once (no stale cache)."""
    first, second = open_same(), open_same()
    session = first.create_session("Shared")
    group = second.add_group(session.id, "T1")
    first.save_answer(session.id, group.id, "a", "q", "x")
    assert [a.value for a in second.latest_answers(session.id)] == ["x"]


def test_export_is_json_serialisable(store: Store, session_and_group) -> None:
    """export_session output survives json.dumps/loads unchanged."""
    session, group = session_and_group
    store.save_answer(session.id, group.id, "a", "q", {"x": [1, 2]})
    data = store.export_session(session.id)
    assert json.loads(json.dumps(data)) == data
