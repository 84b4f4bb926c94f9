"""Start the Voila servers as child processes, wait until they answer, stop them cleanly."""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.kit import kit_notebook
from ..workbook.present import JUPYTER_DATA
from .config import write_config_dir

BOARD_NOTEBOOK = Path("live/board/board.ipynb")
GROUP_NOTEBOOK = Path("live/group/group.ipynb")
"""Under the kit's ``notebooks/`` (a kit without them uses the default kit's)."""


POSIX = os.name == "posix"
"""Linux and macOS: servers run in their own process group, stopped with ``killpg``.
Elsewhere (Windows) in a new process group, stopped with CTRL_BREAK, then terminate."""


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    """Linux: have the kernel send SIGTERM to the server if mskit itself dies."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def popen_options(platform: str | None = None, posix: bool | None = None) -> dict[str, Any]:
    """How to start a server so that it (and its kernels) can be stopped, per platform:
    the Linux-only ``prctl`` and POSIX process groups only where they exist."""
    platform = sys.platform if platform is None else platform
    if not (POSIX if posix is None else posix):
        return {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0x200)}
    options: dict[str, Any] = {"start_new_session": True}
    if platform.startswith("linux"):
        options["preexec_fn"] = _die_with_parent
    return options


def send_stop(process: subprocess.Popen, step: str, posix: bool | None = None) -> bool:
    """Send one stop step (``interrupt``, ``terminate``, ``kill``) to a server and its
    children; False when the server has gone already."""
    try:
        if POSIX if posix is None else posix:
            sig = {"interrupt": signal.SIGINT, "terminate": signal.SIGTERM}.get(step)
            os.killpg(process.pid, sig if sig is not None else getattr(signal, "SIGKILL", 9))
        elif step == "interrupt":
            process.send_signal(getattr(signal, "CTRL_BREAK_EVENT", signal.SIGINT))
        elif step == "terminate":
            process.terminate()
        else:
            process.kill()
    except (ProcessLookupError, OSError):
        return False
    return True


class ServeError(Exception):
    """Something stops the servers from starting; the message says what to do."""


@dataclass(frozen=True)
class ServerSpec:
    name: str
    notebook: Path
    host: str
    port: int
    advertised: str
    env: dict[str, str] = field(default_factory=dict)
    pool: int = 0
    token: str | None = None

    @property
    def url(self) -> str:
        return f"http://{self.advertised}:{self.port}/"

    @property
    def open_url(self) -> str:
        """The address to open: with the server's token, when it has one."""
        return f"{self.url}?token={self.token}" if self.token else self.url


def board_spec(port: int, participant_url: str | None, env: dict[str, str]) -> ServerSpec:
    """The facilitator board: always on 127.0.0.1, never on the room's network, and only
    for a browser given this run's secret token."""
    extra = {"MSKIT_PARTICIPANT_URL": participant_url} if participant_url else {}
    return ServerSpec(
        "board", kit_notebook(BOARD_NOTEBOOK), "127.0.0.1", port, "127.0.0.1",
        {**env, **extra}, token=secrets.token_urlsafe(24),
    )  # fmt: skip


GROUP_POOL = 3
"""Preheated group-page kernels kept ready: tables joining at once get a page sooner."""


def participant_spec(
    host: str, port: int, advertised: str, env: dict[str, str], pool: int = GROUP_POOL
) -> ServerSpec:
    """The group page, on the room's network (``host`` 0.0.0.0 means every address)."""
    return ServerSpec(
        "participant", kit_notebook(GROUP_NOTEBOOK), host, port, advertised, env, pool
    )


def port_free(host: str, port: int) -> bool:
    """True when a server could listen on ``host:port`` now (as Tornado binds it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class Server:
    """One running Voila server."""

    def __init__(self, spec: ServerSpec, run_dir: Path, log_file: Path | None = None) -> None:
        self.spec = spec
        if not spec.notebook.is_file():
            raise ServeError(f"{spec.notebook} is missing; the kit's notebooks/ folder is needed")
        if not port_free(spec.host, spec.port):
            raise ServeError(
                f"port {spec.port} on {spec.host} is in use: stop whatever uses it "
                f"or choose another port"
            )
        config_dir = write_config_dir(
            run_dir / spec.name, spec.notebook, spec.host, spec.port, spec.pool, spec.token
        )
        env = {
            **os.environ,
            **spec.env,
            "JUPYTER_CONFIG_DIR": str(config_dir),
            "JUPYTER_PATH": os.pathsep.join(
                p for p in (str(JUPYTER_DATA), os.environ.get("JUPYTER_PATH", "")) if p
            ),
        }
        out = open(log_file, "ab") if log_file else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mskit.serve.voila_app", str(spec.notebook)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            **popen_options(),
        )

    def wait_ready(self, timeout: float = 60.0) -> None:
        """Block until the server answers HTTP, or raise ServeError."""
        deadline = time.monotonic() + timeout
        probe = f"http://127.0.0.1:{self.spec.port}/voila/static/"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServeError(
                    f"the {self.spec.name} server stopped at start "
                    f"(exit code {self.process.returncode})"
                )
            try:
                urllib.request.urlopen(probe, timeout=2)
                return
            except urllib.error.HTTPError:
                return  # it answered
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        raise ServeError(f"the {self.spec.name} server did not answer within {timeout:.0f} s")

    def signal_stop(self) -> None:
        """Ask the server to stop (SIGTERM, or its equivalent: it stops its kernels and
        exits)."""
        if self.process.poll() is None:
            send_stop(self.process, "terminate")

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the server; if it has not gone within ``timeout`` seconds, kill it."""
        self.signal_stop()
        try:
            self.process.wait(timeout)
            return
        except subprocess.TimeoutExpired:
            pass
        send_stop(self.process, "kill")
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(5.0)


def stop_all(servers: Iterable[Server]) -> None:
    """Stop every server at once (each is asked first, then waited for)."""
    servers = list(servers)
    for server in servers:
        server.signal_stop()
    for server in servers:
        server.stop()


def run(specs: list[ServerSpec], run_dir: Path, log_dir: Path | None = None) -> list[Server]:
    """Start every server and wait until each answers; on failure stop those started.

    ``run_dir`` holds each server's Voila configuration (``run_dir/<name>/voila.json``).
    """
    servers: list[Server] = []
    try:
        for spec in specs:
            log = log_dir / f"{spec.name}.log" if log_dir else None
            servers.append(Server(spec, run_dir, log))
        for server in servers:
            server.wait_ready()
    except BaseException:
        stop_all(servers)
        raise
    return servers
