"""Export one session to a JSON-ready dict, and import it back.

The export holds everything of the session: its groups, activity state, the full
answer history, submissions, marks, evaluation responses and the facilitator log.
Datetimes are ISO 8601 strings in UTC. Database-generated row ids are left out.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Table, delete, insert, select
from sqlalchemy.engine import Connection

from . import schema
from .errors import ImportFormatError
from .types import UtcDateTime
from .values import new_join_code, utcnow

FORMAT = "mskit.session-export"
FORMAT_VERSION = 1
"""Version of the export layout; bumped when a reader would need to change."""

_PARENTS_FIRST: tuple[Table, ...] = (schema.sessions, *reversed(schema.SESSION_TABLES))
_GENERATED_IDS = {"answers", "evaluation_responses", "facilitator_log"}
_ORDER = {
    "groups": ("created_at", "label"),
    "activity_state": ("activity_id",),
    "answers": ("group_id", "activity_id", "question_id", "revision"),
    "submissions": ("group_id", "activity_id"),
    "marks": ("group_id", "activity_id", "question_id"),
    "evaluation_responses": ("form_id", "respondent_code", "phase", "question_id"),
    "facilitator_log": ("at", "id"),
}
_NOT_EXPORTED = {"respondent_claims"}
"""Which device holds a personal code is of no use in another database: not exported."""


def _columns(table: Table) -> list[str]:
    return [c.name for c in table.columns if not (table.name in _GENERATED_IDS and c.name == "id")]


def _to_json(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def export_session(conn: Connection, session_id: str) -> dict[str, Any]:
    """Everything of one session (which must exist) as JSON-serialisable data."""
    out: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_version": schema.SCHEMA_VERSION,
        "exported_at": utcnow().isoformat(),
    }
    row = conn.execute(select(schema.sessions).where(schema.sessions.c.id == session_id)).one()
    out["session"] = {k: _to_json(v) for k, v in row._mapping.items()}
    for table in reversed(schema.SESSION_TABLES):
        if table.name in _NOT_EXPORTED:
            continue
        query = select(table).where(table.c.session_id == session_id)
        query = query.order_by(*(table.c[name] for name in _ORDER[table.name]))
        cols = _columns(table)
        out[table.name] = [{k: _to_json(r._mapping[k]) for k in cols} for r in conn.execute(query)]
    return out


def check_format(data: Any) -> str:
    """Validate the envelope of an export; return the session id it holds."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFormatError("This is not an mskit session export.")
    version = data.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise ImportFormatError("The session export has no valid format_version.")
    if version > FORMAT_VERSION:
        raise ImportFormatError(
            f"The session export uses format version {version}; this mskit reads up to "
            f"version {FORMAT_VERSION}. Upgrade mskit to import it."
        )
    session = data.get("session")
    if not isinstance(session, dict) or not isinstance(session.get("id"), str):
        raise ImportFormatError("The session export has no session id.")
    return session["id"]


def _from_json(table: Table, record: Any, session_id: str) -> dict[str, Any]:
    if not isinstance(record, dict):
        raise ImportFormatError(f"An entry in {table.name!r} in the export is not an object.")
    row: dict[str, Any] = {}
    for column in table.columns:
        name = column.name
        if table.name in _GENERATED_IDS and name == "id":
            continue
        if name not in record:
            if column.server_default is not None:
                continue  # added in a later schema version: the database's default
            if column.nullable:
                row[name] = None
                continue
            raise ImportFormatError(f"An entry in {table.name!r} in the export has no {name!r}.")
        value = record[name]
        try:
            if value is not None and isinstance(column.type, UtcDateTime):
                value = datetime.fromisoformat(value)
            elif value is not None and isinstance(column.type, Date):
                value = date.fromisoformat(value)
        except (TypeError, ValueError):
            raise ImportFormatError(
                f"An entry in {table.name!r} in the export has a bad {name!r}: {value!r}."
            ) from None
        row[name] = value
    if row.get("session_id", session_id) != session_id:
        raise ImportFormatError(
            f"An entry in {table.name!r} in the export belongs to another session."
        )
    return row


def delete_session_rows(conn: Connection, session_id: str) -> None:
    """Delete a session and everything that belongs to it."""
    for table in schema.SESSION_TABLES:
        conn.execute(delete(table).where(table.c.session_id == session_id))
    conn.execute(delete(schema.sessions).where(schema.sessions.c.id == session_id))


def import_rows(conn: Connection, data: dict[str, Any], session_id: str) -> None:
    """Insert the exported session (which must not exist in the database yet)."""
    prepared: dict[str, list[dict[str, Any]]] = {
        "sessions": [_from_json(schema.sessions, data["session"], session_id)]
    }
    prepared["sessions"][0]["id"] = session_id
    for table in reversed(schema.SESSION_TABLES):
        records = data.get(table.name, [])
        if not isinstance(records, list):
            raise ImportFormatError(f"The export's {table.name!r} is not a list.")
        prepared[table.name] = [_from_json(table, r, session_id) for r in records]
    _fresh_join_codes(conn, prepared["groups"])
    for table in _PARENTS_FIRST:
        if prepared[table.name]:
            conn.execute(insert(table), prepared[table.name])


def _fresh_join_codes(conn: Connection, groups: list[dict[str, Any]]) -> None:
    """Give an imported group a new join code if its code is taken in this database."""
    codes = [g["join_code"] for g in groups]
    taken = set(
        conn.execute(
            select(schema.groups.c.join_code).where(schema.groups.c.join_code.in_(codes))
        ).scalars()
    )
    for group in groups:
        if group["join_code"] in taken:
            group["join_code"] = new_join_code()
        taken.add(group["join_code"])
