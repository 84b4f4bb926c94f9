"""The demo session's report, debrief sheets, handouts and data: short, summary first, no
internal ids, individual forms kept apart, and hostile text shown exactly as typed."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from openpyxl import load_workbook

from mskit.demo import create_demo_session
from mskit.export import export_session
from mskit.scoring.activity import questions_of
from mskit.store import open_store

from .conftest import build_session, needs_chromium

FORMS = {"knowledge-check", "session-feedback"}
REPORT_PAGES = 12
DEBRIEF_PAGES = 2


class _Text(HTMLParser):
    """What a reader sees: text outside <style>/<script>, entities decoded once."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("style", "script", "title")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "script", "title")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def seen(html: str) -> str:
    p = _Text()
    p.feed(html)
    return "".join(p.parts)


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(path).pages)


def pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


@pytest.fixture(scope="module")
def demo(tmp_path_factory, kit):
    """The demo session (5 tables) exported in every format."""
    tmp = tmp_path_factory.mktemp("demo")
    store = open_store(tmp / "data")
    sid = create_demo_session(store, kit, groups=5, seed=0)
    from mskit.render.pdf import find_chromium

    formats = ["html", "csv", "xlsx"] + (["pdf"] if find_chromium() else [])
    export_session(store, kit, sid, tmp / "out", formats)
    yield {"out": tmp / "out", "snapshot": store.export_session(sid)}
    store.close()


@needs_chromium
def test_demo_report_is_at_most_twelve_pages_and_opens_with_the_summary(demo):
    """The demo report fits 12 A4 pages and its first page is the summary."""
    report = demo["out"] / "report.pdf"
    assert pages(report) <= REPORT_PAGES
    from pypdf import PdfReader

    first = PdfReader(report).pages[0].extract_text()
    assert "Summary" in first and "Who came" in first


@needs_chromium
def test_every_debrief_sheet_is_at_most_two_pages(demo):
    """Each table's debrief sheet prints on at most two A4 pages."""
    sheets = sorted(demo["out"].glob("debrief-*.pdf"))
    assert len(sheets) == 5
    for sheet in sheets:
        assert pages(sheet) <= DEBRIEF_PAGES, sheet.name


def test_one_model_answer_handout_per_group_activity(demo, kit):
    """Every group activity run has one model-answer handout; no form has one."""
    handouts = sorted(demo["out"].glob("model-answers-*.html"))
    activities = {a["activity_id"] for a in demo["snapshot"]["answers"]} - FORMS
    assert len(handouts) == len(activities) == 8
    text = " ".join(seen(p.read_text(encoding="utf-8")) for p in handouts)
    assert "Knowledge check" not in text and "Why:" in text


def test_no_activity_or_question_id_in_any_exported_text(demo, kit):
    """No activity id or question id appears in what a reader of any page sees."""
    ids = set()
    for aid in {a["activity_id"] for a in demo["snapshot"]["answers"]} | {
        "knowledge-check", "session-feedback"
    }:  # fmt: skip
        activity = kit.activity(aid)
        ids.add(aid)
        ids |= {q.id for _, q in questions_of(activity)}
        ids |= {st.id for st in getattr(activity, "stages", ())}
    ids = {i for i in ids if "-" in i}  # one-word ids are ordinary words
    for page in demo["out"].glob("*.html"):
        text = seen(page.read_text(encoding="utf-8"))
        found = sorted(i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text))
        assert found == [], page.name


def test_individual_forms_are_in_the_data_and_not_in_group_scores(demo, kit):
    """The workbook has one row per person and form question; scores hold no form."""
    wb = load_workbook(demo["out"] / "session-data.xlsx")
    forms = list(wb["individual_forms"].values)
    head, rows = forms[0], forms[1:]
    assert len(rows) == len(demo["snapshot"]["evaluation_responses"])
    codes = {r[head.index("respondent_code")] for r in rows}
    assert len(codes) >= 5 and all(c and c.isalnum() for c in codes)
    scores = list(wb["scores"].values)
    titles = {r[scores[0].index("activity_title")] for r in scores[1:]}
    assert kit.activity("knowledge-check").title not in titles
    assert kit.activity("session-feedback").title not in titles
    assert "Table 1" in wb.sheetnames
    assert (demo["out"] / "individual-forms.csv").is_file()


HOSTILE = [
    "<b>bold</b> & <i>it</i>",
    "<img src=x onerror=alert(1)>",
    "\"quotes\" and 'single' quotes",
    "&amp; &lt;b&gt; &#60;tag&#62;",
    "{{ 7 * 7 }} {% if true %}x{% endif %}",
    "\u202eright-to-left mark\u202c and \u200fRLM",
    "Supercalifragilistic" * 12,
]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, kit):
    """A session whose table labels, written answers, marks' comments and feedback comments
    are the hostile strings, exported in every format."""
    tmp = tmp_path_factory.mktemp("hostile")
    store = open_store(tmp / "data")
    s, groups = build_session(store, kit, HOSTILE[:3], activities=("nail-bar",), answers=False)
    store.lock_activity(s.id, "nail-bar", False)
    free = next(q for _, q in questions_of(kit.activity("nail-bar")) if q.type == "free_text")
    for i, g in enumerate(groups):
        store.save_answer(s.id, g.id, "nail-bar", free.id, HOSTILE[3 + i])
        store.set_mark(s.id, g.id, "nail-bar", free.id, 1, HOSTILE[(4 + i) % len(HOSTILE)])
    fb = kit.activity("session-feedback")
    comment = next(q for q in fb.questions if q.type == "open_text")
    store.save_evaluation(s.id, fb.id, "KQ7RM", "once", comment.id, HOSTILE[6])
    from mskit.render.pdf import find_chromium

    formats = ["html", "csv", "xlsx"] + (["pdf"] if find_chromium() else [])
    export_session(store, kit, s.id, tmp / "out", formats)
    yield tmp / "out"
    store.close()


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_hostile_text_shows_exactly_as_typed_in_html(hostile):
    """Every hostile string reads literally in the report HTML, never as markup."""
    html = (hostile / "report.html").read_text(encoding="utf-8")
    text = _flat(seen(html))
    for s in HOSTILE:
        assert _flat(s) in text, s
    assert "<img src=x" not in html and "<b>bold" not in html
    assert "&amp;amp;" in html  # typed entities are escaped once, shown as typed
    for sheet in hostile.glob("debrief-*.html"):
        assert "<img" not in sheet.read_text(encoding="utf-8").split("</style>", 1)[1]


@needs_chromium
def test_hostile_text_in_the_pdf_matches_the_html(hostile):
    """The PDF shows the same participant text as the HTML (nothing dropped)."""
    marks = dict.fromkeys(map(ord, "\u202e\u202c\u200f"))
    text = _flat(pdf_text(hostile / "report.pdf")).translate(marks)
    for s in HOSTILE:
        plain = _flat(s).translate(marks)
        if "\u202e" in s:  # an override mark: the reader sees those letters right to left
            assert "right-to-leftmark"[::-1] in text or "right-to-leftmark" in text
            continue
        assert plain in text, s


def test_hostile_text_in_the_data_files_is_as_typed(hostile):
    """The XLSX holds the typed text unchanged (labels, answers and comments)."""
    wb = load_workbook(hostile / "session-data.xlsx")
    answers = {c for row in wb["answers"].values for c in row if isinstance(c, str)}
    assert HOSTILE[3] in answers and HOSTILE[0] in answers
    forms = {c for row in wb["individual_forms"].values for c in row if isinstance(c, str)}
    assert HOSTILE[6] in forms
