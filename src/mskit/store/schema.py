"""The current shape of every table (schema version :data:`SCHEMA_VERSION`).

Queries are written against these objects. Tables are *created and changed*
only by the steps in :mod:`mskit.store.migrations`; a test checks that running
every migration produces exactly this shape.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from .types import UtcDateTime, json_type

SCHEMA_VERSION = 3
"""The schema version this code reads and writes."""

ID = 32  # uuid4().hex
NAME = 200
KEY = 100  # activity, question, form and programme ids

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("description", String(NAME), nullable=False),
    Column("applied_at", UtcDateTime, nullable=False),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("name", String(NAME), nullable=False),
    Column("date", Date, nullable=True),
    Column("venue", String(NAME), nullable=False),
    Column("borough", String(NAME), nullable=False),
    Column("programme_id", String(KEY), nullable=False),
    Column("facilitator", String(NAME), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("current_activity_id", String(KEY), nullable=True),
    Column("updated_at", UtcDateTime, nullable=False),
)

groups = Table(
    "groups",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("session_id", String(ID), ForeignKey("sessions.id"), nullable=False, index=True),
    Column("label", String(NAME), nullable=False),
    Column("agencies", json_type(), nullable=False),
    Column("join_code", String(16), nullable=False, unique=True),
    Column("created_at", UtcDateTime, nullable=False),
    UniqueConstraint("session_id", "label", name="uq_groups_session_label"),
)

activity_state = Table(
    "activity_state",
    metadata,
    Column("session_id", String(ID), ForeignKey("sessions.id"), nullable=False),
    Column("activity_id", String(KEY), nullable=False),
    Column("opened_at", UtcDateTime, nullable=True),
    Column("stages_released", Integer, nullable=False),
    Column("locked", Boolean, nullable=False),
    Column("revealed", Boolean, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("stages_revealed", Integer, nullable=False, server_default="0"),  # v3
    Column("released_at", UtcDateTime, nullable=True),  # v3
    PrimaryKeyConstraint("session_id", "activity_id", name="pk_activity_state"),
)

answers = Table(
    "answers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", String(ID), ForeignKey("sessions.id"), nullable=False),
    Column("group_id", String(ID), ForeignKey("groups.id"), nullable=False),
    Column("activity_id", String(KEY), nullable=False),
    Column("question_id", String(KEY), nullable=False),
    Column("value", json_type(), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("saved_at", UtcDateTime, nullable=False),
    Column("client_id", String(64), nullable=True),  # v2
    UniqueConstraint(
        "group_id", "activity_id", "question_id", "revision", name="uq_answers_revision"
    ),
    Index("ix_answers_session_activity", "session_id", "activity_id"),  # v2
)

submissions = Table(
    "submissions",
    metadata,
    Column("session_id", String(ID), ForeignKey("sessions.id"), nullable=False),
    Column("group_id", String(ID), ForeignKey("groups.id"), nullable=False),
    Column("activity_id", String(KEY), nullable=False),
    Column("submitted_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("session_id", "group_id", "activity_id", name="pk_submissions"),
)

marks = Table(
    "marks",
    metadata,
    Column("session_id", String(ID), ForeignKey("sessions.id"), nullable=False),
    Column("group_id", String(ID), ForeignKey("groups.id"), nullable=False),
    Column("activity_id", String(KEY), nullable=False),
    Column("question_id", String(KEY), nullable=False),
    Column("points", Float, nullable=False),
    Column("comment", Text, nullable=False),
    Column("marked_at", UtcDateTime, nullable=False),
    Column("answer_revision", Integer, nullable=True),  # v2
    PrimaryKeyConstraint("session_id", "group_id", "activity_id", "question_id", name="pk_marks"),
)

evaluation_responses = Table(
    "evaluation_responses",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", String(ID), ForeignKey("sessions.id"), nullable=False),
    Column("form_id", String(KEY), nullable=False),
    Column("respondent_code", String(64), nullable=False),
    Column("phase", String(8), nullable=False),
    Column("question_id", String(KEY), nullable=False),
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

respondent_claims = Table(
    "respondent_claims",
    metadata,
    Column("session_id", String(ID), ForeignKey("sessions.id"), nullable=False),
    Column("respondent_code", String(64), nullable=False),
    Column("scope", String(KEY + 16), nullable=False),
    Column("token_hash", String(64), nullable=False),
    Column("claimed_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("session_id", "respondent_code", "scope", name="pk_respondent_claims"),
)  # v3: which device holds a personal code ("issued") or answers a form ("form:phase")

facilitator_log = Table(
    "facilitator_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", String(ID), ForeignKey("sessions.id"), nullable=False, index=True),
    Column("at", UtcDateTime, nullable=False),
    Column("event", String(KEY), nullable=False),
    Column("detail", json_type(), nullable=False),
)

SESSION_TABLES = (
    facilitator_log,
    respondent_claims,
    evaluation_responses,
    marks,
    submissions,
    answers,
    activity_state,
    groups,
)
"""Tables holding one session's data, children before parents (safe delete order)."""
