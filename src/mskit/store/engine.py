"""Create the read and write engines for a store URL."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import URL, Engine, create_engine

from .sqlite import WRITE_OPTION, create_sqlite_engine


@dataclass(frozen=True)
class Engines:
    """Two views of one connection pool: ``write`` opens write transactions."""

    read: Engine
    write: Engine

    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self.read.dialect.name

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.read.dispose()


def create_engines(url: URL) -> Engines:
    """Engines for ``url`` (SQLite or PostgreSQL)."""
    if url.get_backend_name() == "sqlite":
        engine = create_sqlite_engine(url)
    else:
        # One kernel process uses one connection at a time; keep the pool small so
        # dozens of kernels stay well inside PostgreSQL's max_connections.
        engine = create_engine(
            url,
            pool_size=1,
            max_overflow=4,
            pool_pre_ping=True,
            connect_args={"connect_timeout": 10},
        )
    return Engines(read=engine, write=engine.execution_options(**{WRITE_OPTION: True}))
