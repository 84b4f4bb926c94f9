"""The room's servers refuse what a stranger could ask of them: a foreign Host or a missing
token on the board, template and theme choices, a restart asked by a page, and no kernel
stderr or traceback reaches a page. Plain HTTP and websocket probes, no browser."""

from __future__ import annotations

import asyncio
import http.client
import json
import re
import signal
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

from .conftest import LiveServer, run_async


def _request(url: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    """One GET, not following redirects."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    path = parts.path or "/"
    conn.request("GET", f"{path}?{parts.query}" if parts.query else path, headers=headers or {})
    return conn.getresponse()


def _token(live) -> str:
    return live.board_url.split("token=", 1)[1]


def test_board_refuses_a_foreign_host_even_with_the_token(live):
    """A page reached by DNS rebinding sends its own Host name: the board says 403."""
    resp = _request(live.board_url, {"Host": f"evil.example:{live.board_port}"})
    assert resp.status == 403
    assert "kernelId" not in resp.read().decode("utf-8", "replace")


def test_board_without_the_token_shows_nothing(live):
    """Without the token the board sends a browser to its login form, not the board."""
    resp = _request(live.board_base)
    assert resp.status == 302 and "/login" in resp.getheader("Location", "")


def test_the_printed_address_opens_the_board_and_a_cookie_keeps_it_open(live):
    """`mskit serve` prints the board's address with its token; the cookie it sets is
    enough for the next request (the projector window)."""
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?token=[\w-]{20,}", live.board_url)
    resp = _request(live.board_url)
    body = resp.read().decode("utf-8", "replace")
    assert resp.status == 200 and "kernelId" in body
    cookie = resp.getheader("Set-Cookie", "").split(";", 1)[0]
    assert cookie.startswith("username-")
    again = _request(live.board_base, {"Cookie": cookie})
    assert again.status == 200
    wrong = _request(f"{live.board_base}?token=not-{_token(live)}")
    assert wrong.status == 302


@pytest.mark.parametrize("query", ["template=base", "template=reveal", "theme=dark"])
def test_template_and_theme_choices_are_refused(live, query):
    """Each of these used to start a kernel of its own (base hung for ever): now 400."""
    resp = _request(f"{live.lan_url}?{query}")
    assert resp.status == 400
    board = _request(f"{live.board_url}&{query}")
    assert board.status == 400


def _kernel_id(html: str) -> str:
    found = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', html)
    assert found, "the page carries no kernel id"
    return found.group(1)


def _message(kind: str, content: dict, channel: str = "shell") -> str:
    header = {
        "msg_id": uuid.uuid4().hex,
        "msg_type": kind,
        "session": "probe",
        "username": "probe",
        "version": "5.3",
        "date": "",
    }
    return json.dumps(
        {"header": header, "parent_header": {}, "metadata": {}, "content": content,
         "channel": channel, "buffers": []}
    )  # fmt: skip


async def _talk(url: str, sends: list[str], until: str, seconds: float = 20.0) -> list[dict]:
    """Send these messages over a kernel websocket; collect what comes back until a
    message of type ``until`` arrives (or time is up)."""
    ws = await websocket_connect(url)
    got: list[dict] = []
    for m in sends:
        await ws.write_message(m)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while loop.time() < deadline:
        try:
            raw = await asyncio.wait_for(ws.read_message(), deadline - loop.time())
        except asyncio.TimeoutError:
            break
        if raw is None:
            break
        if isinstance(raw, str):
            got.append(json.loads(raw))
            if got[-1]["header"]["msg_type"] == until:
                break
    ws.close()
    return got


def _group_kernel(live) -> str:
    store = live.store()
    session = store.create_session(f"Probe {uuid.uuid4().hex[:6]}")
    group = store.add_group(session.id, "Table P")
    status, html = live.get(f"{live.lan_url}?code={group.join_code}")
    assert status == 200
    return _kernel_id(html)


def _ws_url(live, kernel_id: str) -> str:
    return f"ws://127.0.0.1:{live.lan_port}/api/kernels/{kernel_id}/channels"


def test_a_page_cannot_shut_down_or_restart_its_kernel(live):
    """A shutdown request over the websocket is ignored: the kernel answers the next
    request, never replies to the shutdown and never restarts."""
    url = _ws_url(live, _group_kernel(live))
    sends = [
        _message("shutdown_request", {"restart": True}, "control"),
        _message("shutdown_request", {"restart": False}, "shell"),
        _message("kernel_info_request", {}),
    ]
    got = run_async(_talk(url, sends, until="kernel_info_reply"))
    kinds = [m["header"]["msg_type"] for m in got]
    assert "kernel_info_reply" in kinds
    assert "shutdown_reply" not in kinds
    states = [m["content"].get("execution_state") for m in got]
    assert "restarting" not in states and "dead" not in states


def test_no_stderr_or_traceback_reaches_a_page(live):
    """A widget message the kernel cannot handle makes it log a traceback to stderr; the
    page gets none of it (only widget messages and status)."""
    url = _ws_url(live, _group_kernel(live))
    info = run_async(_talk(url, [_message("comm_info_request", {})], until="comm_info_reply"))
    comms = next(m for m in info if m["header"]["msg_type"] == "comm_info_reply")["content"]
    comm_id = next(iter(comms["comms"]))
    bad = [
        _message("comm_msg", {"comm_id": comm_id, "data": {"method": "update", "state": 42}}),
        _message("comm_msg", {"comm_id": comm_id, "data": {"method": "nonsense"}}),
        _message("kernel_info_request", {}),
    ]
    got = run_async(_talk(url, bad, until="never", seconds=6))
    for m in got:
        kind = m["header"]["msg_type"]
        assert kind != "error" and not (kind == "stream" and m["content"]["name"] == "stderr")
        assert "Traceback" not in json.dumps(m)
    assert any(m["header"]["msg_type"] == "kernel_info_reply" for m in got)


def test_board_refuses_a_websocket_from_another_origin(live):
    """Even with the board's cookie, a websocket opened by another site's page is refused."""
    resp = _request(live.board_url)
    html = resp.read().decode("utf-8", "replace")
    cookie = resp.getheader("Set-Cookie", "").split(";", 1)[0]
    url = f"ws://127.0.0.1:{live.board_port}/api/kernels/{_kernel_id(html)}/channels"

    async def connect(origin: str) -> int:
        req = HTTPRequest(url, headers={"Cookie": cookie, "Origin": origin})
        try:
            ws = await websocket_connect(req)
        except HTTPClientError as exc:
            return exc.code
        ws.close()
        return 101

    assert run_async(connect("http://evil.example")) == 403
    assert run_async(connect(f"http://127.0.0.1:{live.board_port}")) == 101


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_serve_in_the_background_stops_promptly(tmp_path, sig):
    """`mskit serve` started with SIGINT ignored (a shell's `&`) stops on SIGINT or SIGTERM
    within a few seconds, its servers and their kernels with it."""
    server = LiveServer(tmp_path / "data")
    server.start(background=True)
    children = [int(p) for p in _children(server.process.pid)]
    assert children, "no server processes found"
    started = time.monotonic()
    server.process.send_signal(sig)
    try:
        server.process.wait(10)
    finally:
        server.stop()
    assert time.monotonic() - started < 10
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(p) for p in children):
        time.sleep(0.1)
    assert not any(_alive(p) for p in children)


def _children(pid: int) -> list[str]:
    """Every process under ``pid`` (servers, kernels), from /proc."""
    found, todo = [], [str(pid)]
    while todo:
        parent = todo.pop()
        for path in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = path.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[1] == parent:
                found.append(path.parent.name)
                todo.append(path.parent.name)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
