"""Turn database rows into the records of :mod:`mskit.store.rows`."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Row

from . import rows


def session(row: Row[Any]) -> rows.Session:
    """A ``sessions`` row."""
    return rows.Session(
        id=row.id,
        name=row.name,
        date=row.date,
        venue=row.venue,
        borough=row.borough,
        programme_id=row.programme_id,
        facilitator=row.facilitator,
        created_at=row.created_at,
        current_activity_id=row.current_activity_id,
        updated_at=row.updated_at,
    )


def group(row: Row[Any]) -> rows.Group:
    """A ``groups`` row."""
    return rows.Group(
        id=row.id,
        session_id=row.session_id,
        label=row.label,
        agencies=tuple(row.agencies or ()),
        join_code=row.join_code,
        created_at=row.created_at,
    )


def activity_state(row: Row[Any], current_activity_id: str | None) -> rows.ActivityState:
    """An ``activity_state`` row; ``current_activity_id`` comes from the session."""
    return rows.ActivityState(
        session_id=row.session_id,
        activity_id=row.activity_id,
        opened_at=row.opened_at,
        stages_released=int(row.stages_released),
        locked=bool(row.locked),
        revealed=bool(row.revealed),
        updated_at=row.updated_at,
        is_current=row.activity_id == current_activity_id,
        stages_revealed=int(row.stages_revealed or 0),
        released_at=row.released_at,
    )


def answer(row: Row[Any]) -> rows.Answer:
    """An ``answers`` row."""
    return rows.Answer(
        session_id=row.session_id,
        group_id=row.group_id,
        activity_id=row.activity_id,
        question_id=row.question_id,
        value=row.value,
        revision=int(row.revision),
        saved_at=row.saved_at,
        client_id=row.client_id,
    )


def submission(row: Row[Any]) -> rows.Submission:
    """A ``submissions`` row."""
    return rows.Submission(
        session_id=row.session_id,
        group_id=row.group_id,
        activity_id=row.activity_id,
        submitted_at=row.submitted_at,
    )


def mark(row: Row[Any]) -> rows.Mark:
    """A ``marks`` row."""
    return rows.Mark(
        session_id=row.session_id,
        group_id=row.group_id,
        activity_id=row.activity_id,
        question_id=row.question_id,
        points=float(row.points),
        comment=row.comment,
        marked_at=row.marked_at,
        answer_revision=row.answer_revision,
    )


def evaluation_response(row: Row[Any]) -> rows.EvaluationResponse:
    """An ``evaluation_responses`` row."""
    return rows.EvaluationResponse(
        session_id=row.session_id,
        form_id=row.form_id,
        respondent_code=row.respondent_code,
        phase=row.phase,
        question_id=row.question_id,
        value=row.value,
        saved_at=row.saved_at,
    )


def log_entry(row: Row[Any]) -> rows.LogEntry:
    """A ``facilitator_log`` row."""
    return rows.LogEntry(
        id=int(row.id),
        session_id=row.session_id,
        at=row.at,
        event=row.event,
        detail=row.detail,
    )
