"""Browser tests for the e-learning build: Debian's headless Chromium, and scorm-again
(npm) as the SCORM 1.2 runtime; each skips with its reason when missing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mskit.render.pdf import CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HAVE_CHROMIUM = Path(CHROMIUM).exists()
SCORM_AGAIN = ROOT / "tests" / "node_modules" / "scorm-again" / "dist" / "scorm12.js"
ARTEFACTS = ROOT / "tests" / "artefacts" / "elearning"

needs_chromium = pytest.mark.skipif(
    not HAVE_CHROMIUM, reason="Debian's chromium is not installed (make test installs it)"
)
needs_scorm_again = pytest.mark.skipif(
    not SCORM_AGAIN.exists(),
    reason="scorm-again is not installed in tests/node_modules "
    "(make test installs it with npm when node and npm are present)",
)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [*CHROMIUM_ARGS, "--no-first-run", "--allow-file-access-from-files"],
    }


@pytest.fixture(scope="session")
def artefacts() -> Path:
    """Where screenshots are kept for a person to look at (gitignored)."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    return ARTEFACTS
