"""Results of an activity as pandas DataFrames, built from plain answer records.

Inputs, the same for every function:

- ``activity``: a ``Scenario`` (questions taken stage by stage) or an ``Exercise``.
- ``records``: an iterable of mappings (or objects) with ``group_id``, ``group_label``,
  ``activity_id``, ``question_id`` and ``value`` (the JSON answer). Records of another
  activity, or for a question the activity does not have, are ignored. When a group answered
  a question more than once, the last record wins. Groups are listed in the order they first
  appear; a group with no record for a question counts as unanswered there.
- ``marks`` (optional): manual marks, either a mapping ``(group_id, question_id) ->
  ManualMark`` or an iterable of records with ``group_id``, ``question_id``, ``points`` and
  optionally ``comment`` (and ``activity_id``, checked as above).
- ``catalogue`` (optional): indicator and action texts, as for :func:`mskit.scoring.score`.

Counts of groups: "groups" in a per-question table means the groups that gave that
question an answer or a pass (a pass is a considered "not sure"); groups with no record are
left out of that question's counts.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from mskit.content.questions import CLASSIFICATIONS, PASS

from .activity import questions_of
from .answers import read_choice, read_id_list, read_mapping, read_rating
from .catalogue import action_info, indicator_text
from .scorers import action_rating, score
from .types import ManualMark, Score

MarksIn = Mapping[tuple[str, str], ManualMark] | Iterable[Any] | None

_GROUP_COLS = [
    "group_id",
    "group_label",
    "points",
    "max_points",
    "percent",
    "answered",
    "passed",
    "needs_marking",
]
_QUESTION_COLS = [
    "group_id",
    "group_label",
    "stage_id",
    "question_id",
    "question_type",
    "status",
    "points",
    "max_points",
    "percent",
]
_INDICATOR_COLS = ["question_id", "indicator_id", "text", "present", "spotted", "groups", "share"]
_SPREAD_COLS = [
    "question_id",
    "question_type",
    "item",
    "answer",
    "label",
    "verdict",
    "groups",
    "of",
    "share",
]
_DISCUSSION_COLS = [
    "rank",
    "question_id",
    "question_type",
    "stage_id",
    "prompt",
    "groups",
    "passed",
    "disagreement",
    "most_split",
    "score_sd",
    "mean_percent",
]


def _field(rec: Any, name: str) -> Any:
    if isinstance(rec, Mapping):
        return rec.get(name)
    return getattr(rec, name, None)


class _Answers:
    """Records of one activity, read once: groups, and the last answer per group and question."""

    def __init__(self, activity: Any, records: Iterable[Any], marks: MarksIn = None) -> None:
        self.activity = activity
        self.questions = questions_of(activity)
        qids = {q.id for _, q in self.questions}
        act_id = getattr(activity, "id", None)
        self.groups: dict[str, str] = {}
        self.values: dict[tuple[str, str], Any] = {}
        for rec in records:
            if _field(rec, "activity_id") not in (None, act_id):
                continue
            gid = _field(rec, "group_id")
            if gid is None:
                continue
            gid = str(gid)
            label = _field(rec, "group_label")
            if gid not in self.groups or (label and not self.groups[gid]):
                self.groups[gid] = str(label) if label is not None else gid
            qid = _field(rec, "question_id")
            if qid in qids:
                self.values[(gid, qid)] = _field(rec, "value")
        self.marks: dict[tuple[str, str], ManualMark] = {}
        if isinstance(marks, Mapping):
            self.marks = {(str(g), q): m for (g, q), m in marks.items()}
        elif marks is not None:
            for m in marks:
                if _field(m, "activity_id") not in (None, act_id):
                    continue
                key = (str(_field(m, "group_id")), _field(m, "question_id"))
                self.marks[key] = ManualMark(_field(m, "points"), _field(m, "comment") or "")

    def answered(self, qid: str) -> list[str]:
        """Groups with a record for ``qid``."""
        return [g for g in self.groups if (g, qid) in self.values]

    def score(self, gid: str, q: Any, catalogue: Any) -> Score:
        return score(q, self.values.get((gid, q.id)), catalogue, mark=self.marks.get((gid, q.id)))


def _pct(points: float, mx: float) -> float:
    return 100.0 * points / mx if mx > 0 else math.nan


def scores_by_question(
    activity: Any,
    records: Iterable[Any],
    marks: MarksIn = None,
    catalogue: Any = None,
    *,
    wide: bool = False,
) -> pd.DataFrame:
    """One row per group × question: status, points, max_points, percent.

    With ``wide=True``: one row per group (``group_id``, ``group_label``) and one column of
    points per question id, in question order.
    """
    a = _Answers(activity, records, marks)
    rows = []
    for gid, label in a.groups.items():
        for stage, q in a.questions:
            s = a.score(gid, q, catalogue)
            rows.append(
                [gid, label, stage, q.id, q.type, s.status, s.points, s.max_points,
                 _pct(s.points, s.max_points)]
            )  # fmt: skip
    df = pd.DataFrame(rows, columns=_QUESTION_COLS)
    if not wide:
        return df
    order = [q.id for _, q in a.questions]
    out = df.pivot_table(
        index=["group_id", "group_label"], columns="question_id", values="points", sort=False
    )
    out = out.reindex(columns=order).reset_index()
    out.columns.name = None
    return out


def scores_by_group(
    activity: Any, records: Iterable[Any], marks: MarksIn = None, catalogue: Any = None
) -> pd.DataFrame:
    """One row per group: points, max_points (every scored question, answered or not),
    percent, and how many questions it answered, passed and has waiting for a mark."""
    per_q = scores_by_question(activity, records, marks, catalogue)
    if per_q.empty:
        return pd.DataFrame(columns=_GROUP_COLS)
    g = per_q.groupby(["group_id", "group_label"], sort=False)
    out = g.agg(
        points=("points", "sum"),
        max_points=("max_points", "sum"),
        answered=("status", lambda s: int(s.isin(["scored", "needs_marking"]).sum())),
        passed=("status", lambda s: int((s == "passed").sum())),
        needs_marking=("status", lambda s: int((s == "needs_marking").sum())),
    ).reset_index()
    out["percent"] = [_pct(p, m) for p, m in zip(out["points"], out["max_points"], strict=True)]
    return out[_GROUP_COLS]


def indicator_spotting_table(
    activity: Any, records: Iterable[Any], catalogue: Any = None
) -> pd.DataFrame:
    """Per indicator offered in each indicator-spotting question: whether the story shows it
    (``present``), how many groups ``spotted`` (picked) it, of how many ``groups`` answered
    or passed that question, and the ``share``."""
    a = _Answers(activity, records)
    rows = []
    for _, q in a.questions:
        if q.type != "indicator_spotting":
            continue
        groups = a.answered(q.id)
        picks = [read_id_list(a.values[(g, q.id)]) for g in groups]
        n = sum(p.kind in ("answer", "passed") for p in picks)
        present = set(q.present)
        for ind in dict.fromkeys([*q.present, *q.distractors]):
            spotted = sum(p.kind == "answer" and ind in p.value for p in picks)
            text = indicator_text(catalogue, ind) or ind
            rows.append(
                [q.id, ind, text, ind in present, spotted, n, spotted / n if n else math.nan]
            )
    return pd.DataFrame(rows, columns=_INDICATOR_COLS)


def _spread_rows(q: Any, values: list[Any], catalogue: Any) -> list[list[Any]]:
    """Rows (item, answer, label, verdict, count) for one question, and the number of groups."""
    t = q.type
    rows: list[list[Any]] = []
    if t in ("single_choice", "classification"):
        parsed = [read_choice(v) for v in values]
        if t == "single_choice":
            opts = [(o.id, o.text, "right" if o.correct else "wrong") for o in q.options]
        else:
            ok = {q.correct, *q.also_accept}
            opts = [(c, lab, "right" if c in ok else "wrong") for c, lab in CLASSIFICATIONS.items()]
        known = {o[0] for o in opts}
        chosen = Counter(p.value for p in parsed if p.kind == "answer")
        for oid, text, verdict in opts:
            rows.append([None, oid, text, verdict, chosen.get(oid, 0)])
        for other, n in chosen.items():
            if other not in known:
                rows.append([None, other, "(not an option)", "wrong", n])
    elif t in ("multiple_choice", "indicator_spotting", "action_plan"):
        parsed = [read_id_list(v) for v in values]
        if t == "multiple_choice":
            opts = [(o.id, o.text, "right" if o.correct else "wrong") for o in q.options]
        elif t == "indicator_spotting":
            present = set(q.present)
            opts = [
                (i, indicator_text(catalogue, i) or i, "right" if i in present else "wrong")
                for i in dict.fromkeys([*q.present, *q.distractors])
            ]
        else:
            opts = []
            for i in dict.fromkeys([*q.actions, *q.essential, *q.harmful]):
                info = action_info(catalogue, i)
                opts.append((i, info.text if info and info.text else i, action_rating(q, i)))
        for oid, text, verdict in opts:
            n = sum(p.kind == "answer" and oid in p.value for p in parsed)
            rows.append([None, oid, text, verdict, n])
    elif t in ("match", "sort"):
        parsed = [read_mapping(v, multi=t == "match") for v in values]
        cols = q.targets if t == "match" else q.categories
        for item in q.items:
            right = set(item.answer) if t == "match" else {item.answer}
            for c in cols:
                n = 0
                for p in parsed:
                    got = p.value.get(item.id) if p.kind == "answer" else None
                    if got is None or got == PASS:
                        continue
                    n += (c.id in got) if t == "match" else (got == c.id)
                verdict = "right" if c.id in right else "wrong"
                rows.append([item.id, c.id, c.text, verdict, n])
    elif t == "rating":
        parsed = [read_rating(v, q.scale_min, q.scale_max) for v in values]
        chosen = Counter(p.value for p in parsed if p.kind == "answer")
        for v in range(q.scale_min, q.scale_max + 1):
            rows.append([None, v, q.labels.get(v, str(v)), None, chosen.get(v, 0)])
    else:
        return []
    passes = sum(p.kind == "passed" for p in parsed)
    if passes or getattr(q, "allow_pass", False):
        rows.append([None, PASS, "Not sure / pass", "pass", passes])
    return rows


def answer_spread(activity: Any, records: Iterable[Any], catalogue: Any = None) -> pd.DataFrame:
    """Per question and per option (per item and target for match, per item and category for
    sort, per scale point for rating, plus a ``PASS`` row where a pass is offered): how many
    ``groups`` chose it, ``of`` how many answered or passed, and the ``share``. ``verdict`` is
    right / wrong (essential / helpful / harmful for actions; pass; empty for ratings).
    Free-text and open questions are left out."""
    a = _Answers(activity, records)
    out = []
    for _, q in a.questions:
        values = [a.values[(g, q.id)] for g in a.answered(q.id)]
        rows = _spread_rows(q, values, catalogue)
        if not rows:
            continue
        of = sum(_kind(q, v) in ("answer", "passed") for v in values)
        for item, ans, label, verdict, n in rows:
            out.append([q.id, q.type, item, ans, label, verdict, n, of, n / of if of else math.nan])
    return pd.DataFrame(out, columns=_SPREAD_COLS)


def _kind(q: Any, v: Any) -> str:
    t = q.type
    if t in ("single_choice", "classification"):
        return read_choice(v).kind
    if t in ("multiple_choice", "indicator_spotting", "action_plan"):
        return read_id_list(v).kind
    if t in ("match", "sort"):
        return read_mapping(v, multi=t == "match").kind
    if t == "rating":
        return read_rating(v, q.scale_min, q.scale_max).kind
    return "answer"


def _decisions(q: Any, values: list[Any]) -> dict[str, tuple[int, list[Any]]]:
    """decision id -> (number of possible choices, the answering groups' choices)."""
    t = q.type
    out: dict[str, tuple[int, list[Any]]] = {}
    if t in ("single_choice", "classification", "rating"):
        if t == "single_choice":
            k = len(q.options)
            got = [p.value for p in map(read_choice, values) if p.kind == "answer"]
        elif t == "classification":
            k = len(CLASSIFICATIONS)
            got = [p.value for p in map(read_choice, values) if p.kind == "answer"]
        else:
            k = q.scale_max - q.scale_min + 1
            parsed = [read_rating(v, q.scale_min, q.scale_max) for v in values]
            got = [p.value for p in parsed if p.kind == "answer"]
        out[q.id] = (k, got)
    elif t in ("multiple_choice", "indicator_spotting", "action_plan"):
        picks = [set(p.value) for p in map(read_id_list, values) if p.kind == "answer"]
        if t == "multiple_choice":
            ids = [o.id for o in q.options]
        elif t == "indicator_spotting":
            ids = list(dict.fromkeys([*q.present, *q.distractors]))
        else:
            ids = list(dict.fromkeys([*q.actions, *q.essential, *q.harmful]))
        for i in ids:
            out[i] = (2, [i in p for p in picks])
    elif t in ("match", "sort"):
        maps = [
            p.value for p in (read_mapping(v, multi=t == "match") for v in values)
            if p.kind == "answer"
        ]  # fmt: skip
        for item in q.items:
            if t == "match":
                for tg in q.targets:
                    got = [tg.id in m[item.id] for m in maps if m.get(item.id) not in (None, PASS)]
                    out[f"{item.id}:{tg.id}"] = (2, got)
            else:
                got = [m[item.id] for m in maps if m.get(item.id) not in (None, PASS)]
                out[item.id] = (len(q.categories), got)
    return out


def normalised_entropy(choices: list[Any], k: int) -> float:
    """Shannon entropy of ``choices`` divided by its largest possible value, ``log(min(k, n))``
    for ``k`` possible choices and ``n`` choosers: 0 when all agree, 1 when spread as evenly
    as the numbers allow. 0 when fewer than two choices are possible or made."""
    n = len(choices)
    top = min(k, n)
    if top < 2:
        return 0.0
    h = -sum((c / n) * math.log(c / n) for c in Counter(choices).values())
    return max(0.0, min(1.0, h / math.log(top)))


def discussion_points(
    activity: Any, records: Iterable[Any], marks: MarksIn = None, catalogue: Any = None
) -> pd.DataFrame:
    """Questions ranked by how much the groups disagree, most first: good debrief topics.

    The measure (``disagreement``, 0..1): each question is split into decisions (the one
    choice of a single-choice, classification or rating question; pick-or-not for each
    option, indicator or action of a multi-select question or action plan; each item's
    category in a sort; in-or-out for each item-target pair of a match). For each decision
    the groups' choices get a normalised Shannon entropy (:func:`normalised_entropy`), and
    the question's disagreement is the mean over its decisions. 0 means every group decided
    everything the same way; 1 means they split as evenly as possible. ``most_split`` names
    the decision with the highest entropy (an option, indicator, action, item or
    ``item:target`` id) to start the discussion from. Only groups that answered count;
    passes are counted apart (``passed``). Action plans are measured on which actions were
    picked; differences in order show in ``score_sd``.

    Ties are broken by ``score_sd`` (the population standard deviation of the groups'
    percent, over groups that answered or passed; higher first), then by the question order
    of the activity (a stable sort). Free-text and open questions are left out; questions
    nobody answered come last with ``disagreement`` NaN.
    """
    a = _Answers(activity, records, marks)
    rows = []
    for pos, (stage, q) in enumerate(a.questions):
        if q.type in ("free_text", "open_text"):
            continue
        groups = a.answered(q.id)
        values = [a.values[(g, q.id)] for g in groups]
        kinds = [_kind(q, v) for v in values]
        decisions = _decisions(q, [v for v, k in zip(values, kinds, strict=True) if k == "answer"])
        n = sum(k == "answer" for k in kinds)
        ent = {d: normalised_entropy(ch, k) for d, (k, ch) in decisions.items()}
        dis = sum(ent.values()) / len(ent) if ent and n else math.nan
        split = max(ent, key=lambda d: ent[d]) if ent and n and max(ent.values()) > 0 else None
        pcts = [
            s.percent
            for g, k in zip(groups, kinds, strict=True)
            if k in ("answer", "passed") and (s := a.score(g, q, catalogue)).percent is not None
        ]
        mean = sum(pcts) / len(pcts) if pcts else math.nan
        sd = math.sqrt(sum((p - mean) ** 2 for p in pcts) / len(pcts)) if pcts else math.nan
        rows.append(
            [pos, q.id, q.type, stage, q.prompt, n, kinds.count("passed"), dis, split, sd, mean]
        )
    df = pd.DataFrame(rows, columns=["pos", *_DISCUSSION_COLS[1:]])
    df = df.sort_values(
        ["disagreement", "score_sd", "pos"],
        ascending=[False, False, True],
        na_position="last",
        kind="mergesort",
    ).reset_index(drop=True)
    df.insert(0, "rank", range(1, len(df) + 1))
    return df.drop(columns="pos")[_DISCUSSION_COLS]
