"""The two-page summary that opens the session report, as plain data for its template:
who came, what was run against the plan, knowledge before and after, confidence, feedback,
the points that split the room most, and the follow-up actions.

Everything here is words and numbers (never an id); the template escapes it.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..evaluation import knowledge
from ..evaluation.followup import ACTIONS, attendance_of, follow_ups_of
from ..evaluation.form import evaluation_forms
from ..render.formats import num, pct
from ..scoring.results import discussion_points, scores_by_group
from .charts import Bar, decision_text
from .data import ActivityRun, SessionData
from .wording import short_prompt

COMMENTS_IN_SUMMARY = 6
"""Feedback comments shown in the summary; the rest are in the appendix."""


@dataclass(frozen=True)
class PlanRow:
    part: str
    planned: str
    run: str
    done: bool


@dataclass(frozen=True)
class Split:
    activity: str
    question: str
    detail: str
    tables: int


@dataclass(frozen=True)
class Rating:
    prompt: str
    answers: int
    mean: float
    bars: tuple[Bar, ...]
    scale: str


@dataclass
class Knowledge:
    title: str
    before: int
    after: int
    matched: int
    mean_pre: float
    mean_post: float
    mean_gain: float
    improved: int
    same: int
    worse: int
    items: list[tuple[str, float, float]] = field(default_factory=list)
    """Per question: prompt, % right before, % right after (matched people)."""
    wrong: list[tuple[str, float, str]] = field(default_factory=list)
    """Most often wrong after: prompt, % not right, most common wrong answer."""
    confidence: list[tuple[str, int, float, float]] = field(default_factory=list)
    """Per statement: prompt, people, mean before, mean after."""

    @property
    def confidence_rows(self) -> list[list[str]]:
        return [[p, str(n), num(a, 1), num(b, 1)] for p, n, a, b in self.confidence]


@dataclass
class Summary:
    facts: list[tuple[str, str]]
    tables: int
    people: int
    people_counted_by: str
    agencies: list[tuple[str, int]]
    plan: list[PlanRow]
    glance_head: list[str]
    glance: list[list[str]]
    knowledge: Knowledge | None
    ratings: list[Rating]
    feedback_people: int
    comments: list[tuple[str, str]]
    more_comments: int
    splits: list[Split]
    follow_ups: list[dict[str, str]]
    follow_ups_to_do: list[str]

    @property
    def plan_rows(self) -> list[list[str]]:
        return [[p.part, p.planned, p.run] for p in self.plan]


def _nan(x: Any) -> float:
    try:
        return float(x)
    except (TypeError, ValueError):
        return math.nan


def records_with_every_group(run: ActivityRun, data: SessionData) -> list[dict[str, Any]]:
    """The run's answers plus an empty record for each group that gave none, in group order."""
    seen = {r["group_id"] for r in run.records}
    extra = [
        {"group_id": g.id, "group_label": g.label, "activity_id": run.activity_id,
         "question_id": None, "value": None}
        for g in data.groups if g.id not in seen
    ]  # fmt: skip
    order = {g.id: i for i, g in enumerate(data.groups)}
    return sorted([*run.records, *extra], key=lambda r: order.get(r["group_id"], 1 << 30))


def group_scores(run: ActivityRun, data: SessionData, kit: Any) -> dict[str, tuple[float, float]]:
    """group id -> (points, most points) over the stages the groups met."""
    a = run.shown_activity()
    if a is None:
        return {}
    df = scores_by_group(a, records_with_every_group(run, data), run.manual_marks(), kit)
    return {r.group_id: (float(r.points), float(r.max_points)) for r in df.itertuples()}


def _people(data: SessionData) -> tuple[int, str]:
    head = attendance_of({"facilitator_log": data.log})
    if head is not None:
        return int(head["total"]), "the facilitator's head count"
    codes = {e.get("respondent_code") for e in data.evaluation if e.get("respondent_code")}
    return len(codes), "people who filled in a form"


def _plan(data: SessionData, kit: Any) -> list[PlanRow]:
    programme = (getattr(kit, "programmes", {}) or {}).get(data.session.get("programme_id") or "")
    ran = {r.activity_id: r.title for r in [*data.runs, *data.forms]}
    rows: list[PlanRow] = []
    planned: set[str] = set()
    if programme is not None:
        for item in programme.items:
            if not item.activities:
                continue
            planned |= set(item.activities)
            titles = []
            for aid in item.activities:
                try:
                    titles.append(kit.activity(aid).title)
                except KeyError:
                    titles.append("an activity not in this kit")
            done = [ran[a] for a in item.activities if a in ran]
            if len(item.activities) > 2:
                what = f"one of {len(item.activities)} case studies per table"
            else:
                what = "; ".join(titles)
            rows.append(PlanRow(item.title, what, "; ".join(done) or "not run", bool(done)))
    extra = [t for a, t in ran.items() if a not in planned]
    if extra:
        rows.append(PlanRow("Not in the plan", "", "; ".join(extra), True))
    return rows


def _glance(data: SessionData, kit: Any) -> tuple[list[str], list[list[str]]]:
    head = ["Activity", *[g.label for g in data.groups]]
    rows = []
    for run in data.runs:
        s = group_scores(run, data, kit)
        if not any(m > 0 for _, m in s.values()):
            continue
        cells = [run.title]
        for g in data.groups:
            p, m = s.get(g.id, (0.0, 0.0))
            cells.append(pct(100 * p / m) if m else "–")
        rows.append(cells)
    return head, rows


