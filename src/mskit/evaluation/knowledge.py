"""Pre/post knowledge check and feedback form results as pandas DataFrames.

Every function takes ``responses``: evaluation answers as :class:`~mskit.store.EvaluationResponse`
objects, as dicts (the ``evaluation_responses`` of a session export) or a frame from
:func:`responses_frame`; answers of one session or of many (rows are kept apart by
``session_id``).

How answers are matched and counted
-----------------------------------
* A person is their anonymous respondent code **within one session** (the same code in two
  sessions is two people). Codes are compared upper-cased without spaces or hyphens.
* Duplicates: when the same code answered the same question in the same phase more than
  once, the latest answer (``saved_at``) wins; the number replaced is reported.
* A person's knowledge score in a phase is the points of every scored question of the
  form (via :func:`mskit.scoring.score`) over the form's maximum; a question they left out
  scores 0 and "not sure" scores 0. Only people who answered at least one question of the
  form in that phase have a score.
* Matched: a code with a knowledge score both before and after. Pre-only and post-only
  codes are counted, and left out of every gain (gains are paired).
* An item is "right" for a person when it got full marks.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

import pandas as pd

from ..content.questions import PASS
from ..scoring import max_points, score

__all__ = [
    "RESPONSE_COLUMNS",
    "confidence_change",
    "feedback_comments",
    "feedback_ratings",
    "item_gain",
    "item_results",
    "knowledge_gain",
    "knowledge_scores",
    "match_respondents",
    "matching_summary",
    "most_often_wrong",
    "rating_questions",
    "responses_frame",
    "scored_questions",
]

RESPONSE_COLUMNS = (
    "session_id",
    "form_id",
    "respondent_code",
    "phase",
    "question_id",
    "value",
    "saved_at",
)
_KEY = ["session_id", "form_id", "respondent_code", "phase", "question_id"]
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _when(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, str) and value:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return _EPOCH
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
    return _EPOCH


def _code(value: Any) -> str:
    return "".join(ch for ch in str(value or "").upper() if ch not in " -\t")


def _record(r: Any) -> dict[str, Any]:
    get = r.get if isinstance(r, dict) else (lambda k, d=None: getattr(r, k, d))
    return {
        "session_id": str(get("session_id", "") or ""),
        "form_id": str(get("form_id", "") or ""),
        "respondent_code": _code(get("respondent_code", "")),
        "phase": str(get("phase", "") or ""),
        "question_id": str(get("question_id", "") or ""),
        "value": get("value"),
        "saved_at": _when(get("saved_at")),
    }


def responses_frame(responses: Any) -> pd.DataFrame:
    """The answers as a frame with :data:`RESPONSE_COLUMNS`, one row per code, phase and
    question: the latest answer wins. ``frame.attrs["duplicates_replaced"]`` counts the
    earlier answers dropped."""
    if isinstance(responses, pd.DataFrame) and responses.attrs.get("mskit_clean"):
        return responses
    if isinstance(responses, pd.DataFrame):
        records = [_record(r) for r in responses.to_dict("records")]
    else:
        records = [_record(r) for r in (responses or [])]
    df = pd.DataFrame(records, columns=list(RESPONSE_COLUMNS))
    before = len(df)
    by_session: dict[str, int] = {}
    if before:
        extra = df[df.duplicated(_KEY, keep="first")]
        by_session = {str(k): int(v) for k, v in extra["session_id"].value_counts().items()}
        df = df.sort_values("saved_at", kind="stable")
        df = df.drop_duplicates(_KEY, keep="last")
        df = df.sort_values(_KEY, kind="stable").reset_index(drop=True)
    df.attrs["duplicates_replaced"] = before - len(df)
    df.attrs["duplicates_by_session"] = by_session
    df.attrs["mskit_clean"] = True
    return df


def scored_questions(form: Any) -> list[Any]:
    """The form's questions that carry marks (single/multiple choice...)."""
    return [q for q in form.questions if max_points(q) > 0]


def rating_questions(form: Any) -> list[Any]:
    """The form's rating (Likert) questions."""
    return [q for q in form.questions if q.type == "rating"]


def _of_form(responses: Any, form: Any, phases: Iterable[str]) -> pd.DataFrame:
    df = responses_frame(responses)
    out = df[(df["form_id"] == form.id) & (df["phase"].isin(list(phases)))]
    return out


# -- knowledge -----------------------------------------------------------------------------


