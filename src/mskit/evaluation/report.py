"""The programme report for the Safeguarding Adults Board / steering group: HTML, PDF
(headless Chromium, offline) and XLSX, with small numbers suppressed (see
:mod:`mskit.evaluation.suppress`).

    prog = programme_from_files(paths, kit)         # or programme_from_store(store, kit)
    write_programme_report(prog, "out/", ["html", "pdf", "xlsx"])
"""

from __future__ import annotations

import math
import numbers
import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from ..render import esc
from ..render.output import ExportError
from ..render.pdf import html_to_pdf
from . import charts
from .followup import ACTIONS
from .programme import COMMITMENT_STAFF, Programme
from .session import EVALUATION_CSS
from .suppress import SUPPRESSED, THRESHOLD, hide_small, suppress_count, suppress_row, suppress_stat

__all__ = [
    "REPORT_FORMATS",
    "ReportError",
    "programme_report_html",
    "programme_tables",
    "write_programme_report",
]

REPORT_FORMATS = ("html", "pdf", "xlsx")


class ReportError(Exception):
    """The programme report cannot be written (no Chromium for the PDF, folder not writable)."""


def _column_rule(df: pd.DataFrame, col: str) -> pd.DataFrame:
    """Suppress a column of people counts whose total is shown (secondary suppression)."""
    if col in df.columns and len(df):
        df = df.copy().astype(object)
        df[col] = suppress_row(list(df[col]))
    return df


def programme_tables(prog: Programme) -> dict[str, pd.DataFrame]:
    """Every table of the report, small numbers suppressed (``"<5"``), keyed by sheet name:
    ``summary, commitment, by_facilitator, by_borough, agency_by_borough,
    agency_by_facilitator, sessions, knowledge_by_item, most_often_wrong, confidence,
    feedback_ratings, follow_ups``."""
    out: dict[str, pd.DataFrame] = {}
    t, k = prog.totals(), prog.knowledge_overall()
    n = k["matched"]
    out["summary"] = pd.DataFrame(
        [
            ("Sessions delivered", t["sessions"]),
            ("Facilitators", t["facilitators"]),
            ("Boroughs", t["boroughs"]),
            ("First session", t["from"] or ""),
            ("Latest session", t["to"] or ""),
            ("Staff reached", suppress_count(t["staff_reached"])),
            ("People who answered the knowledge check before and after (matched)", suppress_count(n)),
            ("Answered before only", suppress_count(k["pre_only"])),
            ("Answered after only", suppress_count(k["post_only"])),
            ("Mean knowledge score before (%)", _r(suppress_stat(k["mean_pre"], n))),
            ("Mean knowledge score after (%)", _r(suppress_stat(k["mean_post"], n))),
            ("Mean knowledge gain (percentage points)", _r(suppress_stat(k["mean_gain"], n))),
            ("Improved / same / lower", " / ".join(
                str(v) for v in suppress_row([k["improved"], k["same"], k["worse"]]))),
            ("Session files repeated (counted once)", t["repeats_dropped"]),
        ],
        columns=["figure", "value"],
    )  # fmt: skip
    com = prog.commitment()
    com = hide_small(com, counts=["staff_first_year"], stats={"staff_percent": "staff_first_year"})
    out["commitment"] = com
    for by in ("facilitator", "borough"):
        d = prog.delivered(by)
        d = _column_rule(d, "staff_reached")
        out[f"by_{by}"] = (
            hide_small(d, counts=["matched"], stats={"mean_gain": "matched"}) if len(d) else d
        )
        a = prog.reach_by_agency(by)
        agencies = [c for c in a.columns if c not in (by, "total")]
        a = _column_rule(a, "total") if len(a) else a
        out[f"agency_by_{by}"] = hide_small(a, rows=[agencies]) if len(a) else a
    s = prog.sessions()
    s = _column_rule(s, "staff_reached")
    out["sessions"] = hide_small(
        s,
        counts=["respondents"],
        stats={"mean_pre": "matched", "mean_post": "matched", "mean_gain": "matched"},
        rows=[["matched", "pre_only", "post_only"]],
    )
    items = prog.item_gain()
    if len(items):
        out["knowledge_by_item"] = hide_small(
            items, counts=["matched", "pre_right", "post_right"],
            stats={"pre_percent": "matched", "post_percent": "matched", "gain": "matched"},
        )  # fmt: skip
    wrong = prog.most_often_wrong(top=None)
    if len(wrong):
        out["most_often_wrong"] = hide_small(
            wrong, counts=["answered", "not_right", "common_wrong_count"],
            stats={"percent_not_right": "answered"},
        )  # fmt: skip
    conf = prog.confidence()
    if len(conf):
        out["confidence"] = hide_small(
            conf, counts=["paired", "pre_agree", "post_agree"],
            stats={"pre_mean": "paired", "post_mean": "paired", "change": "paired"},
            rows=[["more", "same", "less"]],
        )  # fmt: skip
    fb = prog.feedback_ratings()
    if len(fb):
        points = [c for c in fb.columns if c.isdigit()]
        fb2 = hide_small(fb, counts=["answers"], stats={"mean": "answers"}, rows=[points])
        out["feedback_ratings"] = fb2
    out["follow_ups"] = prog.follow_ups()
    return out


