"""The web build opened from a file on a phone-sized window, completed by keyboard alone:
axe finds nothing serious, no sideways scroll or overlap at 320 px, targets of at least
24 px, progress kept in the browser, screenshots kept as test artefacts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from mskit.elearning.course import select_activities

from .conftest import needs_chromium
from .learner import course_answers, expected_percent, keyboard_fill, tab_to

ACTIVITIES = ["county-lines", "who-does-what", "trafficking-slavery-or-smuggling"]
WIDTHS = (320, 390, 1366)
SHOWN = "section.screen:not([hidden])"

LAYOUT = """() => {
  const problems = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth) {
    problems.push(`sideways scroll: ${doc.scrollWidth} > ${doc.clientWidth}`);
  }
  const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden";
  const controls = [...document.querySelectorAll("button, input, select, textarea, summary, a[href]")]
    .filter((e) => shown(e) && !e.classList.contains("skip"));
  const rects = controls.map((e) => [e, e.getBoundingClientRect()]);
  for (const [e, r] of rects) {
    if (r.width < 24 || r.height < 24) {
      problems.push(`small target ${e.outerHTML.slice(0, 80)}: ${r.width}x${r.height}`);
    }
    if (r.right > doc.clientWidth + 0.5 || r.left < -0.5) {
      problems.push(`off screen ${e.outerHTML.slice(0, 80)}`);
    }
  }
  for (let i = 0; i < rects.length; i++) {
    for (let j = i + 1; j < rects.length; j++) {
      const a = rects[i][1], b = rects[j][1];
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 1 && h > 1) {
        problems.push(`overlap ${rects[i][0].outerHTML.slice(0, 60)} / ${rects[j][0].outerHTML.slice(0, 60)}`);
      }
    }
  }
  return problems;
}"""


def _serious(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture(scope="module")
def web(tmp_path_factory) -> Path:
    """A small course built with the command, as a new user would."""
    out = tmp_path_factory.mktemp("elearning-web")
    done = subprocess.run(
        [sys.executable, "-m", "mskit", "elearning", "--out", str(out), "--activities",
         ",".join(ACTIVITIES), "--title", "Awareness <course> & practice"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out / "web" / "index.html"


def _check_page(page, artefacts: Path, name: str) -> None:
    """At each width: no layout problem, a screenshot; then axe at phone width."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate(LAYOUT) == [], f"{name} at {width} px"
        page.screenshot(path=str(artefacts / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 320, "height": 640})
    assert _serious(page) == [], name


@needs_chromium
def test_web_build_completed_by_keyboard_on_a_phone(browser, web, kit, artefacts):
    """Start, every question answered by keyboard, Check, Next, Finish; the score is the
    Python scorers'; the certificate carries the typed name; the page is accessible and
    fits 320 px at each step shown; progress survives a reload; no request leaves the file."""
    answers = course_answers(select_activities(kit, ACTIVITIES))
    context = browser.new_context(viewport={"width": 320, "height": 640})
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(web.as_uri())
    expect(page.locator(f"{SHOWN} h1")).to_have_text("Awareness <course> & practice")
    assert page.evaluate("document.documentElement.dataset.store") == "local"
    _check_page(page, artefacts, "start")

    shots = {"question": False, "feedback": False}
    reloaded = False
    for _ in range(200):
        section = page.locator(SHOWN)
        kind = section.get_attribute("data-kind")
        if kind == "finish":
            break
        if kind in ("start", "intro"):
            tab_to(page, f"{SHOWN} button[data-go=start]")
            page.keyboard.press("Enter")
            continue
        keys = section.locator(".question").evaluate_all("els => els.map(e => e.dataset.key)")
        if not shots["question"]:
            _check_page(page, artefacts, "question")
            shots["question"] = True
        for key in keys:
            q, a, _phase = answers[key]
            keyboard_fill(page, f'{SHOWN} .question[data-key="{key}"]', q, a)
        button = section.locator("button[data-go=record], button[data-go=check]")
        go = button.get_attribute("data-go")
        tab_to(page, f"{SHOWN} button[data-go={go}]")
        page.keyboard.press("Enter")
        if go == "check":
            expect(section.locator(".feedback").first).to_be_visible()
            if not shots["feedback"] and section.get_attribute("data-phase") == "":
                _check_page(page, artefacts, "feedback")
                shots["feedback"] = True
            tab_to(page, f"{SHOWN} button[data-go=next]:not([hidden]), "
                   f"{SHOWN} button[data-go=finish]:not([hidden])")  # fmt: skip
            page.keyboard.press("Enter")
        if not reloaded and kind == "questions" and go == "check":
            where = page.locator(f"{SHOWN} h1").inner_text()
            page.reload()
            expect(page.locator(f"{SHOWN} h1")).to_have_text(where)
            reloaded = True
    assert page.locator(SHOWN).get_attribute("data-kind") == "finish"
    assert reloaded and all(shots.values())
    want = expected_percent(answers, kit)
    expect(page.locator("#result")).to_contain_text(f"Your score: {want}%")
    expect(page.locator("#before-after")).to_contain_text("at the start")
    tab_to(page, "#cert-name")
    page.keyboard.type("Sam <Taylor>")
    expect(page.locator("#cert-name-out")).to_have_text("Sam <Taylor>")
    _check_page(page, artefacts, "finish")
    page.emulate_media(media="print")
    page.screenshot(path=str(artefacts / "certificate-print.png"), full_page=True)
    expect(page.locator("#certificate")).to_be_visible()
    expect(page.locator("#result")).to_be_hidden()
    assert errors == []
    outside = [u for u in requests if not u.startswith("file:")]
    assert outside == [], outside
    context.close()


@needs_chromium
def test_blank_answer_is_asked_about_once(browser, web):
    """Check with nothing chosen asks once (the question says so) and moves on the
    second time; "Not sure" clears the other picks."""
    page = browser.new_context(viewport={"width": 390, "height": 800}).new_page()
    page.goto(web.as_uri())
    page.evaluate("localStorage.clear()")
    page.reload()
    page.locator(SHOWN).get_by_role("button", name="Start").click()
    page.locator(SHOWN).get_by_role("button", name="Start").click()
    first = page.locator(SHOWN).locator(".question").first
    page.locator(SHOWN).get_by_role("button", name="Next").click()
    expect(first.locator(".notice")).to_be_visible()
    expect(first.locator(".notice")).to_contain_text("not answered")
    page.locator(SHOWN).get_by_role("button", name="Next").click()
    expect(page.locator(f"{SHOWN} h1")).to_have_text("Question 2 of 12")
    page.locator(SHOWN).get_by_role("button", name="Next").click()
    page.locator(SHOWN).get_by_role("button", name="Next").click()
    multi = page.locator(SHOWN).locator(".question[data-type=multiple_choice]")
    if multi.count():
        boxes = multi.locator("input[type=checkbox]:not([data-pass])")
        boxes.first.check()
        multi.locator("input[data-pass]").check()
        assert not boxes.first.is_checked()
    page.context.close()
