"""A debrief sheet for one table, at most two A4 pages: its mark per activity beside the
room's, what it got right, and the two or three points to revisit, each with the model
answer in a sentence and its source. The full model answers are on the model-answer
handouts (:mod:`mskit.paper.model_answers`), shared by every table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..paper.model_answers import source_text
from ..render import render
from ..render.formats import num, pct
from ..scoring import model_answer, score
from .answers import format_answer, option_texts
from .data import GroupInfo, SessionData
from .pages import FREE_TEXT
from .summary import group_scores
from .wording import brief, short_prompt

REVISIT = 3
"""Points to revisit on a sheet."""
ANSWER_CHARS = 180


@dataclass(frozen=True)
class Revisit:
    activity: str
    prompt: str
    mark: str
    yours: str
    model: str
    why: str
    sources: str


@dataclass
class Sheet:
    label: str
    session: str
    details: str
    agencies: str
    marks: list[list[str]] = field(default_factory=list)
    total: str = ""
    right: list[tuple[str, int, int, list[str]]] = field(default_factory=list)
    revisit: list[Revisit] = field(default_factory=list)
    comments: list[tuple[str, str]] = field(default_factory=list)


def _short(text: str, limit: int = ANSWER_CHARS) -> str:
    text = " ".join(text.replace("\n- ", "; ").replace("\n", "; ").split()).lstrip("- ")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _list(items: list[str], most: int = 4) -> str:
    if len(items) > most:
        return "; ".join(items[:most]) + f"; and {len(items) - most} more"
    return "; ".join(items)


def model_in_a_sentence(q: Any, kit: Any, value: Any = None) -> str:
    """The model answer in one sentence (for a match or sort: the items this table had
    wrong)."""
    t = q.type
    texts = option_texts(q, kit)
    ans = model_answer(q)
    if t in ("single_choice", "classification"):
        return f"“{texts.get(ans, ans)}”."
    if t == "multiple_choice":
        return f"The right options: {_list([texts.get(i, i) for i in ans])}."
    if t == "indicator_spotting":
        return f"The signs the story shows: {_list([texts.get(i, i) for i in ans])}."
    if t == "action_plan":
        steps = [texts.get(i, i) for i in q.essential]
        harm = [texts.get(i, i) for i in q.harmful]
        out = f"Essential steps: {_list(steps)}."
        return out + (f" Never: {_list(harm, 2)}." if harm else "")
    if t in ("match", "sort"):
        cols = {c.id: c.text for c in (q.targets if t == "match" else q.categories)}
        got = value if isinstance(value, dict) else {}
        lines = []
        for item in q.items:
            right = list(item.answer) if t == "match" else [item.answer]
            mine = got.get(item.id)
            mine = mine if isinstance(mine, list) else [mine]
            if sorted(map(str, mine)) != sorted(right):
                lines.append(f"“{item.text}”: {', '.join(cols.get(c, c) for c in right)}")
        return _list(lines, 3) + "." if lines else ""
    return ""


def sheet(data: SessionData, group: GroupInfo, kit: Any) -> Sheet:
    s = data.session
    details = ", ".join(str(x) for x in (s.get("date"), s.get("venue")) if x)
    out = Sheet(group.label, data.name, details, ", ".join(group.agency_names))
    total_p = total_m = 0.0
    candidates: list[tuple[float, float, int, Revisit]] = []
    for run in data.runs:
        a = run.shown_activity()
        if a is None:
            continue
        scores = group_scores(run, data, kit)
        p, m = scores.get(group.id, (0.0, 0.0))
        room = [100 * x / y for x, y in scores.values() if y]
        if m:
            total_p, total_m = total_p + p, total_m + m
            out.marks.append([run.title, f"{num(p)} / {num(m)}", pct(100 * p / m),
                              pct(sum(room) / len(room)) if room else "–"])  # fmt: skip
        values = {r["question_id"]: r["value"] for r in run.records if r["group_id"] == group.id}
        marks = {q: mk for (g, q), mk in run.manual_marks().items() if g == group.id}
        right: list[str] = []
        scored = 0
        for order, (_stage, q) in enumerate(run.questions()):
            if q.type in ("rating", "open_text"):
                continue
            sc = score(q, values.get(q.id), kit, mark=marks.get(q.id))
            if sc.max_points <= 0 or sc.status == "needs_marking":
                continue
            scored += 1
            if sc.full_marks:
                right.append(short_prompt(q.prompt, 80))
                continue
            model = "" if q.type in FREE_TEXT else model_in_a_sentence(q, kit, values.get(q.id))
            candidates.append((
                (sc.max_points - sc.points) / sc.max_points, sc.max_points, -order,
                Revisit(run.title, short_prompt(q.prompt), f"{num(sc.points)} of {num(sc.max_points)}",
                        _short(format_answer(q, values.get(q.id), kit)), model,
                        brief(getattr(q, "rationale", "") or "", 200),
                        "; ".join(source_text(kit, sid) for sid in getattr(q, "sources", ())[:2])),
            ))  # fmt: skip
        if scored:
            out.right.append((run.title, len(right), scored, right[:2]))
        for mk in run.marks:
            if mk["group_id"] == group.id and mk.get("comment"):
                q = next((q for _s, q in run.questions() if q.id == mk["question_id"]), None)
                out.comments.append((q.prompt if q else run.title, mk["comment"]))
    candidates.sort(key=lambda c: (-c[0], -c[1], -c[2]))
    out.revisit = [c[3] for c in candidates[:REVISIT]]
    if total_m:
        out.total = f"{num(total_p)} of {num(total_m)} points ({pct(100 * total_p / total_m)})"
    return out


def debrief_html(data: SessionData, group: GroupInfo, kit: Any) -> str:
    """The debrief sheet of ``group`` as a complete HTML page."""
    return render(
        "report/debrief.html.j2",
        page_title=f"Debrief: {group.label}",
        sheet=sheet(data, group, kit),
        written=data.exported_at,
    )
