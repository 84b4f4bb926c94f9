"""A debrief sheet for one group: its answers, marks and feedback beside the model answers.

A plain, self-contained HTML page (styles inline, nothing fetched), printable to A4.
"""

from __future__ import annotations

from typing import Any

from ..live.feedback import source_label
from ..scoring import describe_model_answer, score
from ..ui.text import esc
from .answers import feedback_text, format_answer
from .data import GroupInfo, SessionData
from .sections import STATUS_TEXT, num, pre, when
from .style import REPORT_CSS


def page(title: str, body: str) -> str:
    """A complete offline HTML page with the export styles."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{REPORT_CSS}</style></head>"
        f'<body><main class="mskit-report">{body}</main></body></html>\n'
    )


def debrief_html(data: SessionData, group: GroupInfo, kit: Any) -> str:
    """The debrief sheet of ``group`` as a complete HTML page."""
    s = data.session
    parts = [
        f"<h1>Debrief sheet: {esc(group.label)}</h1>",
        f'<p class="mskit-muted">{esc(data.name)}'
        + (f", {esc(s.get('date'))}" if s.get("date") else "")
        + (f", {esc(s.get('venue'))}" if s.get("venue") else "")
        + (
            f". Agencies at the table: {esc(', '.join(group.agency_names))}"
            if group.agency_names
            else ""
        )
        + ".</p>",
    ]
    total_p = total_m = 0.0
    sections = []
    for run in data.runs:
        a = run.shown_activity()
        if a is None:
            continue
        values = {r["question_id"]: r["value"] for r in run.records if r["group_id"] == group.id}
        marks = {q: m for (g, q), m in run.manual_marks().items() if g == group.id}
        comments = {
            m["question_id"]: m.get("comment") or "" for m in run.marks if m["group_id"] == group.id
        }
        blocks = []
        act_p = act_m = 0.0
        for _stage, q in run.questions():
            sc = score(q, values.get(q.id), kit, mark=marks.get(q.id))
            act_p += sc.points
            act_m += sc.max_points
            pts = (
                f"{num(sc.points)} of {num(sc.max_points)} point(s)"
                if sc.max_points > 0
                else "not scored"
            )
            status = STATUS_TEXT.get(sc.status, "")
            block = [
                f'<div class="mskit-question"><h4>{esc(q.prompt)}</h4>',
                f"<p><b>Your answer:</b></p>{pre(format_answer(q, values.get(q.id), kit))}",
                f"<p><b>Mark:</b> {esc(pts)}" + (f" ({esc(status)})" if status else "") + "</p>",
            ]
            if comments.get(q.id):
                block.append(f"<p><b>Facilitator's comment:</b></p>{pre(comments[q.id])}")
            if sc.max_points > 0:
                block.append(
                    f'<p><b>Feedback:</b></p><div class="mskit-feedback">{esc(feedback_text(sc))}</div>'
                )
                block.append(
                    "<p><b>Model answer:</b></p>"
                    f'<div class="mskit-model-answer">{esc(describe_model_answer(q, kit))}</div>'
                )
            block.append("</div>")
            blocks.append("".join(block))
        total_p += act_p
        total_m += act_m
        head = f"<h2>{esc(run.kind_label)}: {esc(a.title)}</h2>"
        score_line = f"<p><b>Your score:</b> {num(act_p)} of {num(act_m)}</p>" if act_m > 0 else ""
        debrief = getattr(a, "debrief", ())
        points = (
            '<div class="mskit-keep"><h3>Points to take away</h3><ul>'
            + "".join(f"<li>{esc(p)}</li>" for p in debrief)
            + "</ul></div>"
            if debrief
            else ""
        )
        sources = sorted({sid for _, q in run.questions() for sid in getattr(q, "sources", ())})
        src = (
            '<p class="mskit-small mskit-muted">Sources: '
            + "; ".join(esc(source_label(kit, sid)) for sid in sources)
            + "</p>"
            if sources
            else ""
        )
        sections.append(head + score_line + "".join(blocks) + points + src)
    if total_m > 0:
        parts.append(f"<p><b>Total:</b> {num(total_p)} of {num(total_m)} point(s).</p>")
    parts += sections or ["<p><i>No activity was run in this session.</i></p>"]
    parts.append(
        f'<p class="mskit-small mskit-muted">Written {esc(when(data.exported_at))}. '
        "The case studies are fictional.</p>"
    )
    return page(f"Debrief: {group.label}", "".join(parts))