def _knowledge(responses: pd.DataFrame, form: Any, kit: Any) -> Knowledge | None:
    summary = knowledge.matching_summary(responses, form, kit)
    if summary.empty:
        return None
    s = summary.sum(numeric_only=True)
    gain = knowledge.knowledge_gain(responses, form, kit)
    g = gain.iloc[0] if len(gain) == 1 else None
    k = Knowledge(
        title=form.title,
        before=int(s["matched"] + s["pre_only"]),
        after=int(s["matched"] + s["post_only"]),
        matched=int(s["matched"]),
        mean_pre=_nan(g["mean_pre"]) if g is not None else math.nan,
        mean_post=_nan(g["mean_post"]) if g is not None else math.nan,
        mean_gain=_nan(g["mean_gain"]) if g is not None else math.nan,
        improved=int(g["improved"]) if g is not None else 0,
        same=int(g["same"]) if g is not None else 0,
        worse=int(g["worse"]) if g is not None else 0,
    )
    if k.matched:
        items = knowledge.item_gain(responses, form, kit)
        k.items = [(r.prompt, r.pre_percent, r.post_percent) for r in items.itertuples()]
    wrong = knowledge.most_often_wrong(responses, form, kit, top=3)
    k.wrong = [
        (r.prompt, r.percent_not_right, r.common_wrong_answer)
        for r in wrong.itertuples()
        if r.not_right > 0
    ]
    conf = knowledge.confidence_change(responses, form)
    k.confidence = [
        (r.prompt, int(r.paired), r.pre_mean, r.post_mean)
        for r in conf.itertuples()
        if r.paired > 0
    ]
    return k


def _ratings(responses: pd.DataFrame, form: Any) -> list[Rating]:
    df = knowledge.feedback_ratings(responses, form)
    points = [c for c in df.columns if c.isdigit()]
    out = []
    for _, r in df.iterrows():
        if not r["answers"]:
            continue
        bars = tuple(Bar(p, int(r[p])) for p in points)
        out.append(Rating(r["prompt"], int(r["answers"]), float(r["mean"]), bars, r["labels"]))
    return out


def _splits(data: SessionData, kit: Any, top: int = 3) -> list[Split]:
    found: list[tuple[float, float, Split]] = []
    for run in data.runs:
        a = run.shown_activity()
        if a is None or not run.records:
            continue
        qs = {q.id: q for _, q in run.questions()}
        disc = discussion_points(a, run.records, run.manual_marks(), kit)
        disc = disc[(disc["groups"] > 1) & (disc["disagreement"] > 0)]
        for r in disc.head(top).itertuples():
            q = qs.get(r.question_id)
            if q is None:
                continue
            values = [x["value"] for x in run.records if x["question_id"] == q.id]
            detail = decision_text(q, r.most_split, values, kit)
            sd = 0.0 if math.isnan(r.score_sd) else float(r.score_sd)
            found.append(
                (
                    float(r.disagreement),
                    sd,
                    Split(run.title, short_prompt(q.prompt), detail, r.groups),
                )
            )
    found.sort(key=lambda t: (-t[0], -t[1]))
    return [s for _, _, s in found[:top]]


def build_summary(data: SessionData, kit: Any) -> Summary:
    s = data.session
    people, counted_by = _people(data)
    agencies = Counter(name for g in data.groups for name in g.agency_names)
    facts = [
        ("Date", s.get("date") or ""),
        ("Venue", s.get("venue") or ""),
        ("Borough", s.get("borough") or ""),
        ("Facilitator", s.get("facilitator") or ""),
        ("Programme", data.programme_title),
    ]
    responses = knowledge.responses_frame(data.evaluation)
    k: Knowledge | None = None
    ratings: list[Rating] = []
    comments: list[tuple[str, str]] = []
    feedback_people = 0
    for fid, form in evaluation_forms(kit).items():
        if responses.empty or not (responses["form_id"] == fid).any():
            continue
        if getattr(form, "pre_post", False):
            k = k or _knowledge(responses, form, kit)
        else:
            ratings += _ratings(responses, form)
            part = responses[(responses["form_id"] == fid) & (responses["phase"] == "once")]
            feedback_people = max(feedback_people, int(part["respondent_code"].nunique()))
            texts = knowledge.feedback_comments(responses, form)
            comments += [(r.prompt, r.comment) for r in texts.itertuples()]
    head, glance = _glance(data, kit)
    done = follow_ups_of({"facilitator_log": data.log})
    recorded = {f["action"] for f in done}
    return Summary(
        facts=[(k_, v) for k_, v in facts if v],
        tables=len(data.groups),
        people=people,
        people_counted_by=counted_by,
        agencies=sorted(agencies.items(), key=lambda t: (-t[1], t[0])),
        plan=_plan(data, kit),
        glance_head=head,
        glance=glance,
        knowledge=k,
        ratings=ratings,
        feedback_people=feedback_people,
        comments=comments[:COMMENTS_IN_SUMMARY],
        more_comments=max(0, len(comments) - COMMENTS_IN_SUMMARY),
        splits=_splits(data, kit),
        follow_ups=done,
        follow_ups_to_do=[label for a, label in ACTIONS.items() if a not in recorded],
    )


def all_comments(data: SessionData, kit: Any) -> list[tuple[str, str]]:
    """Every feedback comment as (question, comment), for the appendix."""
    responses = knowledge.responses_frame(data.evaluation)
    out: list[tuple[str, str]] = []
    for fid, form in evaluation_forms(kit).items():
        if getattr(form, "pre_post", False) or responses.empty:
            continue
        if (responses["form_id"] == fid).any():
            texts = knowledge.feedback_comments(responses, form)
            out += [(r.prompt, r.comment) for r in texts.itertuples()]
    return out
