"""What a group page may see: prompts and choices only, never an answer key."""

from __future__ import annotations

import json

import pytest

from mskit.live.public import public_activity, visible_question_ids
from mskit.scoring import describe_model_answer
from mskit.scoring.activity import questions_of


def _secrets(activity, kit) -> list[str]:
    """Texts that belong to the answer key or the facilitator, never to a group page."""
    out = []
    if activity.facilitator_notes:
        out.append(activity.facilitator_notes)
    for st in getattr(activity, "stages", ()):
        if st.facilitator_notes:
            out.append(st.facilitator_notes)
    for _s, q in questions_of(activity):
        for attr in ("rationale", "model_answer", "facilitator_notes"):
            if getattr(q, attr, None):
                out.append(getattr(q, attr))
        for note in getattr(q, "notes", {}).values():
            out.append(note)
        for opt in getattr(q, "options", ()):
            if opt.feedback:
                out.append(opt.feedback)
        for item in getattr(q, "items", ()):
            if getattr(item, "feedback", None):
                out.append(item.feedback)
        for text in (
            getattr(q, "feedback", {}).values()
            if isinstance(getattr(q, "feedback", None), dict)
            else ()
        ):
            out.append(text)
        for rule in getattr(q, "order", ()):
            out.append(rule.why)
        out.extend(getattr(q, "marking_guide", ()))
    shown = " ".join(
        [
            getattr(activity, "instructions", "") or "",
            *(st.narrative for st in getattr(activity, "stages", ())),
            *(q.prompt for _s, q in questions_of(activity)),
        ]
    )
    # a note may quote the story word for word; that text is public anyway
    return [s for s in out if len(s) > 25 and s not in shown]


def test_no_answer_key_text_in_any_public_view(kit):
    """For every shipped activity, fully released, no rationale, note or feedback appears."""
    for activity in [*kit.scenarios.values(), *kit.exercises.values()]:
        view = json.dumps(public_activity(activity, 99, kit))
        for secret in _secrets(activity, kit):
            assert secret not in view, (activity.id, secret[:60])
        assert '"correct"' not in view and '"weight"' not in view
        assert '"essential"' not in view and '"harmful"' not in view
        assert '"present"' not in view and '"answer"' not in view


def test_model_answer_descriptions_are_not_in_public_views(kit):
    """The model answer as described at the reveal is absent from the public view."""
    activity = kit.scenarios["nail-bar"]
    view = json.dumps(public_activity(activity, 99, kit))
    for _s, q in questions_of(activity):
        text = describe_model_answer(q, kit)
        first = text.splitlines()[0]
        if len(first) > 30:
            assert first not in view


@pytest.mark.parametrize("released", [0, 1, 2])
def test_only_released_stages_are_shown(kit, released):
    """A case study shows exactly the stages released so far, narratives included."""
    activity = kit.scenarios["county-lines"]
    view = public_activity(activity, released, kit)
    assert [s["id"] for s in view["stages"]] == [s.id for s in activity.stages[:released]]
    hidden = json.dumps(view)
    for stage in activity.stages[released:]:
        assert stage.narrative not in hidden


def test_indicator_and_action_choices_do_not_hint_at_the_answer(kit):
    """Indicators and actions are listed by their text, not in answer-key order."""
    for activity in kit.scenarios.values():
        view = public_activity(activity, 99, kit)
        for stage in view["stages"]:
            for q in stage["questions"]:
                if q["type"] in {"indicator_spotting", "action_plan"}:
                    texts = [c["text"].lower() for c in q["choices"]]
                    assert texts == sorted(texts)


def test_exercise_shows_all_questions_once_opened(kit):
    """An exercise has no stages: every question is visible as soon as it opens."""
    ex = kit.exercises["myth-or-fact"]
    assert visible_question_ids(ex, 0) == [q.id for q in ex.questions]