def _r(x: Any, digits: int = 1) -> Any:
    return round(x, digits) if isinstance(x, float) and not math.isnan(x) else x


# -- HTML ----------------------------------------------------------------------------------

CSS = (
    """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:2em;color:#111;max-width:70em}
h1{font-size:1.6em}h2{font-size:1.3em;margin-top:1.6em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:0.5em 0 1em 0;font-size:0.85em}
th,td{border:1px solid #bbb;padding:3px 6px;text-align:left;vertical-align:top}
td.num,th.num{text-align:right}
.mskit-note{font-size:0.85em;color:#444}
figure{break-inside:avoid}table{break-inside:auto}tr{break-inside:avoid}
@media print{body{margin:0}h2{break-after:avoid}}
"""
    + EVALUATION_CSS
)


def _cell(v: Any) -> tuple[str, bool]:
    if isinstance(v, str):
        return v, v == SUPPRESSED
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–", False
    if isinstance(v, bool):
        return "yes" if v else "no", False
    if isinstance(v, (date, datetime)):
        return v.isoformat()[:10], False
    if isinstance(v, numbers.Integral):
        return str(int(v)), True
    if isinstance(v, numbers.Real):
        return f"{float(v):.1f}", True
    return str(v), False


def _table(df: pd.DataFrame, columns: dict[str, str]) -> str:
    """The frame's ``columns`` (name -> heading) as an escaped HTML table."""
    if df is None or df.empty:
        return '<p class="mskit-note"><i>Nothing recorded.</i></p>'
    cols = [c for c in columns if c in df.columns]
    head = "".join(f"<th>{esc(columns[c])}</th>" for c in cols)
    body = []
    for _, r in df.iterrows():
        cells = []
        for c in cols:
            text, numeric = _cell(r[c])
            cls = ' class="num"' if numeric else ""
            cells.append(f"<td{cls}>{esc(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _nan_if_hidden(series: pd.Series) -> list[float]:
    return [v if isinstance(v, (int, float)) else math.nan for v in series]


def programme_report_html(
    prog: Programme, title: str = "Modern slavery awareness programme", fragment: bool = False
) -> str:
    """The whole programme report as one HTML page (offline: inline CSS and PNGs); with
    ``fragment`` only the report's ``<div>`` (to show inside a notebook)."""
    tables = programme_tables(prog)
    t = prog.totals()
    period = f"{t['from']} to {t['to']}" if t["from"] else "no dated sessions"
    made = date.today().isoformat()
    source = (
        f"Source: {t['sessions']} session file(s) combined by mskit on {made}; each session "
        "counted once (by its id)."
    )
    p: list[str] = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{esc(title)}: evaluation report</title><style>{CSS}</style></head><body>",
        '<div class="mskit-evaluation">',
        f"<h1>{esc(title)}: evaluation report</h1>",
        "<p>For the Safeguarding Adults Board and the steering group. Sessions of the Human "
        "Trafficking and Modern Slavery multi-agency awareness course, "
        f"{esc(period)}; {t['sessions']} session(s) by {t['facilitators']} facilitator(s) in "
        f"{t['boroughs']} borough(s). Report made {esc(made)}.</p>",
        f'<p class="mskit-note">{esc(SUPPRESSED)} means fewer than {THRESHOLD} people: small '
        "numbers are hidden so that no one can be identified. See “How the figures are "
        "counted” at the end.</p>",
        "<h2>Summary</h2>",
        _table(tables["summary"], {"figure": "Figure", "value": "Value"}),
        "<h2>The facilitator's commitment</h2>",
        "<p>Each facilitator aims to deliver 2 to 3 sessions reaching about "
        f"{COMMITMENT_STAFF} staff in the first year from their first session, and to follow "
        "up: review or establish internal protocols and referral pathways, and promote the "
        "e-learning to staff not reached face to face.</p>",
        _table(
            tables["commitment"],
            {
                "facilitator": "Facilitator",
                "first_session": "First session",
                "first_year_ends": "First year ends",
                "sessions_first_year": "Sessions in first year",
                "sessions_status": "Sessions (aim 2–3)",
                "staff_first_year": "Staff reached in first year",
                "staff_percent": f"% of {COMMITMENT_STAFF}",
                "days_left": "Days left",
                **{a: f"{label} (date)" for a, label in ACTIONS.items()},
            },
        ),
        "<h2>Sessions delivered</h2><h3>Per facilitator</h3>",
        _table(tables["by_facilitator"], _delivered_cols("facilitator", "Facilitator")),
        "<h3>Per borough</h3>",
        _table(tables["by_borough"], _delivered_cols("borough", "Borough")),
        "<h2>Staff reached by agency</h2>",
    ]
    for by, label in (("borough", "Borough"), ("facilitator", "Facilitator")):
        a = tables[f"agency_by_{by}"]
        cols = {by: label, **{c: c for c in a.columns if c not in (by, "total")}, "total": "Total"}
        p += [f"<h3>Per {by}</h3>", _table(a, cols)]
    p.append(
        '<p class="mskit-note">Where the facilitator recorded a head count by agency it is '
        "used; otherwise a session's staff reached is shared between agencies in proportion to "
        "the tables each agency sat at (an estimate).</p>"
    )
    # knowledge over time
    p.append("<h2>Knowledge gain over time</h2>")
    s = tables["sessions"]
    if len(s):
        over = pd.DataFrame(
            {
                "date": [str(d or "") for d in s["date"]],
                "mean_pre": _nan_if_hidden(s["mean_pre"]),
                "mean_post": _nan_if_hidden(s["mean_post"]),
            }
        )
        if over[["mean_pre", "mean_post"]].notna().any().any():
            note = (
                "Data: mean knowledge check score of the people in each session who answered "
                f"before and after (matched by anonymous code); sessions with fewer than "
                f"{THRESHOLD} matched people are left out. {source}"
            )
            p.append(charts.gain_over_time_chart(over, note).to_html())
    p.append(
        _table(
            s,
            {
                "date": "Date",
                "facilitator": "Facilitator",
                "borough": "Borough",
                "matched": "Matched people",
                "mean_pre": "Mean before (%)",
                "mean_post": "Mean after (%)",
                "mean_gain": "Mean gain (points)",
            },
        )
    )
    items = tables.get("knowledge_by_item")
    p.append("<h2>Knowledge gain per question (all sessions)</h2>")
    if items is not None and len(items):
        raw = prog.item_gain()
        n = int(raw["matched"].iloc[0]) if len(raw) else 0
        if n >= THRESHOLD:
            note = (
                f"Data: {n} people across {t['sessions']} session(s) who answered the knowledge "
                f"check before and after; right = full marks on the question. {source}"
            )
            p.append(charts.item_gain_chart(raw, note).to_html())
        p.append(
            _table(
                items,
                {
                    "prompt": "Question",
                    "matched": "Matched people",
                    "pre_right": "Right before",
                    "post_right": "Right after",
                    "pre_percent": "% before",
                    "post_percent": "% after",
                    "gain": "Gain (points)",
                },
            )
        )
    wrong = tables.get("most_often_wrong")
    if wrong is not None and len(wrong):
        p.append("<h3>Most often wrong after the session (what to teach better)</h3>")
        p.append(
            _table(
                wrong.head(5),
                {
                    "prompt": "Question",
                    "answered": "Answered after",
                    "not_right": "Not right",
                    "percent_not_right": "% not right",
                    "common_wrong_answer": "Most common wrong answer",
                },
            )
        )
    conf = tables.get("confidence")
    if conf is not None and len(conf):
        p.append("<h2>Confidence before and after</h2>")
        p.append(
            _table(
                conf,
                {
                    "prompt": "Statement",
                    "paired": "People",
                    "pre_mean": "Mean before",
                    "post_mean": "Mean after",
                    "change": "Change",
                    "pre_agree": "Agree before",
                    "post_agree": "Agree after",
                },
            )
        )
        p.append('<p class="mskit-note">Ratings 1 (strongly disagree) to 5 (strongly agree), '
                 "people who rated both before and after; agree = 4 or 5.</p>")  # fmt: skip
    fb = tables.get("feedback_ratings")
    if fb is not None and len(fb):
        points = [c for c in fb.columns if c.isdigit()]
        p.append("<h2>Session feedback</h2>")
        p.append(
            _table(
                fb,
                {
                    "prompt": "Question",
                    "answers": "Answers",
                    "mean": "Mean",
                    **{x: x for x in points},
                    "labels": "Scale",
                },
            )
        )
        p.append('<p class="mskit-note">Written comments stay in each session report; they are '
                 "not repeated here.</p>")  # fmt: skip
    p.append("<h2>Follow-up actions</h2>")
    p.append(
        _table(
            tables["follow_ups"],
            {
                "date": "Date",
                "facilitator": "Facilitator",
                "borough": "Borough",
                "label": "Action",
                "note": "Note",
            },
        )
    )
    p.append("<h2>Sessions included</h2>")
    p.append(
        '<p class="mskit-note">Every figure above can be checked against these rows and '
        "each session's own report (session ids are shortened to 8 characters).</p>"
    )
    sess = s.copy()
    if len(sess):
        sess["short_id"] = [str(x)[:8] for x in sess["session_id"]]
        sess["counted_by"] = ["head count" if c == "head count" else "respondents"
                              for c in sess["reach_counted_by"]]  # fmt: skip
    p.append(
        _table(
            sess,
            {
                "short_id": "Session",
                "date": "Date",
                "facilitator": "Facilitator",
                "borough": "Borough",
                "tables": "Tables",
                "staff_reached": "Staff reached",
                "counted_by": "Counted by",
                "respondents": "Respondents",
                "matched": "Matched",
                "pre_only": "Before only",
                "post_only": "After only",
                "mean_pre": "Before (%)",
                "mean_post": "After (%)",
                "mean_gain": "Gain (points)",
            },
        )
    )
    p.append(HOW_COUNTED)
    p.append("</div></body></html>")
    page = "".join(p)
    if fragment:
        start = page.index('<div class="mskit-evaluation">')
        body = page[start : page.rindex("</body>")]
        return f"<style>{EVALUATION_CSS}</style>{body}"
    return page


