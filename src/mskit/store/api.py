"""The results store: one object per process, safe to use from many processes at once.

Open it with :func:`open_store`. Every method runs in its own short transaction;
every write on SQLite is a ``BEGIN IMMEDIATE`` transaction (see :mod:`.sqlite`),
on PostgreSQL it locks the session or group row it changes. Nothing is cached:
each read sees what other processes have committed.
"""

from __future__ import annotations

import math
import os
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import and_, delete, func, insert, select, update
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, Connection

from . import convert, migrations, schema, transfer, values
from .engine import Engines, create_engines
from .errors import (
    ActivityLocked,
    DuplicateGroup,
    ImportFormatError,
    InvalidValue,
    StaleWrite,
    StoreError,
    StoreUnavailable,
    UnknownGroup,
    UnknownJoinCode,
    UnknownSession,
)
from .location import describe, resolve_url
from .respondents import RespondentsMixin, check_claim
from .rows import (
    ActivityState,
    Answer,
    EvaluationResponse,
    Group,
    LogEntry,
    Mark,
    SaveResult,
    Session,
    Submission,
)

T = TypeVar("T")

_WRITE_ATTEMPTS = 4
_S, _G, _A = schema.sessions, schema.groups, schema.answers
_AS, _SUB, _M = schema.activity_state, schema.submissions, schema.marks
_EV, _LOG = schema.evaluation_responses, schema.facilitator_log


def open_store(data_dir: str | os.PathLike[str] | None = None, url: str | None = None) -> Store:
    """Open (creating or upgrading if needed) the results store.

    ``url`` (or env ``MSKIT_DATABASE_URL``) selects a database such as
    ``postgresql+psycopg://user:pw@host/db``; otherwise the SQLite file
    ``mskit.sqlite3`` in ``data_dir`` (or env ``MSKIT_DATA``, or the platform's user
    data folder) is used. Raises :class:`StoreError` subclasses with plain messages.
    """
    resolved = resolve_url(data_dir, url)
    engines = create_engines(resolved)
    try:
        with _translate_errors(resolved):
            migrations.upgrade(engines.read, engines.write)
    except BaseException:
        engines.dispose()
        raise
    return Store(resolved, engines)


@contextmanager
def _translate_errors(url: URL) -> Iterator[None]:
    """Turn driver failures (locked too long, disk full, server down) into StoreUnavailable."""
    try:
        yield
    except (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.TimeoutError) as exc:
        raise StoreUnavailable(
            f"The results store ({describe(url)}) could not be used: {_reason(exc)}"
        ) from exc


def _reason(exc: Exception) -> str:
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    return lines[0] if lines else type(orig).__name__


def _is_retryable(exc: sa_exc.DBAPIError) -> bool:
    if isinstance(exc, sa_exc.IntegrityError):
        return True  # a concurrent insert won a unique key: re-read and try again
    message = str(exc.orig).lower()
    sqlstate = getattr(exc.orig, "sqlstate", None)
    return "locked" in message or "busy" in message or sqlstate in ("40001", "40P01")


def _new_id() -> str:
    return uuid.uuid4().hex


