"""Printable handouts: the activity as a participant sees it, with blank answer sheets.

Built only from :func:`mskit.live.public.public_activity` (prompts and choices, never an
answer, rationale, note or facilitator note). A cover page carries the content note and
instructions; each stage starts on a new page so the facilitator can hand stages out one
at a time.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..live.public import public_activity
from ..render import esc, markdown, render
from ..render.output import ExportError, writable_dir
from ..render.pdf import html_to_pdf

PASS_LABEL = "Not sure / pass"


def _box(text: str) -> str:
    return f'<li><span class="mskit-box"></span>{esc(text)}</li>'


def _lines(n: int) -> str:
    return '<div class="mskit-lines">' + "<div></div>" * n + "</div>"


def _question(q: dict[str, Any], n: int) -> str:
    t = q["type"]
    out = [f'<div class="mskit-question"><h4>{n}. {esc(q["prompt"])}</h4>']
    if t in ("single_choice", "classification"):
        out.append('<p class="mskit-muted mskit-small">Tick one.</p>')
        out.append('<ul class="mskit-choices">' + "".join(_box(c["text"]) for c in q["choices"]))
    elif t in ("multiple_choice", "indicator_spotting"):
        out.append('<p class="mskit-muted mskit-small">Tick all that apply.</p>')
        out.append('<ul class="mskit-choices">' + "".join(_box(c["text"]) for c in q["choices"]))
    elif t == "action_plan":
        out.append(
            f'<p class="mskit-muted mskit-small">Choose up to {q["max_picks"]} steps and number '
            "them in the order you would take them (1 = first). Leave the others blank.</p>"
        )
        rows = "".join(
            f'<tr><td class="num" style="width:4em">&nbsp;</td><td>{esc(c["text"])}</td></tr>'
            for c in q["choices"]
        )
        out.append(
            '<table class="mskit-table"><thead><tr><th class="num">Order</th><th>Step</th></tr>'
            f"</thead><tbody>{rows}</tbody></table>"
        )
    elif t in ("match", "sort"):
        cols = q["targets"] if t == "match" else q["categories"]
        hint = "Tick every column that applies." if t == "match" else "Tick one column per row."
        out.append(f'<p class="mskit-muted mskit-small">{hint}</p>')
        head = "".join(f"<th>{esc(c['text'])}</th>" for c in cols)
        body = "".join(
            f"<tr><td>{esc(i['text'])}</td>"
            + "".join(
                '<td style="text-align:center"><span class="mskit-box"></span></td>' for _ in cols
            )
            + "</tr>"
            for i in q["items"]
        )
        out.append(
            f'<table class="mskit-table"><thead><tr><th></th>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>"
        )
    elif t == "rating":
        labels = q.get("labels", {})
        out.append(
            '<ul class="mskit-choices">'
            + "".join(
                _box(f"{v}" + (f" ({labels[str(v)]})" if str(v) in labels else ""))
                for v in q["scale"]
            )
        )
    else:  # free_text, open_text
        n_lines = min(12, max(4, int(q.get("max_chars", 600)) // 150))
        out.append(_lines(n_lines))
    if t in ("single_choice", "classification", "multiple_choice", "indicator_spotting",
             "rating"):  # fmt: skip
        if q.get("allow_pass"):
            out.append(_box(PASS_LABEL))
        out.append("</ul>")
    elif q.get("allow_pass") and t not in ("free_text", "open_text"):
        out.append(f'<ul class="mskit-choices">{_box(PASS_LABEL)}</ul>')
    out.append("</div>")
    return "".join(out)


def handout_html(activity: Any, kit: Any = None) -> str:
    """The handout of a scenario or exercise as a complete offline HTML page."""
    stages = len(activity.stages) if activity.kind == "scenario" else 1
    view = public_activity(activity, stages, kit)
    kind = "Case study" if activity.kind == "scenario" else "Exercise"
    cover = [
        f"<h1>{esc(kind)}: {esc(view['title'])}</h1>",
        '<p>Group: <span class="mskit-blank"></span> &nbsp; Table: '
        '<span class="mskit-blank" style="min-width:6em"></span></p>',
    ]
    if view.get("content_note"):
        cover.append(
            f'<div class="mskit-note"><b>Content note:</b> {esc(view["content_note"])}</div>'
        )
    if activity.kind == "scenario":
        cover.append(
            f"<p>This case study is fictional. It comes in {stages} parts; your facilitator "
            "will hand out each part in turn. Answer on the sheet under each part, as a group.</p>"
        )
    else:
        cover.append(f"<div>{markdown(view.get('instructions', ''))}</div>")
    cover.append(
        '<p class="mskit-muted">Please do not write names or details of real people or cases. '
        'If you are not sure, tick "Not sure / pass": it never costs points.</p>'
    )
    parts = ["".join(cover)]
    qn = 0
    for i, st in enumerate(view["stages"], start=1):
        head = (
            f"<h2>Part {i} of {stages}: {esc(st['title'])}</h2>"
            if activity.kind == "scenario"
            else "<h2>Answer sheet</h2>"
        )
        narrative = (
            f'<div class="mskit-narrative">{markdown(st["narrative"])}</div>'
            if activity.kind == "scenario"
            else ""
        )
        questions = []
        for q in st["questions"]:
            qn += 1
            questions.append(_question(q, qn))
        parts.append(
            f'<section class="mskit-stage">{head}{narrative}'
            f"<h3>Your answers</h3>{''.join(questions)}</section>"
        )
    # the pieces above escape every text they hold (esc, markdown); the page shell is a template
    return render(
        "paper/handout_page.html.j2",
        page_title=f"{kind}: {view['title']}",
        body=Markup("".join(parts)),
    )


def write_handout(
    activity: Any,
    kit: Any,
    out_dir: str | os.PathLike[str],
    formats: tuple[str, ...] | list[str] = ("html", "pdf"),
) -> list[Path]:
    """Write ``handout-<id>.html`` and/or ``.pdf`` into ``out_dir``; the paths written."""
    unknown = [f for f in formats if f not in ("html", "pdf")]
    if unknown:
        raise ExportError(f"Unknown handout format {unknown[0]!r}; choose html or pdf.")
    folder = writable_dir(Path(out_dir).expanduser())
    html = handout_html(activity, kit)
    written = []
    if "html" in formats:
        p = folder / f"handout-{activity.id}.html"
        p.write_text(html, encoding="utf-8")
        written.append(p)
    if "pdf" in formats:
        written += html_to_pdf([(html, folder / f"handout-{activity.id}.pdf")])
    return written
