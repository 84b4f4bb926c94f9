"""Evaluation forms on the group page: each participant answers for themself, under an
anonymous code they choose (never a name), before and after the session."""

from __future__ import annotations

import secrets
from typing import Any

from ..store.values import normalise_join_code

PHASE_EVENT = "evaluation_phase"
PHASE_LABELS = {"pre": "before the session", "post": "after the session", "once": ""}
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def is_evaluation_form(activity: Any) -> bool:
    """True for the pre/post knowledge check and the feedback form: answered one person at
    a time, not as a group."""
    return activity.kind == "exercise" and (
        bool(activity.pre_post) or activity.exercise_type == "feedback"
    )


def default_phase(activity: Any) -> str:
    return "pre" if activity.pre_post else "once"


def current_phase(store: Any, session_id: str, activity: Any) -> str:
    """The phase the facilitator opened this form for (the latest choice wins)."""
    if not activity.pre_post:
        return "once"
    phase = default_phase(activity)
    for entry in store.log_entries(session_id, PHASE_EVENT):
        detail = entry.detail or {}
        if detail.get("activity_id") == activity.id and detail.get("phase") in ("pre", "post"):
            phase = detail["phase"]
    return phase


def set_phase(store: Any, session_id: str, activity_id: str, phase: str) -> None:
    """Record that the form is now open for ``phase`` ('pre' or 'post')."""
    store.log(session_id, PHASE_EVENT, {"activity_id": activity_id, "phase": phase})


def new_respondent_code(length: int = 5) -> str:
    """A short random code a participant can write down (no look-alike characters)."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def respondent_answers(
    store: Any, session_id: str, form_id: str, phase: str, code: str
) -> dict[str, Any]:
    """What this respondent has already answered in this phase (to restore a page)."""
    wanted = normalise_join_code(code)  # as the store keeps codes
    return {
        r.question_id: r.value
        for r in store.evaluation_responses(session_id, form_id, phase)
        if r.respondent_code == wanted
    }
