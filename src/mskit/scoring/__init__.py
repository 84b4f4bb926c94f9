"""Scoring of group answers: marks with explanations, model answers, results tables.

Light to import (no pandas): :func:`score`, :data:`SCORERS`, :func:`model_answer`,
:func:`describe_model_answer`. The DataFrame functions live in :mod:`mskit.scoring.results`
(which imports pandas) and are loaded on first use when taken from this package.

Typical use::

    from mskit.scoring import ManualMark, score, model_answer
    s = score(question, answer_value, catalogue=kit)  # Score: points, max_points, status, ...
    score(question, model_answer(question)).full_marks  # True for every scored type but free text
    score(free_text_question, text, mark=ManualMark(1.5, "Good, but who refers?"))
"""

from __future__ import annotations

from typing import Any

from .model_answer import describe_model_answer, model_answer, model_answer_problems
from .rules import mark_multi
from .scorers import SCORERS, max_points, register, score
from .types import Entry, ManualMark, Score, Status

_RESULTS = (
    "scores_by_group",
    "scores_by_question",
    "indicator_spotting_table",
    "answer_spread",
    "discussion_points",
)

__all__ = [
    "SCORERS",
    "Entry",
    "ManualMark",
    "Score",
    "Status",
    "describe_model_answer",
    "mark_multi",
    "max_points",
    "model_answer",
    "model_answer_problems",
    "register",
    "score",
    *_RESULTS,
]


def __getattr__(name: str) -> Any:
    if name in _RESULTS:
        from . import results

        return getattr(results, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
