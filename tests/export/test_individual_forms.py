"""Individual forms (knowledge check, feedback) are never reported as group work."""

from __future__ import annotations

from mskit.export import export_session
from mskit.export.data import load_session_data
from mskit.live.evaluation import set_phase

from .conftest import build_session

FORMS = ("knowledge-check", "session-feedback")


def _session_with_forms(store, kit):
    s, groups = build_session(store, kit, ["Table 1", "Table 2"])
    for form in FORMS:
        if kit.activity(form).pre_post:
            set_phase(store, s.id, form, "pre")
        store.open_activity(s.id, form)
        store.log(s.id, "activity_opened", {"activity_id": form})
    q = kit.activity("knowledge-check").questions[0]
    store.save_evaluation(s.id, "knowledge-check", "KQ7RM", "pre", q.id, q.options[0].id)
    return s, groups


def test_forms_are_kept_apart_from_group_runs(store, kit):
    """The session data lists the forms apart; group runs hold only group activities."""
    s, _ = _session_with_forms(store, kit)
    data = load_session_data(store, kit, s.id)
    assert [r.activity_id for r in data.forms] == list(FORMS)
    assert all(r.activity_id not in FORMS for r in data.runs)
    assert {r.activity_id for r in data.runs} == {"nail-bar", "spot-the-signs"}


def test_forms_absent_from_scores_and_debrief_sheets(store, kit, tmp_path):
    """'Scores at a glance' and each debrief sheet never show a form as 0/N or (no answer)."""
    s, _ = _session_with_forms(store, kit)
    export_session(store, kit, s.id, tmp_path / "out", ["html"])
    report = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    glance = report.split("Scores at a glance", 1)[1].split("<h3", 1)[0]
    activity_pages = report.split('<section class="page activity">')[1:]
    assert len(activity_pages) == 2
    for form in FORMS:
        title = kit.activity(form).title
        assert title not in glance
        assert all(title not in page for page in activity_pages)
    for sheet in (tmp_path / "out").glob("debrief-*.html"):
        html = sheet.read_text(encoding="utf-8")
        for form in FORMS:
            assert kit.activity(form).title not in html, sheet.name
    # the plan as run still says the forms were used
    plan = report.split("What was run against the plan", 1)[1].split("<h3", 1)[0]
    assert kit.activity("knowledge-check").title in plan
