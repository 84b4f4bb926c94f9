"""The SCORM 1.2 package run inside a real SCORM 1.2 runtime (scorm-again) in Chromium:
what the runtime records (status, score, suspend data, resume, finish) and no request
leaving the machine."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
import zipfile
from xml.etree import ElementTree

import pytest
from playwright.sync_api import expect

from mskit.content.questions import PASS
from mskit.elearning import build
from mskit.elearning.course import select_activities

from .conftest import SCORM_AGAIN, needs_chromium, needs_scorm_again
from .learner import course_answers, expected_percent, fill

HOST = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<script src="scorm12.js"></script>
<script>
window.calls = [];
window.API = new Scorm12API({autocommit: false, logLevel: 5});
var prior = location.hash.length > 1 ? JSON.parse(decodeURIComponent(location.hash.slice(1))) : null;
if (prior) window.API.loadFromJSON(prior);
["LMSInitialize", "LMSFinish", "LMSCommit", "LMSSetValue", "LMSGetValue"].forEach(function (m) {
  var f = window.API[m].bind(window.API);
  window.API[m] = function () {
    var args = Array.prototype.slice.call(arguments);
    window.calls.push([m].concat(args));
    return f.apply(null, args);
  };
});
</script></head>
<body><iframe id="sco" title="course" src="sco/index.html" style="width:100%;height:95vh"></iframe></body></html>
"""


@pytest.fixture(scope="module")
def lms(tmp_path_factory, kit):
    """The default course's zip unpacked under a local web server beside an LMS page."""
    out = tmp_path_factory.mktemp("elearning")
    built = build(kit, out / "build")
    root = out / "lms"
    (root / "sco").mkdir(parents=True)
    with zipfile.ZipFile(built.scorm_zip) as zf:
        zf.extractall(root / "sco")
    if SCORM_AGAIN.exists():
        shutil.copyfile(SCORM_AGAIN, root / "scorm12.js")
    (root / "host.html").write_text(HOST, encoding="utf-8")
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{server.server_address[1]}/host.html", "built": built}
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


def test_zip_has_a_scorm12_manifest_at_its_root(kit, tmp_path):
    """The zip holds imsmanifest.xml at its root: SCORM 1.2, one SCO launching index.html,
    the mastery score, and every file of the package listed."""
    built = build(kit, tmp_path, mastery=75, title="Awareness & <practice>")
    with zipfile.ZipFile(built.scorm_zip) as zf:
        names = set(zf.namelist())
        manifest = zf.read("imsmanifest.xml").decode()
    assert {"imsmanifest.xml", "index.html", "scoring.js", "course.js", "course.css"} <= names
    root = ElementTree.fromstring(manifest)
    ns = {
        "c": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    }
    assert root.find("c:metadata/c:schemaversion", ns).text == "1.2"
    resources = root.findall("c:resources/c:resource", ns)
    assert len(resources) == 1
    sco = resources[0]
    assert sco.get("href") == "index.html"
    assert sco.get("{http://www.adlnet.org/xsd/adlcp_rootv1p2}scormtype") == "sco"
    listed = {f.get("href") for f in sco.findall("c:file", ns)}
    assert listed == names - {"imsmanifest.xml"}
    assert root.find(".//adlcp:masteryscore", ns).text == "75"
    assert root.find(".//c:organization/c:title", ns).text == "Awareness & <practice>"


def _frame(page):
    return page.frame_locator("#sco")


def _cmi(page) -> dict:
    return page.evaluate("JSON.parse(JSON.stringify(window.API.cmi))")


def _visible(frame):
    return frame.locator("section.screen:not([hidden])")


def _answer_screen(frame, answers) -> str:
    """Answer every question on the shown screen; press its button; return the label."""
    section = _visible(frame)
    for key in section.locator(".question").evaluate_all("els => els.map(e => e.dataset.key)"):
        q, a, _phase = answers[key]
        fill(section.locator(f'.question[data-key="{key}"]'), q, a)
    for label in ("Next", "Check"):
        btn = section.get_by_role("button", name=label, exact=True)
        if btn.is_visible():
            btn.click()
            return label
    raise AssertionError("no Next or Check button on a question screen")


def _step(frame, answers) -> str:
    """Move one step: answer and Check (then Next or Finish), or Start."""
    section = _visible(frame)
    kind = section.get_attribute("data-kind")
    if kind in ("start", "intro"):
        section.get_by_role("button", name="Start").click()
        return "Start"
    label = _answer_screen(frame, answers)
    if label == "Check":
        expect(section.locator(".feedback").first).to_be_visible()
        for name in ("Next", "Finish"):
            btn = section.get_by_role("button", name=name, exact=True)
            if btn.is_visible():
                btn.click()
                return name
    return label


