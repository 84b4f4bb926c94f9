"""Browser tests: `mskit serve --lan` on free ports, driven in Debian's headless Chromium."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from mskit.render.pdf import CHROMIUM_ARGS
from mskit.serve.launcher import free_port

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HAVE_CHROMIUM = Path(CHROMIUM).exists()

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(config, items):
    if HAVE_CHROMIUM:
        return
    skip = pytest.mark.skip(reason="Debian's chromium is not installed (make test installs it)")
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [*CHROMIUM_ARGS, "--no-first-run"],
    }


class LiveServer:
    """A running `mskit serve --lan` with its own data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.board_port, self.lan_port = free_port(), free_port()
        self.process: subprocess.Popen | None = None
        self.board_url = ""
        """The board's address as `mskit serve` prints it, with this run's token."""

    @property
    def board_base(self) -> str:
        """The board's address without the token."""
        return f"http://127.0.0.1:{self.board_port}/"

    def board_at(self, query: str) -> str:
        """The board's address with this query (``view=projector``) and the token."""
        return f"{self.board_url}&{query}"

    @property
    def lan_url(self) -> str:
        return f"http://127.0.0.1:{self.lan_port}/"

    def start(self, background: bool = False) -> None:
        """Start and wait until ready; ``background``: as a shell's ``&`` does, with
        SIGINT ignored."""
        ignore = (lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)) if background else None
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mskit",
                "serve",
                "--lan",
                "--no-browser",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.board_port),
                "--lan-port",
                str(self.lan_port),
                "--data-dir",
                str(self.data_dir),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            preexec_fn=ignore,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if "Facilitator board" in line:
                self.board_url = line.split()[-1]
            if "Press Ctrl-C to stop" in line:
                return
            if self.process.poll() is not None:
                raise RuntimeError(f"mskit serve exited: {self.process.stdout.read()}")
        raise RuntimeError("mskit serve did not start in 90 s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def store(self):
        from mskit.store import open_store

        return open_store(self.data_dir)

    def get(self, url: str) -> tuple[int, str]:
        """Status and body of a plain HTTP GET (no browser), following redirects."""
        try:
            with urllib.request.urlopen(url, timeout=30) as resp:
                return resp.status, resp.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")


def run_async(coro):
    """Run a coroutine to its end in a thread of its own: the browser tests' Playwright
    holds this thread's event loop for the whole run, so ``asyncio.run`` cannot use it."""
    import asyncio
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """One `mskit serve --lan` for a test module; stopped cleanly at the end."""
    server = LiveServer(tmp_path_factory.mktemp("live-data"))
    server.start()
    yield server
    server.stop()