def _delivered_cols(by: str, label: str) -> dict[str, str]:
    return {
        by: label, "sessions": "Sessions", "first_session": "First", "last_session": "Latest",
        "staff_reached": "Staff reached", "matched": "Matched people",
        "mean_gain": "Mean knowledge gain (points)",
    }  # fmt: skip


HOW_COUNTED = f"""
<h2>How the figures are counted</h2>
<ul class="mskit-note">
<li><b>Sessions</b> are counted once each, by their id, however many times a session file is
imported or sent in.</li>
<li><b>Staff reached</b> in a session is the head count the facilitator recorded, if any;
otherwise the number of different anonymous codes that answered any evaluation form (the
knowledge check before or after, or the feedback form). People who filled in no form are
not counted, and someone at two sessions counts twice.</li>
<li><b>By agency</b>: the head count's split by agency, if recorded; otherwise an estimate:
the session's staff reached shared between agencies in proportion to the number of tables
each agency sat at, in whole numbers adding up to the session's figure.</li>
<li><b>The commitment</b>: 2 to 3 sessions and about {COMMITMENT_STAFF} staff in the
first year, counted from the facilitator's first session; follow-up actions with the date
the facilitator recorded them.</li>
<li><b>Knowledge</b>: people are paired before and after by the anonymous code they chose
(never a name). A score is the points on the knowledge check's scored questions out of the
maximum; questions left out or answered “not sure” score 0. Gains are over matched people
only; people who answered only before or only after are counted but left out of gains. If
the same code answered a question twice, the latest answer counts.</li>
<li><b>Small numbers</b>: a count of 1 to 4 people is shown as {SUPPRESSED}, and a mean
or percentage from fewer than {THRESHOLD} people is not shown ({SUPPRESSED}). Where one
cell of a row or column with a total is hidden, the next smallest is hidden too, so it
cannot be worked out by subtraction. Zero is shown. Session and table counts are not
hidden.</li>
</ul>
"""


