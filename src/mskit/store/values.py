"""Checking and normalising what callers hand to the store."""

from __future__ import annotations

import json
import secrets
from datetime import date, datetime, timezone
from typing import Any

from .errors import InvalidValue

MAX_VALUE_BYTES = 64 * 1024
"""Largest JSON value accepted for one answer (free text is untrusted input)."""

JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""Upper-case letters and digits without look-alikes (0/O, 1/I/L)."""
JOIN_CODE_LENGTH = 10
"""31**10 ≈ 8e14 codes (≈ 50 bits): not guessable by trying codes on a room's network."""

PHASES = ("pre", "post", "once")


def utcnow() -> datetime:
    """Now, timezone-aware, UTC."""
    return datetime.now(timezone.utc)


def new_join_code() -> str:
    """A fresh random join code from :data:`JOIN_CODE_ALPHABET` using ``secrets``."""
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(code: str) -> str:
    """Accept codes typed in lower case or with spaces/hyphens."""
    return "".join(ch for ch in str(code).upper() if ch not in " -\t")


def key(name: str, value: Any, max_length: int = 100) -> str:
    """A non-empty identifier string (activity, question, form, group id...)."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue(f"{name} must be a non-empty text, got {value!r}.")
    value = value.strip()
    if len(value) > max_length:
        raise InvalidValue(f"{name} is too long ({len(value)} characters, at most {max_length}).")
    return value


def text(name: str, value: Any, max_length: int = 200) -> str:
    """An optional free-text field; None becomes ''."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidValue(f"{name} must be text, got {type(value).__name__}.")
    value = value.strip()
    if len(value) > max_length:
        raise InvalidValue(f"{name} is too long ({len(value)} characters, at most {max_length}).")
    return value


def session_date(value: date | str | None) -> date | None:
    """A date, an ISO date string (YYYY-MM-DD) or None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InvalidValue(f"The date {value!r} is not a date like 2025-03-14.") from None


def canonical_json(value: Any) -> str:
    """The value as compact JSON with sorted keys; raises InvalidValue if not JSON."""
    try:
        encoded = json.dumps(value, sort_keys=True, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise InvalidValue(
            f"The value cannot be saved: it is not plain JSON data ({exc})."
        ) from None
    if len(encoded.encode()) > MAX_VALUE_BYTES:
        raise InvalidValue(
            f"The answer is too long to save (more than {MAX_VALUE_BYTES // 1024} KB)."
        )
    return encoded


def json_value(value: Any) -> Any:
    """The value as it will come back from the database (tuples become lists...)."""
    return json.loads(canonical_json(value))


def phase(value: Any) -> str:
    """One of ``pre``, ``post``, ``once``."""
    if value not in PHASES:
        raise InvalidValue(f"phase must be one of {', '.join(PHASES)}, got {value!r}.")
    return str(value)
