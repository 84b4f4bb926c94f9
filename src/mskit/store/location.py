"""Where the results store lives: a data folder with an SQLite file, or a database URL.

Precedence, first match wins:

1. ``url`` argument (``--database-url``)
2. ``data_dir`` argument (``--data-dir``)
3. environment ``MSKIT_DATABASE_URL``
4. environment ``MSKIT_DATA``
5. the platform's user data folder for "mskit" (:func:`default_data_dir`)

An explicit argument always beats the environment, and at the same level a URL
beats a data folder.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import platformdirs
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from .errors import StoreLocationError

SQLITE_FILENAME = "mskit.sqlite3"
ENV_DATA_DIR = "MSKIT_DATA"
ENV_DATABASE_URL = "MSKIT_DATABASE_URL"


def default_data_dir() -> Path:
    """The platform's per-user data folder for mskit (not created here)."""
    return platformdirs.user_data_path("mskit", appauthor=False)


def resolve_url(data_dir: str | os.PathLike[str] | None = None, url: str | None = None) -> URL:
    """Work out which database to open; create the data folder if an SQLite file is used.

    Raises :class:`StoreLocationError` when the URL is not understood or the data
    folder cannot be created or written.
    """
    if url:
        return _parse_url(url)
    if data_dir is not None:
        return sqlite_url(ensure_data_dir(Path(data_dir)))
    env_url = os.environ.get(ENV_DATABASE_URL, "").strip()
    if env_url:
        return _parse_url(env_url)
    env_dir = os.environ.get(ENV_DATA_DIR, "").strip()
    folder = Path(env_dir) if env_dir else default_data_dir()
    return sqlite_url(ensure_data_dir(folder))


def missing_sqlite_file(data_dir: str | os.PathLike[str] | None = None) -> Path | None:
    """The SQLite file the store would use when it does not exist yet, else None; creates
    nothing (so reading commands can say there is nothing yet without making a store)."""
    if data_dir is None and os.environ.get(ENV_DATABASE_URL, "").strip():
        return None
    env_dir = os.environ.get(ENV_DATA_DIR, "").strip()
    folder = Path(data_dir) if data_dir is not None else Path(env_dir) if env_dir else None
    path = (folder or default_data_dir()).expanduser().resolve() / SQLITE_FILENAME
    if path.exists():
        return None
    existing = next(p for p in path.parents if p.exists())
    return path if existing.is_dir() else None  # else opening says what is wrong


def sqlite_url(folder: Path) -> URL:
    """The SQLAlchemy URL of the store's SQLite file inside ``folder``."""
    return URL.create("sqlite", database=str(folder / SQLITE_FILENAME))


def describe(url: URL) -> str:
    """A printable description of where the store is, with any password hidden."""
    if url.get_backend_name() == "sqlite":
        return f"SQLite file {url.database}"
    return url.render_as_string(hide_password=True)


def ensure_data_dir(folder: Path) -> Path:
    """Create ``folder`` if needed (readable by this user only: it holds participants'
    answers) and check a file can be written in it."""
    folder = folder.expanduser()
    try:
        try:
            folder.mkdir(mode=0o700, parents=True)
            folder.chmod(0o700)  # whatever the umask
        except FileExistsError:
            pass  # made by the user, or by another kernel opening the store at this moment
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".mskit-write-test-"):
            pass
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise StoreLocationError(
            f"Cannot use the data folder {str(folder)!r}: {reason}. Choose a folder you can "
            f"write to with --data-dir or the {ENV_DATA_DIR} environment variable."
        ) from None
    return folder.resolve()


def _parse_url(text: str) -> URL:
    try:
        url = make_url(text)
    except ArgumentError:
        raise StoreLocationError(
            "The database URL is not understood; expected something like "
            "postgresql+psycopg://user:password@host/dbname or sqlite:///path/to/file."
        ) from None
    backend = url.get_backend_name()
    if backend == "postgresql" and url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    if backend not in ("postgresql", "sqlite"):
        raise StoreLocationError(
            f"Unsupported database {backend!r} in {describe(url)}: "
            "mskit stores results in SQLite or PostgreSQL."
        )
    if backend == "sqlite" and url.database and url.database != ":memory:":
        ensure_data_dir(Path(url.database).expanduser().parent)
    return url
