"""Small questions built in code for the scoring tests."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from mskit.content.models import Exercise, Scenario
from mskit.content.questions import Question

_Q = TypeAdapter(Question)
COMMON = {"prompt": "A question?", "rationale": "Because the guidance says so.", "sources": ["S1"]}


def q(type_: str, **fields: Any) -> Any:
    """A validated question of ``type_`` with a prompt, rationale and source filled in."""
    data = {"id": fields.pop("id", f"q-{type_}"), "type": type_}
    if type_ not in ("rating", "open_text"):
        data.update(COMMON)
    else:
        data["prompt"] = COMMON["prompt"]
    data.update(fields)
    return _Q.validate_python(data)


def opts(right: str, wrong: str, **weights: float) -> list[dict[str, Any]]:
    """Options from id letters: ``opts("ab", "cd")`` -> a, b right; c, d wrong."""
    out = []
    for i in right + wrong:
        o: dict[str, Any] = {"id": i, "text": f"Option {i.upper()}", "correct": i in right}
        if i in weights:
            o["weight"] = weights[i]
        out.append(o)
    return out


def single(**kw: Any) -> Any:
    return q("single_choice", options=opts("a", "bc"), **kw)


def multi(right: str = "abc", wrong: str = "de", rule: str = "right_minus_wrong", **kw: Any) -> Any:
    weights = kw.pop("weights", {})
    return q("multiple_choice", options=opts(right, wrong, **weights), rule=rule, **kw)


def spotting(**kw: Any) -> Any:
    kw.setdefault("present", ["debt", "no-id", "controlled"])
    kw.setdefault("distractors", ["injuries", "groups"])
    kw.setdefault("notes", {"debt": "She says she owes the boss for the flight."})
    return q("indicator_spotting", **kw)


def classification(**kw: Any) -> Any:
    kw.setdefault("correct", "trafficking")
    kw.setdefault("feedback", {"smuggling": "Smuggling ends at the border; this did not."})
    return q("classification", **kw)


def plan(**kw: Any) -> Any:
    kw.setdefault("actions", ["safety", "refer", "record", "help", "confront", "promise"])
    kw.setdefault("essential", ["safety", "refer", "record"])
    kw.setdefault("harmful", ["confront", "promise"])
    kw.setdefault("order", [{"first": "safety", "why": "Safety comes first."}])
    kw.setdefault("notes", {"confront": "Confronting the exploiter can put the victim at risk."})
    return q("action_plan", **kw)


def match(**kw: Any) -> Any:
    kw.setdefault("targets", [{"id": t, "text": f"Agency {t}"} for t in ("police", "la", "nhs")])
    kw.setdefault(
        "items",
        [
            {"id": "nrm", "text": "Make NRM referrals", "answer": ["police", "la"]},
            {"id": "notify", "text": "Duty to notify", "answer": ["police"]},
            {"id": "care", "text": "Give medical care", "answer": ["nhs"]},
        ],
    )
    return q("match", **kw)


def sort(**kw: Any) -> Any:
    kw.setdefault("categories", [{"id": "myth", "text": "Myth"}, {"id": "fact", "text": "Fact"}])
    kw.setdefault(
        "items",
        [
            {"id": "s1", "text": "Victims always ask for help.", "answer": "myth"},
            {"id": "s2", "text": "Children cannot consent.", "answer": "fact"},
        ],
    )
    return q("sort", **kw)


def free(**kw: Any) -> Any:
    kw.setdefault("model_answer", "Refer to the NRM.")
    return q("free_text", **kw)


def rating(**kw: Any) -> Any:
    return q("rating", **kw)


def open_text(**kw: Any) -> Any:
    return q("open_text", **kw)


def exercise(*questions: Any, id_: str = "ex") -> Exercise:
    """An exercise holding ``questions``."""
    return Exercise.model_validate(
        {
            "schema_version": 1,
            "kind": "exercise",
            "id": id_,
            "title": "Test",
            "exercise_type": "quiz",
            "summary": "Test",
            "instructions": "Answer.",
            "duration_minutes": 10,
            "scored": True,
            "questions": [x.model_dump() for x in questions],
        }
    )


def scenario(*stages: list[Any], id_: str = "sc") -> Scenario:
    """A scenario with one stage per list of questions."""
    return Scenario.model_validate(
        {
            "schema_version": 1,
            "kind": "scenario",
            "id": id_,
            "title": "Test",
            "summary": "Test",
            "content_note": "Test",
            "fictional": True,
            "exploitation_types": ["labour"],
            "first_met_by": "police",
            "agencies": ["police"],
            "victim_age": "adult",
            "learning_objectives": ["Test"],
            "duration_minutes": 20,
            "stages": [
                {
                    "id": f"st{n}",
                    "title": "Stage",
                    "narrative": "Story.",
                    "minutes": 5,
                    "questions": [x.model_dump() for x in qs],
                }
                for n, qs in enumerate(stages, start=1)
            ],
            "debrief": ["Talk."],
            "facilitator_notes": "If someone discloses, follow the safeguarding plan.",
        }
    )
