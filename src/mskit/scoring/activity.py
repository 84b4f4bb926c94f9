"""The questions of an activity, in order: a Scenario's stages, an Exercise's questions."""

from __future__ import annotations

from typing import Any


def questions_of(activity: Any) -> list[tuple[str | None, Any]]:
    """``(stage id or None, question)`` for every question of a Scenario, an Exercise, or
    an iterable of questions, in the order the groups meet them."""
    if hasattr(activity, "stages"):
        return [(st.id, q) for st in activity.stages for q in st.questions]
    if hasattr(activity, "questions"):
        return [(None, q) for q in activity.questions]
    return [(None, q) for q in activity]