# -- files ---------------------------------------------------------------------------------


def _xlsx(prog: Programme, path: Path) -> Path:
    tables = programme_tables(prog)
    notes = pd.DataFrame(
        {"note": [
            f"'{SUPPRESSED}' means fewer than {THRESHOLD} people (hidden so no one can be identified).",
            "Staff reached: the facilitator's head count if recorded, else the number of "
            "different anonymous codes that answered any evaluation form in the session.",
            "Staff by agency: head count split if recorded, else shared in proportion to the "
            "tables each agency sat at (estimate).",
            "Knowledge gains are over people matched before and after by anonymous code.",
            "Each session is counted once, by its id.",
        ]}
    )  # fmt: skip
    with pd.ExcelWriter(path, engine="openpyxl") as xl:
        notes.to_excel(xl, sheet_name="notes", index=False)
        for name, df in tables.items():
            df = df.copy()
            for c in df.columns:  # formulas from typed text never run
                df[c] = [
                    ("'" + v) if isinstance(v, str) and v[:1] in ("=", "+", "-", "@") else v
                    for v in df[c]
                ]
            df.to_excel(xl, sheet_name=name[:31], index=False)
    return path


def write_programme_report(
    prog: Programme,
    out_dir: str | os.PathLike[str],
    formats: list[str] | tuple[str, ...] | str | None = None,
    stem: str = "programme-report",
) -> list[Path]:
    """Write the programme report (``html``, ``pdf``, ``xlsx``; default all) into ``out_dir``;
    the paths written. Raises :class:`ReportError` with a plain message."""
    if formats is None:
        names = list(REPORT_FORMATS)
    elif isinstance(formats, str):
        names = [f.strip().lower() for f in formats.split(",") if f.strip()]
    else:
        names = [str(f).strip().lower() for f in formats]
    unknown = [n for n in names if n not in REPORT_FORMATS]
    if unknown or not names:
        raise ReportError(
            f"Unknown report format(s) {', '.join(unknown) or '(none)'}; choose from "
            f"{', '.join(REPORT_FORMATS)}."
        )
    out = Path(out_dir).expanduser()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(f"Cannot write to {str(out)!r}: {exc.strerror or exc}.") from None
    written: list[Path] = []
    html: str | None = None
    for name in dict.fromkeys(names):
        path = out / f"{stem}.{name}"
        try:
            if name == "html":
                html = html or programme_report_html(prog)
                path.write_text(html, encoding="utf-8")
            elif name == "pdf":
                html = html or programme_report_html(prog)
                try:
                    html_to_pdf([(html, path)])
                except ExportError as exc:
                    raise ReportError(str(exc)) from None
            else:
                _xlsx(prog, path)
        except OSError as exc:
            raise ReportError(f"Could not write {str(path)!r}: {exc.strerror or exc}.") from None
        written.append(path)
    return written
