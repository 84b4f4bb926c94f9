"""The result of scoring one answer: :class:`Score`, its :class:`Entry` rows, :class:`ManualMark`.

Plain frozen dataclasses (no pydantic, no pandas) so a small kernel can score an answer cheaply.

``Score.status`` says how to read the points:

- ``scored``: the points are the mark.
- ``unanswered``: no usable answer (missing, empty or not understood); 0 points.
- ``passed``: the group chose "not sure / pass"; 0 points, never negative.
- ``needs_marking``: free text waiting for the facilitator's mark; 0 points until marked.
- ``unscored``: evaluation or observation questions (rating, open text); max 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Status = Literal["scored", "unanswered", "passed", "needs_marking", "unscored"]
STATUSES: tuple[Status, ...] = ("scored", "unanswered", "passed", "needs_marking", "unscored")


@dataclass(frozen=True)
class Entry:
    """One row of a breakdown: an option, an indicator, an action, an item or an order rule.

    ``answer`` is what the group gave (``True``/``False`` for "picked", a position, an id or a
    list of ids), ``expected`` what the model answer has there. ``points`` is the change this
    row makes to the mark before any floor at zero or cap at the maximum is applied.
    """

    id: str
    answer: Any
    expected: Any
    points: float
    feedback: str


@dataclass(frozen=True)
class Score:
    """A mark with everything needed to explain it.

    ``points`` always lies in ``[0, max_points]``. ``feedback`` is plain text: the headline,
    one line per breakdown entry that matters, the question's rationale and its sources.
    """

    question_id: str
    question_type: str
    points: float
    max_points: float
    status: Status
    breakdown: tuple[Entry, ...] = ()
    feedback: str = ""
    sources: tuple[str, ...] = ()

    @property
    def percent(self) -> float | None:
        """The mark as a percentage of the maximum, or ``None`` when the maximum is 0."""
        if self.max_points <= 0:
            return None
        return 100.0 * self.points / self.max_points

    @property
    def full_marks(self) -> bool:
        """True when the mark equals the (non-zero) maximum."""
        return self.max_points > 0 and abs(self.points - self.max_points) < 1e-9


@dataclass(frozen=True)
class ManualMark:
    """A mark given by hand (free text, or a facilitator's override of any scored question).

    ``points`` is clamped to ``[0, max]`` when applied; the comment becomes the feedback.
    """

    points: float
    comment: str = ""
