"""Voila settings for the kit's two servers, as command-line arguments.

- Kernels do not leak on refresh or close: the unload beacon is refused without an _xsrf
  cookie (voila#1458), so XSRF checks are off (the servers hold no login to protect), and
  idle kernels are culled.
- Tracebacks never reach a page; no file next to the notebook is served.
- Each server serves exactly one notebook; any other path gets a refusal, not content.
"""

from __future__ import annotations

import json
from pathlib import Path

LIVE_TEMPLATE = "mskit-lab"
"""Voila's lab template without its CDN links (see workbook/jupyter/voila/templates)."""
CULL_IDLE_SECONDS = 600
CULL_INTERVAL_SECONDS = 60


def voila_config(notebook: Path, host: str, port: int, pool: int = 0) -> dict:
    """The Voila configuration (as ``voila.json`` holds it) for one server.

    ``pool`` > 0 keeps that many preheated kernels ready (imports done, data open), so a
    group's page is usable sooner; the notebook then waits for the request's join code.
    """
    preheat = {"preheat_kernel": True, "default_pool_size": pool} if pool > 0 else {}
    return {
        "Voila": {
            "ip": host,
            "port": port,
            "open_browser": False,
            "root_dir": str(notebook.parent),
            "tornado_settings": {"disable_check_xsrf": True},
            "log_level": "WARN",
        },
        "VoilaConfiguration": {
            "template": LIVE_TEMPLATE,
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


def write_config_dir(folder: Path, notebook: Path, host: str, port: int, pool: int = 0) -> Path:
    """Write ``voila.json`` into ``folder`` (used as JUPYTER_CONFIG_DIR); return ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "voila.json").write_text(
        json.dumps(voila_config(notebook, host, port, pool), indent=2), encoding="utf-8"
    )
    return folder
