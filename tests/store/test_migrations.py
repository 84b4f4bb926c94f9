"""Schema versions: fresh databases, upgrading an old one, refusing a newer one."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from mskit.store import SCHEMA_VERSION, SchemaTooNew, Store, open_store
from mskit.store import schema as current
from mskit.store.migrations import MIGRATIONS
from mskit.store.sqlite import create_sqlite_engine

V1_DDL = """
CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY,
  description VARCHAR(200) NOT NULL, applied_at DATETIME NOT NULL);
CREATE TABLE sessions (id VARCHAR(32) NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL,
  date DATE, venue VARCHAR(200) NOT NULL, borough VARCHAR(200) NOT NULL,
  programme_id VARCHAR(100) NOT NULL, facilitator VARCHAR(200) NOT NULL,
  created_at DATETIME NOT NULL, current_activity_id VARCHAR(100), updated_at DATETIME NOT NULL);
CREATE TABLE groups (id VARCHAR(32) NOT NULL PRIMARY KEY,
  session_id VARCHAR(32) NOT NULL REFERENCES sessions (id), label VARCHAR(200) NOT NULL,
  agencies JSON NOT NULL, join_code VARCHAR(16) NOT NULL UNIQUE, created_at DATETIME NOT NULL,
  CONSTRAINT uq_groups_session_label UNIQUE (session_id, label));
CREATE INDEX ix_groups_session_id ON groups (session_id);
CREATE TABLE activity_state (session_id VARCHAR(32) NOT NULL REFERENCES sessions (id),
  activity_id VARCHAR(100) NOT NULL, opened_at DATETIME, stages_released INTEGER NOT NULL,
  locked BOOLEAN NOT NULL, revealed BOOLEAN NOT NULL, updated_at DATETIME NOT NULL,
  CONSTRAINT pk_activity_state PRIMARY KEY (session_id, activity_id));
CREATE TABLE answers (id INTEGER NOT NULL PRIMARY KEY,
  session_id VARCHAR(32) NOT NULL REFERENCES sessions (id),
  group_id VARCHAR(32) NOT NULL REFERENCES groups (id), activity_id VARCHAR(100) NOT NULL,
  question_id VARCHAR(100) NOT NULL, value JSON NOT NULL, revision INTEGER NOT NULL,
  saved_at DATETIME NOT NULL,
  CONSTRAINT uq_answers_revision UNIQUE (group_id, activity_id, question_id, revision));
CREATE TABLE submissions (session_id VARCHAR(32) NOT NULL REFERENCES sessions (id),
  group_id VARCHAR(32) NOT NULL REFERENCES groups (id), activity_id VARCHAR(100) NOT NULL,
  submitted_at DATETIME NOT NULL,
  CONSTRAINT pk_submissions PRIMARY KEY (session_id, group_id, activity_id));
CREATE TABLE marks (session_id VARCHAR(32) NOT NULL REFERENCES sessions (id),
  group_id VARCHAR(32) NOT NULL REFERENCES groups (id), activity_id VARCHAR(100) NOT NULL,
  question_id VARCHAR(100) NOT NULL, points FLOAT NOT NULL, comment TEXT NOT NULL,
  marked_at DATETIME NOT NULL,
  CONSTRAINT pk_marks PRIMARY KEY (session_id, group_id, activity_id, question_id));
CREATE TABLE evaluation_responses (id INTEGER NOT NULL PRIMARY KEY,
  session_id VARCHAR(32) NOT NULL REFERENCES sessions (id), form_id VARCHAR(100) NOT NULL,
  respondent_code VARCHAR(64) NOT NULL, phase VARCHAR(8) NOT NULL,
  question_id VARCHAR(100) NOT NULL, value JSON NOT NULL, saved_at DATETIME NOT NULL,
  CONSTRAINT uq_evaluation_response
    UNIQUE (session_id, form_id, respondent_code, phase, question_id),
  CONSTRAINT ck_evaluation_phase CHECK (phase IN ('pre', 'post', 'once')));
CREATE TABLE facilitator_log (id INTEGER NOT NULL PRIMARY KEY,
  session_id VARCHAR(32) NOT NULL REFERENCES sessions (id), at DATETIME NOT NULL,
  event VARCHAR(100) NOT NULL, detail JSON NOT NULL);
CREATE INDEX ix_facilitator_log_session_id ON facilitator_log (session_id);
"""

T = "2024-05-01 10:00:00.000000"
V1_DATA = f"""
INSERT INTO schema_migrations VALUES (1, 'initial schema', '{T}');
INSERT INTO sessions VALUES ('{"s" * 32}', 'Old session', '2024-05-01', 'Hall', 'Camden',
  'awareness', 'A. Trainer', '{T}', 'case-1', '{T}');
