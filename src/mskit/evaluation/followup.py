"""The facilitator's follow-up actions and head counts, kept in the facilitator log.

Follow-up actions (the facilitator's commitment): reviewing the internal protocol,
setting up or checking the referral pathway, promoting the e-learning. Each is a
facilitator log entry ``follow_up`` on one of the facilitator's sessions, so it travels
with the session file to the programme report::

    {"action": "protocol_reviewed", "date": "2025-05-02", "note": "..."}

A head count (``attendance``: ``{"total": 23, "by_agency": {"police": 8, ...}}``) is
optional; when the facilitator records one it is used for staff reached instead of the
count of evaluation respondents. The latest entry counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

__all__ = [
    "ACTIONS",
    "FollowUpError",
    "attendance_of",
    "follow_ups_of",
    "record_attendance",
    "record_follow_up",
]

ACTIONS = {
    "protocol_reviewed": "Internal protocol reviewed or established",
    "referral_pathway": "Referral pathway set up or checked",
    "elearning_promoted": "E-learning promoted to staff not reached face to face",
}
_ALIASES = {a.replace("_", "-"): a for a in ACTIONS} | {
    "protocol": "protocol_reviewed",
    "pathway": "referral_pathway",
    "elearning": "elearning_promoted",
    "e-learning": "elearning_promoted",
}


class FollowUpError(ValueError):
    """The follow-up action or head count cannot be recorded as given."""


def _action(action: str) -> str:
    key = str(action).strip().lower()
    key = _ALIASES.get(key, key)
    if key not in ACTIONS:
        raise FollowUpError(
            f"unknown follow-up action {action!r}; choose one of {', '.join(ACTIONS)}"
        )
    return key


def _date(value: date | str | None) -> str:
    if value is None or value == "":
        return date.today().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise FollowUpError(f"the date {value!r} is not a date like 2025-03-14") from None


def record_follow_up(
    store: Any, session_id: str, action: str, when: date | str | None = None, note: str = ""
) -> Any:
    """Record a follow-up action done on ``when`` (default today) against one of the
    facilitator's sessions; the log entry. ``action``: a key of :data:`ACTIONS`."""
    detail = {"action": _action(action), "date": _date(when), "note": str(note or "").strip()[:500]}
    return store.log(session_id, "follow_up", detail)


def record_attendance(
    store: Any, session_id: str, total: int, by_agency: Mapping[str, int] | None = None
) -> Any:
    """Record how many staff attended (and, optionally, how many from each agency id)."""
    if isinstance(total, bool) or not isinstance(total, int) or total < 0:
        raise FollowUpError(f"the head count must be a whole number 0 or more, got {total!r}")
    agencies: dict[str, int] = {}
    for k, v in (by_agency or {}).items():
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise FollowUpError(f"the count for {k!r} must be a whole number 0 or more")
        agencies[str(k)] = v
    if agencies and sum(agencies.values()) != total:
        raise FollowUpError(
            f"the agencies add up to {sum(agencies.values())}, not the total {total}"
        )
    return store.log(session_id, "attendance", {"total": total, "by_agency": agencies})


def _entries(snapshot: dict[str, Any], event: str) -> list[dict[str, Any]]:
    return [e for e in snapshot.get("facilitator_log", []) or [] if e.get("event") == event]


def follow_ups_of(snapshot: dict[str, Any]) -> list[dict[str, Any]]:
    """The follow-up actions recorded in a session export: ``action, label, date, note``."""
    out = []
    for e in _entries(snapshot, "follow_up"):
        d = e.get("detail") or {}
        if not isinstance(d, dict) or d.get("action") not in ACTIONS:
            continue
        out.append(
            {
                "action": d["action"],
                "label": ACTIONS[d["action"]],
                "date": str(d.get("date") or str(e.get("at", ""))[:10]),
                "note": str(d.get("note") or ""),
            }
        )
    return out


def attendance_of(snapshot: dict[str, Any]) -> dict[str, Any] | None:
    """The latest head count recorded in a session export, or None."""
    entries = _entries(snapshot, "attendance")
    for e in reversed(entries):
        d = e.get("detail") or {}
        if isinstance(d, dict) and isinstance(d.get("total"), int):
            return {"total": d["total"], "by_agency": dict(d.get("by_agency") or {})}
    return None
