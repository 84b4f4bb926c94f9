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
    assert names == [
        "answers.csv",
        "data-dictionary.csv",
        "individual-forms.csv",
        "scores.csv",
        "session-data.xlsx",
    ]
    assert all(p.is_file() for p in panel.paths)
    assert sorted(d.filename for d in panel.downloads) == names
    assert list(panel.result.children) == panel.downloads
    assert "5 file(s) written" in panel.status.value
    assert not any(b.disabled for b in panel.buttons.values())


def test_unwritable_folder_shows_a_message(tmp_path, kit):
    """An export into a folder that cannot be written shows one message, no traceback."""
    store = open_store(tmp_path / "d")
    s, _ = build_session(store, kit, ["A"], answers=False)
    (tmp_path / "file").write_text("x")
    panel = ExportPanel(store, kit, s.id, out_dir=tmp_path / "file" / "sub")
    panel.buttons["data"].click()
    assert panel.paths == []
    assert "Export failed: Cannot write to the folder" in panel.status.value
    assert "mskit-error" in panel.status.value


def test_downloads_send_the_file_and_refuse_paths_outside_the_folder(tmp_path, kit, monkeypatch):
    """A download sends the exported file's bytes; a file outside the exports is refused."""
    import pytest

    from mskit.ui.downloads import Download

    monkeypatch.setenv("MSKIT_DATA", str(tmp_path / "d"))
    store = open_store(tmp_path / "d")
    s, _ = build_session(store, kit, ["A"], activities=("spot-the-signs",))
    panel = ExportPanel(store, kit, s.id)
    assert panel.out_dir.name.startswith("2025-03-01-export-test")
    panel.buttons["data"].click()
    sent = []
    d = panel.downloads[0]
    d.send = lambda content, buffers=None: sent.append((content, buffers))
    d._on_msg(d, {"get": True}, [])
    assert sent[0][0]["file"] == d.filename and sent[0][1] == [d.path.read_bytes()]
    outside = tmp_path / "secret.txt"
    outside.write_text("no")
    with pytest.raises(ValueError):
        Download(outside, panel.out_dir)