@needs_chromium
@needs_scorm_again
def test_scorm_runtime_records_status_score_resume_and_finish(browser, lms, kit):
    """In scorm-again: LMSInitialize first, 'incomplete' on a first visit, suspend data
    (at most 4,096 characters) committed after each step, LMSFinish when the window closes
    halfway, the same place on coming back with entry=resume, then on Finish the score the
    Python scorers give, 'passed'/'failed' against the mastery score, the session time, and
    LMSFinish; every request goes to 127.0.0.1."""
    parts = select_activities(kit)
    answers = course_answers(parts)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.goto(lms["url"])
    frame = _frame(page)
    expect(_visible(frame).locator("h1")).to_contain_text("self-paced course")
    calls = page.evaluate("window.calls")
    assert calls[0][0] == "LMSInitialize"
    assert page.evaluate("API.cmi.core.lesson_status") == "incomplete"

    n_screens = frame.locator("section.screen").count()
    for _ in range(n_screens // 2):
        before = page.evaluate("window.calls.length")
        _step(frame, answers)
        new = page.evaluate("window.calls")[before:]
        assert ["LMSCommit", ""] in new, "progress is committed after every step"
        assert any(c[:2] == ["LMSSetValue", "cmi.suspend_data"] for c in new)
    where = _visible(frame).locator("h1").inner_text()
    saved = page.evaluate("API.cmi.suspend_data")
    assert 0 < len(saved) <= 4096

    # Close the course's window halfway (the LMS page stays to read what was recorded).
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_function("window.calls.some(c => c[0] === 'LMSFinish')")
    cmi = _cmi(page)
    assert cmi["core"]["exit"] == "suspend"
    assert cmi["core"]["lesson_status"] == "incomplete"
    assert re.fullmatch(r"\d{2,4}:\d\d:\d\d", cmi["core"]["session_time"])
    assert len(cmi["suspend_data"]) <= 4096

    # Come back: the LMS hands the saved data back with entry=resume.
    prior = {
        "suspend_data": cmi["suspend_data"],
        "core": {
            "entry": "resume",
            "lesson_status": cmi["core"]["lesson_status"],
            "lesson_location": cmi["core"]["lesson_location"],
        },
    }
    page2 = context.new_page()
    page2.goto(lms["url"] + "#" + json.dumps(prior))
    frame2 = _frame(page2)
    expect(_visible(frame2).locator("h1")).to_have_text(where)
    assert page2.evaluate("window.calls[0][0]") == "LMSInitialize"
    for _ in range(n_screens):
        if _step(frame2, answers) == "Finish":
            break
    expect(_visible(frame2).locator("h1")).to_contain_text("finished")
    page2.wait_for_function("window.calls.some(c => c[0] === 'LMSFinish')")
    cmi = _cmi(page2)
    want = expected_percent(answers, kit)
    assert cmi["core"]["score"]["raw"] == str(want)
    assert (cmi["core"]["score"]["min"], cmi["core"]["score"]["max"]) == ("0", "100")
    assert cmi["core"]["lesson_status"] == ("passed" if want >= 80 else "failed")
    assert re.fullmatch(r"\d{2,4}:\d\d:\d\d", cmi["core"]["session_time"])
    assert len(cmi["suspend_data"]) <= 4096
    calls = page2.evaluate("window.calls")
    names = [c[0] for c in calls]
    assert names[0] == "LMSInitialize" and names.count("LMSInitialize") == 1
    assert names[-2:] == ["LMSCommit", "LMSFinish"], "commit, then finish, then nothing"
    score_at = next(i for i, c in enumerate(calls) if c[1:2] == ["cmi.core.score.raw"])
    assert score_at < len(calls) - 2
    assert f"{want}%" in _visible(frame2).locator("#result").inner_text()

    origin = lms["url"].rsplit("/", 1)[0]
    outside = [u for u in requests if not u.startswith(origin) and u != "about:blank"]
    assert outside == [], outside
    context.close()


@needs_chromium
@needs_scorm_again
def test_full_marks_pass_and_objectives_hold_before_and_after(browser, lms, kit):
    """A learner who passes every question of the first knowledge check and then gives
    every model answer passes with 100; the knowledge check before and after is recorded
    as two objectives (0 and 100) and shown on the finish page."""
    parts = select_activities(kit)
    answers = course_answers(parts)
    from mskit.scoring import model_answer

    perfect = {
        k: (q, model_answer(q) if q.type not in ("free_text", "open_text") else "Refer it.", ph)
        for k, (q, _a, ph) in answers.items()
    }
    for k, (q, _a, ph) in answers.items():
        if q.type == "rating":
            perfect[k] = (q, q.scale_max, ph)
        elif ph == "before":
            perfect[k] = (q, PASS if q.type == "single_choice" else [PASS], ph)
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(lms["url"])
    frame = _frame(page)
    n_screens = frame.locator("section.screen").count()
    for _ in range(n_screens):
        if _step(frame, perfect) == "Finish":
            break
    page.wait_for_function("window.calls.some(c => c[0] === 'LMSFinish')")
    cmi = _cmi(page)
    assert cmi["core"]["score"]["raw"] == "100"
    assert cmi["core"]["lesson_status"] == "passed"
    objectives = [cmi["objectives"][str(n)] for n in range(len(cmi["objectives"]))]
    assert [o["id"] for o in objectives] == ["knowledge-check-before", "knowledge-check-after"]
    assert [o["score"]["raw"] for o in objectives] == ["0", "100"]
    text = _visible(frame).locator("#before-after").inner_text()
    assert "0% at the start, 100% at the end" in text
    context.close()
