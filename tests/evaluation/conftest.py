"""Evaluation test data: a hand-made knowledge check with known answers, and three demo
session files from two facilitators."""

from __future__ import annotations

from datetime import date

import pytest

T = "2025-01-15T10:{:02d}:00+00:00"
KC, FB = "knowledge-check", "session-feedback"


def r(code, phase, qid, value, minute=0, session="S1", form=KC):
    """One evaluation answer as it appears in a session export."""
    return {
        "session_id": session,
        "form_id": form,
        "respondent_code": code,
        "phase": phase,
        "question_id": qid,
        "value": value,
        "saved_at": T.format(minute),
    }


@pytest.fixture
def hand_made():
    """Five people, two single-choice questions and one confidence rating.

    A1: pre 1 right (define), post 2 right -> 1/16 -> 2/16 (gain 6.25 points)
    B2: pre 2 right, post 2 right (gain 0); typed 'b-2' after, still B2
    C3: pre only; D4: post only, both wrong
    E5: pre define first wrong then right (the later answer wins), post define right (gain 0)
    The form's maximum is 16 points (8 single choice + 4 + 4 for the two multiple choice).
    """
    return [
        r("A1", "pre", "define-modern-slavery", "umbrella"),
        r("A1", "pre", "duty-to-notify", "everyone"),
        r("A1", "pre", "confidence-spot", 2),
        r("A1", "post", "define-modern-slavery", "umbrella"),
        r("A1", "post", "duty-to-notify", "police-and-councils"),
        r("A1", "post", "confidence-spot", 4),
        r("B2", "pre", "define-modern-slavery", "umbrella"),
        r("B2", "pre", "duty-to-notify", "police-and-councils"),
        r("B2", "pre", "confidence-spot", 3),
        r("b-2", "post", "define-modern-slavery", "umbrella"),
        r("b-2", "post", "duty-to-notify", "police-and-councils"),
        r("b-2", "post", "confidence-spot", 3),
        r("C3", "pre", "define-modern-slavery", "umbrella"),
        r("C3", "pre", "confidence-spot", 1),
        r("D4", "post", "define-modern-slavery", "single-offence"),
        r("D4", "post", "duty-to-notify", "everyone"),
        r("E5", "pre", "define-modern-slavery", "sex-only", minute=1),
        r("E5", "pre", "define-modern-slavery", "umbrella", minute=5),
        r("E5", "post", "define-modern-slavery", "umbrella", minute=30),
    ]


@pytest.fixture(scope="session")
def demo_files(tmp_path_factory, kit):
    """Three demo session files: facilitator A twice (North), facilitator B once (South)."""
    from mskit.evaluation import demo_session_files

    return demo_session_files(kit, tmp_path_factory.mktemp("laptops"))


@pytest.fixture
def programme_store(tmp_path, demo_files):
    """A programme lead's store with the three demo files imported (one of them twice)."""
    from mskit.evaluation import combine_session_files
    from mskit.store import open_store

    s = open_store(tmp_path / "programme")
    combine_session_files(s, [*demo_files, demo_files[1]])
    yield s
    s.close()


AS_OF = date(2025, 4, 1)
