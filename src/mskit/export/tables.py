"""Tidy tables of a session for spreadsheets: answers (one row per group and question) and
scores (one row per group and activity), with a data dictionary.

Text a participant typed that begins with ``=``, ``+``, ``-`` or ``@`` would run as a
formula in a spreadsheet program: in CSV it gets a leading ``'``; in XLSX it is stored as
text, never as a formula.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pandas as pd

from ..scoring import score
from ..scoring.results import scores_by_group
from .answers import format_answer, plain_value
from .data import SessionData

ANSWER_COLUMNS: dict[str, str] = {
    "session_id": "The session's id.",
    "session_name": "The session's name.",
    "group_id": "The group's id (stable within the store).",
    "group_label": "The group's label, as typed by the facilitator.",
    "activity_id": "The case study's or exercise's id in the kit.",
    "activity_title": "Its title.",
    "stage_id": "The case-study stage the question belongs to (empty for exercises).",
    "question_id": "The question's id in the activity.",
    "question_type": "The kind of question (single_choice, indicator_spotting, ...).",
    "answer": "The answer as stored: an id, text, or JSON for lists and mappings. "
    "'__pass__' means 'not sure / pass'.",
    "answer_text": "The answer in words (option texts instead of ids).",
    "status": "scored, passed, unanswered, needs_marking (free text not yet marked) or unscored.",
    "points": "Points given (automatic, or the facilitator's mark for free text).",
    "max_points": "The most this question can earn.",
    "revision": "How many times the answer was saved (1 = saved once).",
    "saved_at": "When the answer was last saved (ISO 8601, UTC).",
    "entered_from": "'paper' for answers typed in from a paper sheet, else 'live'.",
}
SCORE_COLUMNS: dict[str, str] = {
    "session_id": "The session's id.",
    "group_id": "The group's id.",
    "group_label": "The group's label.",
    "activity_id": "The activity's id.",
    "activity_title": "Its title.",
    "points": "Total points over the questions of the stages the group met.",
    "max_points": "The most those questions can earn.",
    "percent": "points / max_points × 100 (empty when max_points is 0).",
    "answered": "Questions answered (including free text waiting for a mark).",
    "passed": "Questions answered 'not sure / pass' (never costs points).",
    "needs_marking": "Free-text answers still waiting for the facilitator's mark.",
}
FORM_COLUMNS: dict[str, str] = {
    "session_id": "The session's id.",
    "form_title": "The individual form (knowledge check, feedback form).",
    "phase": "before / after the session (knowledge check), or once (feedback form).",
    "respondent_code": "The anonymous code the person chose or was given (never a name).",
    "question_number": "The question's number in the form.",
    "question": "The question as asked.",
    "question_type": "The kind of question (single_choice, rating, open_text, ...).",
    "answer": "The answer as stored (an option id, a rating, text; JSON for lists).",
    "answer_text": "The answer in words.",
    "points": "Points for a scored question (empty for ratings and comments).",
    "max_points": "The most this question can earn (empty when not scored).",
    "saved_at": "When the answer was saved (ISO 8601, UTC).",
}
PHASES = {"pre": "before", "post": "after", "once": "once"}
FORMULA_NOTE = (
    "Text beginning with =, +, - or @ is written with a leading ' in CSV files so that a "
    "spreadsheet program shows it rather than running it as a formula."
)


def answers_table(data: SessionData, kit: Any) -> pd.DataFrame:
    """One row per group × question answered (the latest answer)."""
    questions: dict[tuple[str, str], tuple[Any, Any]] = {}
    marks: dict[tuple[str, str, str], Any] = {}
    titles: dict[str, str] = {}
    for run in data.runs:
        titles[run.activity_id] = run.title
        for stage, q in run.questions():
            questions[(run.activity_id, q.id)] = (stage, q)
        for (g, q), m in run.manual_marks().items():
            marks[(g, run.activity_id, q)] = m
    rows = []
    for a in data.answers:
        stage, q = questions.get((a["activity_id"], a["question_id"]), (None, None))
        if q is None and a["activity_id"] in titles:
            try:  # a question of a stage the report leaves out
                from ..scoring.activity import questions_of

                stage, q = next(
                    ((s, x) for s, x in questions_of(kit.activity(a["activity_id"]))
                     if x.id == a["question_id"]), (None, None))  # fmt: skip
            except KeyError:
                pass
        s = (
            score(q, a["value"], kit, mark=marks.get((a["group_id"], a["activity_id"], q.id)))
            if q
            else None
        )
        rows.append(
            {
                "session_id": data.id,
                "session_name": data.name,
                "group_id": a["group_id"],
                "group_label": a["group_label"],
                "activity_id": a["activity_id"],
                "activity_title": titles.get(a["activity_id"], a["activity_id"]),
                "stage_id": stage or "",
                "question_id": a["question_id"],
                "question_type": q.type if q else "",
                "answer": plain_value(a["value"]),
                "answer_text": format_answer(q, a["value"], kit) if q else plain_value(a["value"]),
                "status": s.status if s else "",
                "points": s.points if s else math.nan,
                "max_points": s.max_points if s else math.nan,
                "revision": a["revision"],
                "saved_at": a["saved_at"],
                "entered_from": "paper" if a.get("client_id") == "paper" else "live",
            }
        )
    return pd.DataFrame(rows, columns=list(ANSWER_COLUMNS))


def scores_table(data: SessionData, kit: Any) -> pd.DataFrame:
    """One row per group × activity run."""
    frames = []
    for run in data.runs:
        a = run.shown_activity()
        if a is None:
            continue
        records = [
            *run.records,
            *({"group_id": g.id, "group_label": g.label, "activity_id": run.activity_id,
               "question_id": None, "value": None} for g in data.groups),
        ]  # fmt: skip
        df = scores_by_group(a, records, run.manual_marks(), kit)
        if df.empty:
            continue
        df.insert(0, "activity_title", run.title)
        df.insert(0, "activity_id", run.activity_id)
        frames.append(df)
    if not frames:
        return pd.DataFrame(columns=list(SCORE_COLUMNS))
    out = pd.concat(frames, ignore_index=True)
    out.insert(0, "session_id", data.id)
    order = {g.id: i for i, g in enumerate(data.groups)}
    out["_o"] = out["group_id"].map(order)
    out = out.sort_values(["_o"], kind="mergesort").drop(columns="_o").reset_index(drop=True)
    return out[list(SCORE_COLUMNS)]


def forms_table(data: SessionData, kit: Any) -> pd.DataFrame:
    """The individual forms: one row per person (by anonymous code), phase and question.
    These never count towards a table's score."""
    rows = []
    for e in sorted(data.evaluation, key=lambda e: (str(e.get("form_id")), str(e.get("phase")),
                                                    str(e.get("respondent_code")))):  # fmt: skip
        try:
            form = kit.activity(e["form_id"])
        except KeyError:
            form = None
        qs = list(getattr(form, "questions", ()) or ())
        number, q = next(((n, x) for n, x in enumerate(qs, 1) if x.id == e["question_id"]),
                         (None, None))  # fmt: skip
        s = score(q, e.get("value"), kit) if q is not None else None
        scored = s is not None and s.max_points > 0
        rows.append(
            {
                "session_id": data.id,
                "form_title": form.title if form is not None else e["form_id"],
                "phase": PHASES.get(e.get("phase"), e.get("phase")),
                "respondent_code": e.get("respondent_code"),
                "question_number": number,
                "question": q.prompt if q is not None else e["question_id"],
                "question_type": q.type if q is not None else "",
                "answer": plain_value(e.get("value")),
                "answer_text": format_answer(q, e.get("value"), kit) if q else "",
                "points": s.points if scored else math.nan,
                "max_points": s.max_points if scored else math.nan,
                "saved_at": e.get("saved_at"),
            }
        )
    return pd.DataFrame(rows, columns=list(FORM_COLUMNS))


