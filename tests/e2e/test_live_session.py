"""A case study run end to end in Chromium: board, three groups, reveal, reload, restart."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SCENARIO = "nail-bar"
SCENARIO_LABEL = "Case study: The practice nurse appointment (30 min)"


def _join(browser, live, code):
    context = browser.new_context(viewport={"width": 480, "height": 900})
    page = context.new_page()
    page.goto(f"{live.lan_url}?code={code}")
    expect(page.locator(".mskit-group-page")).to_be_visible(timeout=60_000)
    return page


def _signs(page):
    return page.locator(".mskit-q-s1-signs input[type=checkbox]")


def test_three_groups_work_a_case_study_from_opening_to_reveal(browser, live, kit):
    """Board creates the session; three groups join, answer, see stages and their feedback."""
    board = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    board.goto(live.board_url)
    expect(board.locator(".mskit-board")).to_be_visible(timeout=60_000)
    board.locator(".mskit-session-name input").fill("E2E session")
    board.locator(".mskit-create-session").click()
    for i in (1, 2, 3):
        board.locator(".mskit-group-label input").fill(f"Table {i}")
        board.locator(".mskit-add-group").click()
        expect(board.locator(".mskit-join-card")).to_have_count(i, timeout=10_000)
    codes = [c.strip() for c in board.locator(".mskit-code").all_inner_texts()]
    groups = [_join(browser, live, code) for code in codes]
    for g in groups:
        expect(g.get_by_text("Waiting for the facilitator")).to_be_visible(timeout=15_000)

    board.locator(".mskit-activity-pick select").select_option(label=SCENARIO_LABEL)
    board.locator(".mskit-open").click()
    for g in groups:
        expect(_signs(g).first).to_be_visible(timeout=15_000)
        expect(g.locator(".mskit-q-s2-who")).to_have_count(0)

    # each group picks differently; the board shows each save within a second or two
    for n, g in enumerate(groups):
        _signs(g).nth(n).check()
        expect(g.locator(".mskit-q-s1-signs.mskit-answer")).to_have_attribute(
            "data-saved", "yes", timeout=10_000
        )
    live_table = board.locator(".mskit-groups-live")
    for i in (1, 2, 3):
        expect(live_table.locator("tr", has_text=f"Table {i}")).to_contain_text(
            "1 of 2", timeout=3_000
        )

    board.locator(".mskit-release").click()
    for g in groups:
        expect(g.locator(".mskit-q-s2-who")).to_be_visible(timeout=10_000)

    board.locator(".mskit-reveal").click()
    for g in groups:
        expect(g.get_by_text(re.compile("Your mark")).first).to_be_visible(timeout=10_000)
        expect(_signs(g).first).to_be_disabled()

    # a reloaded group page has its answers back
    groups[1].reload()
    expect(_signs(groups[1]).nth(1)).to_be_checked(timeout=60_000)
    expect(_signs(groups[1]).nth(0)).not_to_be_checked()


def test_participant_server_refuses_the_board_and_files(live):
    """Only the group page is served on the room's network: no board, no files, no tree."""
    for path in (
        "board",
        "notebooks/live/board/board.ipynb",
        "voila/tree",
        "voila/files/group.ipynb",
        "voila/render/board.ipynb",
        "voila/files/../../../../catalogue/actions.yaml",
    ):
        status, body = live.get(live.lan_url + path)
        assert status in (403, 404), (path, status)
        assert "Facilitator board" not in body and "mskit-board" not in body


def test_board_is_not_on_the_room_network(live):
    """The board listens on 127.0.0.1 only (not on the participant port's addresses)."""
    import socket

    with socket.socket() as s:
        s.settimeout(2)
        assert s.connect_ex(("127.0.0.1", live.board_port)) == 0
    from mskit.serve.launcher import board_spec

    assert board_spec(live.board_port, None, {}).host == "127.0.0.1"


def test_wrong_join_code_gets_a_clear_page_and_writes_nothing(browser, live):
    """A wrong code shows a clear message and leaves no trace in the store but the count
    of wrong codes for the facilitator."""
    store = live.store()
    before = {s.id: len(store.log_entries(s.id)) for s in store.list_sessions()}
    if before:
        before[store.list_sessions()[0].id] += 1
    page = _join(browser, live, "WRONG-CODE")
    expect(page.get_by_text(re.compile("does not match any group"))).to_be_visible()
    expect(page.get_by_label("Join code")).to_be_visible()
    after = {s.id: len(store.log_entries(s.id)) for s in store.list_sessions()}
    assert before == after


def test_no_answer_key_in_html_or_websocket_before_reveal(browser, live, kit):
    """Before the reveal neither the page nor its websocket frames carry the answer key."""
    store = live.store()
    session = store.create_session("Key check", programme_id="awareness-session")
    group = store.add_group(session.id, "Table K")
    store.open_activity(session.id, SCENARIO)
    store.release_stage(session.id, SCENARIO, 3)
    frames: list[str] = []
    context = browser.new_context()
    page = context.new_page()
    page.on(
        "websocket",
        lambda ws: ws.on(
            "framereceived",
            lambda payload: frames.append(
                payload if isinstance(payload, str) else payload.decode("utf-8", "replace")
            ),
        ),
    )
    page.goto(f"{live.lan_url}?code={group.join_code}")
    expect(page.locator(".mskit-q-s1-signs")).to_be_visible(timeout=60_000)
    scenario = kit.scenarios[SCENARIO]
    secrets = [q.rationale for st in scenario.stages for q in st.questions]
    secrets += [scenario.facilitator_notes]
    seen = page.content() + "".join(frames)
    for secret in secrets:
        assert secret[:80] not in seen
    store.reveal_activity(session.id, SCENARIO)
    expect(page.get_by_text(re.compile("Your mark")).first).to_be_visible(timeout=10_000)
    assert any(secrets[0][:60] in f for f in frames) or secrets[0][:60] in page.content()
