"""The model-answer handout of one activity: every question with its model answer, the
reasons and the sources, for all tables to keep after the debrief. One per activity,
shared by every table (a table's own marks are on its debrief sheet)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..render import render
from ..scoring import describe_model_answer
from ..scoring.activity import questions_of

__all__ = ["ModelAnswer", "model_answers", "model_answers_html", "source_text"]


@dataclass(frozen=True)
class ModelAnswer:
    number: int
    part: str
    prompt: str
    answer: str
    why: str
    sources: tuple[tuple[str, str], ...]


def source_text(kit: Any, sid: str) -> str:
    """A source as 'publisher, title (year)'."""
    src = (getattr(kit, "sources", None) or {}).get(sid)
    if src is None:
        return "a source not in this kit"
    year = f" ({src.year})" if src.year else ""
    return f"{src.publisher}, {src.title}{year}"


def model_answers(activity: Any, kit: Any) -> list[ModelAnswer]:
    """The activity's scored questions with their model answers, in order."""
    parts = {st.id: st.title for st in getattr(activity, "stages", ())}
    out = []
    for n, (stage, q) in enumerate(questions_of(activity), start=1):
        if q.type in ("rating", "open_text"):
            continue
        sources = tuple((sid, source_text(kit, sid)) for sid in getattr(q, "sources", ()))
        out.append(
            ModelAnswer(n, parts.get(stage, "") if stage else "", q.prompt,
                        describe_model_answer(q, kit), getattr(q, "rationale", "") or "", sources)
        )  # fmt: skip
    return out


def model_answers_html(activity: Any, kit: Any, session_name: str = "") -> str:
    """The model-answer handout of ``activity`` as a complete offline HTML page."""
    kind = "Case study" if activity.kind == "scenario" else "Exercise"
    return render(
        "paper/model_answers.html.j2",
        page_title=f"Model answers: {activity.title}",
        kind=kind,
        title=activity.title,
        session_name=session_name,
        answers=model_answers(activity, kit),
        debrief=tuple(getattr(activity, "debrief", ()) or ()),
    )
