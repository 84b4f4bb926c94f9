"""Typing in paper evaluation forms and saving a participant's form."""

from __future__ import annotations

import pytest

from mskit.evaluation import EvaluationFormError, check_respondent_code, record_paper_response


@pytest.fixture
def session(store):
    return store.create_session("Paper", "2025-02-01")


def test_paper_form_is_saved_under_the_code(store, kit, session):
    """A paper knowledge check is saved per question under the normalised code and noted in the log."""
    saved = record_paper_response(
        store, kit, session.id, "knowledge-check", "ab 12", "pre",
        {"define-modern-slavery": "umbrella", "signs": ["passport-held", "owes-debt"],
         "confidence-spot": "4", "interpreter": ""},
    )  # fmt: skip
    assert len(saved) == 3  # the blank answer is left out
    got = {e.question_id: e.value for e in store.evaluation_responses(session.id)}
    assert got == {"define-modern-slavery": "umbrella", "signs": ["passport-held", "owes-debt"],
                   "confidence-spot": 4}  # fmt: skip
    assert {e.respondent_code for e in store.evaluation_responses(session.id)} == {"AB12"}
    (entry,) = store.log_entries(session.id, "paper_evaluation")
    assert entry.detail["answers"] == 3


def test_bad_paper_form_saves_nothing(store, kit, session):
    """An unknown option, an unknown question or a rating off the scale refuses the whole form."""
    with pytest.raises(EvaluationFormError) as err:
        record_paper_response(
            store, kit, session.id, "knowledge-check", "AB12", "pre",
            {"define-modern-slavery": "umbrella", "interpreter": "nope", "no-such": 1,
             "confidence-refer": 9},
        )  # fmt: skip
    assert len(err.value.problems) == 3
    assert store.evaluation_responses(session.id) == []


def test_phase_must_suit_the_form(store, kit, session):
    """The knowledge check is answered pre or post; the feedback form once."""
    with pytest.raises(EvaluationFormError):
        record_paper_response(store, kit, session.id, "knowledge-check", "AB12", "once", {})
    with pytest.raises(EvaluationFormError):
        record_paper_response(store, kit, session.id, "session-feedback", "AB12", "pre", {})


@pytest.mark.parametrize("code", ["", "A", "ab!2", "Jo.Smith", "X" * 13])
def test_codes_that_could_be_names_are_refused(code):
    """A respondent code is 2 to 12 letters and digits; anything else is refused."""
    with pytest.raises(EvaluationFormError):
        check_respondent_code(code)


def test_code_normalised():
    """Codes are compared upper case without spaces or hyphens."""
    assert check_respondent_code(" ab-12 ") == "AB12"
