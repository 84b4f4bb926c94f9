"""Personal codes for individual forms, issued by the kit and held by one device each.

A person gets a short random code (:func:`new_respondent_code`) and their browser a secret
token; the store keeps only the token's hash. A code is held per *scope*: ``issued`` (the
device that was given it) and ``<form>:<phase>`` (the device answering that form then).
Another device typing the same code is refused for any form already answered under it,
so two people who pick the same code are never merged and nobody sees another's answers.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import and_, insert, select
from sqlalchemy.engine import Connection

from . import schema, values
from .errors import CodeInUse, UnknownRespondent

T = TypeVar("T")

RESPONDENT_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
"""Upper-case letters and digits that cannot be misread for another (no 0/O, 1/I/L, 2/Z,
5/S, 8/B)."""
RESPONDENT_CODE_LENGTH = 5
ISSUED = "issued"

_RC, _EV = schema.respondent_claims, schema.evaluation_responses


def new_respondent_code(length: int = RESPONDENT_CODE_LENGTH) -> str:
    """A short random code a person can copy onto paper (no look-alike characters)."""
    return "".join(secrets.choice(RESPONDENT_ALPHABET) for _ in range(length))


def form_scope(form_id: str, phase: str) -> str:
    return f"{form_id}:{values.phase(phase)}"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class RespondentsMixin:
    """The :class:`~mskit.store.Store` methods for personal codes."""

    _write: Callable[..., Any]
    _read: Callable[..., Any]
    _session_row: Callable[..., Any]

    def issue_respondent(self, session_id: str) -> tuple[str, str]:
        """A new personal code unused in the session, and the secret token for the device
        it is given to: ``(code, token)``."""
        token = secrets.token_urlsafe(24)

        def work(conn: Connection) -> str:
            self._session_row(conn, session_id, lock=True)
            for _ in range(50):
                code = new_respondent_code()
                if not _known(conn, session_id, code):
                    conn.execute(
                        insert(_RC).values(
                            session_id=session_id,
                            respondent_code=code,
                            scope=ISSUED,
                            token_hash=_hash(token),
                            claimed_at=values.utcnow(),
                        )
                    )
                    return code
            raise AssertionError("no free personal code after 50 tries")

        return self._write(work), token

    def respondent_known(self, session_id: str, code: str) -> bool:
        """True when the code was given out, or used (say on a paper form), in the session."""
        with self._read() as conn:
            self._session_row(conn, session_id)
            return _known(conn, session_id, values.normalise_join_code(code))

    def respondent_token_valid(self, session_id: str, code: str, token: str) -> bool:
        """True when this device's token holds the code (for any scope)."""
        code = values.normalise_join_code(code)
        with self._read() as conn:
            rows = conn.execute(
                select(_RC.c.token_hash).where(
                    _RC.c.session_id == session_id, _RC.c.respondent_code == code
                )
            ).scalars()
            return _hash(token) in set(rows)

    def take_code(self, session_id: str, code: str) -> str:
        """A device typed a code it was given earlier: a new token for it (the code must be
        known in the session). Raises :class:`UnknownRespondent`."""
        code = values.normalise_join_code(code)
        if not self.respondent_known(session_id, code):
            raise UnknownRespondent(code)
        return secrets.token_urlsafe(24)

    def claim_respondent(
        self, session_id: str, code: str, form_id: str, phase: str, token: str
    ) -> None:
        """Hold ``code`` for answering ``form_id`` in ``phase`` on the device with ``token``.

        The first device to answer a form under a code holds it; the device the code was
        issued to may always take it up. Any other device is refused with
        :class:`CodeInUse`, as is every device once answers exist under the code that no
        device holds (typed in from paper)."""
        code = values.normalise_join_code(code)
        scope = form_scope(form_id, phase)
        mine = _hash(token)

        def work(conn: Connection) -> None:
            self._session_row(conn, session_id, lock=True)
            held = dict(
                conn.execute(
                    select(_RC.c.scope, _RC.c.token_hash).where(
                        _RC.c.session_id == session_id, _RC.c.respondent_code == code
                    )
                ).all()
            )
            if held.get(scope) == mine:
                return
            if scope in held:
                raise CodeInUse(code, scope)
            answered = conn.execute(
                select(_EV.c.id)
                .where(
                    and_(
                        _EV.c.session_id == session_id,
                        _EV.c.respondent_code == code,
                        _EV.c.form_id == form_id,
                        _EV.c.phase == phase,
                    )
                )
                .limit(1)
            ).first()
            if answered is not None and held.get(ISSUED) != mine:
                raise CodeInUse(code, scope)
            conn.execute(
                insert(_RC).values(
                    session_id=session_id,
                    respondent_code=code,
                    scope=scope,
                    token_hash=mine,
                    claimed_at=values.utcnow(),
                )
            )

        self._write(work)

    def holds_claim(self, session_id: str, code: str, form_id: str, phase: str, token: str) -> bool:
        """True when the device with ``token`` holds ``code`` for this form and phase."""
        code = values.normalise_join_code(code)
        with self._read() as conn:
            got = conn.execute(
                select(_RC.c.token_hash).where(
                    _RC.c.session_id == session_id,
                    _RC.c.respondent_code == code,
                    _RC.c.scope == form_scope(form_id, phase),
                )
            ).scalar()
        return got == _hash(token)


def check_claim(
    conn: Connection, session_id: str, code: str, form_id: str, phase: str, token: str
) -> None:
    """Inside a write: raise :class:`CodeInUse` unless ``token`` holds the claim."""
    got = conn.execute(
        select(_RC.c.token_hash).where(
            _RC.c.session_id == session_id,
            _RC.c.respondent_code == code,
            _RC.c.scope == form_scope(form_id, phase),
        )
    ).scalar()
    if got != _hash(token):
        raise CodeInUse(code, form_scope(form_id, phase))


def _known(conn: Connection, session_id: str, code: str) -> bool:
    for table in (_RC, _EV):
        hit = conn.execute(
            select(table.c.session_id)
            .where(table.c.session_id == session_id, table.c.respondent_code == code)
            .limit(1)
        ).first()
        if hit is not None:
            return True
    return False