def item_results(responses: Any, form: Any, kit: Any = None) -> pd.DataFrame:
    """One row per person, phase and scored question: ``session_id, respondent_code, phase,
    question_id, answered, points, max_points, right, status, value`` (``value`` as JSON
    text). Questions a person left out have ``answered`` False, 0 points."""
    questions = scored_questions(form)
    df = _of_form(responses, form, ("pre", "post"))
    cols = [
        "session_id", "respondent_code", "phase", "question_id", "answered",
        "points", "max_points", "right", "status", "value",
    ]  # fmt: skip
    if df.empty or not questions:
        return pd.DataFrame(columns=cols)
    qids = {q.id for q in questions}
    given = {
        (r.session_id, r.respondent_code, r.phase, r.question_id): r.value
        for r in df.itertuples(index=False)
        if r.question_id in qids
    }
    people = sorted({k[:3] for k in given})
    rows = []
    seen: dict[tuple[str, str], Any] = {}  # the same answer scores the same: score it once
    for sid, code, phase in people:
        for q in questions:
            key = (sid, code, phase, q.id)
            answered = key in given
            value = given.get(key)
            memo = (q.id, json.dumps(value, sort_keys=True, ensure_ascii=False))
            s = seen.get(memo)
            if s is None:
                s = seen[memo] = score(q, value, kit)
            rows.append(
                (
                    sid, code, phase, q.id, answered, float(s.points), float(s.max_points),
                    bool(s.full_marks), s.status if answered else "unanswered",
                    json.dumps(value, ensure_ascii=False) if answered else "",
                )
            )  # fmt: skip
    return pd.DataFrame(rows, columns=cols)


def knowledge_scores(responses: Any, form: Any, kit: Any = None) -> pd.DataFrame:
    """One row per person and phase: ``session_id, respondent_code, phase, points,
    max_points, percent, items_answered, items_right``."""
    items = item_results(responses, form, kit)
    cols = [
        "session_id", "respondent_code", "phase", "points", "max_points", "percent",
        "items_answered", "items_right",
    ]  # fmt: skip
    if items.empty:
        return pd.DataFrame(columns=cols)
    g = items.groupby(["session_id", "respondent_code", "phase"], sort=True)
    out = g.agg(
        points=("points", "sum"),
        max_points=("max_points", "sum"),
        items_answered=("answered", "sum"),
        items_right=("right", "sum"),
    ).reset_index()
    out["percent"] = 100.0 * out["points"] / out["max_points"]
    out["items_answered"] = out["items_answered"].astype(int)
    out["items_right"] = out["items_right"].astype(int)
    return out[cols]


def match_respondents(responses: Any, form: Any, kit: Any = None) -> pd.DataFrame:
    """One row per person: ``session_id, respondent_code, status`` (``matched``, ``pre_only``
    or ``post_only``), ``pre_percent, post_percent, gain`` (percentage points, matched only)."""
    scores = knowledge_scores(responses, form, kit)
    cols = ["session_id", "respondent_code", "status", "pre_percent", "post_percent", "gain"]
    if scores.empty:
        return pd.DataFrame(columns=cols)
    wide = scores.pivot_table(
        index=["session_id", "respondent_code"], columns="phase", values="percent", aggfunc="last"
    )
    wide = wide.reindex(columns=["pre", "post"])
    out = wide.reset_index().rename(columns={"pre": "pre_percent", "post": "post_percent"})
    out.columns.name = None
    has_pre, has_post = out["pre_percent"].notna(), out["post_percent"].notna()
    out["status"] = "matched"
    out.loc[has_pre & ~has_post, "status"] = "pre_only"
    out.loc[~has_pre & has_post, "status"] = "post_only"
    out["gain"] = out["post_percent"] - out["pre_percent"]
    return out[cols].sort_values(["session_id", "respondent_code"]).reset_index(drop=True)


def matching_summary(responses: Any, form: Any, kit: Any = None) -> pd.DataFrame:
    """Per session: ``respondents, matched, pre_only, post_only, duplicates_replaced``
    (earlier answers to the same question by the same code in the same phase, replaced by
    the latest)."""
    df = responses_frame(responses)
    m = match_respondents(df, form, kit)
    cols = ["session_id", "respondents", "matched", "pre_only", "post_only", "duplicates_replaced"]
    sessions = sorted(set(m["session_id"])) if not m.empty else []
    rows = []
    for sid in sessions:
        part = m[m["session_id"] == sid]["status"]
        rows.append(
            (sid, len(part), int((part == "matched").sum()), int((part == "pre_only").sum()),
             int((part == "post_only").sum()), 0)
        )  # fmt: skip
    out = pd.DataFrame(rows, columns=cols)
    by_session = df.attrs.get("duplicates_by_session", {})
    out["duplicates_replaced"] = [int(by_session.get(s, 0)) for s in sessions]
    return out


