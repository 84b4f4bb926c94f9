"""The room as people see it, in Chromium: a facilitator at 1366×768, the projector at
1920×1080, three phones and a tablet through the knowledge check, a case study part by
part with a reveal per part, and the feedback form; every request stays on the laptop.
Then the regressions a person found: a tap on an option's second line, typing then
reloading at once, a typed join reloaded, two people with one personal code."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from mskit.content import load_kit
from mskit.live import actions
from mskit.live.board_data import programme_activities

from .layout import ARTEFACTS

pytestmark = pytest.mark.browser

LOCAL = {"127.0.0.1", "localhost"}
SHOTS = ARTEFACTS.parent / "room"


class Room:
    """Browser contexts that note every request and websocket they open."""

    def __init__(self, browser) -> None:
        self.browser = browser
        self.urls: list[str] = []

    def page(self, width: int, height: int):
        context = self.browser.new_context(viewport={"width": width, "height": height})
        context.on("request", lambda r: self.urls.append(r.url))
        page = context.new_page()
        page.on("websocket", lambda ws: self.urls.append(ws.url))
        return page

    def left_the_laptop(self) -> list[str]:
        return [u for u in self.urls if urlparse(u).hostname not in LOCAL and
                not u.startswith(("data:", "blob:", "about:"))]  # fmt: skip


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def _label(kit, activity_id: str) -> str:
    return dict((a, label) for label, a in programme_activities(kit, None))[activity_id]


def _open(board, kit, activity_id: str) -> None:
    board.locator(".mskit-activity-pick select").select_option(label=_label(kit, activity_id))
    board.locator(".mskit-open").click()


def _answer_form(page, resume: bool = False) -> str:
    """One person on their own phone: take a code (or carry on under the one this phone
    was given earlier), answer the first question, finish; return the code."""
    if resume:
        expect(page.get_by_text("personal code from earlier")).to_be_visible(timeout=15_000)
    else:
        page.locator(".mskit-respondent-new").click()
    first = page.locator(".mskit-answer").first
    expect(first).to_be_visible(timeout=15_000)
    first.locator("label.mskit-choice").first.click()
    expect(first).to_have_attribute("data-saved", "yes", timeout=10_000)
    code = page.locator(".mskit-your-code .mskit-code").first.inner_text().strip()
    page.locator(".mskit-respondent-finish").click()
    return code


def test_a_room_through_a_whole_session(browser, live):
    """Board, projector, three phones and a tablet: join by code, knowledge check, a case
    study part by part, feedback form; no key on the projector before a reveal; every
    request to 127.0.0.1."""
    kit = load_kit()
    room = Room(browser)
    board = room.page(1366, 768)
    board.goto(live.board_url)
    expect(board.locator(".mskit-board")).to_be_visible(timeout=60_000)
    board.locator(".mskit-session-name input").fill("Room flow")
    board.locator(".mskit-create-session").click()
    agencies = ("police", "health", "local-authority", "police")
    for i, agency in enumerate(agencies, start=1):
        board.locator(".mskit-group-label input").fill(f"Table {i}")
        board.locator(f".mskit-agency-{agency} input").check()
        board.locator(".mskit-add-group").click()
        expect(board.locator(".mskit-join-card-box")).to_have_count(i, timeout=10_000)
    projector = room.page(1920, 1080)
    projector.goto(live.board_at("view=projector"))
    expect(projector.locator(".mskit-projector-view")).to_be_visible(timeout=60_000)
    expect(projector.locator(".mskit-projector-code")).to_have_count(0)

    # each table's code in turn on the projector; three phones scan it, the tablet types it
    devices = [room.page(390, 844) for _ in range(3)] + [room.page(768, 1024)]
    for i, device in enumerate(devices):
        board.locator(".mskit-join-card-box").nth(i).get_by_role(
            "button", name="Show on the projector"
        ).click()
        shown = projector.locator(".mskit-projector-code .mskit-code")
        expect(projector.locator(".mskit-projector-code h2")).to_have_text(f"Table {i + 1}")
        code = shown.inner_text().strip()
        assert projector.locator(".mskit-projector-code").count() == 1
        if i < 3:
            device.goto(f"{live.lan_url}?code={code}")
        else:
            device.goto(live.lan_url)
            device.locator(".mskit-code-input input").fill(code)
            device.locator(".mskit-join").click()
            expect(device.get_by_text("Waiting for the facilitator")).to_be_visible(timeout=15_000)
            device.reload()  # a typed join stays joined
        expect(device.get_by_text("Waiting for the facilitator")).to_be_visible(timeout=60_000)
        expect(device.locator(".mskit-group-header h1")).to_have_text(f"Table {i + 1}")
    _shot(projector, "projector-code")
    board.locator(".mskit-hide-code").click()
    expect(projector.locator(".mskit-projector-code")).to_have_count(0)

    # the knowledge check, before: each person on their own
    _open(board, kit, "knowledge-check")
    codes = []
    for device in devices:
        expect(device.locator(".mskit-respondent-new")).to_be_visible(timeout=15_000)
        codes.append(_answer_form(device))
    assert len(set(codes)) == 4
    expect(projector.locator(".mskit-projector-people")).to_contain_text("4 people", timeout=10_000)
    _shot(projector, "projector-knowledge-check")

    # a case study, part by part
    scenario = kit.scenarios["nail-bar"]
    secrets = [q.rationale[:60] for st in scenario.stages for q in st.questions]
    secrets += [scenario.facilitator_notes[:60]]
    _open(board, kit, "nail-bar")
    for n, device in enumerate(devices):
        signs = device.locator(".mskit-q-s1-signs label.mskit-choice")
        expect(signs.first).to_be_visible(timeout=15_000)
        signs.nth(n).click()
        expect(device.locator(".mskit-q-s1-signs.mskit-answer")).to_have_attribute(
            "data-saved", "yes", timeout=10_000
        )
    devices[0].locator(".mskit-submit").click()
    confirm = devices[0].locator(".mskit-submit-confirm")  # part 1 has a question left blank
    expect(confirm).to_be_visible(timeout=10_000)
    confirm.click()
    expect(projector.locator(".mskit-projector-progress")).to_contain_text("1 of 4", timeout=10_000)
    expect(projector.locator(".mskit-bar-row").first).to_be_visible()
    text = projector.content()
    assert projector.locator(".mskit-bar-key").count() == 0
    assert "(model answer)" not in projector.inner_text("body")
    assert not any(s in text for s in secrets)
    _shot(projector, "projector-part-1")
    _shot(board, "board-part-1")

    board.locator(".mskit-reveal-part").click()
    for device in devices:
        expect(device.locator(".mskit-feedback-summary").first).to_be_visible(timeout=10_000)
    expect(projector.locator(".mskit-bar-key").first).to_be_visible(timeout=10_000)
    _shot(devices[0], "phone-part-1-revealed")
    board.locator(".mskit-release").click()
    for device in devices:
        expect(device.locator(".mskit-q-s2-who")).to_be_visible(timeout=10_000)
    expect(devices[0].locator(".mskit-submit")).to_be_enabled()  # "Submitted" cleared
    text = projector.content()
    later = [q.rationale[:60] for st in scenario.stages[1:] for q in st.questions]
    assert not any(s in text for s in later)
    for part in range(3, len(scenario.stages) + 1):
        expect(board.locator(".mskit-release")).to_have_text(f"Release part {part}")
        board.locator(".mskit-release").click()
    expect(board.locator(".mskit-release")).to_be_disabled()
    board.locator(".mskit-reveal").click()
    for device in devices:
        expect(device.locator(".mskit-answer-disabled").first).to_be_visible(timeout=10_000)

    # the feedback form
    _open(board, kit, "session-feedback")
    for device, code in zip(devices, codes, strict=True):
        assert _answer_form(device, resume=True) == code  # each phone keeps its person
    expect(projector.locator(".mskit-projector-people")).to_contain_text("4 people", timeout=10_000)

    store = live.store()
    session = next(s for s in store.list_sessions() if s.name == "Room flow")
    pre = {r.respondent_code for r in store.evaluation_responses(session.id, "knowledge-check")}
    assert len(pre) == 4
    assert room.left_the_laptop() == []


def _phone_on(browser, live, activity_id: str, stages: int = 1, width: int = 320):
    kit = load_kit()
    store = live.store()
    s = store.create_session(f"Regression {activity_id}", programme_id="awareness-session")
    g = store.add_group(s.id, "Table R", ["police"])
    actions.open_activity(store, kit, s.id, activity_id)
    for _ in range(stages - 1):
        actions.release_next(store, kit, s.id, activity_id)
    page = browser.new_context(viewport={"width": width, "height": 700}).new_page()
    page.goto(f"{live.lan_url}?code={g.join_code}")
    return page, store, s, g


def test_a_tap_on_an_options_second_line_records_that_option(browser, live):
    """On a 320 px phone a long option wraps inside its own row; a tap on its last line
    records that option, not the next one."""
    page, store, s, g = _phone_on(browser, live, "nail-bar")
    rows = page.locator(".mskit-q-s1-interpreter label.mskit-choice")
    expect(rows.first).to_be_visible(timeout=60_000)
    heights = [rows.nth(i).bounding_box()["height"] for i in range(rows.count())]
    tallest = heights.index(max(heights))
    assert max(heights) > 60  # it really wraps
    rows.nth(tallest).scroll_into_view_if_needed()
    box = rows.nth(tallest).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] - 10)
    chosen = rows.nth(tallest).get_attribute("data-choice")
    expect(page.locator(".mskit-q-s1-interpreter input:checked")).to_have_count(1)
    expect(page.locator(".mskit-q-s1-interpreter.mskit-answer")).to_have_attribute(
        "data-saved", "yes", timeout=10_000
    )
    (answer,) = [a for a in store.latest_answers(s.id, g.id) if a.question_id == "s1-interpreter"]
    assert answer.value == chosen


def test_typed_text_survives_a_reload_before_leaving_the_box(browser, live):
    """Text typed and reloaded at once (no blur, no wait) is back after the reload."""
    kit = load_kit()
    free = next(q for st in kit.scenarios["nail-bar"].stages for q in st.questions
                if q.type == "free_text")  # fmt: skip
    page, store, s, g = _phone_on(browser, live, "nail-bar", stages=3, width=390)
    box = page.locator(f".mskit-q-{free.id} textarea")
    expect(box).to_be_visible(timeout=60_000)
    box.click()
    page.keyboard.type("Speak to her alone first")
    page.reload()
    box = page.locator(f".mskit-q-{free.id} textarea")
    expect(box).to_have_value("Speak to her alone first", timeout=60_000)
    expect(page.locator(f".mskit-q-{free.id}.mskit-answer")).to_have_attribute(
        "data-saved", "yes", timeout=10_000
    )
    stored = {a.question_id: a.value for a in store.latest_answers(s.id, g.id)}
    assert stored[free.id] == "Speak to her alone first"


def test_two_people_with_one_personal_code_are_never_merged(browser, live):
    """A second phone typing someone's personal code neither sees nor changes their answers."""
    first, store, s, g = _phone_on(browser, live, "knowledge-check", width=390)
    expect(first.locator(".mskit-respondent-new")).to_be_visible(timeout=60_000)
    _answer_form(first)
    code = first.locator(".mskit-your-code .mskit-code").inner_text().strip()
    second = browser.new_context(viewport={"width": 390, "height": 700}).new_page()
    second.goto(f"{live.lan_url}?code={g.join_code}")
    second.locator(".mskit-respondent-code input").fill(code.lower())
    second.locator(".mskit-respondent-start").click()
    expect(
        second.get_by_text(re.compile("already answering this form on another device"))
    ).to_be_visible(timeout=15_000)
    given = second.locator(".mskit-your-code .mskit-code").inner_text().strip()
    assert given and given != code
    answers = [
        r for r in store.evaluation_responses(s.id, "knowledge-check") if r.respondent_code == code
    ]
    assert len(answers) == 1
