"""Combining session files from several laptops into the programme report, checked against the data."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from mskit.evaluation import (
    agency_split,
    combine_session_files,
    export_session_file,
    first_year_end,
    programme_from_files,
    programme_from_store,
    programme_report_html,
    programme_tables,
    record_attendance,
    record_follow_up,
    write_programme_report,
)
from mskit.scoring import max_points, score
from mskit.store import open_store

from .conftest import AS_OF


def _by_hand(store, kit, sid):
    """Staff reached, matched people and each matched person's gain, from the raw answers."""
    ev = store.evaluation_responses(sid)
    kc = kit.exercises["knowledge-check"]
    scored = [q for q in kc.questions if max_points(q) > 0]
    top = sum(max_points(q) for q in scored)
    answers: dict = {}
    for e in ev:
        if e.form_id == "knowledge-check":
            answers.setdefault((e.respondent_code, e.phase), {})[e.question_id] = e.value
    pct = {k: 100 * sum(score(q, a.get(q.id)).points for q in scored) / top
           for k, a in answers.items()}  # fmt: skip
    pre = {c for c, p in answers if p == "pre"}
    post = {c for c, p in answers if p == "post"}
    gains = [pct[(c, "post")] - pct[(c, "pre")] for c in pre & post]
    return len({e.respondent_code for e in ev}), len(pre & post), gains


def test_three_files_one_imported_twice_count_once(tmp_path, demo_files):
    """Importing three session files with one of them twice, then again, gives three sessions."""
    with open_store(tmp_path / "p") as store:
        first = combine_session_files(store, [*demo_files, demo_files[0]])
        assert len(first.imported) == 3 and first.repeated_in_batch == 1
        again = combine_session_files(store, demo_files)
        assert again.imported == [] and len(again.already_present) == 3
        assert len(store.list_sessions()) == 3
    prog = programme_from_files([*demo_files, demo_files[2]], kit=_kit())
    assert len(prog.snapshots) == 3 and prog.totals()["repeats_dropped"] == 1


def _kit():
    from mskit.content import load_kit

    return load_kit()


def test_programme_figures_match_the_session_data(programme_store, kit):
    """Sessions, staff reached, matched people and mean gains equal a by-hand count of the raw answers."""
    prog = programme_from_store(programme_store, kit, as_of=AS_OF)
    sessions = prog.sessions().set_index("session_id")
    all_gains = []
    for sid, row in sessions.iterrows():
        staff, matched, gains = _by_hand(programme_store, kit, sid)
        assert row.staff_reached == staff and row.reach_counted_by == "evaluation respondents"
        assert row.matched == matched
        assert row.mean_gain == pytest.approx(sum(gains) / len(gains))
        all_gains += gains
    overall = prog.knowledge_overall()
    assert overall["matched"] == len(all_gains)
    assert overall["mean_gain"] == pytest.approx(sum(all_gains) / len(all_gains))
    by_fac = prog.delivered("facilitator").set_index("facilitator")
    a = sessions[sessions.facilitator == "Facilitator A (demo)"]
    assert by_fac.loc["Facilitator A (demo)", "sessions"] == 2
    assert by_fac.loc["Facilitator A (demo)", "staff_reached"] == a.staff_reached.sum()
    assert prog.totals()["staff_reached"] == sessions.staff_reached.sum()


def test_staff_by_agency_adds_up(programme_store, kit):
    """Each borough's agency split adds up to the staff reached in its sessions."""
    prog = programme_from_store(programme_store, kit)
    wide = prog.reach_by_agency("borough").set_index("borough")
    agencies = [c for c in wide.columns if c != "total"]
    sess = prog.sessions()
    for borough, row in wide.iterrows():
        assert row[agencies].sum() == row.total
        assert row.total == sess[sess.borough == borough].staff_reached.sum()


def test_agency_split_by_tables():
    """Staff are shared by tables per agency, whole numbers adding up (largest remainder, first seen wins ties)."""
    split = agency_split(10, [("police", "health"), ("police",), ("local-authority",)])
    assert split == {"police": 5, "health": 3, "local-authority": 2}
    assert agency_split(7, []) == {"Not recorded": 7}


def test_head_count_replaces_the_respondent_count(programme_store, kit):
    """A recorded head count (with agencies) is used for staff reached instead of respondents."""
    sid = programme_store.list_sessions()[0].id
    record_attendance(programme_store, sid, 30, {"police": 20, "health": 10})
    prog = programme_from_store(programme_store, kit)
    row = prog.sessions().set_index("session_id").loc[sid]
    assert (row.staff_reached, row.reach_counted_by) == (30, "head count")
    per = prog.reach_by_agency_per_session()
    mine = per[per.session_id == sid].set_index("agency")
    assert mine.loc["Police", "staff"] == 20 and not mine["estimated"].any()


