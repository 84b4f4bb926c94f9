"""What a group page may see of an activity: prompts and choices, never an answer key.

Everything here is built from plain dicts so a test can assert, field by field, that no
``correct`` flag, weight, rationale, note, model answer or facilitator note gets through.
Choices whose order would hint at the answer (indicators, actions) are sorted by text.
"""

from __future__ import annotations

from typing import Any

from ..content.questions import CLASSIFICATIONS

PUBLIC_QUESTION_FIELDS = ("id", "type", "prompt", "allow_pass")


def _choices(pairs: list[tuple[str, str]], sort: bool) -> list[dict[str, str]]:
    items = [{"id": i, "text": t} for i, t in pairs]
    return sorted(items, key=lambda c: c["text"].lower()) if sort else items


def public_question(q: Any, kit: Any = None) -> dict[str, Any]:
    """A question as a group sees it before the reveal."""
    out: dict[str, Any] = {
        "id": q.id,
        "type": q.type,
        "prompt": q.prompt,
        "allow_pass": getattr(q, "allow_pass", False),
    }
    t = q.type
    if t in {"single_choice", "multiple_choice"}:
        out["choices"] = _choices([(o.id, o.text) for o in q.options], sort=False)
        out["keep_order"] = q.keep_order
    elif t == "indicator_spotting":
        ids = [*q.present, *q.distractors]
        out["choices"] = _choices([(i, _text(kit, "indicators", i)) for i in ids], sort=True)
    elif t == "classification":
        out["choices"] = _choices(list(CLASSIFICATIONS.items()), sort=False)
    elif t == "action_plan":
        out["choices"] = _choices([(a, _text(kit, "actions", a)) for a in q.actions], sort=True)
        out["max_picks"] = q.max_picks or min(len(q.actions), len(q.essential) + 2)
    elif t == "match":
        out["targets"] = _choices([(x.id, x.text) for x in q.targets], sort=False)
        out["items"] = _choices([(x.id, x.text) for x in q.items], sort=False)
    elif t == "sort":
        out["categories"] = _choices([(x.id, x.text) for x in q.categories], sort=False)
        out["items"] = _choices([(x.id, x.text) for x in q.items], sort=False)
    elif t == "rating":
        out["scale"] = list(range(q.scale_min, q.scale_max + 1))
        out["labels"] = {str(k): v for k, v in q.labels.items()}
    if t in {"free_text", "open_text"}:
        out["max_chars"] = q.max_chars
    return out


def _text(kit: Any, section: str, id_: str) -> str:
    entries = getattr(kit, section, None) or {}
    entry = entries.get(id_)
    return entry.text if entry is not None else id_


def public_activity(activity: Any, stages_released: int, kit: Any = None) -> dict[str, Any]:
    """An activity as groups see it: scenarios show only the released stages.

    An exercise has no stages; it shows all its questions once opened.
    """
    out: dict[str, Any] = {"id": activity.id, "title": activity.title, "kind": activity.kind}
    note = getattr(activity, "content_note", None)
    if note:
        out["content_note"] = note
    if activity.kind == "scenario":
        out["stage_count"] = len(activity.stages)
        out["stages"] = [
            {
                "id": st.id,
                "title": st.title,
                "narrative": st.narrative,
                "questions": [public_question(q, kit) for q in st.questions],
            }
            for st in activity.stages[: max(0, stages_released)]
        ]
    else:
        out["instructions"] = activity.instructions
        out["stage_count"] = 1
        out["stages"] = [
            {
                "id": "all",
                "title": activity.title,
                "narrative": activity.instructions,
                "questions": [public_question(q, kit) for q in activity.questions],
            }
        ]
    return out


def visible_question_ids(activity: Any, stages_released: int) -> list[str]:
    """Ids of the questions a group can answer now (the released stages of a case study;
    every question of an exercise)."""
    if activity.kind == "scenario":
        stages = activity.stages[: max(0, stages_released)]
        return [q.id for st in stages for q in st.questions]
    return [q.id for q in activity.questions]
