"""Voila settings for the kit's two servers, as command-line arguments.

- Kernels do not leak on refresh or close: the unload beacon is refused without an _xsrf
  cookie (voila#1458), so XSRF checks are off (the servers hold no login to protect), and
  idle kernels are culled.
- Tracebacks never reach a page; no file next to the notebook is served.
- Each server serves exactly one notebook; any other path gets a refusal, not content.
- Neither server lets a request choose Voila's template or theme.
- The board (given a ``token``) answers only requests for 127.0.0.1/localhost (so a web
  page cannot reach it by DNS rebinding) that carry the token, in the address the first
  time and in a cookie after; its websockets refuse other origins (Jupyter's same-origin
  check). The participant server has no token: a join code is its credential.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

LIVE_TEMPLATE = "mskit-lab"
"""Voila's lab template without its CDN links (see workbook/jupyter/voila/templates)."""
CULL_IDLE_SECONDS = 600
CULL_INTERVAL_SECONDS = 60


LOCAL_HOSTNAMES = ["localhost"]
"""Host names the board answers to (besides loopback addresses such as 127.0.0.1)."""


def voila_config(
    notebook: Path, host: str, port: int, pool: int = 0, token: str | None = None
) -> dict:
    """The Voila configuration (as ``voila.json`` holds it) for one server.

    ``pool`` > 0 keeps that many preheated kernels ready (imports done, data open), so a
    group's page is usable sooner; the notebook then waits for the request's join code.
    ``token``: this server is local only and needs that secret (the board).
    """
    preheat = {"preheat_kernel": True, "default_pool_size": pool} if pool > 0 else {}
    tornado: dict = {"disable_check_xsrf": True}
    local: dict = {}
    if token:
        tornado |= {"allow_remote_access": False, "local_hostnames": LOCAL_HOSTNAMES}
        local = {"token": token}
    return {
        "Voila": {
            "ip": host,
            "port": port,
            "open_browser": False,
            "root_dir": str(notebook.parent),
            "tornado_settings": tornado,
            "log_level": "WARN",
            **local,
        },
        "VoilaConfiguration": {
            "template": LIVE_TEMPLATE,
            "allow_template_override": "NO",
            "allow_theme_override": "NO",
            "show_tracebacks": False,
            "file_allowlist": [],
            "file_denylist": [".*"],
            **preheat,
        },
        "MappingKernelManager": {
            "cull_idle_timeout": CULL_IDLE_SECONDS,
            "cull_interval": CULL_INTERVAL_SECONDS,
            "cull_connected": False,
        },
    }


def write_config_dir(
    folder: Path, notebook: Path, host: str, port: int, pool: int = 0, token: str | None = None
) -> Path:
    """Write ``voila.json`` into ``folder`` (used as JUPYTER_CONFIG_DIR); return ``folder``.
    Both are readable by this user only: the file may hold the board's token."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)
    path = folder / "voila.json"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(json.dumps(voila_config(notebook, host, port, pool, token), indent=2))
    path.chmod(0o600)
    return folder
