"""The board's export panel, driven headless."""

from __future__ import annotations

from mskit.store import open_store
from mskit.ui.export_panel import ExportPanel

from .conftest import SCRIPT, build_session


def test_data_button_writes_files_and_lists_them(tmp_path, kit):
    """Clicking the data button writes CSV and XLSX and lists each file, escaped."""
    store = open_store(tmp_path / "d")
    s, _ = build_session(store, kit, ["A", SCRIPT], activities=("spot-the-signs",))
    panel = ExportPanel(store, kit, s.id, out_dir=tmp_path / "exports")
    panel.buttons["data"].click()
    names = sorted(p.name for p in panel.paths)
    assert names == ["answers.csv", "data-dictionary.csv", "scores.csv", "session-data.xlsx"]
    assert all(p.is_file() for p in panel.paths)
    for name in names:
        assert name in panel.result.value
    assert "4 file(s) written" in panel.status.value
    assert not any(b.disabled for b in panel.buttons.values())


def test_unwritable_folder_shows_a_message(tmp_path, kit):
    """An export into a folder that cannot be written shows one message, no traceback."""
    store = open_store(tmp_path / "d")
    s, _ = build_session(store, kit, ["A"], answers=False)
    (tmp_path / "file").write_text("x")
    panel = ExportPanel(store, kit, s.id, out_dir=tmp_path / "file" / "sub")
    panel.buttons["data"].click()
    assert panel.paths == []
    assert panel.status.value.startswith("Export failed: Cannot write to the folder")
    assert "mskit-error" in panel.status._dom_classes
