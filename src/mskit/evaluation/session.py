"""One session's evaluation as an HTML section for the session report.

:func:`session_evaluation_section` reads the store; :func:`evaluation_section_from_snapshot`
works on a ``store.export_session`` dict (what the session report is built from). Both
return one ``<section>`` of HTML: every text a participant typed is escaped, charts are
inline PNGs, nothing is fetched from the network.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from ..render import esc
from . import charts, knowledge
from .form import evaluation_forms
from .suppress import SUPPRESSED, suppress_count, suppress_stat

__all__ = [
    "EVALUATION_CSS",
    "evaluation_section_from_snapshot",
    "html_table",
    "session_evaluation_section",
    "session_evaluation_tables",
]

EVALUATION_CSS = """
.mskit-evaluation table{border-collapse:collapse;margin:0.5em 0 1em 0;font-size:0.9em}
.mskit-evaluation th,.mskit-evaluation td{border:1px solid #bbb;padding:3px 6px;text-align:left;vertical-align:top}
.mskit-evaluation td.num,.mskit-evaluation th.num{text-align:right}
.mskit-evaluation .mskit-note{font-size:0.85em;color:#444}
.mskit-evaluation li.mskit-comment{white-space:pre-wrap}
.mskit-sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
"""


def fmt(x: Any, digits: int = 0, suffix: str = "") -> str:
    """A number for a table: ``–`` for none, ``<5`` kept as it is."""
    if isinstance(x, str):
        return x
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if digits == 0:
        return f"{float(x):.0f}{suffix}"
    return f"{float(x):.{digits}f}{suffix}"


def signed(x: Any, digits: int = 0, suffix: str = "") -> str:
    if isinstance(x, str) or x is None or (isinstance(x, float) and math.isnan(x)):
        return fmt(x)
    return f"{float(x):+.{digits}f}{suffix}"


def html_table(header: list[str], rows: list[list[Any]], numeric: tuple[int, ...] = ()) -> str:
    """An HTML table; every cell is escaped."""
    if not rows:
        return '<p class="mskit-note"><i>Nothing recorded.</i></p>'
    cls = lambda i: ' class="num"' if i in numeric else ""  # noqa: E731
    head = "".join(f"<th{cls(i)}>{esc(h)}</th>" for i, h in enumerate(header))
    body = "".join(
        "<tr>" + "".join(f"<td{cls(i)}>{esc(c)}</td>" for i, c in enumerate(r)) + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _session_label(session: dict[str, Any]) -> str:
    bits = [str(session.get("name") or "Session")]
    if session.get("date"):
        bits.append(f"on {session['date']}")
    return " ".join(bits)


def session_evaluation_tables(snapshot: dict[str, Any], kit: Any) -> dict[str, pd.DataFrame]:
    """The session's evaluation results as frames, keyed ``<form id>:<table>`` (tables:
    ``matching``, ``gain``, ``items``, ``wrong``, ``confidence``, ``ratings``,
    ``comments``), for forms the session has answers to."""
    responses = knowledge.responses_frame(snapshot.get("evaluation_responses", []))
    out: dict[str, pd.DataFrame] = {}
    for fid, form in evaluation_forms(kit).items():
        part = responses[responses["form_id"] == fid]
        if part.empty:
            continue
        if getattr(form, "pre_post", False):
            out[f"{fid}:matching"] = knowledge.matching_summary(responses, form, kit)
            out[f"{fid}:gain"] = knowledge.knowledge_gain(responses, form, kit)
            out[f"{fid}:items"] = knowledge.item_gain(responses, form, kit)
            out[f"{fid}:wrong"] = knowledge.most_often_wrong(responses, form, kit)
            out[f"{fid}:confidence"] = knowledge.confidence_change(responses, form)
        else:
            out[f"{fid}:ratings"] = knowledge.feedback_ratings(responses, form)
            out[f"{fid}:comments"] = knowledge.feedback_comments(responses, form)
    return out


def _count(n: Any, suppress: bool) -> Any:
    return suppress_count(n) if suppress else n


def _stat(v: Any, n: Any, suppress: bool) -> Any:
    return suppress_stat(v, n) if suppress else v


def _knowledge_html(
    responses: pd.DataFrame, form: Any, kit: Any, label: str, suppress: bool, charts_on: bool
) -> str:
    parts = [f"<h3>{esc(form.title)}</h3>"]
    summary = knowledge.matching_summary(responses, form, kit)
    gain = knowledge.knowledge_gain(responses, form, kit)
    if summary.empty:
        parts.append("<p><i>No one answered the scored questions.</i></p>")
        return "".join(parts)
    s = summary.sum(numeric_only=True)
    g = gain.iloc[0] if len(gain) == 1 else None
    matched = int(s["matched"])
    pre_people = int(s["matched"] + s["pre_only"])
    post_people = int(s["matched"] + s["post_only"])
    c = lambda n: esc(fmt(_count(n, suppress)))  # noqa: E731
    parts.append(
        "<p>"
        f"{c(pre_people)} people answered before the session and {c(post_people)} after; "
        f"<strong>{c(matched)} matched</strong> by their anonymous code. "
        f"{c(int(s['pre_only']))} answered only before (left early or mistyped their code) and "
        f"{c(int(s['post_only']))} only after (arrived late); they are left out of the gains."
        + (
            f" {int(s['duplicates_replaced'])} earlier answer(s) given twice under the same "
            "code were replaced by the latest."
            if s["duplicates_replaced"]
            else ""
        )
        + "</p>"
    )
    if g is not None and matched:
        parts.append(
            "<p>Matched people's mean knowledge score: "
            f"<strong>{esc(fmt(_stat(g['mean_pre'], matched, suppress), 0, '%'))}</strong> before, "
            f"<strong>{esc(fmt(_stat(g['mean_post'], matched, suppress), 0, '%'))}</strong> after: "
            f"a mean gain of <strong>{esc(signed(_stat(g['mean_gain'], matched, suppress)))} "
            "percentage points</strong>. "
            f"{c(int(g['improved']))} improved, {c(int(g['same']))} scored the same and "
            f"{c(int(g['worse']))} scored lower.</p>"
        )
    items = knowledge.item_gain(responses, form, kit)
    if matched:
        rows = [
            [r.prompt, fmt(_count(r.pre_right, suppress)), fmt(_count(r.post_right, suppress)),
             fmt(_stat(r.pre_percent, matched, suppress), 0, "%"),
             fmt(_stat(r.post_percent, matched, suppress), 0, "%"),
             signed(_stat(r.gain, matched, suppress))]
            for r in items.itertuples()
        ]  # fmt: skip
        parts.append("<h4>Knowledge gain per question (matched people)</h4>")
        parts.append(
            html_table(
                ["Question", "Right before", "Right after", "% before", "% after", "Gain (points)"],
                rows,
                numeric=(1, 2, 3, 4, 5),
            )
        )
        if charts_on and not suppress:
            note = (
                f"Data: {label}; {matched} people who answered the knowledge check before and "
                "after under the same anonymous code. Right = full marks on the question."
            )
            parts.append(charts.item_gain_chart(items, note).to_html())
    wrong = knowledge.most_often_wrong(responses, form, kit, top=3)
    wrong = wrong[wrong["not_right"] > 0]
    if len(wrong):
        parts.append("<h4>Most often wrong after the session (what to teach better)</h4>")
        rows = [
            [r.prompt, fmt(_count(r.answered, suppress)), fmt(_count(r.not_right, suppress)),
             fmt(_stat(r.percent_not_right, r.answered, suppress), 0, "%"),
             r.common_wrong_answer]
            for r in wrong.itertuples()
        ]  # fmt: skip
        parts.append(
            html_table(
                [
                    "Question",
                    "Answered after",
                    "Not right",
                    "% not right",
                    "Most common wrong answer",
                ],
                rows,
                numeric=(1, 2, 3),
            )
        )
    conf = knowledge.confidence_change(responses, form)
    conf = conf[conf["paired"] > 0]
    if len(conf):
        parts.append("<h4>Confidence before and after</h4>")
        rows = [
            [r.prompt, fmt(_count(r.paired, suppress)),
             fmt(_stat(r.pre_mean, r.paired, suppress), 1),
             fmt(_stat(r.post_mean, r.paired, suppress), 1),
             signed(_stat(r.change, r.paired, suppress), 1),
             fmt(_count(r.pre_agree, suppress)), fmt(_count(r.post_agree, suppress))]
            for r in conf.itertuples()
        ]  # fmt: skip
        parts.append(
            html_table(
                [
                    "Statement",
                    "People",
                    "Mean before",
                    "Mean after",
                    "Change",
                    "Agree before",
                    "Agree after",
                ],
                rows,
                numeric=(1, 2, 3, 4, 5, 6),
            )
        )
        parts.append(
            '<p class="mskit-note">Ratings from 1 (strongly disagree) to 5 (strongly agree), '
            "of people who rated the statement both before and after; agree = 4 or 5.</p>"
        )
        if charts_on and not suppress:
            note = f"Data: {label}; people who rated each statement before and after."
            parts.append(charts.confidence_chart(conf, note).to_html())
    return "".join(parts)


def _feedback_html(
    responses: pd.DataFrame, form: Any, label: str, suppress: bool, charts_on: bool,
    comments: bool = True,
) -> str:  # fmt: skip
    parts = [f"<h3>{esc(form.title)}</h3>"]
    ratings = knowledge.feedback_ratings(responses, form)
    ratings = ratings[ratings["answers"] > 0]
    people = responses[(responses["form_id"] == form.id) & (responses["phase"] == "once")]
    n_people = people["respondent_code"].nunique()
    parts.append(f"<p>{esc(fmt(_count(n_people, suppress)))} people filled in the form.</p>")
    if len(ratings):
        points = [c for c in ratings.columns if c.isdigit()]
        rows = [
            [r["prompt"], fmt(_count(r["answers"], suppress)),
             fmt(_stat(r["mean"], r["answers"], suppress), 1),
             *[fmt(_count(r[p], suppress)) for p in points], r["labels"]]
            for _, r in ratings.iterrows()
        ]  # fmt: skip
        parts.append(
            html_table(
                ["Question", "Answers", "Mean", *points, "Scale"],
                rows,
                numeric=tuple(range(1, 3 + len(points))),
            )
        )
        if charts_on and not suppress:
            note = f"Data: {label}; every answer to the feedback form (anonymous)."
            parts.append(charts.ratings_chart(ratings, note).to_html())
    if comments:
        texts = knowledge.feedback_comments(responses, form)
        for _qid, part in texts.groupby("question_id", sort=False):
            parts.append(f"<h4>{esc(part['prompt'].iloc[0])}</h4><ul>")
            parts += [f'<li class="mskit-comment">{esc(t)}</li>' for t in part["comment"]]
            parts.append("</ul>")
        if len(texts):
            parts.append(
                '<p class="mskit-note">Comments are shown as typed. If one names a person or '
                "gives details of a real case, remove it before sharing this report.</p>"
            )
    return "".join(parts)


def evaluation_section_from_snapshot(
    snapshot: dict[str, Any], kit: Any, suppress: bool = False, charts_on: bool = True,
    heading: str = "Evaluation",
) -> str:  # fmt: skip
    """The evaluation of the session in ``snapshot`` (``store.export_session``) as HTML."""
    session = snapshot.get("session", {}) or {}
    label = _session_label(session)
    responses = knowledge.responses_frame(snapshot.get("evaluation_responses", []))
    parts = [
        f'<section class="mskit-evaluation"><style>{EVALUATION_CSS}</style>',
        f"<h2>{esc(heading)}</h2>",
    ]
    if responses.empty:
        parts.append("<p><i>No evaluation responses were recorded.</i></p></section>")
        return "".join(parts)
    forms = evaluation_forms(kit)
    for fid, form in forms.items():
        if (responses["form_id"] == fid).any():
            if getattr(form, "pre_post", False):
                parts.append(_knowledge_html(responses, form, kit, label, suppress, charts_on))
            else:
                parts.append(_feedback_html(responses, form, label, suppress, charts_on))
    unknown = sorted(set(responses["form_id"]) - set(forms))
    if unknown:
        parts.append(
            f"<p>Answers to form(s) this kit does not have were left out: {esc(', '.join(unknown))}.</p>"
        )
    parts.append(
        '<p class="mskit-note">How this is worked out: people are known only by the anonymous '
        "code they chose; before and after answers are paired by that code. A knowledge score "
        "is the points on the scored questions out of the maximum (a question left out or "
        "answered “not sure” scores 0). If someone answered a question twice, the latest "
        "answer counts.</p>"
    )
    if suppress:
        parts.append(
            f'<p class="mskit-note">{esc(SUPPRESSED)}: fewer than 5 people; figures from fewer '
            "than 5 people are not shown.</p>"
        )
    parts.append("</section>")
    return "".join(parts)


def session_evaluation_section(
    store: Any, kit: Any, session_id: str, suppress: bool = False, charts_on: bool = True
) -> str:
    """The session's evaluation (knowledge gain per question and overall, confidence change,
    the questions most often wrong, feedback ratings and comments) as an HTML section."""
    return evaluation_section_from_snapshot(
        store.export_session(session_id), kit, suppress=suppress, charts_on=charts_on
    )
