"""The session report after its summary, as plain data for the templates: one page per
group activity (scores, answer charts per question, where tables went wrong and why, hand
marks) and the appendix (marks question by question, free-text answers, comments,
sources). Questions are numbered within their activity; no id is ever shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..paper.model_answers import source_text
from ..render.formats import num, pct, when
from ..scoring import score
from .answers import NO_ANSWER, PASS_TEXT, format_answer, option_texts
from .charts import Chart, answer_charts
from .data import ActivityRun, SessionData
from .summary import group_scores, records_with_every_group
from .wording import brief, short_prompt

FREE_TEXT = ("free_text", "open_text")


@dataclass(frozen=True)
class WentWrong:
    number: int
    prompt: str
    missed: int
    answered: int
    what: list[str]
    why: str


@dataclass(frozen=True)
class HandMark:
    table: str
    number: int
    points: str
    comment: str


@dataclass
class ActivityPage:
    number: int
    kind: str
    title: str
    facts: str
    scores: list[tuple[str, str, str]]
    charts: list[tuple[int, Chart]]
    went_wrong: list[WentWrong] = field(default_factory=list)
    hand_marks: list[HandMark] = field(default_factory=list)
    missing: bool = False

    @property
    def hand_mark_rows(self) -> list[list[str]]:
        return [[m.table, str(m.number), m.points, m.comment] for m in self.hand_marks]


@dataclass
class MarkGrid:
    title: str
    tables: list[str]
    rows: list[tuple[int, str, list[str]]]

    @property
    def table_rows(self) -> list[list[str]]:
        return [[f"{n}. {prompt}", *cells] for n, prompt, cells in self.rows]


@dataclass
class FreeText:
    activity: str
    number: int
    prompt: str
    answers: list[tuple[str, str, str]]


def _facts(run: ActivityRun) -> str:
    a = run.activity
    bits = [f"Opened {when(run.opened_at)}" if run.opened_at else "Answers typed in from paper"]
    if a is not None and a.kind == "scenario":
        shown = len(run.shown_activity().stages)
        bits.append(f"{shown} of {run.stage_count} parts released")
    bits.append("model answers revealed" if run.revealed else "model answers not revealed")
    return "; ".join(bits) + "."


def _what_went_wrong(q: Any, chart: Chart, kit: Any) -> list[str]:
    harmful = set()
    if q.type == "action_plan":
        texts = option_texts(q, kit)
        harmful = {texts.get(h, h) for h in q.harmful}
    found: list[tuple[int, str]] = []
    n = chart.answered
    for part in chart.parts:
        head = f"{part.label}: " if part.label else ""
        for b in part.bars:
            if b.label == PASS_TEXT:
                if b.count:
                    found.append((b.count, f"{b.count} passed"))
            elif b.key and b.count < n:
                found.append((n - b.count, f"{head}{n - b.count} left out “{b.label}”"))
            elif not b.key and b.count and (q.type != "action_plan" or b.label in harmful):
                found.append((b.count, f"{head}{b.count} chose “{b.label}”"))
    found.sort(key=lambda t: -t[0])
    return [text for _, text in found[:2]]


def activity_page(run: ActivityRun, data: SessionData, kit: Any, number: int) -> ActivityPage:
    a = run.shown_activity()
    if a is None:
        return ActivityPage(number, run.kind_label, run.title, "", [], [], missing=True)
    totals = group_scores(run, data, kit)
    scores = []
    for g in data.groups:
        p, m = totals.get(g.id, (0.0, 0.0))
        scores.append(
            (g.label, f"{num(p)} / {num(m)}" if m else "–", pct(100 * p / m) if m else "–")
        )
    records = records_with_every_group(run, data)
    real = [r for r in records if r["question_id"] is not None]
    charts = answer_charts(a, real, kit, len(data.groups))
    values = {(r["group_id"], r["question_id"]): r["value"] for r in run.records}
    marks = run.manual_marks()
    page = ActivityPage(number, run.kind_label, run.title, _facts(run), scores, [])
    for n, ((_stage, q), chart) in enumerate(zip(run.questions(), charts, strict=True), start=1):
        page.charts.append((n, replace(chart, prompt=short_prompt(chart.prompt))))
        if q.type in FREE_TEXT or q.type == "rating":
            continue
        missed = 0
        for g in data.groups:
            value = values.get((g.id, q.id))
            if value is None:
                continue
            if not score(q, value, kit, mark=marks.get((g.id, q.id))).full_marks:
                missed += 1
        if missed:
            why = brief(getattr(q, "rationale", "") or "", 130)
            page.went_wrong.append(
                WentWrong(
                    n,
                    short_prompt(q.prompt),
                    missed,
                    chart.answered,
                    _what_went_wrong(q, chart, kit),
                    why,
                )
            )
    numbers = {q.id: n for n, (_s, q) in enumerate(run.questions(), start=1)}
    questions = {q.id: q for _s, q in run.questions()}
    for m in run.marks:
        q = questions.get(m["question_id"])
        if q is None:
            continue
        s = score(q, values.get((m["group_id"], q.id)), kit, mark=marks.get((m["group_id"], q.id)))
        page.hand_marks.append(
            HandMark(data.label(m["group_id"]), numbers[q.id],
                     f"{num(s.points)} / {num(s.max_points)}", m.get("comment") or "")
        )  # fmt: skip
    page.went_wrong.sort(key=lambda w: -w.missed / max(1, w.answered))
    return page


def activity_pages(data: SessionData, kit: Any) -> list[ActivityPage]:
    return [activity_page(r, data, kit, n) for n, r in enumerate(data.runs, start=1)]


def _cell(q: Any, value: Any, kit: Any, mark: Any) -> str:
    if value is None:
        return "–"
    s = score(q, value, kit, mark=mark)
    if s.status == "passed":
        return "pass"
    if s.status == "needs_marking":
        return "to mark"
    if s.max_points <= 0:
        return "✓"
    return f"{num(s.points)}/{num(s.max_points)}"


def mark_grids(data: SessionData, kit: Any) -> list[MarkGrid]:
    """Per activity, each table's mark on each question."""
    grids = []
    for run in data.runs:
        if run.activity is None:
            continue
        values = {(r["group_id"], r["question_id"]): r["value"] for r in run.records}
        marks = run.manual_marks()
        rows = []
        for n, (_s, q) in enumerate(run.questions(), start=1):
            cells = [
                _cell(q, values.get((g.id, q.id)), kit, marks.get((g.id, q.id)))
                for g in data.groups
            ]
            rows.append((n, short_prompt(q.prompt, 80), cells))
        grids.append(MarkGrid(run.title, [g.label for g in data.groups], rows))
    return grids