def knowledge_gain(responses: Any, form: Any, kit: Any = None) -> pd.DataFrame:
    """Per session, over matched people: ``matched, pre_only, post_only, mean_pre,
    mean_post, mean_gain`` (percent and percentage points), plus ``improved, same, worse``
    (people whose score went up, stayed, went down)."""
    return gains_of(match_respondents(responses, form, kit))


def gains_of(m: pd.DataFrame) -> pd.DataFrame:
    """:func:`knowledge_gain` from a :func:`match_respondents` frame."""
    cols = [
        "session_id", "matched", "pre_only", "post_only", "mean_pre", "mean_post",
        "mean_gain", "improved", "same", "worse",
    ]  # fmt: skip
    rows = []
    for sid, part in m.groupby("session_id", sort=True):
        mm = part[part["status"] == "matched"]
        gain = mm["gain"]
        rows.append(
            (
                sid, len(mm), int((part["status"] == "pre_only").sum()),
                int((part["status"] == "post_only").sum()),
                _mean(mm["pre_percent"]), _mean(mm["post_percent"]), _mean(gain),
                int((gain > 1e-9).sum()), int((gain.abs() <= 1e-9).sum()), int((gain < -1e-9).sum()),
            )
        )  # fmt: skip
    return pd.DataFrame(rows, columns=cols)


def _mean(s: pd.Series) -> float:
    s = pd.to_numeric(s, errors="coerce").dropna()
    return float(s.mean()) if len(s) else math.nan


def _matched_keys(m: pd.DataFrame) -> set[tuple[str, str]]:
    mm = m[m["status"] == "matched"]
    return set(zip(mm["session_id"], mm["respondent_code"], strict=True))


def item_gain(responses: Any, form: Any, kit: Any = None) -> pd.DataFrame:
    """Per scored question, over matched people: ``question_id, prompt, matched,
    pre_right, post_right`` (how many got full marks), ``pre_percent, post_percent, gain``
    (percentage points). In the form's order."""
    df = responses_frame(responses)
    items = item_results(df, form, kit)
    m = match_respondents(df, form, kit)
    keys = _matched_keys(m)
    cols = ["question_id", "prompt", "matched", "pre_right", "post_right",
            "pre_percent", "post_percent", "gain"]  # fmt: skip
    rows = []
    if not items.empty:
        pair = [k in keys for k in zip(items["session_id"], items["respondent_code"], strict=True)]
        items = items[pair]
    n = len(keys)
    for q in scored_questions(form):
        part = items[items["question_id"] == q.id] if not items.empty else items
        pre_right = int(part[(part["phase"] == "pre")]["right"].sum()) if n else 0
        post_right = int(part[(part["phase"] == "post")]["right"].sum()) if n else 0
        pre_p = 100.0 * pre_right / n if n else math.nan
        post_p = 100.0 * post_right / n if n else math.nan
        rows.append((q.id, q.prompt, n, pre_right, post_right, pre_p, post_p, post_p - pre_p))
    return pd.DataFrame(rows, columns=cols)


def _answer_label(q: Any, value: Any) -> str:
    """An answer as the option texts a trainer reads ("Not sure" for a pass)."""
    texts = {o.id: o.text for o in getattr(q, "options", ()) or ()}
    if value == PASS or value == [PASS]:
        return "Not sure"
    if isinstance(value, list):
        return "; ".join(texts.get(str(v), str(v)) for v in value)
    return texts.get(str(value), str(value))


def most_often_wrong(
    responses: Any, form: Any, kit: Any = None, phase: str = "post", top: int | None = None
) -> pd.DataFrame:
    """Per scored question, what people answered after the session (``phase``): ``question_id,
    prompt, answered, not_right, percent_not_right, common_wrong_answer, common_wrong_count``,
    most often wrong first (what to teach better). Everyone who answered in that phase
    counts, matched or not; "not sure" counts as not right."""
    items = item_results(responses, form, kit)
    cols = ["question_id", "prompt", "answered", "not_right", "percent_not_right",
            "common_wrong_answer", "common_wrong_count"]  # fmt: skip
    rows = []
    order = {q.id: i for i, q in enumerate(scored_questions(form))}
    for q in scored_questions(form):
        part = (
            items[(items["question_id"] == q.id) & (items["phase"] == phase)]
            if not items.empty
            else items
        )
        part = part[part["answered"]] if not part.empty else part
        answered = len(part)
        wrong = part[~part["right"]] if answered else part
        common, count = "", 0
        if len(wrong):
            counts = wrong["value"].value_counts()
            top_value = counts.index[0]
            common, count = _answer_label(q, json.loads(top_value)), int(counts.iloc[0])
        pct = 100.0 * len(wrong) / answered if answered else math.nan
        rows.append((q.id, q.prompt, answered, len(wrong), pct, common, count))
    out = pd.DataFrame(rows, columns=cols)
    out["_order"] = out["question_id"].map(order)
    out = out.sort_values(
        ["percent_not_right", "_order"], ascending=[False, True], na_position="last"
    )
    out = out.drop(columns="_order").reset_index(drop=True)
    return out.head(top) if top else out


