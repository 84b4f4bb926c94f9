"""The kit's own scenarios and exercises: each validates and its model answers score full marks."""

from __future__ import annotations

from pathlib import Path

import pytest

from mskit.scoring import (
    ManualMark,
    describe_model_answer,
    max_points,
    model_answer,
    model_answer_problems,
    score,
)

from .content import ROOT, activity_files, load_activity

FILES = list(activity_files())


def test_some_activities_exist() -> None:
    """The kit ships at least one scenario or exercise for the checks below."""
    assert FILES, "no YAML files in scenarios/ or exercises/"


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_model_answers_score_full_marks(path: Path) -> None:
    """Every scored question of a shipped activity: its model answer gets full marks."""
    activity = load_activity(path)  # a file that does not validate fails here
    assert model_answer_problems(activity) == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_model_answers_describe_and_pass_is_zero(path: Path) -> None:
    """Every question of a shipped activity can be described, and a pass scores 0, passed."""
    from mskit.scoring.activity import questions_of

    for _, q in questions_of(load_activity(path)):
        assert describe_model_answer(q)
        s = score(q, "__pass__")
        assert s.points == 0
        if max_points(q) > 0:
            assert s.status == "passed"
            mark = ManualMark(max_points(q)) if q.type == "free_text" else None
            assert score(q, model_answer(q), mark=mark).full_marks
