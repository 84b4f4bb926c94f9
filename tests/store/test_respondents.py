"""Personal codes: issued by the kit, never silently shared by two people."""

from __future__ import annotations

import pytest

from mskit.store import CodeInUse, UnknownRespondent
from mskit.store.respondents import RESPONDENT_ALPHABET


@pytest.fixture
def session(store):
    return store.create_session("Codes")


def test_issued_codes_are_short_unambiguous_and_unique(store, session):
    """Issued codes use no look-alike characters and never repeat within a session."""
    codes = {store.issue_respondent(session.id)[0] for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == 5 and set(c) <= set(RESPONDENT_ALPHABET) for c in codes)
    assert not set("0O1IL2Z5S8B") & set(RESPONDENT_ALPHABET)


def test_second_device_with_the_same_code_is_refused(store, session):
    """Two devices typing the same code: the second cannot answer or overwrite the first."""
    code, token = store.issue_respondent(session.id)
    store.claim_respondent(session.id, code, "knowledge-check", "pre", token)
    store.save_evaluation(session.id, "knowledge-check", code, "pre", "q1", "a", token=token)
    other = store.take_code(session.id, code.lower())
    with pytest.raises(CodeInUse):
        store.claim_respondent(session.id, code, "knowledge-check", "pre", other)
    with pytest.raises(CodeInUse):
        store.save_evaluation(session.id, "knowledge-check", code, "pre", "q1", "b", token=other)
    [row] = store.evaluation_responses(session.id)
    assert row.value == "a"


def test_a_person_takes_their_code_to_another_form_and_device(store, session):
    """The code from before the session pairs the form after it, on a shared device too."""
    code, token = store.issue_respondent(session.id)
    store.claim_respondent(session.id, code, "knowledge-check", "pre", token)
    table_device = store.take_code(session.id, code)
    store.claim_respondent(session.id, code, "knowledge-check", "post", table_device)
    assert store.holds_claim(session.id, code, "knowledge-check", "post", table_device)
    assert not store.holds_claim(session.id, code, "knowledge-check", "pre", table_device)


def test_issuing_device_resumes_and_unknown_codes_are_refused(store, session):
    """The device a code was issued to keeps it; a code never given out is refused."""
    code, token = store.issue_respondent(session.id)
    assert store.respondent_token_valid(session.id, code, token)
    assert not store.respondent_token_valid(session.id, code, "guess")
    with pytest.raises(UnknownRespondent):
        store.take_code(session.id, "QQQQQ")


def test_codes_from_paper_forms_are_known_but_not_taken_over(store, session):
    """A code typed in from paper is known; a device cannot take over its answers."""
    store.save_evaluation(session.id, "knowledge-check", "AB12", "pre", "q1", "a")
    assert store.respondent_known(session.id, "ab12")
    token = store.take_code(session.id, "AB12")
    with pytest.raises(CodeInUse):
        store.claim_respondent(session.id, "AB12", "knowledge-check", "pre", token)
    store.claim_respondent(session.id, "AB12", "knowledge-check", "post", token)


def test_stage_reveal_and_release_time(store, session):
    """Stages are revealed one by one; releasing a stage records when."""
    store.open_activity(session.id, "nail-bar")
    first = store.release_stage(session.id, "nail-bar", 1)
    assert first.released_at is not None and first.stages_revealed == 0
    state = store.reveal_stages(session.id, "nail-bar", 1)
    assert state.stage_revealed(1) and not state.stage_revealed(2) and not state.revealed
    again = store.release_stage(session.id, "nail-bar", 1)
    assert again.released_at == first.released_at  # nothing new released
    later = store.release_stage(session.id, "nail-bar")
    assert later.released_at > first.released_at
    assert store.reveal_stages(session.id, "nail-bar", 0).stages_revealed == 1