def data_dictionary() -> pd.DataFrame:
    rows = [("answers", c, d) for c, d in ANSWER_COLUMNS.items()]
    rows += [("scores", c, d) for c, d in SCORE_COLUMNS.items()]
    rows += [("individual_forms", c, d) for c, d in FORM_COLUMNS.items()]
    rows.append(("one sheet per table", "", "The answers sheet's rows for that table only "
                 "(XLSX only)."))  # fmt: skip
    rows.append(("(all)", "", FORMULA_NOTE))
    return pd.DataFrame(rows, columns=["table", "column", "meaning"])


_TEXT_COLUMNS = ("session_name", "group_label", "activity_title", "answer", "answer_text",
                 "respondent_code", "question")  # fmt: skip


def _defuse(x: Any) -> Any:
    if isinstance(x, str) and x[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + x
    return x


def write_csv(data: SessionData, kit: Any, out_dir: Path) -> list[Path]:
    paths = []
    for name, df in (
        ("answers", answers_table(data, kit)),
        ("scores", scores_table(data, kit)),
        ("individual-forms", forms_table(data, kit)),
    ):
        df = df.copy()
        for col in _TEXT_COLUMNS:
            if col in df.columns:
                df[col] = df[col].map(_defuse)
        path = out_dir / f"{name}.csv"
        df.to_csv(path, index=False, encoding="utf-8")
        paths.append(path)
    path = out_dir / "data-dictionary.csv"
    data_dictionary().to_csv(path, index=False, encoding="utf-8")
    paths.append(path)
    return paths


def _sheet_name(label: str, used: set[str]) -> str:
    """A worksheet name from a table's label: no []:*?/\\, at most 31 characters, unique."""
    base = re.sub(r"[\[\]:*?/\\']", " ", label).strip()[:28] or "table"
    name, n = base, 2
    while name.lower() in {u.lower() for u in used}:
        name, n = f"{base[:26]} {n}", n + 1
    used.add(name)
    return name


def write_xlsx(data: SessionData, kit: Any, out_dir: Path) -> list[Path]:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    answers = answers_table(data, kit)
    sheets = [
        ("answers", answers),
        ("scores", scores_table(data, kit)),
        ("individual_forms", forms_table(data, kit)),
        ("data_dictionary", data_dictionary()),
    ]
    used = {name for name, _ in sheets}
    for g in data.groups:
        sheets.append((_sheet_name(g.label, used), answers[answers["group_id"] == g.id]))
    for name, df in sheets:
        ws = wb.create_sheet(name)
        ws.append(list(df.columns))
        for row in df.itertuples(index=False):
            cells = []
            for v in row:
                if isinstance(v, float) and math.isnan(v):
                    v = None
                elif isinstance(v, str):
                    v = ILLEGAL_CHARACTERS_RE.sub("", v)
                cells.append(v)
            ws.append(cells)
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str) and cell.data_type == "f":
                    cell.data_type = "s"  # participant text, never a formula
        ws.freeze_panes = "A2"
        for i, col in enumerate(df.columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = min(60, max(10, len(col) + 2))
    path = out_dir / "session-data.xlsx"
    wb.save(path)
    return [path]