class Store(RespondentsMixin):
    """The results store for sessions, groups, answers, marks and evaluation.

    Use one ``Store`` per process (open it after forking) and call :meth:`close`
    when done, or use it as a context manager.
    """

    def __init__(self, url: URL, engines: Engines) -> None:
        self._url = url
        self._engines = engines

    # -- lifecycle ---------------------------------------------------------

    @property
    def location(self) -> str:
        """Where the data is, printable (password hidden)."""
        return describe(self._url)

    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self._engines.dialect

    def close(self) -> None:
        """Release every database connection held by this process."""
        self._engines.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self.location}>"

    # -- transactions ------------------------------------------------------

    @contextmanager
    def _read(self, snapshot: bool = False) -> Iterator[Connection]:
        """A read transaction; ``snapshot`` makes several queries see one moment.

        (SQLite's deferred transaction already reads one snapshot; PostgreSQL needs
        REPEATABLE READ for that.)
        """
        with _translate_errors(self._url), self._engines.read.connect() as conn:
            if snapshot and self.dialect == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield conn

    def _write(self, work: Callable[[Connection], T], retry_conflicts: bool = True) -> T:
        """Run ``work`` in one short write transaction, retrying on lock contention.

        ``work`` must be safe to run again from the start (it re-reads what it needs).
        With ``retry_conflicts`` a unique-key clash (a concurrent insert won) is retried too.
        """
        for attempt in range(_WRITE_ATTEMPTS):
            try:
                with self._engines.write.begin() as conn:
                    return work(conn)
            except sa_exc.DBAPIError as exc:
                conflict = isinstance(exc, sa_exc.IntegrityError)
                if (
                    attempt + 1 < _WRITE_ATTEMPTS
                    and _is_retryable(exc)
                    and (retry_conflicts or not conflict)
                ):
                    time.sleep(0.05 * (attempt + 1))
                    continue
                if isinstance(exc, sa_exc.IntegrityError):
                    raise
                with _translate_errors(self._url):
                    raise
        raise AssertionError("unreachable")

    # -- lookups used inside transactions ----------------------------------

    @staticmethod
    def _session_row(conn: Connection, session_id: str, lock: bool = False) -> Any:
        query = select(_S).where(_S.c.id == session_id)
        if lock:
            query = query.with_for_update(key_share=True)
        row = conn.execute(query).first()
        if row is None:
            raise UnknownSession(session_id)
        return row

    @staticmethod
    def _group_row(conn: Connection, session_id: str, group_id: str, lock: bool = False) -> Any:
        query = select(_G).where(_G.c.id == group_id)
        if lock:
            query = query.with_for_update(key_share=True)
        row = conn.execute(query).first()
        if row is None or row.session_id != session_id:
            Store._session_row(conn, session_id)
            raise UnknownGroup(group_id, session_id)
        return row

    # -- sessions ----------------------------------------------------------

    def create_session(
        self,
        name: str,
        date: date | str | None = None,
        venue: str = "",
        borough: str = "",
        programme_id: str = "",
        facilitator: str = "",
    ) -> Session:
        """Create a session and return it (its ``id`` is a new uuid4 hex)."""
        now = values.utcnow()
        row = {
            "id": _new_id(),
            "name": values.key("name", name, schema.NAME),
            "date": values.session_date(date),
            "venue": values.text("venue", venue),
            "borough": values.text("borough", borough),
            "programme_id": values.text("programme_id", programme_id, schema.KEY),
            "facilitator": values.text("facilitator", facilitator),
            "created_at": now,
            "current_activity_id": None,
            "updated_at": now,
        }
        self._write(lambda conn: conn.execute(insert(_S).values(**row)))
        return Session(**row)

    def get_session(self, session_id: str) -> Session:
        """The session with this id; raises :class:`UnknownSession`."""
        with self._read() as conn:
            return convert.session(self._session_row(conn, session_id))

    def list_sessions(self) -> list[Session]:
        """Every session, newest first (by date, then creation time)."""
        query = select(_S).order_by(_S.c.date.desc(), _S.c.created_at.desc())
        with self._read() as conn:
            return [convert.session(r) for r in conn.execute(query)]

    def delete_session(self, session_id: str) -> None:
        """Delete a session and all its groups, answers, marks, evaluation and log."""

        def work(conn: Connection) -> None:
            self._session_row(conn, session_id, lock=True)
            transfer.delete_session_rows(conn, session_id)

        self._write(work)

    # -- groups ------------------------------------------------------------

    def add_group(
        self, session_id: str, label: str, agencies: tuple[str, ...] | list[str] = ()
    ) -> Group:
        """Add a group (table) to a session with a fresh unguessable join code.

        Raises :class:`DuplicateGroup` if the session already has a group with this label.
        """
        label = values.key("label", label, schema.NAME)
        agency_list = [values.key("agency", a, schema.NAME) for a in agencies]

        def work(conn: Connection) -> Group:
            self._session_row(conn, session_id, lock=True)
            clash = conn.execute(
                select(_G.c.id).where(_G.c.session_id == session_id, _G.c.label == label)
            ).first()
            if clash is not None:
                raise DuplicateGroup(f"This session already has a group called {label!r}.")
            code = values.new_join_code()
            while conn.execute(select(_G.c.id).where(_G.c.join_code == code)).first():
                code = values.new_join_code()
            row = {
                "id": _new_id(),
                "session_id": session_id,
                "label": label,
                "agencies": agency_list,
                "join_code": code,
                "created_at": values.utcnow(),
            }
            conn.execute(insert(_G).values(**row))
            return Group(**{**row, "agencies": tuple(agency_list)})

        return self._write(work)

    def new_join_code(self, session_id: str, group_id: str) -> Group:
        """Give the group a fresh join code; the old one stops working at once (pages that
        joined with it stay joined)."""

        def work(conn: Connection) -> Group:
            self._group_row(conn, session_id, group_id, lock=True)
            code = values.new_join_code()
            while conn.execute(select(_G.c.id).where(_G.c.join_code == code)).first():
                code = values.new_join_code()
            conn.execute(update(_G).where(_G.c.id == group_id).values(join_code=code))
            row = conn.execute(select(_G).where(_G.c.id == group_id)).one()
            return convert.group(row)

        return self._write(work)

    def list_groups(self, session_id: str) -> list[Group]:
        """The session's groups in the order they were added."""
        query = (
            select(_G).where(_G.c.session_id == session_id).order_by(_G.c.created_at, _G.c.label)
        )
        with self._read() as conn:
            self._session_row(conn, session_id)
            return [convert.group(r) for r in conn.execute(query)]

    def get_group(self, group_id: str) -> Group:
        """The group with this id; raises :class:`UnknownGroup`."""
        with self._read() as conn:
            row = conn.execute(select(_G).where(_G.c.id == group_id)).first()
        if row is None:
            raise UnknownGroup(group_id)
        return convert.group(row)

    def group_by_code(self, join_code: str) -> Group:
        """The group a join code belongs to (case, spaces and hyphens ignored).

        Raises :class:`UnknownJoinCode`.
        """
        code = values.normalise_join_code(join_code)
        with self._read() as conn:
            row = conn.execute(select(_G).where(_G.c.join_code == code)).first()
        if row is None:
            raise UnknownJoinCode(join_code)
        return convert.group(row)

    # -- activity state ----------------------------------------------------

    def _change_activity(
        self,
        session_id: str,
        activity_id: str,
        change: Callable[[Any, datetime], dict[str, Any]],
        make_current: bool = False,
    ) -> ActivityState:
        """Create the activity's state row if needed and apply ``change(old_row, now)``."""
        activity_id = values.key("activity_id", activity_id)

        def work(conn: Connection) -> ActivityState:
            session = self._session_row(conn, session_id, lock=True)
            now = values.utcnow()
            where = and_(_AS.c.session_id == session_id, _AS.c.activity_id == activity_id)
            old = conn.execute(select(_AS).where(where)).first()
            if old is None:
                conn.execute(
                    insert(_AS).values(
                        session_id=session_id,
                        activity_id=activity_id,
                        opened_at=None,
                        stages_released=0,
                        locked=False,
                        revealed=False,
                        updated_at=now,
                        stages_revealed=0,
                    )
                )
                old = conn.execute(select(_AS).where(where)).one()
            conn.execute(update(_AS).where(where).values(updated_at=now, **change(old, now)))
            current = session.current_activity_id
            if make_current:
                current = activity_id
                conn.execute(
                    update(_S)
                    .where(_S.c.id == session_id)
                    .values(current_activity_id=activity_id, updated_at=now)
                )
            return convert.activity_state(conn.execute(select(_AS).where(where)).one(), current)

        return self._write(work)

    def open_activity(self, session_id: str, activity_id: str) -> ActivityState:
        """Make this the activity every group page shows now.

        Re-opening an activity keeps its released stages, lock and reveal.
        """
        return self._change_activity(
            session_id,
            activity_id,
            lambda old, now: {"opened_at": old.opened_at or now},
            make_current=True,
        )

    def close_activity(self, session_id: str) -> None:
        """No activity is open now (group pages show a waiting screen)."""

        def work(conn: Connection) -> None:
            self._session_row(conn, session_id, lock=True)
            conn.execute(
                update(_S)
                .where(_S.c.id == session_id)
                .values(current_activity_id=None, updated_at=values.utcnow())
            )

        self._write(work)

    def release_stage(
        self, session_id: str, activity_id: str, stage: int | None = None
    ) -> ActivityState:
        """Release the next case-study stage, or (``stage=n``) make at least n stages released.

        Passing ``stage`` makes a repeated click harmless; stages are never taken back.
        """
        if stage is not None and (not isinstance(stage, int) or stage < 0):
            raise InvalidValue(f"stage must be a whole number 0 or more, got {stage!r}.")

        def change(old: Any, now: datetime) -> dict[str, Any]:
            current = int(old.stages_released)
            new = current + 1 if stage is None else max(current, stage)
            out: dict[str, Any] = {"stages_released": new}
            if new != current:
                out["released_at"] = now
            return out

        return self._change_activity(session_id, activity_id, change)

    def reveal_stages(self, session_id: str, activity_id: str, stages: int) -> ActivityState:
        """Reveal the model answers of the first ``stages`` stages (never taken back)."""
        if not isinstance(stages, int) or stages < 0:
            raise InvalidValue(f"stages must be a whole number 0 or more, got {stages!r}.")
        return self._change_activity(
            session_id,
            activity_id,
            lambda old, now: {"stages_revealed": max(int(old.stages_revealed or 0), stages)},
        )

    def lock_activity(
        self, session_id: str, activity_id: str, locked: bool = True
    ) -> ActivityState:
        """Lock (or unlock) an activity: while locked, answers cannot be changed."""
        return self._change_activity(
            session_id, activity_id, lambda old, now: {"locked": bool(locked)}
        )

    def reveal_activity(
        self, session_id: str, activity_id: str, revealed: bool = True
    ) -> ActivityState:
        """Reveal (or hide again) the model answer; group pages show feedback once revealed."""
        return self._change_activity(
            session_id, activity_id, lambda old, now: {"revealed": bool(revealed)}
        )

    def activity_state(self, session_id: str, activity_id: str) -> ActivityState | None:
        """The state of one activity, or None if the facilitator never touched it."""
        with self._read() as conn:
            session = self._session_row(conn, session_id)
            row = conn.execute(
                select(_AS).where(_AS.c.session_id == session_id, _AS.c.activity_id == activity_id)
            ).first()
        return None if row is None else convert.activity_state(row, session.current_activity_id)

    def activity_states(self, session_id: str) -> list[ActivityState]:
        """The state of every activity the facilitator has touched in the session."""
        with self._read() as conn:
            session = self._session_row(conn, session_id)
            rows = conn.execute(
                select(_AS).where(_AS.c.session_id == session_id).order_by(_AS.c.opened_at)
            ).all()
        return [convert.activity_state(r, session.current_activity_id) for r in rows]

    def current_activity(self, session_id: str) -> ActivityState | None:
        """The activity open now, or None."""
        with self._read() as conn:
            session = self._session_row(conn, session_id)
            if session.current_activity_id is None:
                return None
            row = conn.execute(
                select(_AS).where(
                    _AS.c.session_id == session_id,
                    _AS.c.activity_id == session.current_activity_id,
                )
            ).first()
        return None if row is None else convert.activity_state(row, session.current_activity_id)

    # -- answers -----------------------------------------------------------

    def save_answer(
        self,
        session_id: str,
        group_id: str,
        activity_id: str,
        question_id: str,
        value: Any,
        expected_revision: int | None = None,
        client_id: str | None = None,
    ) -> SaveResult:
        """Save a group's answer as a new revision (history is kept).

        * Saving the value that is already current writes nothing and returns the
          current revision with ``changed=False`` (so a retried save is harmless).
        * ``expected_revision`` is the revision the page last saw (0: no answer yet).
          If another save happened since, :class:`StaleWrite` is raised and nothing
          is written. ``None`` means last writer wins.
        * Raises :class:`ActivityLocked` if the facilitator locked the activity.
        """
        activity_id = values.key("activity_id", activity_id)
        question_id = values.key("question_id", question_id)
        canonical = values.canonical_json(value)
        stored_value = values.json_value(value)
        client = None if client_id is None else values.key("client_id", client_id, 64)

        def work(conn: Connection) -> SaveResult:
            self._group_row(conn, session_id, group_id, lock=True)
            latest = conn.execute(
                select(_A.c.revision, _A.c.value, _A.c.saved_at)
                .where(
                    _A.c.group_id == group_id,
                    _A.c.activity_id == activity_id,
                    _A.c.question_id == question_id,
                )
                .order_by(_A.c.revision.desc())
                .limit(1)
            ).first()
            current = 0 if latest is None else int(latest.revision)
            if latest is not None and values.canonical_json(latest.value) == canonical:
                return SaveResult(revision=current, saved_at=latest.saved_at, changed=False)
            locked = conn.execute(
                select(_AS.c.locked).where(
                    _AS.c.session_id == session_id, _AS.c.activity_id == activity_id
                )
            ).scalar()
            if locked:
                raise ActivityLocked(activity_id)
            if expected_revision is not None and expected_revision != current:
                raise StaleWrite(expected_revision, current)
            now = values.utcnow()
            conn.execute(
                insert(_A).values(
                    session_id=session_id,
                    group_id=group_id,
                    activity_id=activity_id,
                    question_id=question_id,
                    value=stored_value,
                    revision=current + 1,
                    saved_at=now,
                    client_id=client,
                )
            )
            return SaveResult(revision=current + 1, saved_at=now, changed=True)

        return self._write(work)

    def latest_answers(
        self, session_id: str, group_id: str | None = None, activity_id: str | None = None
    ) -> list[Answer]:
        """The current (latest-revision) answer of every question, optionally filtered."""
        filters = [_A.c.session_id == session_id]
        if group_id is not None:
            filters.append(_A.c.group_id == group_id)
        if activity_id is not None:
            filters.append(_A.c.activity_id == activity_id)
        latest = (
            select(
                _A.c.group_id,
                _A.c.activity_id,
                _A.c.question_id,
                func.max(_A.c.revision).label("revision"),
            )
            .where(*filters)
            .group_by(_A.c.group_id, _A.c.activity_id, _A.c.question_id)
            .subquery()
        )
        query = (
            select(_A)
            .join(
                latest,
                and_(
                    _A.c.group_id == latest.c.group_id,
                    _A.c.activity_id == latest.c.activity_id,
                    _A.c.question_id == latest.c.question_id,
                    _A.c.revision == latest.c.revision,
                ),
            )
            .order_by(_A.c.group_id, _A.c.activity_id, _A.c.question_id)
        )
        with self._read() as conn:
            self._session_row(conn, session_id)
            return [convert.answer(r) for r in conn.execute(query)]

    def answer_history(
        self,
        session_id: str,
        group_id: str | None = None,
        activity_id: str | None = None,
        question_id: str | None = None,
    ) -> list[Answer]:
        """Every saved revision, oldest first within each question."""
        query = select(_A).where(_A.c.session_id == session_id)
        if group_id is not None:
            query = query.where(_A.c.group_id == group_id)
        if activity_id is not None:
            query = query.where(_A.c.activity_id == activity_id)
        if question_id is not None:
            query = query.where(_A.c.question_id == question_id)
        query = query.order_by(_A.c.group_id, _A.c.activity_id, _A.c.question_id, _A.c.revision)
        with self._read() as conn:
            self._session_row(conn, session_id)
            return [convert.answer(r) for r in conn.execute(query)]

    # -- submissions and marks ---------------------------------------------

    def submit(self, session_id: str, group_id: str, activity_id: str) -> Submission:
        """Record that a group submitted an activity; submitting again keeps the first time."""
        activity_id = values.key("activity_id", activity_id)

        def work(conn: Connection) -> Submission:
            self._group_row(conn, session_id, group_id, lock=True)
            where = and_(
                _SUB.c.session_id == session_id,
                _SUB.c.group_id == group_id,
                _SUB.c.activity_id == activity_id,
            )
            row = conn.execute(select(_SUB).where(where)).first()
            if row is None:
                conn.execute(
                    insert(_SUB).values(
                        session_id=session_id,
                        group_id=group_id,
                        activity_id=activity_id,
                        submitted_at=values.utcnow(),
                    )
                )
                row = conn.execute(select(_SUB).where(where)).one()
            return convert.submission(row)

        return self._write(work)

    def submissions(self, session_id: str, activity_id: str | None = None) -> list[Submission]:
        """Who submitted what, in submission order."""
        query = select(_SUB).where(_SUB.c.session_id == session_id)
        if activity_id is not None:
            query = query.where(_SUB.c.activity_id == activity_id)
        with self._read() as conn:
            self._session_row(conn, session_id)
            return [
                convert.submission(r) for r in conn.execute(query.order_by(_SUB.c.submitted_at))
            ]

    def set_mark(
        self,
        session_id: str,
        group_id: str,
        activity_id: str,
        question_id: str,
        points: float,
        comment: str = "",
        answer_revision: int | None = None,
    ) -> Mark:
        """Set (or replace) the facilitator's points and comment for one answer.

        ``answer_revision`` records which revision was marked, so a later change
        to the answer can be spotted.
        """
        activity_id = values.key("activity_id", activity_id)
        question_id = values.key("question_id", question_id)
        if (
            isinstance(points, bool)
            or not isinstance(points, (int, float))
            or not math.isfinite(points)
        ):
            raise InvalidValue(f"points must be a number, got {points!r}.")
        comment_text = values.text("comment", comment, 10_000)
        row = {
            "session_id": session_id,
            "group_id": group_id,
            "activity_id": activity_id,
            "question_id": question_id,
        }

        def work(conn: Connection) -> Mark:
            self._group_row(conn, session_id, group_id, lock=True)
            where = and_(*(schema.marks.c[k] == v for k, v in row.items()))
            fields = {
                "points": float(points),
                "comment": comment_text,
                "marked_at": values.utcnow(),
                "answer_revision": answer_revision,
            }
            if conn.execute(select(_M.c.points).where(where)).first() is None:
                conn.execute(insert(_M).values(**row, **fields))
            else:
                conn.execute(update(_M).where(where).values(**fields))
            return Mark(**row, **fields)

        return self._write(work)

    def marks(
        self, session_id: str, group_id: str | None = None, activity_id: str | None = None
    ) -> list[Mark]:
        """The facilitator's marks, optionally for one group or activity."""
        query = select(_M).where(_M.c.session_id == session_id)
        if group_id is not None:
            query = query.where(_M.c.group_id == group_id)
        if activity_id is not None:
            query = query.where(_M.c.activity_id == activity_id)
        query = query.order_by(_M.c.group_id, _M.c.activity_id, _M.c.question_id)
        with self._read() as conn:
            self._session_row(conn, session_id)
            return [convert.mark(r) for r in conn.execute(query)]

    # -- evaluation --------------------------------------------------------

    def save_evaluation(
        self,
        session_id: str,
        form_id: str,
        respondent_code: str,
        phase: str,
        question_id: str,
        value: Any,
        token: str | None = None,
    ) -> EvaluationResponse:
        """Save one anonymous evaluation answer (saving again replaces it).

        ``respondent_code`` is the person's code (issued by the kit, or written on a paper
        form) so pre and post answers can be paired; it is stored upper-cased without
        spaces. ``phase`` is ``pre``, ``post`` or ``once``. With ``token`` (a device's
        secret, see :meth:`claim_respondent`) the save is refused with
        :class:`CodeInUse` unless that device holds the code for this form and phase.
        """
        code = values.normalise_join_code(values.key("respondent_code", respondent_code, 64))
        ident = {
            "session_id": session_id,
            "form_id": values.key("form_id", form_id),
            "respondent_code": code,
            "phase": values.phase(phase),
            "question_id": values.key("question_id", question_id),
        }
        values.canonical_json(value)
        stored_value = values.json_value(value)

        def work(conn: Connection) -> EvaluationResponse:
            self._session_row(conn, session_id, lock=True)
            if token is not None:
                check_claim(conn, session_id, code, ident["form_id"], ident["phase"], token)
            where = and_(*(_EV.c[k] == v for k, v in ident.items()))
            fields = {"value": stored_value, "saved_at": values.utcnow()}
            if conn.execute(select(_EV.c.id).where(where)).first() is None:
                conn.execute(insert(_EV).values(**ident, **fields))
            else:
                conn.execute(update(_EV).where(where).values(**fields))
            return EvaluationResponse(**ident, **fields)

        return self._write(work)

    def evaluation_responses(
        self, session_id: str, form_id: str | None = None, phase: str | None = None
    ) -> list[EvaluationResponse]:
        """Evaluation answers of a session, optionally for one form or phase."""
        query = select(_EV).where(_EV.c.session_id == session_id)
        if form_id is not None:
            query = query.where(_EV.c.form_id == form_id)
        if phase is not None:
            query = query.where(_EV.c.phase == values.phase(phase))
        query = query.order_by(_EV.c.form_id, _EV.c.respondent_code, _EV.c.phase, _EV.c.question_id)
        with self._read() as conn:
            self._session_row(conn, session_id)
            return [convert.evaluation_response(r) for r in conn.execute(query)]

    # -- facilitator log ---------------------------------------------------

    def log(
        self, session_id: str, event: str, detail: Any = None, replace: tuple[str, ...] = ()
    ) -> LogEntry:
        """Append an entry to the session's facilitator log. With ``replace`` (fields of
        ``detail``), an earlier entry of the same event with the same values in those
        fields is dropped: the log keeps the latest one (a page joining again)."""
        event = values.key("event", event)
        values.canonical_json(detail)
        stored = values.json_value(detail)

        def work(conn: Connection) -> LogEntry:
            self._session_row(conn, session_id)
            if replace:
                same = [
                    r.id
                    for r in conn.execute(
                        select(_LOG.c.id, _LOG.c.detail).where(
                            _LOG.c.session_id == session_id, _LOG.c.event == event
                        )
                    )
                    if all((r.detail or {}).get(f) == (detail or {}).get(f) for f in replace)
                ]
                if same:
                    conn.execute(delete(_LOG).where(_LOG.c.id.in_(same)))
            at = values.utcnow()
            result = conn.execute(
                insert(_LOG).values(session_id=session_id, at=at, event=event, detail=stored)
            )
            (entry_id,) = result.inserted_primary_key or (0,)
            return LogEntry(
                id=int(entry_id), session_id=session_id, at=at, event=event, detail=stored
            )

        return self._write(work)

    def log_mark(self, session_id: str, event: str | None = None) -> tuple[int, int]:
        """``(count, newest id)`` of the log's entries (of ``event``): a cheap way for a page
        that polls to see whether the log changed, without reading it."""
        query = select(func.count(), func.max(_LOG.c.id)).where(_LOG.c.session_id == session_id)
        if event is not None:
            query = query.where(_LOG.c.event == event)
        with self._read() as conn:
            count, newest = conn.execute(query).one()
        return int(count or 0), int(newest or 0)

    def log_entries(self, session_id: str, event: str | None = None) -> list[LogEntry]:
        """The session's facilitator log, oldest first."""
        query = select(_LOG).where(_LOG.c.session_id == session_id)
        if event is not None:
            query = query.where(_LOG.c.event == event)
        with self._read() as conn:
            self._session_row(conn, session_id)
            return [
                convert.log_entry(r) for r in conn.execute(query.order_by(_LOG.c.at, _LOG.c.id))
            ]

    # -- export / import ---------------------------------------------------

    def export_session(self, session_id: str) -> dict[str, Any]:
        """Everything of one session, including the full answer history, as JSON-ready data.

        The dict carries ``format``, ``format_version`` and ``schema_version``.
        """
        with self._read(snapshot=True) as conn:
            self._session_row(conn, session_id)
            return transfer.export_session(conn, session_id)

    def import_session(self, data: dict[str, Any], replace: bool = False) -> str:
        """Import a session exported by :meth:`export_session`; return its id.

        If a session with the same id already exists it is left untouched (importing
        the same file twice is harmless) unless ``replace=True``, which deletes it and
        imports the file in its place, in one transaction. Join codes already used by
        another session in this store are replaced by fresh ones.
        """
        session_id = transfer.check_format(data)

        def work(conn: Connection) -> str:
            exists = conn.execute(select(_S.c.id).where(_S.c.id == session_id)).first()
            if exists is not None:
                if not replace:
                    return session_id
                transfer.delete_session_rows(conn, session_id)
            transfer.import_rows(conn, data, session_id)
            return session_id

        try:
            return self._write(work, retry_conflicts=False)
        except sa_exc.IntegrityError as exc:
            raise ImportFormatError(
                f"The session export is inconsistent and was not imported: {_reason(exc)}"
            ) from None
        except StoreError:
            raise
        except (sa_exc.StatementError, TypeError, ValueError) as exc:
            raise ImportFormatError(
                f"The session export could not be imported: {_reason(exc)}"
            ) from None
