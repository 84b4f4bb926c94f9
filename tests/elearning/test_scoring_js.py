"""The JavaScript scorers of the e-learning page agree with the Python scorers."""

from __future__ import annotations

import json
import typing
from collections import Counter
from pathlib import Path

import pytest

from mskit.content.questions import Question
from mskit.elearning.course import catalogue_for
from mskit.scoring import score

from .answers import RULES, batch, kit_questions, variants
from .conftest import needs_chromium

SCORING_JS = (
    Path(__file__).resolve().parents[2] / "src" / "mskit" / "elearning" / "static" / "scoring.js"
)
N_ANSWERS = 12_000

ALL_TYPES = {
    typing.get_args(model.model_fields["type"].annotation)[0]
    for model in typing.get_args(typing.get_args(Question)[0])
}
"""Every question type, from the question models (a new type is covered without editing)."""


def _python(kit, docs, pairs) -> list[dict]:
    from pydantic import TypeAdapter

    from mskit.content.questions import Question

    adapter = TypeAdapter(Question)
    models = [adapter.validate_python(d) for d in docs]
    out = []
    for k, a in pairs:
        s = score(models[k], a, kit)
        out.append(
            {
                "points": s.points,
                "max": s.max_points,
                "status": s.status,
                "ids": [[e.id, e.points] for e in s.breakdown],
                "feedback": s.feedback,
            }
        )
    return out


JS_BATCH = """([docs, pairs, catalogue]) => pairs.map(([k, a]) => {
  const s = MskitScoring.score(docs[k], a, catalogue);
  return {points: s.points, max: s.max, status: s.status,
          ids: s.breakdown.map((e) => [e.id, e.points]), feedback: s.feedback};
})"""


def test_batch_covers_every_type_rule_and_odd_answer(kit):
    """The generated batch has every question type, every multi-select rule, passes,
    blanks and unknown ids, so the cross-check cannot pass by missing a case."""
    docs, pairs = batch(kit, N_ANSWERS)
    assert len(pairs) >= 10_000
    types = Counter(docs[k]["type"] for k, _a in pairs)
    assert set(types) >= ALL_TYPES
    rules = {(docs[k]["type"], docs[k]["rule"]) for k, _a in pairs if "rule" in docs[k]}
    for t in ("multiple_choice", "indicator_spotting"):
        assert {r for tt, r in rules if tt == t} == set(RULES)
    statuses = Counter(r["status"] for r in _python(kit, docs, pairs))
    assert {"scored", "passed", "unanswered", "needs_marking", "unscored"} <= set(statuses)
    flat = json.dumps([a for _k, a in pairs])
    assert '"__pass__"' in flat and "zz-unknown" in flat


@needs_chromium
def test_javascript_scores_like_python_in_the_browser(kit, page):
    """12,000 answers scored in Python and in Chromium give identical points, maximum,
    status, breakdown ids with their points, and feedback text."""
    docs, pairs = batch(kit, N_ANSWERS)
    catalogue = catalogue_for(kit, variants(kit_questions(kit)))
    expected = _python(kit, docs, pairs)
    page.set_content("<!doctype html><title>scorers</title>")
    page.add_script_tag(path=str(SCORING_JS))
    got = page.evaluate(JS_BATCH, [docs, pairs, catalogue])
    assert len(got) == len(expected)
    mismatches = [
        (docs[k]["id"], docs[k]["type"], a, e, g)
        for (k, a), e, g in zip(pairs, expected, got, strict=True)
        if e != g
    ]
    if mismatches:
        qid, t, a, e, g = mismatches[0]
        pytest.fail(
            f"{len(mismatches)} of {len(pairs)} answers differ; first: {qid} ({t}) "
            f"answer {a!r}\npython: {e}\njs:     {g}"
        )