def _rating(value: Any, q: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if not q.scale_min <= value <= q.scale_max:
        return None
    return float(value)


def confidence_change(responses: Any, form: Any) -> pd.DataFrame:
    """Per rating question of a pre/post form, over people who rated it both before and
    after: ``question_id, prompt, paired, pre_mean, post_mean, change, pre_agree,
    post_agree`` (how many chose the top two points of the scale), ``more, same, less``."""
    df = _of_form(responses, form, ("pre", "post"))
    cols = ["question_id", "prompt", "paired", "pre_mean", "post_mean", "change",
            "pre_agree", "post_agree", "more", "same", "less"]  # fmt: skip
    rows = []
    for q in rating_questions(form):
        part = df[df["question_id"] == q.id]
        vals: dict[str, dict[tuple[str, str], float]] = {"pre": {}, "post": {}}
        for r in part.itertuples(index=False):
            v = _rating(r.value, q)
            if v is not None:
                vals[r.phase][(r.session_id, r.respondent_code)] = v
        both = sorted(set(vals["pre"]) & set(vals["post"]))
        pre = [vals["pre"][k] for k in both]
        post = [vals["post"][k] for k in both]
        top = q.scale_max - 1
        diff = [b - a for a, b in zip(pre, post, strict=True)]
        rows.append(
            (
                q.id, q.prompt, len(both),
                sum(pre) / len(pre) if pre else math.nan,
                sum(post) / len(post) if post else math.nan,
                (sum(post) - sum(pre)) / len(both) if both else math.nan,
                sum(v >= top for v in pre), sum(v >= top for v in post),
                sum(d > 0 for d in diff), sum(d == 0 for d in diff), sum(d < 0 for d in diff),
            )
        )  # fmt: skip
    return pd.DataFrame(rows, columns=cols)


# -- feedback form -------------------------------------------------------------------------


def feedback_ratings(responses: Any, form: Any, phase: str = "once") -> pd.DataFrame:
    """Per rating question: ``question_id, prompt, answers, mean``, then one column per
    scale point (``"1"`` .. ``"5"``) with how many chose it, and ``labels`` (the scale's
    end labels, "1 = Poor … 5 = Excellent")."""
    df = _of_form(responses, form, (phase,))
    rows = []
    points_all: list[int] = []
    for q in rating_questions(form):
        points_all += list(range(q.scale_min, q.scale_max + 1))
    points = sorted(set(points_all))
    for q in rating_questions(form):
        part = df[df["question_id"] == q.id]
        vals = [v for v in (_rating(x, q) for x in part["value"]) if v is not None]
        labels = getattr(q, "labels", None) or {}
        ends = ""
        if labels:
            lo, hi = labels.get(q.scale_min), labels.get(q.scale_max)
            ends = f"{q.scale_min} = {lo} … {q.scale_max} = {hi}" if lo and hi else ""
        row = {"question_id": q.id, "prompt": q.prompt, "answers": len(vals),
               "mean": sum(vals) / len(vals) if vals else math.nan}  # fmt: skip
        for p in points:
            row[str(p)] = sum(1 for v in vals if v == p)
        row["labels"] = ends
        rows.append(row)
    cols = ["question_id", "prompt", "answers", "mean", *map(str, points), "labels"]
    return pd.DataFrame(rows, columns=cols)


def feedback_comments(responses: Any, form: Any, phase: str = "once") -> pd.DataFrame:
    """Per open question, every non-blank comment as typed: ``session_id, question_id,
    prompt, comment`` (raw text: escape it before showing it as HTML). Respondent codes
    are left out so comments cannot be linked to anyone's other answers."""
    df = _of_form(responses, form, (phase,))
    rows = []
    for q in form.questions:
        if q.type != "open_text":
            continue
        part = df[df["question_id"] == q.id]
        for r in part.itertuples(index=False):
            if isinstance(r.value, str) and r.value.strip() and r.value != PASS:
                rows.append((r.session_id, q.id, q.prompt, r.value.strip()))
    return pd.DataFrame(rows, columns=["session_id", "question_id", "prompt", "comment"])
