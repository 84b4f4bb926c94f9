"""SQLite settings for many kernel processes writing one file at once.

* WAL journal: readers never block the writer and the writer never blocks readers.
* ``busy_timeout`` 30 s: a writer waits for the lock instead of failing.
* ``synchronous=FULL``: every commit is fsynced to the WAL before the save is
  acknowledged, so an answer a group saw as "saved" survives a power cut or an OS
  crash, not only a killed process (NORMAL would survive a killed process but may
  lose the last commits on power loss). See ``benchmarks/store.py`` for the cost.
* ``foreign_keys=ON``.
* Every transaction is opened by SQLAlchemy, not by the sqlite3 module (the pysqlite
  "serializable isolation" recipe from SQLAlchemy's docs): reads use ``BEGIN``
  (deferred), writes use ``BEGIN IMMEDIATE`` so the write lock is taken up front and
  waited for under ``busy_timeout``. A read-then-write transaction that starts
  deferred fails at once with "database is locked" when another process holds the
  lock; ``BEGIN IMMEDIATE`` avoids that.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine, create_engine

BUSY_TIMEOUT_S = 30.0
SYNCHRONOUS = "FULL"
WRITE_OPTION = "mskit_write"
"""Execution option marking an engine/connection whose transactions write."""


def create_sqlite_engine(url: URL) -> Engine:
    """An engine for the SQLite file at ``url`` with the settings above. The file (and so
    its -wal and -shm files, which SQLite gives the same mode) is readable by this user
    only."""
    _private_file(url.database)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _private_file(database: str | None) -> None:
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        with contextlib.suppress(OSError):
            path.chmod(0o600)
        return
    except OSError:
        return  # the folder check reports an unusable folder
    os.close(fd)


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Stop the sqlite3 module from issuing BEGIN (and COMMIT before DDL) itself.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        _ensure_wal(cursor)
        cursor.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _ensure_wal(cursor: sqlite3.Cursor) -> None:
    """Switch the file to WAL once; later connections find it already set."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() == "wal":
            return
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as exc:
            # Switching needs a moment with no other connection in a transaction.
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _on_begin(conn: Connection) -> None:
    mode = "IMMEDIATE" if conn.get_execution_options().get(WRITE_OPTION) else "DEFERRED"
    conn.exec_driver_sql(f"BEGIN {mode}")
