"""``mskit sessions``: lists what is in the results store, newest first."""

from __future__ import annotations

import re
from datetime import date

import pytest

from mskit.cli import main
from mskit.content import load_kit
from mskit.demo import create_demo_session
from mskit.store import open_store
from mskit.store import sqlite as store_sqlite


@pytest.fixture(autouse=True)
def _no_fsync_per_commit(monkeypatch):
    """WAL with synchronous=NORMAL: the demo's many small commits without an fsync each."""
    monkeypatch.setattr(store_sqlite, "SYNCHRONOUS", "NORMAL")


def _run(capsys, *args):
    code = main(["sessions", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_empty_store_says_so(tmp_path, capsys):
    """With no sessions: one clear line saying there are none and how to make one, exit 0."""
    code, out, _ = _run(capsys, "--data-dir", str(tmp_path))
    assert code == 0
    assert out.strip().splitlines() == [
        f"No sessions yet in SQLite file {tmp_path.resolve() / 'mskit.sqlite3'}. "
        "Create one on the board, or try `mskit demo`."
    ]


def test_no_data_folder_is_not_created(tmp_path, capsys, monkeypatch):
    """Listing sessions where there is no data folder says so and creates nothing."""
    monkeypatch.delenv("MSKIT_DATABASE_URL", raising=False)
    missing = tmp_path / "not-yet"
    code, out, _ = _run(capsys, "--data-dir", str(missing))
    assert code == 0
    assert out.startswith(f"No sessions yet in SQLite file {missing / 'mskit.sqlite3'}.")
    assert not missing.exists()
    monkeypatch.setenv("MSKIT_DATA", str(missing))
    assert _run(capsys)[0] == 0
    assert not missing.exists()


def test_lists_what_demo_created(tmp_path, capsys):
    """Sessions made by `mskit demo` are listed with id, date, name, venue, borough,
    programme and group count."""
    assert main(["demo", "--data-dir", str(tmp_path), "--groups", "2", "--name", "Morning"]) == 0
    first_id = capsys.readouterr().out.splitlines()[0]
    assert main(["demo", "--data-dir", str(tmp_path), "--groups", "1", "--name", "Afternoon"]) == 0
    second_id = capsys.readouterr().out.splitlines()[0]
    code, out, err = _run(capsys, "--data-dir", str(tmp_path))
    assert code == 0
    lines = out.splitlines()
    assert re.split(r"\s{2,}", lines[0]) == [
        "id", "date", "name", "venue", "borough", "programme", "groups",
    ]  # fmt: skip
    rows = [re.split(r"\s{2,}", line.strip()) for line in lines[1:]]
    today = date.today().isoformat()
    venue = "Training Room 2, Civic Centre (demo)"
    assert rows == [  # same date: the one created last comes first
        [second_id, today, "Afternoon", venue, "Demo borough", "awareness-session", "1"],
        [first_id, today, "Morning", venue, "Demo borough", "awareness-session", "2"],
    ]
    assert "2 session(s)" in err


def test_newest_date_first(tmp_path, capsys):
    """Sessions are ordered by date, newest first, whatever order they were created in."""
    kit = load_kit()
    with open_store(tmp_path) as store:
        old = create_demo_session(store, kit, groups=1, name="Spring", day=date(2025, 4, 1))
        new = create_demo_session(store, kit, groups=1, name="Winter", day=date(2025, 12, 1))
        mid = create_demo_session(store, kit, groups=1, name="Summer", day=date(2025, 7, 1))
    code, out, _ = _run(capsys, "--data-dir", str(tmp_path))
    assert code == 0
    ids = [line.split()[0] for line in out.splitlines()[1:]]
    assert ids == [new, mid, old]


def test_untrusted_text_stays_on_one_line(tmp_path, capsys):
    """A name with control characters or a very long venue cannot break or flood the listing."""
    with open_store(tmp_path) as store:
        s = store.create_session("Bad\nname\x1b[31m", "2025-01-02", venue="V" * 150)
        store.add_group(s.id, "Table 1")
    code, out, _ = _run(capsys, "--data-dir", str(tmp_path))
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2
    assert "\x1b" not in out
    assert s.id in lines[1] and "Bad name [31m" in lines[1]
    assert "V" * 39 + "…" in lines[1] and "V" * 41 not in lines[1]
    assert lines[1].rstrip().endswith("1")


def test_unusable_data_dir_exits_1(tmp_path, capsys):
    """A data folder that cannot be created: one clear line, exit 1, no traceback."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code, out, err = _run(capsys, "--data-dir", str(blocker / "data"))
    assert code == 1
    assert out == ""
    assert err.startswith("mskit sessions: Cannot use the data folder")
    assert len(err.strip().splitlines()) == 1
