"""Revisions of answers: stale-write detection, idempotent saves, history, latest."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mskit.store import StaleWrite, Store


@pytest.fixture
def ids(store: Store) -> tuple[str, str]:
    session = store.create_session("Answers")
    group = store.add_group(session.id, "Table 1")
    return session.id, group.id


def test_revisions_count_up(store: Store, ids) -> None:
    """Each changed save gets the next revision, starting at 1."""
    s, g = ids
    assert [store.save_answer(s, g, "a", "q", v).revision for v in "xyz"] == [1, 2, 3]


def test_stale_write_detected(store: Store, ids) -> None:
    """A save from a page that saw an older revision raises StaleWrite and writes nothing."""
    s, g = ids
    store.save_answer(s, g, "a", "q", "mine", expected_revision=0)
    store.save_answer(s, g, "a", "q", "theirs", expected_revision=1)
    with pytest.raises(StaleWrite) as caught:
        store.save_answer(s, g, "a", "q", "mine again", expected_revision=1)
    assert (caught.value.expected, caught.value.current) == (1, 2)
    assert "changed elsewhere" in str(caught.value)
    assert [a.value for a in store.latest_answers(s)] == ["theirs"]
    assert len(store.answer_history(s)) == 2


def test_first_save_with_expected_revision(store: Store, ids) -> None:
    """expected_revision=0 means 'no answer yet'; it is stale once someone saved."""
    s, g = ids
    assert store.save_answer(s, g, "a", "q", 1, expected_revision=0).revision == 1
    with pytest.raises(StaleWrite):
        store.save_answer(s, g, "a", "q", 2, expected_revision=0)


def test_expected_revision_ahead_is_stale(store: Store, ids) -> None:
    """A page claiming a revision the store never had is also refused as stale."""
    s, g = ids
    store.save_answer(s, g, "a", "q", 1)
    with pytest.raises(StaleWrite):
        store.save_answer(s, g, "a", "q", 2, expected_revision=5)


def test_same_value_is_a_no_op(store: Store, ids) -> None:
    """Saving the current value again writes nothing and returns the current revision."""
    s, g = ids
    first = store.save_answer(s, g, "a", "q", {"b": 1, "a": [1, 2]})
    again = store.save_answer(s, g, "a", "q", {"a": [1, 2], "b": 1})  # same JSON, other key order
    assert first.changed and not again.changed
    assert (again.revision, again.saved_at) == (first.revision, first.saved_at)
    assert len(store.answer_history(s)) == 1


def test_retried_save_after_lost_reply_is_harmless(store: Store, ids) -> None:
    """Re-sending a committed save with its old expected_revision is a no-op, not stale."""
    s, g = ids
    store.save_answer(s, g, "a", "q", "v1", expected_revision=0)
    store.save_answer(s, g, "a", "q", "v2", expected_revision=1)
    retry = store.save_answer(s, g, "a", "q", "v2", expected_revision=1)
    assert (retry.revision, retry.changed) == (2, False)


def test_history_kept_and_latest_is_current(store: Store, ids) -> None:
    """Every revision stays in the history; latest_answers shows only the newest."""
    s, g = ids
    for value in ["a", "b", "a"]:
        store.save_answer(s, g, "act", "q", value)
    store.save_answer(s, g, "act", "other", 1)
    history = store.answer_history(s, question_id="q")
    assert [(h.revision, h.value) for h in history] == [(1, "a"), (2, "b"), (3, "a")]
    assert history[0].saved_at <= history[1].saved_at <= history[2].saved_at
    latest = {a.question_id: (a.revision, a.value) for a in store.latest_answers(s)}
    assert latest == {"q": (3, "a"), "other": (1, 1)}


def _canon(value: object) -> str:
    return json.dumps(value, sort_keys=True)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-1000, 1000) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=6,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(saves=st.lists(st.tuples(st.sampled_from(["q1", "q2"]), json_values), max_size=12))
def test_history_matches_saves(sqlite_store: Store, saves) -> None:
    """For any sequence of saves, history is the sequence without repeats and latest its end."""
    s = sqlite_store.create_session("Property")
    g = sqlite_store.add_group(s.id, "T").id
    expected: dict[str, list] = {"q1": [], "q2": []}
    for question, value in saves:
        result = sqlite_store.save_answer(s.id, g, "act", question, value)
        kept = expected[question]
        same = bool(kept) and _canon(kept[-1]) == _canon(value)  # True and 1 differ in JSON
        assert result.changed == (not same)
        if result.changed:
            kept.append(value)
        assert result.revision == len(kept)
    for question, kept in expected.items():
        history = sqlite_store.answer_history(s.id, question_id=question)
        assert [h.value for h in history] == kept
    latest = {a.question_id: a.value for a in sqlite_store.latest_answers(s.id)}
    assert latest == {q: kept[-1] for q, kept in expected.items() if kept}
