"""axe-core finds no serious or critical accessibility problems on the board or group page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .layout import serious_axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def running_case(live):
    store = live.store()
    session = store.create_session("Accessibility check", programme_id="awareness-session")
    group = store.add_group(session.id, "Table A", ["police", "health"])
    store.open_activity(session.id, "nail-bar")
    store.release_stage(session.id, "nail-bar", 3)
    return group


def test_group_page_has_no_serious_violations(browser, live, running_case):
    """The group page with every question type of a case study passes axe."""
    page = browser.new_context().new_page()
    page.goto(f"{live.lan_url}?code={running_case.join_code}")
    expect(page.locator(".mskit-q-s1-signs")).to_be_visible(timeout=60_000)
    assert serious_axe_violations(page) == []


def test_join_page_has_no_serious_violations(browser, live):
    """The join page (no or wrong code) passes axe."""
    page = browser.new_context().new_page()
    page.goto(live.lan_url)
    expect(page.get_by_label("Join code")).to_be_visible(timeout=60_000)
    assert serious_axe_violations(page) == []


def test_board_has_no_serious_violations(browser, live, running_case):
    """The facilitator board with a session, groups and an open case study passes axe."""
    page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    page.goto(live.board_url)
    expect(page.locator(".mskit-groups-live")).to_be_visible(timeout=60_000)
    assert serious_axe_violations(page) == []


def test_evaluation_form_has_no_serious_violations(browser, live):
    """The individual knowledge check (code entry and questions) passes axe."""
    store = live.store()
    session = store.create_session("Accessibility evaluation")
    group = store.add_group(session.id, "Table E")
    store.open_activity(session.id, "knowledge-check")
    page = browser.new_context().new_page()
    page.goto(f"{live.lan_url}?code={group.join_code}")
    expect(page.locator(".mskit-respondent-new")).to_be_visible(timeout=60_000)
    assert serious_axe_violations(page) == []
    page.locator(".mskit-respondent-new").click()
    expect(page.locator(".mskit-question").first).to_be_visible(timeout=10_000)
    assert serious_axe_violations(page) == []
