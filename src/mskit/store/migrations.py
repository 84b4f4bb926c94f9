"""Versioned schema migrations.

Each step is keyed by the version it produces and runs inside one write
transaction together with its ``schema_migrations`` row, so a step is applied
completely or not at all (SQLite and PostgreSQL both have transactional DDL).
Steps never change once released: a new change is a new step, and
:data:`mskit.store.schema.SCHEMA_VERSION` moves up with it.

Many kernels may open a fresh database at the same moment; the upgrade is
serialised by ``BEGIN IMMEDIATE`` on SQLite and an advisory lock on PostgreSQL,
and the version is re-read once the lock is held.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Connection, Engine

from . import schema
from .errors import NotAnMskitDatabase, SchemaTooNew
from .types import UtcDateTime, json_type

_PG_LOCK_KEY = 0x6D736B6974  # "mskit"


@dataclass(frozen=True)
class Migration:
    """One schema step: ``upgrade`` turns version ``version - 1`` into ``version``."""

    version: int
    description: str
    upgrade: Callable[[Connection], None]


def _v1_initial(conn: Connection) -> None:
    """Version 1 as first released. Frozen: do not edit, add a new step instead."""
    md = MetaData()
    Table(
        "schema_migrations",
        md,
        Column("version", Integer, primary_key=True, autoincrement=False),
        Column("description", String(200), nullable=False),
        Column("applied_at", UtcDateTime, nullable=False),
    )
    Table(
        "sessions",
        md,
        Column("id", String(32), primary_key=True),
        Column("name", String(200), nullable=False),
        Column("date", Date, nullable=True),
        Column("venue", String(200), nullable=False),
        Column("borough", String(200), nullable=False),
        Column("programme_id", String(100), nullable=False),
        Column("facilitator", String(200), nullable=False),
        Column("created_at", UtcDateTime, nullable=False),
        Column("current_activity_id", String(100), nullable=True),
        Column("updated_at", UtcDateTime, nullable=False),
    )
    Table(
        "groups",
        md,
        Column("id", String(32), primary_key=True),
        Column("session_id", String(32), ForeignKey("sessions.id"), nullable=False, index=True),
        Column("label", String(200), nullable=False),
        Column("agencies", json_type(), nullable=False),
        Column("join_code", String(16), nullable=False, unique=True),
        Column("created_at", UtcDateTime, nullable=False),
        UniqueConstraint("session_id", "label", name="uq_groups_session_label"),
    )
    Table(
        "activity_state",
        md,
        Column("session_id", String(32), ForeignKey("sessions.id"), nullable=False),
        Column("activity_id", String(100), nullable=False),
        Column("opened_at", UtcDateTime, nullable=True),
        Column("stages_released", Integer, nullable=False),
        Column("locked", Boolean, nullable=False),
        Column("revealed", Boolean, nullable=False),
        Column("updated_at", UtcDateTime, nullable=False),
        PrimaryKeyConstraint("session_id", "activity_id", name="pk_activity_state"),
    )
    Table(
        "answers",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("session_id", String(32), ForeignKey("sessions.id"), nullable=False),
        Column("group_id", String(32), ForeignKey("groups.id"), nullable=False),
        Column("activity_id", String(100), nullable=False),
        Column("question_id", String(100), nullable=False),
        Column("value", json_type(), nullable=False),
        Column("revision", Integer, nullable=False),
        Column("saved_at", UtcDateTime, nullable=False),
        UniqueConstraint(
            "group_id", "activity_id", "question_id", "revision", name="uq_answers_revision"
        ),
    )
    Table(
        "submissions",
        md,
        Column("session_id", String(32), ForeignKey("sessions.id"), nullable=False),
        Column("group_id", String(32), ForeignKey("groups.id"), nullable=False),
        Column("activity_id", String(100), nullable=False),
        Column("submitted_at", UtcDateTime, nullable=False),
        PrimaryKeyConstraint("session_id", "group_id", "activity_id", name="pk_submissions"),
    )
    Table(
        "marks",
        md,
        Column("session_id", String(32), ForeignKey("sessions.id"), nullable=False),
        Column("group_id", String(32), ForeignKey("groups.id"), nullable=False),
        Column("activity_id", String(100), nullable=False),
        Column("question_id", String(100), nullable=False),
        Column("points", Float, nullable=False),
        Column("comment", Text, nullable=False),
        Column("marked_at", UtcDateTime, nullable=False),
        PrimaryKeyConstraint(
            "session_id", "group_id", "activity_id", "question_id", name="pk_marks"
        ),
    )
    Table(
        "evaluation_responses",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("session_id", String(32), ForeignKey("sessions.id"), nullable=False),
        Column("form_id", String(100), nullable=False),
        Column("respondent_code", String(64), nullable=False),
        Column("phase", String(8), nullable=False),
        Column("question_id", String(100), nullable=False),
        Column("value", json_type(), nullable=False),
        Column("saved_at", UtcDateTime, nullable=False),
        UniqueConstraint(
            "session_id",
            "form_id",
            "respondent_code",
            "phase",
            "question_id",
            name="uq_evaluation_response",
        ),
        CheckConstraint("phase IN ('pre', 'post', 'once')", name="ck_evaluation_phase"),
    )
    Table(
        "facilitator_log",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("session_id", String(32), ForeignKey("sessions.id"), nullable=False, index=True),
        Column("at", UtcDateTime, nullable=False),
        Column("event", String(100), nullable=False),
        Column("detail", json_type(), nullable=False),
    )
    md.create_all(conn)


def _v2_client_and_revision(conn: Connection) -> None:
    """Which device saved an answer; which answer revision a mark was given for."""
    conn.execute(text("ALTER TABLE answers ADD COLUMN client_id VARCHAR(64)"))
    conn.execute(text("ALTER TABLE marks ADD COLUMN answer_revision INTEGER"))
    conn.execute(
        text("CREATE INDEX ix_answers_session_activity ON answers (session_id, activity_id)")
    )


def _v3_stage_reveal_and_respondents(conn: Connection) -> None:
    """Reveal stage by stage; when the latest stage was released; personal-code claims."""
    conn.execute(
        text("ALTER TABLE activity_state ADD COLUMN stages_revealed INTEGER NOT NULL DEFAULT 0")
    )
    ts = "TIMESTAMP WITH TIME ZONE" if conn.dialect.name == "postgresql" else "DATETIME"
    conn.execute(text(f"ALTER TABLE activity_state ADD COLUMN released_at {ts}"))
    md = MetaData()
    Table("sessions", md, Column("id", String(32), primary_key=True))  # for the foreign key
    claims = Table(
        "respondent_claims",
        md,
        Column("session_id", String(32), ForeignKey("sessions.id"), nullable=False),
        Column("respondent_code", String(64), nullable=False),
        Column("scope", String(116), nullable=False),
        Column("token_hash", String(64), nullable=False),
        Column("claimed_at", UtcDateTime, nullable=False),
        PrimaryKeyConstraint("session_id", "respondent_code", "scope", name="pk_respondent_claims"),
    )
    md.create_all(conn, tables=[claims])


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", _v1_initial),
    Migration(
        2, "answers.client_id, marks.answer_revision, answers index", _v2_client_and_revision
    ),
    Migration(
        3,
        "stage-by-stage reveal, release time, personal-code claims",
        _v3_stage_reveal_and_respondents,
    ),
)
assert [m.version for m in MIGRATIONS] == list(range(1, schema.SCHEMA_VERSION + 1))


def read_version(conn: Connection) -> int:
    """The schema version of the database behind ``conn``; 0 for an empty database."""
    inspector = inspect(conn)
    if not inspector.has_table("schema_migrations"):
        if inspector.get_table_names():
            raise NotAnMskitDatabase(
                "This database already holds tables that are not an mskit results store. "
                "Point mskit at an empty database (or a new data folder)."
            )
        return 0
    version = conn.execute(select(func.max(schema.schema_migrations.c.version))).scalar()
    return int(version or 0)


def _check_not_newer(version: int) -> None:
    if version > schema.SCHEMA_VERSION:
        raise SchemaTooNew(version, schema.SCHEMA_VERSION)


def upgrade(read_engine: Engine, write_engine: Engine) -> int:
    """Bring the database up to :data:`schema.SCHEMA_VERSION`; return the version before.

    Raises :class:`SchemaTooNew` (and changes nothing) when the database is newer
    than this code.
    """
    with read_engine.connect() as conn:
        before = read_version(conn)
    _check_not_newer(before)
    if before == schema.SCHEMA_VERSION:
        return before
    with write_engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
        before = read_version(conn)  # another process may have upgraded meanwhile
        _check_not_newer(before)
        for step in MIGRATIONS:
            if step.version <= before:
                continue
            step.upgrade(conn)
            conn.execute(
                insert(schema.schema_migrations).values(
                    version=step.version,
                    description=step.description,
                    applied_at=datetime.now(timezone.utc),
                )
            )
    return before
