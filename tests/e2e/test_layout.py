"""Every page state, looked at as a person would at 320, 390, 768, 1366 and 1920 px:
no overlapping text, no target under 24×24 px, no clipped control text, no sideways
scroll; a screenshot of each state and width is kept as a test artefact. axe (with
colour contrast) checks the board and the projector view."""

from __future__ import annotations

import random

import pytest
from playwright.sync_api import expect

from mskit.content import load_kit
from mskit.demo import simulated_answer
from mskit.live import actions
from mskit.scoring.activity import questions_of

from .layout import look, serious_axe_violations

pytestmark = pytest.mark.browser

BOARD = (1366, 1920, 768)
"""The board is a laptop page; it must still read on a tablet."""


def _answer_some(store, kit, session_id, group, activity_id):
    """A realistic, part-answered page: simulated answers to every question and a long
    free-text answer."""
    rng = random.Random(7)
    for _stage, q in questions_of(kit.activity(activity_id)):
        if q.type == "free_text":
            value = "We would speak to her alone, with a professional interpreter. " * 3
        else:
            value = simulated_answer(rng, q, "partly")
        if value not in (None, ""):
            store.save_answer(session_id, group.id, activity_id, q.id, value)


@pytest.fixture(scope="module")
def states(live):
    """One session per page state, all made in the store before any page opens; the board's
    session is made last so that it is the one the board opens."""
    kit = load_kit()
    store = live.store()
    out = {}

    def room(name, activity=None, stages=None):
        s = store.create_session(f"Layout: {name}", programme_id="awareness-session")
        g = store.add_group(s.id, "Table 1", ["police", "health", "local-authority"])
        if activity:
            actions.open_activity(store, kit, s.id, activity, "pre")
            for _ in range((stages or 1) - 1):
                actions.release_next(store, kit, s.id, activity)
        out[name] = (s, g)
        return s, g

    room("waiting")
    for activity in ("flat-sexual-exploitation", "domestic-servitude", "cannabis-farm"):
        room(activity, activity, 9)
    s, g = room("feedback", "flat-sexual-exploitation", 9)
    _answer_some(store, kit, s.id, g, "flat-sexual-exploitation")
    actions.reveal_all(store, s.id, "flat-sexual-exploitation")
    for activity in ("who-does-what", "trafficking-slavery-or-smuggling", "knowledge-check",
                     "session-feedback"):  # fmt: skip
        room(activity, activity)
    s, g = room("board", "flat-sexual-exploitation", 2)
    store.add_group(s.id, "Table 2 — mixed agencies", ["police", "health"])
    _answer_some(store, kit, s.id, g, "flat-sexual-exploitation")
    actions.show_code(store, s.id, g.id)
    return out


def _group_page(browser, live, code=None):
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(live.lan_url + (f"?code={code}" if code else ""))
    return page


def _assert_reads_well(page, name, widths=None):
    found = look(page, name, widths) if widths else look(page, name)
    assert found == {}, f"{name}: " + "\n".join(
        f"{w}px: {p}" for w, ps in found.items() for p in ps
    )


def test_join_page_reads_well(browser, live):
    """The join form (no code) at every width."""
    page = _group_page(browser, live)
    expect(page.locator(".mskit-code-input input")).to_be_visible(timeout=60_000)
    _assert_reads_well(page, "group-join")


def test_wrong_code_page_reads_well(browser, live):
    """A wrong code's message and the join form at every width."""
    page = _group_page(browser, live, "NOT-A-CODE")
    expect(page.get_by_text("does not match any group")).to_be_visible(timeout=60_000)
    _assert_reads_well(page, "group-wrong-code")


def test_waiting_page_reads_well(browser, live, states):
    """The waiting screen before anything is open."""
    page = _group_page(browser, live, states["waiting"][1].join_code)
    expect(page.get_by_text("Waiting for the facilitator")).to_be_visible(timeout=60_000)
    _assert_reads_well(page, "group-waiting")


@pytest.mark.parametrize(
    "activity",
    ["flat-sexual-exploitation", "domestic-servitude", "cannabis-farm", "who-does-what",
     "trafficking-slavery-or-smuggling"],
)  # fmt: skip
def test_every_question_type_reads_well(browser, live, states, activity):
    """Case studies and exercises with every question type, all parts released."""
    page = _group_page(browser, live, states[activity][1].join_code)
    expect(page.locator(".mskit-answer").first).to_be_visible(timeout=60_000)
    _assert_reads_well(page, f"group-{activity}")


def test_feedback_after_the_reveal_reads_well(browser, live, states):
    """The group's own feedback after the reveal, with a model answer folded open."""
    page = _group_page(browser, live, states["feedback"][1].join_code)
    expect(page.locator(".mskit-feedback-summary").first).to_be_visible(timeout=60_000)
    page.locator(".mskit-feedback details summary").first.click()
    _assert_reads_well(page, "group-feedback")


@pytest.mark.parametrize("form", ["knowledge-check", "session-feedback"])
def test_individual_forms_read_well(browser, live, states, form):
    """An individual form: the personal-code screen, then its questions."""
    page = _group_page(browser, live, states[form][1].join_code)
    start = page.locator(".mskit-respondent-new")
    expect(start).to_be_visible(timeout=60_000)
    _assert_reads_well(page, f"form-{form}-code")
    start.click()
    expect(page.locator(".mskit-answer").first).to_be_visible(timeout=15_000)
    _assert_reads_well(page, f"form-{form}-questions")


def test_board_reads_well_and_passes_axe(browser, live, states):
    """The facilitator board with groups, an open case study, answers and marking."""
    page = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    page.goto(live.board_url)
    expect(page.locator(".mskit-chart").first).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Layout: board")).to_be_visible()
    _assert_reads_well(page, "board", BOARD)
    page.set_viewport_size({"width": 1366, "height": 768})
    assert serious_axe_violations(page) == []


def test_projector_view_reads_well_and_passes_axe(browser, live, states):
    """The projector view (in place of the controls): one code, the activity, charts."""
    page = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    page.goto(live.board_url)
    expect(page.locator(".mskit-chart").first).to_be_visible(timeout=60_000)
    page.locator(".mskit-projector-toggle").click()
    view = page.locator(".mskit-projector-view")
    expect(view).to_be_visible()
    _s, g = states["board"]
    expect(view).to_contain_text(g.join_code)
    expect(page.locator(".mskit-open")).to_have_count(0)
    _assert_reads_well(page, "projector", (1920, 1366, 1024, 768))
    page.set_viewport_size({"width": 1920, "height": 1080})
    assert serious_axe_violations(page) == []


def test_projector_window_after_a_reveal_reads_well(browser, live, states):
    """The projector in its own window after part 1 is revealed: the key's bars marked."""
    kit = load_kit()
    s, _g = states["board"]
    store = live.store()
    actions.reveal_stage(store, kit, s.id, "flat-sexual-exploitation")
    page = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    page.goto(live.board_at(f"view=projector&session={s.id}"))
    expect(page.locator(".mskit-bar-key").first).to_be_visible(timeout=60_000)
    _assert_reads_well(page, "projector-revealed", (1920, 1366, 1024))
    assert serious_axe_violations(page) == []
