"""A group's own feedback after the reveal: its mark, why, and the model answer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..scoring import ManualMark, Score, describe_model_answer, score
from ..scoring.activity import questions_of


@dataclass(frozen=True)
class QuestionFeedback:
    question_id: str
    prompt: str
    score: Score
    model_answer: str
    sources: tuple[str, ...]


def source_label(kit: Any, source_id: str) -> str:
    """``S17`` as 'DHSC, Identifying and supporting victims ... (2015)'."""
    src = (getattr(kit, "sources", None) or {}).get(source_id)
    if src is None:
        return source_id
    year = f" ({src.year})" if src.year else ""
    return f"{source_id}: {src.publisher}, {src.title}{year}"


def group_feedback(
    activity: Any,
    answers: Mapping[str, Any],
    kit: Any = None,
    marks: Mapping[str, ManualMark] | None = None,
    question_ids: set[str] | None = None,
) -> list[QuestionFeedback]:
    """Feedback for each question (or only ``question_ids``), from the group's answers."""
    marks = marks or {}
    out = []
    for _stage, q in questions_of(activity):
        if question_ids is not None and q.id not in question_ids:
            continue
        s = score(q, answers.get(q.id), kit, mark=marks.get(q.id))
        model = "" if s.status == "unscored" else describe_model_answer(q, kit)
        sources = tuple(source_label(kit, sid) for sid in getattr(q, "sources", ()))
        out.append(QuestionFeedback(q.id, q.prompt, s, model, sources))
    return out
