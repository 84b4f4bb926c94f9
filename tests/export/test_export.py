"""Session exports: report and debrief sheets (HTML, PDF), CSV and XLSX, and the CLI."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from openpyxl import load_workbook

from mskit.cli import main
from mskit.content import load_kit
from mskit.demo import create_demo_session
from mskit.export import ExportError, export_session, parse_formats, resolve_session
from mskit.export.report import offline_problems
from mskit.render.pdf import find_chromium
from mskit.store import open_store

from .conftest import FORMULA, IMG, SCRIPT, build_session, needs_chromium

LABELS = ["Table 1", SCRIPT, "Table 3", IMG]
NURSE_MODEL = "Book an independent professional interpreter"  # nail-bar s1-interpreter


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """One session exported once in every format (PDF only when Chromium is there)."""
    kit = load_kit()
    tmp = tmp_path_factory.mktemp("export")
    store = open_store(tmp / "data")
    s, groups = build_session(store, kit, LABELS)
    store.set_mark(s.id, groups[1].id, "nail-bar", "s2-reply", 1.5, f"Comment {SCRIPT}")
    store.set_mark(s.id, groups[0].id, "nail-bar", "s2-reply", 2, "Full marks")
    formats = ["html", "csv", "xlsx"] + (["pdf"] if find_chromium() else [])
    paths = export_session(store, kit, s.id, tmp / "out", formats)
    yield {"store": store, "session": s, "groups": groups, "paths": paths, "out": tmp / "out"}
    store.close()


def _html(exported, name="report.html"):
    return (exported["out"] / name).read_text(encoding="utf-8")


def test_report_html_holds_labels_model_answers_and_scores(exported):
    """The report HTML names every group, shows the model answers and the groups' scores."""
    html = _html(exported)
    assert "Table 1" in html and "Table 3" in html
    assert NURSE_MODEL in html
    assert "The practice nurse appointment" in html and "Spot the signs" in html
    assert re.search(r">\s*19\s*/\s*19\b", html)  # a full-marks group
    assert html.index("Summary") < html.index("The practice nurse appointment")
    assert "What was run against the plan" in html and "Knowledge before and after" in html
    assert 'class="bars"' in html and "Where tables went wrong" in html


def test_participant_text_never_becomes_markup_in_html(exported):
    """Script and onerror answers and labels appear escaped in the report and debrief HTML."""
    pages = [p for p in exported["paths"] if p.suffix == ".html"]
    handouts = [p for p in pages if p.name.startswith("model-answers-")]
    assert len(pages) == 1 + len(LABELS) + len(handouts) and len(handouts) == 2
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert SCRIPT not in html and IMG not in html, page.name
        assert "<img src=x" not in html
    for name in ("report.html", "debrief-02-script-alert-1-script.html"):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in _html(exported, name), name
    assert "&lt;img src=x onerror=alert(1)&gt;" in _html(
        exported, "debrief-04-img-src-x-onerror-alert-1.html"
    )
    report = _html(exported)
    assert "&lt;img src=x onerror=alert(1)&gt;" in report
    assert re.findall(r"<script\b", report) == []  # the report needs no script at all


def test_report_reads_offline(exported):
    """The report and debrief pages fetch nothing from the network (no CDN script or CSS)."""
    for page in (p for p in exported["paths"] if p.suffix == ".html"):
        html = page.read_text(encoding="utf-8")
        assert offline_problems(html) == [], page.name
        assert "cdnjs" not in html and "unpkg" not in html and "require.js" not in html


def test_answers_csv_round_trips_into_pandas(exported):
    """answers.csv has one row per latest answer; scores.csv one per group and activity."""
    store, s = exported["store"], exported["session"]
    answers = pd.read_csv(exported["out"] / "answers.csv")
    assert len(answers) == len(store.latest_answers(s.id))
    assert {"session_id", "group_label", "activity_id", "question_id", "answer", "points",
            "max_points", "saved_at"} <= set(answers.columns)  # fmt: skip
    assert set(answers["group_label"]) == {"Table 1", SCRIPT, "Table 3", IMG}
    scores = pd.read_csv(exported["out"] / "scores.csv")
    assert len(scores) == len(LABELS) * 2
    full = scores[(scores.group_label == "Table 1") & (scores.activity_id == "nail-bar")]
    assert float(full.points.iloc[0]) == float(full.max_points.iloc[0]) == 19
    dictionary = pd.read_csv(exported["out"] / "data-dictionary.csv")
    assert set(dictionary["table"]) >= {"answers", "scores"}


def test_xlsx_has_answers_scores_and_data_dictionary(exported):
    """The workbook has answers, scores and data_dictionary sheets."""
    wb = load_workbook(exported["out"] / "session-data.xlsx")
    assert wb.sheetnames[:4] == ["answers", "scores", "individual_forms", "data_dictionary"]
    assert wb.sheetnames[4:] == [
        "Table 1",
        "<script>alert(1)< script>",
        "Table 3",
        "<img src=x onerror=alert(1)>",
    ]
    store, s = exported["store"], exported["session"]
    assert wb["answers"].max_row == 1 + len(store.latest_answers(s.id))
    words = [c.value for c in wb["data_dictionary"]["B"]]
    assert "answer" in words and "points" in words


