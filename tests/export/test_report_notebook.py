"""The session-report notebook opened and run on its own (no parameters): the most recent
session, or one line saying how to use it; never an error."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from mskit.demo import create_demo_session
from mskit.export.notebook import USAGE
from mskit.store import open_store

pytestmark = pytest.mark.slow


def _run_alone(kit_root, tmp_path, monkeypatch, data):
    monkeypatch.setenv("MSKIT_DATA", str(data))
    monkeypatch.delenv("MSKIT_DATABASE_URL", raising=False)
    nb = nbformat.read(kit_root / "notebooks/reports/session-report.ipynb", as_version=4)
    NotebookClient(nb, timeout=300, resources={"metadata": {"path": str(tmp_path)}}).execute()
    return " ".join(
        str(o.get("data", {}).get("text/html", "")) for c in nb.cells for o in c.get("outputs", [])
    )


def test_run_alone_without_sessions_says_how_to_use_it(kit_root, tmp_path, monkeypatch):
    """No session saved: the notebook runs through and shows one line of how to use it."""
    shown = _run_alone(kit_root, tmp_path, monkeypatch, tmp_path / "none")
    assert "mskit export SESSION" in shown and USAGE.split(":")[0] in shown
    assert not (tmp_path / "none").exists()


def test_run_alone_shows_the_most_recent_session(kit, kit_root, tmp_path, monkeypatch):
    """With sessions saved, the notebook reports on the newest one."""
    with open_store(tmp_path / "data") as store:
        create_demo_session(store, kit, groups=2, seed=1, name="Older")
        create_demo_session(store, kit, groups=2, seed=2, name="Newest session")
    shown = _run_alone(kit_root, tmp_path, monkeypatch, tmp_path / "data")
    assert "Newest session" in shown and "Older" not in shown
