"""Presenting notebooks through Voila: one configuration for ``mskit present`` and the tests.

- Facilitator cells are dropped before execution (:func:`.facilitator.prelaunch_hook`).
- The ``mskit-reveal`` template (Voila's reveal template) turns cells into slides with
  large text for a projector, and loads nothing from a CDN: reveal.js's styles ship with
  the kit, and jQuery, MathJax and Font Awesome links are left out (rooms are offline).
- Server on 127.0.0.1; the xsrf check that makes Voila 0.5 leak kernels is off, and idle
  kernels are culled (DESIGN.md section 5).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
JUPYTER_DATA = HERE / "jupyter"
"""A Jupyter data folder holding ``voila/templates/mskit-reveal``."""
CONFIG_DIR = HERE / "voila_config"
"""Holds ``voila.py``, the Voila config file that calls :func:`configure`."""
TEMPLATE = "mskit-reveal"
HOST = "127.0.0.1"


def configure(c: Any, base_url: str = "/") -> None:
    """Fill a traitlets config object ``c`` with the kit's Voila settings."""
    c.VoilaConfiguration.prelaunch_hook = _hook()
    c.VoilaConfiguration.preheat_kernel = False  # incompatible with a prelaunch hook
    c.VoilaConfiguration.template = TEMPLATE
    c.VoilaConfiguration.theme = "light"
    c.VoilaConfiguration.show_tracebacks = False
    c.VoilaConfiguration.strip_sources = True
    c.VoilaConfiguration.resources = {
        "reveal": {
            "url_prefix": f"{base_url}voila/templates/{TEMPLATE}/static/reveal",
            "theme": "white",
            "transition": "none",
            # scrolling long slides needs jQuery, which would come from a CDN; the
            # template makes long slides scroll with CSS instead.
            "scroll": False,
            "width": 1280,
            "height": 800,
        }
    }
    c.Voila.ip = HOST
    c.Voila.tornado_settings = {"disable_check_xsrf": True}
    c.MappingKernelManager.cull_idle_timeout = 900
    c.MappingKernelManager.cull_interval = 60


def _hook():
    from .facilitator import prelaunch_hook

    return prelaunch_hook


@dataclass(frozen=True)
class VoilaCommand:
    """How to start Voila: the argument list and the environment to run it with."""

    argv: list[str]
    env: dict[str, str]
    url: str


def voila_command(
    target: Path,
    port: int,
    *,
    open_browser: bool = False,
    environ: Mapping[str, str] | None = None,
) -> VoilaCommand:
    """The command serving ``target`` (one notebook, or a folder of them) on 127.0.0.1."""
    env = dict(os.environ if environ is None else environ)
    jupyter_path = [str(JUPYTER_DATA)]
    if env.get("JUPYTER_PATH"):
        jupyter_path.append(env["JUPYTER_PATH"])
    env["JUPYTER_PATH"] = os.pathsep.join(jupyter_path)
    argv = [
        sys.executable,
        "-m",
        "voila",
        str(target),
        f"--Voila.config_file_paths=['{CONFIG_DIR}']",
        f"--port={int(port)}",
        f"--Voila.ip={HOST}",
        f"--Voila.open_browser={bool(open_browser)}",
    ]
    url = f"http://{HOST}:{int(port)}/"
    return VoilaCommand(argv=argv, env=env, url=url)


def first_free_port(start: int, tries: int = 30) -> int:
    """The first port from ``start`` free on 127.0.0.1, else one the system picks."""
    import socket

    for port in range(start, start + tries):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind((HOST, port))
            except OSError:
                continue
            return port
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def render_url(base: str, notebook: str) -> str:
    """The page of one notebook on a Voila server serving a folder."""
    return f"{base.rstrip('/')}/voila/render/{notebook.lstrip('/')}"


def run_server(argv: list[str], env: Mapping[str, str] | None = None) -> int:
    """Run a server command in the foreground; SIGTERM and Ctrl+C stop it cleanly."""
    import signal
    import subprocess

    proc = subprocess.Popen(argv, env=None if env is None else dict(env))

    def stop(signum, _frame):
        proc.send_signal(signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        while True:
            try:
                return proc.wait()
            except KeyboardInterrupt:
                if os.name == "posix":
                    proc.send_signal(signal.SIGINT)
                else:  # Windows: the console's Ctrl+C reached the server too
                    proc.terminate()
                try:
                    return proc.wait(timeout=10)
                except (subprocess.TimeoutExpired, KeyboardInterrupt):
                    proc.terminate()
    finally:
        signal.signal(signal.SIGTERM, previous)