def test_formula_text_is_not_a_formula_in_xlsx_or_csv(tmp_path, kit):
    """An answer that starts with '=' is stored as text in XLSX and defused in CSV."""
    store = open_store(tmp_path / "d")
    s, (g,) = build_session(store, kit, ["T"], activities=("nail-bar",), answers=False)
    store.lock_activity(s.id, "nail-bar", False)
    store.save_answer(s.id, g.id, "nail-bar", "s2-reply", FORMULA)
    export_session(store, kit, s.id, tmp_path / "o", ["csv", "xlsx"])
    ws = load_workbook(tmp_path / "o" / "session-data.xlsx")["answers"]
    col = [c.value for c in ws[1]].index("answer")
    cell = ws.cell(row=2, column=col + 1)
    assert cell.value == FORMULA and cell.data_type == "s"
    assert pd.read_csv(tmp_path / "o" / "answers.csv")["answer"][0] == "'" + FORMULA


@needs_chromium
def test_pdfs_hold_labels_model_answers_scores_and_literal_markup(exported):
    """The report PDF's text has labels, model answers and scores; markup shows literally."""
    from pypdf import PdfReader

    report = exported["out"] / "report.pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(report).pages)
    flat = re.sub(r"\s+", " ", text)
    assert "Table 1" in flat and "Table 3" in flat
    assert NURSE_MODEL in flat
    assert "19 / 19" in flat
    assert "<script>alert(1)</script>" in flat.replace("alert(1) </script>", "alert(1)</script>")
    assert "<img src=x onerror=alert(1)>" in flat
    debriefs = sorted(exported["out"].glob("debrief-*.pdf"))
    assert len(debriefs) == len(LABELS)
    first = " ".join(p.extract_text() for p in PdfReader(debriefs[0]).pages)
    assert "Debrief sheet: Table 1" in re.sub(r"\s+", " ", first)
    assert PdfReader(report).pages[0].mediabox.width == pytest.approx(595, abs=2)  # A4


@pytest.mark.slow
@pytest.mark.parametrize("shape", ["no answers", "one group", "thirty groups"])
def test_sessions_of_any_shape_export(tmp_path, kit, shape):
    """A session with no answers, with one group, and with 30 groups all export."""
    store = open_store(tmp_path / "d")
    if shape == "no answers":
        s, _ = build_session(store, kit, ["A", "B"], answers=False)
        sid = s.id
    elif shape == "one group":
        s, _ = build_session(store, kit, ["Only table"], activities=("county-lines",))
        sid = s.id
    else:
        sid = create_demo_session(store, kit, groups=30, seed=3)
    paths = export_session(store, kit, sid, tmp_path / "o", ["html", "csv", "xlsx"])
    groups = len(store.list_groups(sid))
    assert len([p for p in paths if p.name.startswith("debrief-")]) == groups
    html = (tmp_path / "o" / "report.html").read_text(encoding="utf-8")
    assert offline_problems(html) == []
    answers = pd.read_csv(tmp_path / "o" / "answers.csv")
    assert len(answers) == len(store.latest_answers(sid))


def test_unknown_session_gives_one_line_and_exit_1(tmp_path, capsys):
    """Exporting a session that does not exist prints one clear line and exits 1."""
    assert main(["export", "0123abcd", "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("mskit export: There is no session '0123abcd'")
    assert "\n" not in err and "Traceback" not in err


def test_unwritable_folder_gives_one_line_and_exit_1(tmp_path, kit, capsys):
    """Exporting into a folder that cannot be written prints one clear line and exits 1."""
    store = open_store(tmp_path / "d")
    s, _ = build_session(store, kit, ["A"], answers=False)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    rc = main(["export", s.id[:6], "--data-dir", str(tmp_path / "d"), "--format", "csv",
               "--out", str(blocker / "exports")])  # fmt: skip
    err = capsys.readouterr().err.strip()
    assert rc == 1
    assert err.startswith("mskit export: Cannot write to the folder") and "\n" not in err


def test_cli_writes_csv_into_the_data_folder_by_default(tmp_path, kit, capsys):
    """`mskit export PREFIX --format csv,xlsx` writes into DATA/exports/<date>-<name> and lists
    the files."""
    store = open_store(tmp_path / "d")
    s, _ = build_session(store, kit, ["A", "B"])
    assert (
        main(["export", s.id[:8], "--data-dir", str(tmp_path / "d"), "--format", "csv,xlsx"]) == 0
    )
    out = capsys.readouterr().out.split()
    folder = tmp_path / "d" / "exports" / "2025-03-01-export-test"
    assert sorted(out) == sorted(str(folder / n) for n in
                                 ["answers.csv", "scores.csv", "individual-forms.csv",
                                  "data-dictionary.csv", "session-data.xlsx"])  # fmt: skip


def test_unknown_format_is_a_usage_error(tmp_path, capsys):
    """An unknown format exits 2 and names the formats there are."""
    assert main(["export", "x", "--data-dir", str(tmp_path), "--format", "html,docx"]) == 2
    assert "choose from html, pdf, csv, xlsx" in capsys.readouterr().err
    assert parse_formats(None) == ["html", "pdf", "csv", "xlsx"]
    with pytest.raises(ExportError):
        parse_formats("pdf,odt")


def test_session_prefix_must_be_unique(tmp_path, kit):
    """A prefix naming one session resolves; one naming none or several is refused clearly."""
    store = open_store(tmp_path / "d")
    ids = [store.create_session(f"S{i}").id for i in range(20)]
    assert resolve_session(store, ids[0]) == ids[0]
    assert resolve_session(store, ids[0][:12]) == ids[0]
    firsts = [i[0] for i in ids]
    shared = next(c for c in firsts if firsts.count(c) > 1)
    with pytest.raises(ExportError, match="matches"):
        resolve_session(store, shared)
    with pytest.raises(ExportError, match="There is no session"):
        resolve_session(store, "zz")
