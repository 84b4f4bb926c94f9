"""Where the store lives, and the plain errors a user gets when it cannot be used."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from mskit.store import (
    NotAnMskitDatabase,
    StoreError,
    StoreLocationError,
    StoreUnavailable,
    default_data_dir,
    open_store,
)
from mskit.store.location import SQLITE_FILENAME, resolve_url


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch, tmp_path):
    monkeypatch.delenv("MSKIT_DATA", raising=False)
    monkeypatch.delenv("MSKIT_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


def _plain(message: str) -> None:
    for word in ("Traceback", "sqlalchemy", "sqlite3.", "psycopg.", "(Background on"):
        assert word not in message


def test_data_dir_argument(tmp_path: Path) -> None:
    """--data-dir puts mskit.sqlite3 in that folder, creating it."""
    with open_store(tmp_path / "a" / "b") as store:
        assert store.dialect == "sqlite"
    assert (tmp_path / "a" / "b" / SQLITE_FILENAME).is_file()


def test_env_data_dir(tmp_path: Path, monkeypatch) -> None:
    """MSKIT_DATA is used when no folder is given."""
    monkeypatch.setenv("MSKIT_DATA", str(tmp_path / "env"))
    open_store().close()
    assert (tmp_path / "env" / SQLITE_FILENAME).is_file()


def test_default_data_dir(tmp_path: Path) -> None:
    """Without arguments or environment the platform's user data folder is used."""
    assert default_data_dir() == tmp_path / "xdg" / "mskit"
    open_store().close()
    assert (tmp_path / "xdg" / "mskit" / SQLITE_FILENAME).is_file()


def test_precedence(tmp_path: Path, monkeypatch) -> None:
    """Arguments beat environment; a URL beats a data folder at the same level."""
    env_url = f"sqlite:///{tmp_path / 'envurl' / 'x.db'}"
    monkeypatch.setenv("MSKIT_DATABASE_URL", env_url)
    monkeypatch.setenv("MSKIT_DATA", str(tmp_path / "envdir"))
    assert resolve_url().database == str(tmp_path / "envurl" / "x.db")
    assert resolve_url(data_dir=tmp_path / "arg").database.startswith(str(tmp_path / "arg"))
    arg_url = f"sqlite:///{tmp_path / 'argurl.db'}"
    assert resolve_url(data_dir=tmp_path / "arg", url=arg_url).database == str(
        tmp_path / "argurl.db"
    )


def test_postgres_url_gets_psycopg_driver() -> None:
    """A bare postgresql:// URL is read as postgresql+psycopg://."""
    assert resolve_url(url="postgresql://u@h/db").drivername == "postgresql+psycopg"


@pytest.mark.parametrize("url", ["mysql://u@h/db", "not a url at all"])
def test_unsupported_url(url: str) -> None:
    """A URL for another database or not a URL is refused with StoreLocationError."""
    with pytest.raises(StoreLocationError) as caught:
        open_store(url=url)
    _plain(str(caught.value))


def test_unwritable_data_dir(tmp_path: Path) -> None:
    """A data folder that cannot be created raises StoreLocationError saying what to do."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreLocationError, match="--data-dir") as caught:
        open_store(blocker / "data")
    _plain(str(caught.value))


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_read_only_data_dir(tmp_path: Path) -> None:
    """A read-only data folder raises StoreLocationError."""
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(StoreLocationError):
            open_store(folder)
    finally:
        folder.chmod(0o700)


def test_server_down_is_plain_error() -> None:
    """An unreachable PostgreSQL raises StoreUnavailable without the password or a traceback."""
    with pytest.raises(StoreUnavailable) as caught:
        open_store(url="postgresql+psycopg://user:s3cret@127.0.0.1:1/mskit")
    assert "s3cret" not in str(caught.value)
    assert "127.0.0.1" in str(caught.value)
    _plain(str(caught.value))


def test_foreign_database_refused(tmp_path: Path) -> None:
    """A database holding someone else's tables is not taken over."""
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER)")
    with pytest.raises(NotAnMskitDatabase, match="empty database"):
        open_store(url=f"sqlite:///{path}")


def test_all_errors_are_store_errors() -> None:
    """Every mskit store exception derives from StoreError, so a CLI can catch one type."""
    import mskit.store as api

    for name in api.__all__:
        obj = getattr(api, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, StoreError), name


def test_data_folder_and_database_are_readable_by_this_user_only(tmp_path):
    """A new data folder is 0700, the SQLite file and its WAL files 0600, whatever the umask."""
    old = os.umask(0o022)
    try:
        with open_store(tmp_path / "new" / "data") as store:
            session = store.create_session("Private")
            store.add_group(session.id, "Table 1")
    finally:
        os.umask(old)
    folder = tmp_path / "new" / "data"
    assert folder.stat().st_mode & 0o777 == 0o700
    files = [p for p in folder.iterdir() if p.name.startswith("mskit.sqlite3")]
    assert files and all(p.stat().st_mode & 0o777 == 0o600 for p in files)
