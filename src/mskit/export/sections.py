"""The report's sections as HTML strings, built from a :class:`SessionData`.

Every piece of text that is not fixed here goes through :func:`esc` (participants' answers,
group labels, comments, evaluation text), so nothing a participant typed becomes markup.
Kit content (narratives, rationale) is escaped too: the report shows it as plain text.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from ..live.feedback import source_label
from ..scoring import describe_model_answer, score
from ..scoring.results import discussion_points, indicator_spotting_table, scores_by_group
from ..ui.text import esc
from .answers import explanation, format_answer
from .data import ActivityRun, SessionData

STATUS_TEXT = {
    "scored": "",
    "unanswered": "no answer",
    "passed": "passed",
    "needs_marking": "waiting for a mark",
    "unscored": "not scored",
}


class Html(str):
    """HTML that shows itself in a notebook (``display(Html(...))``)."""

    def _repr_html_(self) -> str:
        return str(self)


def when(value: datetime | str | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    return value.astimezone().strftime("%d %b %Y %H:%M")


def num(x: Any) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return f"{float(x):.2f}".rstrip("0").rstrip(".")


def pct(x: Any) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return f"{float(x):.0f}%"


def pre(text: str) -> str:
    return f'<div class="mskit-pre">{esc(text)}</div>'


def table(
    header: Sequence[str], rows: Iterable[Sequence[Any]], numeric: Sequence[int] = (), raw=False
) -> str:
    """An HTML table; cells are escaped unless ``raw`` (then the caller escaped them)."""
    rows = list(rows)
    if not rows:
        return '<p class="mskit-muted"><i>Nothing recorded.</i></p>'
    cls = lambda i: ' class="num"' if i in numeric else ""  # noqa: E731
    head = "".join(f"<th{cls(i)}>{esc(h)}</th>" for i, h in enumerate(header))
    body = []
    for r in rows:
        cells = "".join(f"<td{cls(i)}>{c if raw else esc(c)}</td>" for i, c in enumerate(r))
        body.append(f"<tr>{cells}</tr>")
    return (
        f'<table class="mskit-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def dl(pairs: Iterable[tuple[str, Any]]) -> str:
    rows = [(k, v) for k, v in pairs if v not in (None, "")]
    html = table(["", ""], rows).replace("<thead><tr><th></th><th></th></tr></thead>", "")
    return html.replace('class="mskit-table"', 'class="mskit-table mskit-narrow"', 1)


# -- sections ----------------------------------------------------------------------------


def title(data: SessionData, heading: str = "Session report") -> Html:
    return Html(
        f"<h1>{esc(heading)}: {esc(data.name)}</h1>"
        f'<p class="mskit-muted">Human Trafficking and Modern Slavery multi-agency awareness. '
        f"Written {esc(when(data.exported_at))}. Groups are known only by their labels; "
        f"no personal data is held.</p>"
    )


def details(data: SessionData) -> Html:
    s = data.session
    programme = data.programme_title or s.get("programme_id") or ""
    return Html(
        "<h2>Session</h2>"
        + dl(
            [
                ("Name", s.get("name")),
                ("Date", s.get("date")),
                ("Venue", s.get("venue")),
                ("Borough", s.get("borough")),
                ("Programme", programme),
                ("Facilitator", s.get("facilitator")),
                ("Groups", str(len(data.groups))),
                ("Activities run", str(len(data.runs))),
                ("Session id", data.id),
            ]
        )
    )


def programme(data: SessionData) -> Html:
    rows = []
    for n, run in enumerate(data.runs, start=1):
        answered = len({r["group_id"] for r in run.records})
        stages = (
            f"{run.stages_released} of {run.stage_count}"
            if run.activity is not None and run.activity.kind == "scenario"
            else ""
        )
        rows.append(
            [
                n,
                run.title,
                run.kind_label,
                when(run.opened_at) or "not opened (answers typed in)",
                stages,
                "yes" if run.revealed else "no",
                f"{answered} of {len(data.groups)}",
                len(run.submissions),
            ]
        )
    for n, run in enumerate(data.forms, start=len(data.runs) + 1):
        people = {
            e["respondent_code"] for e in data.evaluation if e.get("form_id") == run.activity_id
        }
        rows.append(
            [
                n,
                run.title,
                "Individual form",
                when(run.opened_at) or "not opened (answers typed in)",
                "",
                "",
                f"{len(people)} {'person' if len(people) == 1 else 'people'}",
                "",
            ]
        )
    return Html(
        "<h2>The programme as run</h2>"
        + table(
            [
                "#",
                "Activity",
                "Kind",
                "Opened",
                "Stages released",
                "Answers revealed",
                "Groups (people) answering",
                "Submitted",
            ],
            rows,
            numeric=(0, 7),
        )
    )


def groups(data: SessionData) -> Html:
    rows = []
    for g in data.groups:
        mine = [a for a in data.answers if a["group_id"] == g.id]
        paper = sum(1 for a in mine if a.get("client_id") == "paper")
        last = max((a["saved_at"] for a in mine), default="")
        rows.append([g.label, ", ".join(g.agency_names) or "–", len(mine), paper, when(last)])
    return Html(
        "<h2>Groups</h2>"
        + table(
            ["Group", "Agencies at the table", "Answers", "Typed in from paper", "Last answer"],
            rows,
            numeric=(2, 3),
        )
    )


GLANCE_GROUPS = 6
"""Groups side by side in one 'scores at a glance' table (more start another table)."""


def overview(data: SessionData, kit: Any) -> Html:
    """Points per activity and group."""
    runs = [r for r in data.runs if r.activity is not None]
    if not runs or not data.groups:
        return Html("")
    totals: dict[tuple[str, str], tuple[float, float]] = {}
    for run in runs:
        df = scores_by_group(run.shown_activity(), _records(run, data), run.manual_marks(), kit)
        for row in df.itertuples():
            totals[(row.group_id, run.activity_id)] = (row.points, row.max_points)
    scored = [r for r in runs if any(t[1] > 0 for k, t in totals.items() if k[1] == r.activity_id)]
    if not scored:
        return Html("")
    # one row per activity and at most GLANCE_GROUPS groups per table, so it fits A4
    tables = []
    for start in range(0, len(data.groups), GLANCE_GROUPS):
        groups = data.groups[start : start + GLANCE_GROUPS]
        rows = []
        for run in scored:
            cells = [esc(run.title)]
            for g in groups:
                p = totals.get((g.id, run.activity_id))
                cells.append(f"{num(p[0])} / {num(p[1])}" if p else "–")
            rows.append(cells)
        tables.append(
            table(
                ["Activity", *[esc(g.label) for g in groups]],
                rows,
                numeric=range(1, len(groups) + 1),
                raw=True,
            )
        )
    return Html(
        "<h2>Scores at a glance</h2>"
        '<p class="mskit-muted">Points per activity and group (out of the stages released).</p>'
        + "".join(tables)
    )


def _records(run: ActivityRun, data: SessionData) -> list[dict[str, Any]]:
    """Every group appears (an empty record for a group that gave no answer)."""
    seen = {r["group_id"] for r in run.records}
    extra = [
        {"group_id": g.id, "group_label": g.label, "activity_id": run.activity_id,
         "question_id": None, "value": None}
        for g in data.groups if g.id not in seen
    ]  # fmt: skip
    order = {g.id: i for i, g in enumerate(data.groups)}
    return sorted([*run.records, *extra], key=lambda r: order.get(r["group_id"], 1 << 30))


def indicator_chart(run: ActivityRun, data: SessionData, kit: Any) -> str:
    """Bars of how many groups spotted each indicator (an inline PNG), or ''."""
    activity = run.shown_activity()
    if activity is None:
        return ""
    df = indicator_spotting_table(activity, run.records, kit)
    if df.empty or not (df["groups"] > 0).any():
        return ""
    from matplotlib.figure import Figure

    from ..figures import figure_img

    out = []
    for qid, part in df.groupby("question_id", sort=False):
        n = int(part["groups"].max())
        if n == 0:
            continue
        part = part.iloc[::-1]
        labels = ["\n".join(textwrap.wrap(str(t), 48)) for t in part["text"]]
        fig = Figure(figsize=(8, 0.45 * len(part) + 1.2), dpi=110)
        ax = fig.add_subplot()
        colours = ["#2e7d32" if p else "#b0bec5" for p in part["present"]]
        ax.barh(range(len(part)), part["spotted"], color=colours)
        ax.set_yticks(range(len(part)), labels, fontsize=8)
        ax.set_xlim(0, n)
        ax.set_xlabel(f"groups that picked it (of {n})")
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_title("Signs spotted: green = in the story, grey = not in the story", fontsize=10)
        fig.tight_layout()
        spotted = ", ".join(
            f"{t}: {s} of {n}"
            for t, s in zip(part["text"][::-1], part["spotted"][::-1], strict=True)
        )
        out.append(
            '<figure class="mskit-chart">'
            f"{figure_img(fig, 'Signs spotted. ' + spotted, style=None)}"
            f"<figcaption>Indicators spotted, question {esc(qid)}: {n} group(s) answered.</figcaption>"
            "</figure>"
        )
    return "".join(out)


def activity_section(run: ActivityRun, data: SessionData, kit: Any, number: int) -> Html:
    """One activity: scores, the chart, discussion points, and per question the groups'
    answers beside the model answer."""
    parts = [f'<h2 class="mskit-page-break">{number}. {esc(run.kind_label)}: {esc(run.title)}</h2>']
    a = run.shown_activity()
    if a is None:
        parts.append(
            f"<p>This activity ({esc(run.activity_id)}) is not in this kit, so its answers "
            "cannot be scored here. They are in the CSV and XLSX exports.</p>"
        )
        return Html("".join(parts))
    facts = [f"Opened {when(run.opened_at)}" if run.opened_at else "Answers typed in from paper"]
    if a.kind == "scenario":
        facts.append(f"{len(a.stages)} of {run.stage_count} stage(s) reported")
    facts.append("model answers revealed" if run.revealed else "model answers not revealed")
    parts.append(f'<p class="mskit-muted">{esc("; ".join(facts))}.</p>')
    records = _records(run, data)
    marks = run.manual_marks()

    by_group = scores_by_group(a, records, marks, kit)
    if not run.records:
        parts.append("<p><i>No group answered this activity.</i></p>")
    parts.append("<h3>Scores</h3>")
    parts.append(
        table(
            ["Group", "Points", "Out of", "%", "Answered", "Passed", "Waiting for a mark"],
            [
                [
                    r.group_label,
                    num(r.points),
                    num(r.max_points),
                    pct(r.percent),
                    r.answered,
                    r.passed,
                    r.needs_marking,
                ]
                for r in by_group.itertuples()
            ],
            numeric=(1, 2, 3, 4, 5, 6),
        )
    )
    chart = indicator_chart(run, data, kit)
    if chart:
        parts.append("<h3>Indicators spotted</h3>" + chart)
    disc = discussion_points(a, run.records, marks, kit)
    disc = disc[(disc["groups"] > 1) & (disc["disagreement"] > 0)]
    if run.records and disc.empty:
        parts.append(
            "<h3>Discussion points</h3><p>The groups that answered agreed on every question.</p>"
        )
    elif not disc.empty:
        parts.append("<h3>Discussion points</h3>")
        parts.append(
            '<p class="mskit-muted">Questions where the groups disagreed most '
            "(0 = all agreed, 1 = split as evenly as possible).</p>"
        )
        parts.append(
            table(
                ["#", "Question", "Groups", "Disagreement", "Most split on", "Mean score"],
                [
                    [
                        r.rank,
                        r.prompt,
                        r.groups,
                        num(r.disagreement),
                        r.most_split or "–",
                        pct(r.mean_percent),
                    ]
                    for r in disc.head(5).itertuples()
                ],
                numeric=(0, 2, 3, 5),
            )
        )
    parts.append("<h3>Answers, question by question</h3>")
    values = {(r["group_id"], r["question_id"]): r["value"] for r in run.records}
    stage_titles = {st.id: st.title for st in getattr(a, "stages", ())}
    for stage_id, q in run.questions():
        parts.append(_question_block(q, stage_titles.get(stage_id), data, values, marks, kit))
    debrief = getattr(a, "debrief", ())
    if debrief:
        parts.append(
            '<div class="mskit-keep"><h3>Debrief points</h3><ul>'
            + "".join(f"<li>{esc(p)}</li>" for p in debrief)
            + "</ul></div>"
        )
    return Html("".join(parts))


def _question_block(q, stage_title, data, values, marks, kit) -> str:
    head = f"<h4>{esc(q.prompt)}</h4>"
    sub = f"Question {q.id}" + (f", stage: {stage_title}" if stage_title else "")
    scored = q.type not in ("rating", "open_text")
    rows = []
    if scored:
        rows.append(
            '<tr class="mskit-model"><td><b>Model answer</b></td>'
            f'<td colspan="3">{pre(describe_model_answer(q, kit))}</td></tr>'
        )
    for g in data.groups:
        value = values.get((g.id, q.id))
        s = score(q, value, kit, mark=marks.get((g.id, q.id)))
        pts = f"{num(s.points)} / {num(s.max_points)}" if s.max_points > 0 else "–"
        status = STATUS_TEXT.get(s.status, s.status)
        why = explanation(s) if scored else ""
        rows.append(
            f"<tr><td>{esc(g.label)}</td><td>{pre(format_answer(q, value, kit))}</td>"
            f'<td class="num">{esc(pts)}'
            + (f'<br><span class="mskit-muted mskit-small">{esc(status)}</span>' if status else "")
            + f"</td><td>{pre(why)}</td></tr>"
        )
    tbl = (
        '<table class="mskit-table"><thead><tr><th style="width:14%">Group</th>'
        '<th style="width:38%">Answer</th><th class="num" style="width:10%">Points</th>'
        f"<th>Why</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    # Keep the heading with the table; a long table may still break between rows.
    return (
        f'<div class="mskit-question-head mskit-keep">{head}'
        f'<p class="mskit-muted mskit-small">{esc(sub)}</p></div>{tbl}'
    )


def activities(data: SessionData, kit: Any) -> Html:
    if not data.runs:
        return Html("<h2>Activities</h2><p><i>No activity was opened or answered.</i></p>")
    return Html(
        "".join(activity_section(r, data, kit, n) for n, r in enumerate(data.runs, start=1))
    )


def evaluation(data: SessionData, kit: Any) -> Html:
    """Knowledge check before and after (paired by anonymous code), confidence and the
    feedback form: the evaluation module's section, so every report counts alike."""
    from ..evaluation import evaluation_section_from_snapshot

    snapshot = {"session": data.session, "evaluation_responses": data.evaluation}
    return Html(
        '<div class="mskit-page-break"></div>' + evaluation_section_from_snapshot(snapshot, kit)
    )


