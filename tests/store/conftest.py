"""Fixtures for the store tests: a store on SQLite and, when available, on PostgreSQL.

PostgreSQL comes from ``MSKIT_TEST_POSTGRES_URL`` if set; otherwise a throwaway
cluster is started from ``initdb``/``pg_ctl`` (on PATH or under
``/usr/lib/postgresql/*/bin``) in a temporary folder on a free port; otherwise the
PostgreSQL tests are skipped with the reason. ``MSKIT_REQUIRE_POSTGRES=1`` (for CI)
turns that skip into a failure. Each test gets its own PostgreSQL schema.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from mskit.store import Store, open_store

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


def _no_postgres(reason: str) -> None:
    message = f"PostgreSQL tests skipped: {reason}"
    if os.environ.get("MSKIT_REQUIRE_POSTGRES") == "1":
        pytest.fail(message + " (MSKIT_REQUIRE_POSTGRES=1)")
    pytest.skip(message)


def _pg_bindir() -> Path | None:
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb and pg_ctl:
        return Path(initdb).resolve().parent
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run_as(user: str | None) -> list[str]:
    if user is None:
        return []
    if shutil.which("runuser"):
        return ["runuser", "-u", user, "--"]
    return ["sudo", "-u", user, "--"]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A PostgreSQL server URL (admin rights on one database), or skip."""
    given = os.environ.get("MSKIT_TEST_POSTGRES_URL", "").strip()
    if given:
        yield given
        return
    bindir = _pg_bindir()
    if bindir is None:
        _no_postgres(
            "no server given (MSKIT_TEST_POSTGRES_URL) and no initdb/pg_ctl found "
            "(install the Debian package 'postgresql')"
        )
    user: str | None = None
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        for candidate in ("postgres", "nobody"):
            try:
                pwd.getpwnam(candidate)
            except KeyError:
                continue
            user = candidate
            break
        else:
            _no_postgres("running as root and there is no 'postgres' or 'nobody' user")
    base = Path(tempfile.mkdtemp(prefix="mskit-pg-"))
    data, log = base / "data", base / "server.log"
    if user is not None:
        entry = pwd.getpwnam(user)
        os.chown(base, entry.pw_uid, entry.pw_gid)
    port = _free_port()
    prefix = _run_as(user)
    try:
        subprocess.run(
            [*prefix, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
             "-E", "UTF8", "--locale=C", "--no-sync"],
            check=True, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        options = (
            f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=150"
        )
        subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options,
             "-w", "-t", "60", "start"],
            check=True, capture_output=True, text=True, timeout=90,
        )  # fmt: skip
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        detail = getattr(exc, "stderr", "") or ""
        if log.exists():
            detail += log.read_text(errors="replace")[-2000:]
        shutil.rmtree(base, ignore_errors=True)
        _no_postgres(f"could not start a throwaway cluster with {bindir}: {exc}\n{detail}")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
            capture_output=True, timeout=60,
        )  # fmt: skip
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A URL whose search_path is a fresh, empty schema (dropped afterwards)."""
    name = f"mskit_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
    except Exception as exc:  # pragma: no cover - depends on the server given
        admin.dispose()
        shown = make_url(postgres_server).render_as_string(hide_password=True)
        _no_postgres(f"cannot create a test schema on {shown}: {exc}")
    url = make_url(postgres_server).update_query_dict({"options": f"-csearch_path={name}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The backend under test: ``sqlite`` or ``postgres``."""
    return str(request.param)


@pytest.fixture
def open_same(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[[], Store]]:
    """A function opening (another) Store on this test's database; all closed at the end."""
    if backend == "postgres":
        url: str | None = request.getfixturevalue("postgres_url")
        data_dir: Path | None = None
    else:
        url, data_dir = None, tmp_path / "data"
    opened: list[Store] = []

    def opener() -> Store:
        store = open_store(data_dir=data_dir, url=url)
        opened.append(store)
        return store

    opener.url = url  # type: ignore[attr-defined]
    opener.data_dir = data_dir  # type: ignore[attr-defined]
    yield opener
    for store in opened:
        store.close()


@pytest.fixture
def store(open_same: Callable[[], Store]) -> Store:
    """An open, empty store on the backend under test."""
    return open_same()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    """An open, empty store on SQLite only."""
    with open_store(tmp_path / "data") as store:
        yield store