INSERT INTO groups VALUES ('{"g" * 32}', '{"s" * 32}', 'Table 1', '["police"]', 'ABCDEFGHJK', '{T}');
INSERT INTO activity_state VALUES ('{"s" * 32}', 'case-1', '{T}', 2, 0, 1, '{T}');
INSERT INTO answers VALUES (1, '{"s" * 32}', '{"g" * 32}', 'case-1', 'q1', '"first"', 1, '{T}');
INSERT INTO answers VALUES (2, '{"s" * 32}', '{"g" * 32}', 'case-1', 'q1', '["a","b"]', 2, '{T}');
INSERT INTO marks VALUES ('{"s" * 32}', '{"g" * 32}', 'case-1', 'why', 2.0, 'ok', '{T}');
"""


def _make_v1(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.executescript(V1_DDL + V1_DATA)
    conn.close()


def _columns(engine) -> dict[str, dict[str, bool]]:
    inspector = inspect(engine)
    return {
        name: {c["name"]: c["nullable"] for c in inspector.get_columns(name)}
        for name in inspector.get_table_names()
    }


def test_fresh_database_is_current(store: Store, open_same) -> None:
    """A new database is created at the current schema version, every step recorded once."""
    engine = _engine_for(open_same)
    with engine.connect() as conn:
        versions = conn.execute(text("SELECT version FROM schema_migrations")).scalars().all()
    engine.dispose()
    assert sorted(versions) == list(range(1, SCHEMA_VERSION + 1))
    assert [m.version for m in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))


def test_migrations_produce_schema_module(store: Store, open_same) -> None:
    """Running every migration yields exactly the tables and columns schema.py describes."""
    engine = _engine_for(open_same)
    found = _columns(engine)
    indexes = {i["name"] for i in inspect(engine).get_indexes("answers")}
    engine.dispose()
    expected = {
        t.name: {c.name: bool(c.nullable) for c in t.columns}
        for t in current.metadata.sorted_tables
    }
    assert found == expected
    assert "ix_answers_session_activity" in indexes


def _engine_for(open_same):
    if open_same.url:
        return create_engine(open_same.url)
    return create_sqlite_engine(
        create_engine(f"sqlite:///{open_same.data_dir / 'mskit.sqlite3'}").url
    )


def test_upgrade_hand_made_v1(tmp_path: Path) -> None:
    """A v1 database made by hand is upgraded on open; its data stays readable and writable."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    _make_v1(data_dir / "mskit.sqlite3")
    with open_store(data_dir) as store:
        session = store.get_session("s" * 32)
        assert session.name == "Old session" and session.current_activity_id == "case-1"
        [group] = store.list_groups(session.id)
        assert store.group_by_code("abcdefghjk") == group
        state = store.current_activity(session.id)
        assert state and (state.stages_released, state.locked, state.revealed) == (2, False, True)
        assert (state.stages_revealed, state.released_at) == (0, None)  # v3 defaults
        [latest] = store.latest_answers(session.id)
        assert (latest.value, latest.revision, latest.client_id) == (["a", "b"], 2, None)
        [mark] = store.marks(session.id)
        assert (mark.points, mark.answer_revision) == (2.0, None)
        saved = store.save_answer(session.id, group.id, "case-1", "q1", "new", 2, client_id="t")
        assert saved.revision == 3
        assert store.latest_answers(session.id)[0].client_id == "t"
    with sqlite3.connect(data_dir / "mskit.sqlite3") as conn:
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations")]
    conn.close()
    assert versions == [1, 2, 3]


def test_upgrade_v1_on_backend(open_same, backend: str) -> None:
    """On every backend, a database left at v1 by the first step is upgraded on open."""
    if backend == "sqlite":
        open_same.data_dir.mkdir(parents=True)
    engine = _engine_for(open_same)
    with engine.begin() as conn:
        MIGRATIONS[0].upgrade(conn)
        conn.execute(
            text("INSERT INTO schema_migrations VALUES (1, 'initial schema', :t)"),
            {"t": "2024-05-01 10:00:00"},
        )
    assert "client_id" not in _columns(engine)["answers"]
    store = open_same()
    session = store.create_session("After upgrade")
    group = store.add_group(session.id, "T")
    store.save_answer(session.id, group.id, "a", "q", 1, client_id="x")
    assert store.latest_answers(session.id)[0].client_id == "x"
    assert "client_id" in _columns(engine)["answers"]
    engine.dispose()


def test_newer_database_refused(tmp_path: Path) -> None:
    """A database from a newer mskit raises SchemaTooNew with a plain message, untouched."""
    data_dir = tmp_path / "data"
    open_store(data_dir).close()
    path = data_dir / "mskit.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO schema_migrations VALUES (?, 'from the future', ?)",
            (SCHEMA_VERSION + 3, T),
        )
    conn.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNew) as caught:
        open_store(data_dir)
    message = str(caught.value)
    assert f"schema version {SCHEMA_VERSION + 3}" in message
    assert f"up to version {SCHEMA_VERSION}" in message and "Upgrade mskit" in message
    assert caught.value.found == SCHEMA_VERSION + 3
    assert path.read_bytes() == before


def _open_and_close(data_dir: str, barrier) -> None:
    barrier.wait()
    open_store(data_dir).close()


def test_many_processes_create_database_at_once(tmp_path: Path) -> None:
    """Kernels opening a brand-new database together migrate it exactly once, without errors."""
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(12)
    procs = [
        ctx.Process(target=_open_and_close, args=(str(tmp_path / "d"), barrier)) for _ in range(12)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0] * 12
    with sqlite3.connect(tmp_path / "d" / "mskit.sqlite3") as conn:
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations")]
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    conn.close()
    assert versions == list(range(1, SCHEMA_VERSION + 1))
    assert mode == "wal"
