"""Evaluation forms on the group page: each participant answers for themself, under an
anonymous personal code issued by the kit (never a name), before and after the session."""

from __future__ import annotations

import hashlib
import random
from typing import Any

from ..store.respondents import new_respondent_code
from ..store.values import normalise_join_code

__all__ = [
    "PHASE_EVENT",
    "PHASE_LABELS",
    "current_phase",
    "default_phase",
    "display_order",
    "is_evaluation_form",
    "new_respondent_code",
    "person_key",
    "respondent_answers",
    "set_phase",
]

PHASE_EVENT = "evaluation_phase"
PHASE_LABELS = {"pre": "before the session", "post": "after the session", "once": ""}


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


def person_key(session_id: str) -> str:
    """Where a browser keeps the personal code it was given for this session."""
    return f"mskit-person:{session_id}"


def display_order(question: dict[str, Any], session_id: str, code: str) -> dict[str, Any]:
    """The public question with its choices in this person's order.

    The order is shuffled per person (so the right answer is not always in one place),
    stable across reloads (seeded by session, code and question), and left as written
    where the content says ``keep_order``. Answers are stored by option id, so analysis
    does not depend on the order shown."""
    if question["type"] not in ("single_choice", "multiple_choice") or question.get("keep_order"):
        return question
    seed = hashlib.sha256(f"{session_id}:{code}:{question['id']}".encode()).hexdigest()
    choices = list(question["choices"])
    random.Random(seed).shuffle(choices)
    return {**question, "choices": choices}


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
