"""Nothing is lost when the server stops: pages say so, and a restart resumes the session."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import LiveServer

pytestmark = pytest.mark.browser


def test_server_restart_loses_no_answer_and_the_page_says_it_lost_connection(browser, tmp_path):
    """Stop the server mid-session: the page shows the lost connection; after a restart it
    reloads by itself and has the group's answers back."""
    live = LiveServer(tmp_path / "data")
    live.start()
    try:
        store = live.store()
        session = store.create_session("Restart check")
        group = store.add_group(session.id, "Table R")
        store.open_activity(session.id, "nail-bar")
        store.release_stage(session.id, "nail-bar", 1)
        page = browser.new_context().new_page()
        page.goto(f"{live.lan_url}?code={group.join_code}")
        boxes = page.locator(".mskit-q-s1-signs input[type=checkbox]")
        expect(boxes.first).to_be_visible(timeout=60_000)
        boxes.nth(2).check()
        expect(page.locator(".mskit-q-s1-signs.mskit-answer")).to_have_attribute(
            "data-saved", "yes", timeout=10_000
        )
        expect(page.locator(".mskit-connection")).to_have_attribute("data-state", "ok")
        page.evaluate("() => { window.mskitBeforeRestart = true; }")
        live.stop()
        expect(page.locator(".mskit-connection")).to_contain_text("Connection lost", timeout=20_000)
        live.start()
        # nobody touches the page: it reloads by itself once the kit answers again
        page.wait_for_function("() => window.mskitBeforeRestart === undefined", timeout=90_000)
        expect(boxes.nth(2)).to_be_checked(timeout=60_000)
        board = browser.new_context().new_page()
        board.goto(live.board_url)
        expect(board.get_by_text("Restart check").first).to_be_visible(timeout=60_000)
    finally:
        live.stop()