def _phase(phase: str) -> str:
    return {"pre": "Before", "post": "After", "once": "Once"}.get(phase, phase)


def hand_marks(data: SessionData, kit: Any) -> Html:
    parts = ["<h2>The facilitator's marks</h2>"]
    latest = {
        (a["group_id"], a["activity_id"], a["question_id"]): a["revision"] for a in data.answers
    }
    rows = []
    for m in data.marks:
        try:
            act = kit.activity(m["activity_id"])
            title_ = act.title
            q = next((q for _, q in _questions(act) if q.id == m["question_id"]), None)
            prompt = q.prompt if q is not None else m["question_id"]
        except KeyError:
            title_, prompt = m["activity_id"], m["question_id"]
        rev = latest.get((m["group_id"], m["activity_id"], m["question_id"]))
        changed = (
            m.get("answer_revision") is not None and rev is not None and rev > m["answer_revision"]
        )
        rows.append(
            [data.label(m["group_id"]), title_, prompt, num(m["points"]), m.get("comment") or "",
             when(m.get("marked_at")) + (" (answer changed since)" if changed else "")]
        )  # fmt: skip
    parts.append(table(["Group", "Activity", "Question", "Points", "Comment", "Marked"], rows,
                       numeric=(3,)))  # fmt: skip
    return Html("".join(parts))


def _questions(activity: Any):
    from ..scoring.activity import questions_of

    return questions_of(activity)


def sources(data: SessionData, kit: Any) -> Html:
    """The sources the reported questions rest on."""
    ids: list[str] = []
    for run in data.runs:
        for _, q in run.questions():
            ids += [s for s in getattr(q, "sources", ()) if s not in ids]
    if not ids:
        return Html("")
    return Html(
        '<h2>Sources</h2><ul class="mskit-small">'
        + "".join(f"<li>{esc(source_label(kit, s))}</li>" for s in ids)
        + "</ul>"
    )
