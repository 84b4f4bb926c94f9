"""The course a learner works through alone: which activities, in what order, and the data
document the page carries (questions with their answer keys, feedback texts, sources).

A self-paced course has no server to keep the answer key back, so the document holds
everything the JavaScript scorers need (the same fields the Python scorers read), but
never a facilitator's notes. :func:`course_document` returns plain JSON-able data;
:func:`select_activities` picks the activities.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from ..content.kit import Kit
from ..content.models import Exercise, Scenario
from ..content.questions import CLASSIFICATIONS
from ..live.public import public_question
from ..scoring import describe_model_answer, max_points

DEFAULT_PROGRAMME = "awareness-session"
KNOWLEDGE_CHECK = "knowledge-check"
UNSUITED = ("feedback", "observation")
"""Exercise types made for a room (a session's feedback form, an observer's sheet)."""

FORMAT = 1
"""The version of the course document (and of the progress a learner's browser keeps)."""


class CourseError(ValueError):
    """A selection or setting that cannot make a course; the message says why."""


@dataclass(frozen=True)
class Part:
    """One activity of the course. ``phase`` is ``before``/``after`` for the knowledge
    check taken at the start and again at the end, else ``None``."""

    activity: Scenario | Exercise
    phase: str | None = None


def default_selection(kit: Kit) -> list[str]:
    """The awareness session's case studies and exercises, in programme order, without
    the forms made for a room and without the knowledge check (added before and after)."""
    programme = kit.programmes.get(DEFAULT_PROGRAMME)
    if programme is None:
        raise CourseError(
            f"the kit has no programme {DEFAULT_PROGRAMME!r}; choose activities with --activities"
        )
    ids: list[str] = []
    for item in programme.items:
        for a in item.activities:
            if a == KNOWLEDGE_CHECK or a in ids:
                continue
            act = kit.scenarios.get(a) or kit.exercises.get(a)
            if act is None or getattr(act, "exercise_type", None) in UNSUITED:
                continue
            ids.append(a)
    return ids


def select_activities(kit: Kit, ids: list[str] | None = None) -> list[Part]:
    """The course's parts: the knowledge check first, the chosen activities (by default the
    awareness session's), the knowledge check again. An unknown id raises CourseError."""
    chosen = list(ids) if ids else default_selection(kit)
    unknown = [a for a in chosen if a not in kit.scenarios and a not in kit.exercises]
    if unknown:
        known = ", ".join(sorted([*kit.scenarios, *kit.exercises]))
        raise CourseError(
            f"no scenario or exercise {', '.join(map(repr, unknown))}; known: {known}"
        )
    unsuited = [a for a in chosen if getattr(kit.activity(a), "exercise_type", None) in UNSUITED]
    if unsuited:
        raise CourseError(
            f"{', '.join(unsuited)} is a form for a room (feedback or observation), "
            "not a self-paced activity"
        )
    parts: list[Part] = []
    check = kit.exercises.get(KNOWLEDGE_CHECK)
    body = [a for a in dict.fromkeys(chosen) if a != KNOWLEDGE_CHECK]
    if check is not None:
        parts.append(Part(check, "before"))
    parts += [Part(kit.activity(a)) for a in body]
    if check is not None:
        parts.append(Part(check, "after"))
    if not parts:
        raise CourseError("no activities chosen")
    return parts


# --- the data document -------------------------------------------------------------------

_DROP = {"facilitator_notes"}


def scoring_question(q: Any) -> dict[str, Any]:
    """A question as the JavaScript scorers read it: the model's fields, without notes
    meant for the facilitator."""
    return {k: v for k, v in q.model_dump(mode="json").items() if k not in _DROP}


def catalogue_for(kit: Kit, questions: list[Any]) -> dict[str, Any]:
    """The indicator and action texts the questions' feedback uses."""
    indicators: dict[str, str] = {}
    actions: dict[str, dict[str, str | None]] = {}
    for q in questions:
        if q.type == "indicator_spotting":
            for i in [*q.present, *q.distractors]:
                if i in kit.indicators:
                    indicators[i] = kit.indicators[i].text
        elif q.type == "action_plan":
            for a in [*q.actions, *q.essential, *q.harmful]:
                if a in kit.actions:
                    actions[a] = {"text": kit.actions[a].text, "why": kit.actions[a].why}
    return {"indicators": indicators, "actions": actions}


def model_answer_text(q: Any, kit: Kit) -> str:
    """The model answer in words, without the rationale and sources (shown beside it)."""
    bare = q.model_copy(update={"rationale": "", "sources": ()})
    return describe_model_answer(bare, kit)


def _question(q: Any, kit: Kit, key: str) -> dict[str, Any]:
    return {
        "key": key,
        "max": max_points(q),
        "counted": max_points(q) > 0 and q.type != "free_text",
        "public": public_question(q, kit),
        "scoring": scoring_question(q),
        "model_answer": model_answer_text(q, kit) if max_points(q) > 0 else "",
    }


def _screens(part: Part) -> list[dict[str, Any]]:
    a = part.activity
    if isinstance(a, Scenario):
        return [
            {"title": st.title, "narrative": st.narrative, "questions": list(st.questions)}
            for st in a.stages
        ]
    n = len(a.questions)
    return [
        {"title": f"Question {i} of {n}", "narrative": "", "questions": [q]}
        for i, q in enumerate(a.questions, start=1)
    ]


def course_parts(kit: Kit, parts: list[Part]) -> list[dict[str, Any]]:
    """Each part with its screens (a case study's stages, an exercise's questions), each
    question keyed ``<part index>.<question id>`` (the knowledge check appears twice)."""
    out = []
    for n, part in enumerate(parts):
        a = part.activity
        screens = []
        for s in _screens(part):
            qs = [_question(q, kit, f"{n}.{q.id}") for q in s["questions"]]
            screens.append({**s, "questions": qs})
        out.append(
            {
                "index": n,
                "id": a.id,
                "kind": "scenario" if isinstance(a, Scenario) else "exercise",
                "phase": part.phase,
                "title": a.title,
                "summary": a.summary,
                "instructions": getattr(a, "instructions", None),
                "content_note": a.content_note,
                "minutes": a.duration_minutes,
                "objectives": list(a.learning_objectives),
                "debrief": list(a.debrief),
                "screens": screens,
            }
        )
    return out


def _sources(kit: Kit, parts: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    used: list[str] = []
    for p in parts:
        for s in p["screens"]:
            for q in s["questions"]:
                used += [x for x in q["scoring"].get("sources", []) if x not in used]
    out = {}
    for sid in used:
        src = kit.sources.get(sid)
        if src is not None:
            out[sid] = {
                "publisher": src.publisher,
                "title": src.title,
                "year": src.year,
                "url": src.url,
            }
    return out


def course_document(kit: Kit, parts: list[Part], *, title: str, mastery: int) -> dict[str, Any]:
    """The JSON document the page embeds: what the JavaScript needs to run the course."""
    if not 0 <= mastery <= 100:
        raise CourseError(f"the mastery score must be between 0 and 100, not {mastery}")
    items = course_parts(kit, parts)
    questions = [q for p in parts for _s, q in _iter_questions(p.activity)]
    doc = {
        "format": FORMAT,
        "title": title,
        "mastery": mastery,
        "minutes": sum(p.activity.duration_minutes for p in parts),
        "parts": [
            {
                "index": p["index"],
                "id": p["id"],
                "phase": p["phase"],
                "title": p["title"],
                "screens": [
                    {"questions": [_js_question(q) for q in s["questions"]]} for s in p["screens"]
                ],
            }
            for p in items
        ],
        "catalogue": catalogue_for(kit, questions),
        "sources": _sources(kit, items),
        "classifications": dict(CLASSIFICATIONS),
    }
    doc["fingerprint"] = fingerprint(doc)
    return doc


def _js_question(q: dict[str, Any]) -> dict[str, Any]:
    return {"key": q["key"], "max": q["max"], "counted": q["counted"], "scoring": q["scoring"]}


def _iter_questions(activity: Any) -> list[tuple[str | None, Any]]:
    from ..scoring.activity import questions_of

    return questions_of(activity)


def fingerprint(doc: dict[str, Any]) -> str:
    """A short hash of the course's questions: progress saved for another version of the
    course is not applied to this one."""
    text = json.dumps(doc["parts"], sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()[:8]