def test_commitment_progress_and_follow_ups(programme_store, kit):
    """The first year runs from the first session; sessions and staff in it, and follow-up dates, per facilitator."""
    assert first_year_end(date(2025, 1, 15)) == date(2026, 1, 14)
    assert first_year_end(date(2024, 2, 29)) == date(2025, 2, 28)
    prog = programme_from_store(programme_store, kit, as_of=AS_OF)
    c = prog.commitment().set_index("facilitator")
    a, b = c.loc["Facilitator A (demo)"], c.loc["Facilitator B (demo)"]
    assert (a.sessions_first_year, a.sessions_status) == (2, "met")
    assert b.sessions_status == "in progress (1 of 2–3)"
    assert a.days_left == (date(2026, 1, 14) - AS_OF).days + 1
    sess = prog.sessions()
    assert (
        a.staff_first_year == sess[sess.facilitator == "Facilitator A (demo)"].staff_reached.sum()
    )
    assert a.protocol_reviewed == "2025-02-03" and a.elearning_promoted == "2025-03-20"
    assert b.referral_pathway == "2025-03-01" and b.protocol_reviewed == ""
    late = programme_from_store(programme_store, kit, as_of=date(2026, 6, 1)).commitment()
    assert (
        late.set_index("facilitator")
        .loc["Facilitator B (demo)", "sessions_status"]
        .startswith("not met")
    )


def test_report_shows_the_checked_figures(programme_store, kit, tmp_path):
    """The HTML and XLSX reports carry the same staff reached and matched counts as the data."""
    prog = programme_from_store(programme_store, kit, as_of=AS_OF)
    total = prog.totals()["staff_reached"]
    html = programme_report_html(prog)
    assert f'<td>Staff reached</td><td class="num">{total}</td>' in html
    for r in prog.sessions().itertuples():
        assert f"<td>{r.session_id[:8]}</td>" in html
    paths = write_programme_report(prog, tmp_path / "out", "html,xlsx")
    assert [p.suffix for p in paths] == [".html", ".xlsx"]
    xl = pd.read_excel(paths[1], sheet_name="sessions")
    assert list(xl["staff_reached"]) == list(prog.sessions()["staff_reached"])
    assert "notes" in pd.ExcelFile(paths[1]).sheet_names
    assert "http://" not in html and "https://" not in html


def test_small_session_is_suppressed(store, kit, hand_made):
    """A session of 5 people with 3 matched shows "<5" for its matched count and hides its means."""
    s = store.create_session("Small", "2025-01-15", facilitator="F", borough="B")
    for row in hand_made:
        store.save_evaluation(s.id, row["form_id"], row["respondent_code"], row["phase"],
                              row["question_id"], row["value"])  # fmt: skip
    prog = programme_from_store(store, kit)
    t = programme_tables(prog)
    row = t["sessions"].iloc[0]
    assert row.staff_reached == 5
    assert (row.matched, row.pre_only, row.post_only) == ("<5", "<5", "<5")
    assert (row.mean_pre, row.mean_gain) == ("<5", "<5")
    summary = dict(zip(t["summary"]["figure"], t["summary"]["value"], strict=True))
    assert summary["Mean knowledge gain (percentage points)"] == "<5"
    html = programme_report_html(prog)
    assert "&lt;5" in html and "Small numbers" in html


def test_follow_up_notes_are_escaped(programme_store, kit):
    """Text typed by a facilitator is escaped in the programme report."""
    sid = programme_store.list_sessions()[0].id
    record_follow_up(
        programme_store, sid, "referral-pathway", "2025-03-30", "<img src=x onerror=alert(1)>"
    )
    html = programme_report_html(programme_from_store(programme_store, kit))
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_session_file_round_trip(programme_store, tmp_path):
    """export_session_file writes the store's export; importing it elsewhere gives the same answers."""
    sid = programme_store.list_sessions()[0].id
    path = export_session_file(programme_store, sid, tmp_path / "one.json")
    assert json.loads(path.read_text())["session"]["id"] == sid
    with open_store(tmp_path / "other") as other:
        combine_session_files(other, [path])
        assert len(other.evaluation_responses(sid)) == len(
            programme_store.evaluation_responses(sid)
        )


@pytest.mark.browser
def test_pdf_report(programme_store, kit, tmp_path):
    """The PDF is printed offline by the system Chromium and holds the report's text."""
    from pypdf import PdfReader

    from mskit.render.pdf import find_chromium

    if find_chromium() is None:
        pytest.skip("Chromium is not installed")
    prog = programme_from_store(programme_store, kit, as_of=AS_OF)
    (pdf,) = write_programme_report(prog, tmp_path, ["pdf"])
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    assert pdf.read_bytes()[:4] == b"%PDF"
    assert "Sessions delivered" in text and "commitment" in text