def free_texts(data: SessionData, kit: Any) -> list[FreeText]:
    """Every free-text answer, question by question."""
    out = []
    for run in data.runs:
        if run.activity is None:
            continue
        values = {(r["group_id"], r["question_id"]): r["value"] for r in run.records}
        marks = run.manual_marks()
        for n, (_s, q) in enumerate(run.questions(), start=1):
            if q.type not in FREE_TEXT:
                continue
            answers = []
            for g in data.groups:
                value = values.get((g.id, q.id))
                text = format_answer(q, value, kit)
                if text in (NO_ANSWER, ""):
                    continue
                s = score(q, value, kit, mark=marks.get((g.id, q.id)))
                mark = f"{num(s.points)} / {num(s.max_points)}" if s.status == "scored" else ""
                answers.append((g.label, text, mark))
            if answers:
                out.append(FreeText(run.title, n, short_prompt(q.prompt), answers))
    return out


def source_labels(data: SessionData, kit: Any) -> list[tuple[str, str]]:
    """(number, "publisher, title (year)") of the sources the reported questions rest on."""
    ids: list[str] = []
    for run in data.runs:
        for _, q in run.questions():
            ids += [s for s in getattr(q, "sources", ()) if s not in ids]
    return [(sid, source_text(kit, sid)) for sid in sorted(ids, key=_source_order)]


def _source_order(sid: str) -> tuple[int, str]:
    digits = "".join(ch for ch in sid if ch.isdigit())
    return (int(digits) if digits else 1 << 30, sid)
