"""Plain, immutable records returned by the store.

Timestamps are timezone-aware UTC ``datetime`` objects; ``value``/``detail``
fields hold the JSON data as saved (dicts, lists, strings, numbers, booleans, None).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

Phase = Literal["pre", "post", "once"]


@dataclass(frozen=True)
class Session:
    """One delivery of the course to one room."""

    id: str
    name: str
    date: date | None
    venue: str
    borough: str
    programme_id: str
    facilitator: str
    created_at: datetime
    current_activity_id: str | None
    updated_at: datetime


@dataclass(frozen=True)
class Group:
    """A table of participants; anonymous, known only by its label."""

    id: str
    session_id: str
    label: str
    agencies: tuple[str, ...]
    join_code: str
    created_at: datetime


@dataclass(frozen=True)
class ActivityState:
    """How far the facilitator has taken one activity in one session."""

    session_id: str
    activity_id: str
    opened_at: datetime | None
    stages_released: int
    locked: bool
    revealed: bool
    updated_at: datetime
    is_current: bool
    stages_revealed: int = 0
    """Stages whose model answers groups may see (``revealed`` means all of them)."""
    released_at: datetime | None = None
    """When the latest stage was released: a submission before it is for an earlier part."""

    def stage_revealed(self, stage_number: int) -> bool:
        """True when stage ``stage_number`` (1-based; 1 for an exercise) is revealed."""
        return self.revealed or stage_number <= self.stages_revealed


@dataclass(frozen=True)
class Answer:
    """One saved revision of a group's answer to a question."""

    session_id: str
    group_id: str
    activity_id: str
    question_id: str
    value: Any
    revision: int
    saved_at: datetime
    client_id: str | None


@dataclass(frozen=True)
class SaveResult:
    """Outcome of :meth:`Store.save_answer`.

    ``changed`` is False when the value equalled the current one and nothing was
    written; ``revision``/``saved_at`` then describe the existing current revision.
    """

    revision: int
    saved_at: datetime
    changed: bool


@dataclass(frozen=True)
class Submission:
    """A group has submitted its answers to an activity."""

    session_id: str
    group_id: str
    activity_id: str
    submitted_at: datetime


@dataclass(frozen=True)
class Mark:
    """The facilitator's manual points and comment for one (free-text) answer."""

    session_id: str
    group_id: str
    activity_id: str
    question_id: str
    points: float
    comment: str
    marked_at: datetime
    answer_revision: int | None


@dataclass(frozen=True)
class EvaluationResponse:
    """One anonymous participant's answer to one evaluation question."""

    session_id: str
    form_id: str
    respondent_code: str
    phase: Phase
    question_id: str
    value: Any
    saved_at: datetime


@dataclass(frozen=True)
class LogEntry:
    """Something the facilitator did, with when."""

    id: int
    session_id: str
    at: datetime
    event: str
    detail: Any
