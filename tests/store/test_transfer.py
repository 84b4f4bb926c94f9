"""Export a session to JSON-ready data and import it back."""

from __future__ import annotations

import copy
import json

import pytest

from mskit.store import SCHEMA_VERSION, ImportFormatError, Store

VOLATILE = {"exported_at"}


def _fill(store: Store) -> str:
    session = store.create_session("Export me", "2025-03-14", borough="Camden")
    g1 = store.add_group(session.id, "Table 1", ["police"])
    g2 = store.add_group(session.id, "Table 2", ["health", "council"])
    store.open_activity(session.id, "case-1")
    store.release_stage(session.id, "case-1")
    for value in ["a", "b"]:
        store.save_answer(session.id, g1.id, "case-1", "q1", value, client_id="dev-1")
    store.save_answer(session.id, g2.id, "case-1", "q1", ["x", "y"])
    store.submit(session.id, g1.id, "case-1")
    store.set_mark(session.id, g2.id, "case-1", "why", 2, "good", answer_revision=1)
    store.save_evaluation(session.id, "knowledge", "fox42", "pre", "q1", 3)
    store.log(session.id, "open_activity", {"activity": "case-1"})
    store.reveal_activity(session.id, "case-1")
    return session.id


def _same(a: dict, b: dict) -> bool:
    return {k: v for k, v in a.items() if k not in VOLATILE} == {
        k: v for k, v in b.items() if k not in VOLATILE
    }


def test_export_holds_everything(store: Store) -> None:
    """The export carries format and version and every table's rows, history included."""
    data = _fill(store) and store.export_session(store.list_sessions()[0].id)
    assert data["format"] == "mskit.session-export" and data["format_version"] == 1
    assert data["schema_version"] == SCHEMA_VERSION
    assert len(data["groups"]) == 2 and len(data["answers"]) == 3
    for key in ("activity_state", "submissions", "marks", "evaluation_responses"):
        assert len(data[key]) == 1, key
    assert len(data["facilitator_log"]) == 1
    assert json.loads(json.dumps(data)) == data


def test_round_trip_into_empty_store(store: Store, tmp_path) -> None:
    """Importing an export into another store reproduces the same export."""
    from mskit.store import open_store

    session_id = _fill(store)
    data = json.loads(json.dumps(store.export_session(session_id)))
    with open_store(tmp_path / "other") as other:
        assert other.import_session(data) == session_id
        assert _same(other.export_session(session_id), data)
        group = other.list_groups(session_id)[0]
        assert other.group_by_code(group.join_code) == group
        assert [a.value for a in other.latest_answers(session_id, group.id)] == ["b"]


def test_double_import_skips(store: Store) -> None:
    """Importing the same session twice leaves one copy, unchanged (skip)."""
    session_id = _fill(store)
    data = store.export_session(session_id)
    store.save_answer(session_id, store.list_groups(session_id)[0].id, "case-1", "q1", "c")
    assert store.import_session(data) == session_id
    assert store.import_session(data) == session_id
    assert len(store.list_sessions()) == 1
    assert len(store.answer_history(session_id)) == 4  # the later save was not lost


def test_import_replace(store: Store) -> None:
    """import_session(replace=True) swaps the stored session for the file's copy."""
    session_id = _fill(store)
    data = store.export_session(session_id)
    group = store.list_groups(session_id)[0]
    store.save_answer(session_id, group.id, "case-1", "q1", "later")
    store.import_session(data, replace=True)
    assert len(store.list_sessions()) == 1
    assert _same(store.export_session(session_id), data)


def test_import_gives_new_code_when_taken(store: Store) -> None:
    """An imported group whose join code is already used elsewhere gets a fresh code."""
    session_id = _fill(store)
    data = copy.deepcopy(store.export_session(session_id))
    data["session"]["id"] = "f" * 32
    for table in ("groups", "activity_state", "answers", "submissions", "marks",
                  "evaluation_responses", "facilitator_log"):  # fmt: skip
        for row in data[table]:
            row["session_id"] = "f" * 32
    for row in data["groups"]:
        row["id"] = row["id"][:-4] + "beef"
    for table in ("answers", "submissions", "marks"):
        for row in data[table]:
            row["group_id"] = row["group_id"][:-4] + "beef"
    store.import_session(data)
    codes = [g.join_code for s in store.list_sessions() for g in store.list_groups(s.id)]
    assert len(codes) == 4 and len(set(codes)) == 4


@pytest.mark.parametrize(
    ("mangle", "message"),
    [
        (lambda d: {"hello": 1}, "not an mskit session export"),
        (lambda d: {**d, "format_version": 99}, "format version 99"),
        (
            lambda d: {**d, "answers": [{"group_id": "nope"}]},
            "'answers' in the export has no 'session_id'",
        ),
        (lambda d: {**d, "answers": "x"}, "not a list"),
        (lambda d: {**d, "groups": []}, "inconsistent"),
        (lambda d: {**d, "session": {**d["session"], "id": "a" * 32}}, "another session"),
    ],
)
def test_bad_export_refused(store: Store, mangle, message) -> None:
    """A malformed or inconsistent export raises ImportFormatError and imports nothing."""
    session_id = _fill(store)
    data = mangle(store.export_session(session_id))
    store.delete_session(session_id)
    with pytest.raises(ImportFormatError, match=message):
        store.import_session(data)
    assert store.list_sessions() == []
