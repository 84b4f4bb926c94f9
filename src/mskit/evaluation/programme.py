"""Across sessions: sessions delivered, staff reached, the facilitator's commitment,
knowledge gain over time and follow-up actions, per facilitator and per borough.

Build a :class:`Programme` from session exports (:func:`programme_from_store`,
:func:`programme_from_files`); each method returns a DataFrame of exact figures (no
suppression: :mod:`mskit.evaluation.report` suppresses small numbers for the board).

How staff reached is counted
----------------------------
* Per session: the head count the facilitator recorded (:func:`record_attendance`), if
  any; otherwise the number of different anonymous respondent codes that answered any
  evaluation form (knowledge check before or after, feedback form) in that session. Each
  session counts once however often its file is imported. A person who attends two
  sessions counts twice (codes are not compared across sessions).
* By agency: the head count's agency split, if recorded; otherwise an estimate: the
  session's staff reached is shared between agencies in proportion to the number of tables
  each agency sat at (a table with police and health counts once for each), rounded so
  the agencies add up to the session's figure (largest remainders; ties in agency order).
  Sessions whose tables name no agency count under "Not recorded".

The facilitator's commitment
----------------------------
2 to 3 sessions reaching about 200 staff in the first year, counted from the date of the
facilitator's first session (the year runs to the day before the same date a year
later); follow-up actions: internal protocol reviewed, referral pathway set up, e-learning
promoted (:func:`record_follow_up`).
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pandas as pd

from . import knowledge
from .files import dedupe_snapshots, read_session_file
from .followup import ACTIONS, attendance_of, follow_ups_of
from .form import evaluation_forms

__all__ = [
    "COMMITMENT_SESSIONS",
    "COMMITMENT_STAFF",
    "NOT_RECORDED",
    "Programme",
    "agency_split",
    "first_year_end",
    "programme_from_files",
    "programme_from_store",
]

COMMITMENT_SESSIONS = (2, 3)
COMMITMENT_STAFF = 200
NOT_RECORDED = "Not recorded"


def first_year_end(first: date) -> date:
    """The last day of the first year that starts on ``first``."""
    try:
        anniversary = first.replace(year=first.year + 1)
    except ValueError:  # 29 February
        anniversary = first.replace(year=first.year + 1, day=28) + timedelta(days=1)
    return anniversary - timedelta(days=1)


def agency_split(total: int, tables: list[tuple[str, ...]]) -> dict[str, int]:
    """``total`` staff shared between agencies in proportion to the tables each sat at,
    whole numbers adding up to ``total`` (largest remainders; ties in first-seen order)."""
    places: dict[str, int] = {}
    for agencies in tables:
        for a in dict.fromkeys(agencies):
            places[a] = places.get(a, 0) + 1
    if not places:
        return {NOT_RECORDED: total} if total else {}
    all_places = sum(places.values())
    exact = {a: total * n / all_places for a, n in places.items()}
    out = {a: math.floor(v) for a, v in exact.items()}
    left = total - sum(out.values())
    order = sorted(places, key=lambda a: (-(exact[a] - out[a]), list(places).index(a)))
    for a in order[:left]:
        out[a] += 1
    return out


def _date(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _who(value: Any) -> str:
    text = " ".join(str(value or "").split())
    return text or NOT_RECORDED


@dataclass
class Programme:
    """Sessions (as exports) and the kit: every figure of the programme report."""

    snapshots: list[dict[str, Any]]
    kit: Any
    as_of: date = field(default_factory=date.today)
    repeats_dropped: int = 0

    def __post_init__(self) -> None:
        self.snapshots, dropped = dedupe_snapshots(list(self.snapshots))
        self.repeats_dropped += dropped
        self.snapshots.sort(key=lambda s: (str(s["session"].get("date") or ""), s["session"]["id"]))
        self._responses: pd.DataFrame | None = None
        self._cache: dict[str, Any] = {}

    # -- raw material ------------------------------------------------------------------

    @property
    def responses(self) -> pd.DataFrame:
        """Every evaluation answer of every session (latest answer per code/phase/question)."""
        if self._responses is None:
            rows = [r for s in self.snapshots for r in s.get("evaluation_responses", []) or []]
            self._responses = knowledge.responses_frame(rows)
        return self._responses

    def knowledge_form(self) -> Any | None:
        forms = [f for f in evaluation_forms(self.kit).values() if getattr(f, "pre_post", False)]
        used = set(self.responses["form_id"])
        return next((f for f in forms if f.id in used), forms[0] if forms else None)

    def feedback_form(self) -> Any | None:
        forms = [
            f for f in evaluation_forms(self.kit).values() if not getattr(f, "pre_post", False)
        ]
        used = set(self.responses["form_id"])
        return next((f for f in forms if f.id in used), forms[0] if forms else None)

    def _agency_name(self, agency_id: str) -> str:
        a = getattr(self.kit, "agencies", {}).get(agency_id)
        return getattr(a, "name", None) or agency_id

    # -- per session -------------------------------------------------------------------

    def matches(self) -> pd.DataFrame:
        """Every person of every session, matched or not (see
        :func:`~mskit.evaluation.knowledge.match_respondents`)."""
        if "matches" not in self._cache:
            form = self.knowledge_form()
            self._cache["matches"] = (
                knowledge.match_respondents(self.responses, form, self.kit)
                if form is not None
                else pd.DataFrame(columns=["session_id", "respondent_code", "status", "gain"])
            )
        return self._cache["matches"]

    def sessions(self) -> pd.DataFrame:
        """One row per session, oldest first: ``session_id, date, name, facilitator, borough,
        venue, tables, staff_reached, reach_counted_by, respondents, matched, pre_only,
        post_only, mean_pre, mean_post, mean_gain``."""
        if "sessions" not in self._cache:
            self._cache["sessions"] = self._sessions()
        return self._cache["sessions"].copy()

    def _sessions(self) -> pd.DataFrame:
        form = self.knowledge_form()
        gain = (
            knowledge.gains_of(self.matches()).set_index("session_id")
            if form is not None
            else pd.DataFrame()
        )
        rows = []
        for snap in self.snapshots:
            s = snap["session"]
            sid = s["id"]
            codes = self.responses[self.responses["session_id"] == sid]["respondent_code"]
            respondents = int(codes.nunique())
            head = attendance_of(snap)
            g = gain.loc[sid] if sid in gain.index else None
            rows.append(
                {
                    "session_id": sid,
                    "date": _date(s.get("date")),
                    "name": s.get("name", ""),
                    "facilitator": _who(s.get("facilitator")),
                    "borough": _who(s.get("borough")),
                    "venue": s.get("venue", ""),
                    "tables": len(snap.get("groups", []) or []),
                    "staff_reached": head["total"] if head else respondents,
                    "reach_counted_by": "head count" if head else "evaluation respondents",
                    "respondents": respondents,
                    "matched": int(g["matched"]) if g is not None else 0,
                    "pre_only": int(g["pre_only"]) if g is not None else 0,
                    "post_only": int(g["post_only"]) if g is not None else 0,
                    "mean_pre": float(g["mean_pre"]) if g is not None else math.nan,
                    "mean_post": float(g["mean_post"]) if g is not None else math.nan,
                    "mean_gain": float(g["mean_gain"]) if g is not None else math.nan,
                }
            )
        cols = ["session_id", "date", "name", "facilitator", "borough", "venue", "tables",
                "staff_reached", "reach_counted_by", "respondents", "matched", "pre_only",
                "post_only", "mean_pre", "mean_post", "mean_gain"]  # fmt: skip
        return pd.DataFrame(rows, columns=cols)

    def reach_by_agency_per_session(self) -> pd.DataFrame:
        """Long table: ``session_id, facilitator, borough, date, agency, staff, estimated``."""
        rows = []
        for snap, srow in zip(self.snapshots, self.sessions().itertuples(), strict=True):
            head = attendance_of(snap)
            if head and head["by_agency"]:
                split, estimated = head["by_agency"], False
            else:
                tables = [tuple(g.get("agencies") or ()) for g in snap.get("groups", []) or []]
                split, estimated = agency_split(int(srow.staff_reached), tables), True
            for agency, n in split.items():
                name = agency if agency == NOT_RECORDED else self._agency_name(agency)
                rows.append(
                    (
                        srow.session_id,
                        srow.facilitator,
                        srow.borough,
                        srow.date,
                        name,
                        int(n),
                        estimated,
                    )
                )
        return pd.DataFrame(
            rows,
            columns=[
                "session_id",
                "facilitator",
                "borough",
                "date",
                "agency",
                "staff",
                "estimated",
            ],
        )

    def reach_by_agency(self, by: str = "borough") -> pd.DataFrame:
        """Staff reached per ``by`` (``borough`` or ``facilitator``) and agency: one row per
        borough/facilitator, one column per agency, and ``total``."""
        long = self.reach_by_agency_per_session()
        if long.empty:
            return pd.DataFrame(columns=[by, "total"])
        wide = long.pivot_table(
            index=by, columns="agency", values="staff", aggfunc="sum", fill_value=0
        )
        agencies = [self._agency_name(a) for a in getattr(self.kit, "agencies", {})]
        order = [a for a in agencies if a in wide.columns] + sorted(
            c for c in wide.columns if c not in agencies
        )
        wide = wide[order]
        wide["total"] = wide.sum(axis=1)
        wide = wide.reset_index()
        wide.columns.name = None
        return wide

    def delivered(self, by: str = "facilitator") -> pd.DataFrame:
        """Per facilitator or borough: ``sessions, first_session, last_session,
        staff_reached, matched, mean_gain`` (over everyone matched in those sessions)."""
        sess = self.sessions()
        form = self.knowledge_form()
        rows = []
        for key, part in sess.groupby(by, sort=True):
            ids = set(part["session_id"])
            gain = math.nan
            if form is not None:
                m = self.matches()
                m = m[m["session_id"].isin(ids)]
                mm = m[m["status"] == "matched"]["gain"]
                gain = float(mm.mean()) if len(mm) else math.nan
            dates = [d for d in part["date"] if d is not None]
            rows.append(
                {
                    by: key,
                    "sessions": len(part),
                    "first_session": min(dates) if dates else None,
                    "last_session": max(dates) if dates else None,
                    "staff_reached": int(part["staff_reached"].sum()),
                    "matched": int(part["matched"].sum()),
                    "mean_gain": gain,
                }
            )
        cols = [
            by,
            "sessions",
            "first_session",
            "last_session",
            "staff_reached",
            "matched",
            "mean_gain",
        ]
        return pd.DataFrame(rows, columns=cols)

    # -- the commitment ----------------------------------------------------------------

    def follow_ups(self) -> pd.DataFrame:
        """Every follow-up action recorded: ``facilitator, borough, action, label, date,
        note, session_id``, by date."""
        rows = []
        for snap in self.snapshots:
            s = snap["session"]
            for f in follow_ups_of(snap):
                rows.append(
                    {"facilitator": _who(s.get("facilitator")), "borough": _who(s.get("borough")),
                     **f, "session_id": s["id"]}
                )  # fmt: skip
        cols = ["facilitator", "borough", "action", "label", "date", "note", "session_id"]
        df = pd.DataFrame(rows, columns=cols)
        return df.sort_values(["date", "facilitator"]).reset_index(drop=True) if len(df) else df

    def commitment(self) -> pd.DataFrame:
        """Per facilitator: ``first_session, first_year_ends, sessions_first_year,
        sessions_target, sessions_status, staff_first_year, staff_target, staff_percent,
        days_left`` and, per follow-up action, the date first done (or empty)."""
        sess = self.sessions()
        fups = self.follow_ups()
        rows = []
        for who, part in sess.groupby("facilitator", sort=True):
            dates = [d for d in part["date"] if d is not None]
            row: dict[str, Any] = {"facilitator": who}
            if dates:
                first = min(dates)
                end = first_year_end(first)
                in_year = part[[d is not None and first <= d <= end for d in part["date"]]]
                n = len(in_year)
                staff = int(in_year["staff_reached"].sum())
                over = self.as_of > end
                lo, hi = COMMITMENT_SESSIONS
                if n >= lo:
                    status = "met" if n <= hi else f"met ({n} sessions, more than {hi})"
                elif over:
                    status = f"not met ({n} of {lo}–{hi})"
                else:
                    status = f"in progress ({n} of {lo}–{hi})"
                row |= {
                    "first_session": first,
                    "first_year_ends": end,
                    "sessions_first_year": n,
                    "sessions_target": f"{lo}–{hi}",
                    "sessions_status": status,
                    "staff_first_year": staff,
                    "staff_target": COMMITMENT_STAFF,
                    "staff_percent": 100.0 * staff / COMMITMENT_STAFF,
                    "days_left": max(0, (end - self.as_of).days + 1) if not over else 0,
                }
            else:
                row |= {
                    "first_session": None, "first_year_ends": None, "sessions_first_year": 0,
                    "sessions_target": "2–3", "sessions_status": "no dated session",
                    "staff_first_year": 0, "staff_target": COMMITMENT_STAFF,
                    "staff_percent": 0.0, "days_left": None,
                }  # fmt: skip
            mine = fups[fups["facilitator"] == who] if len(fups) else fups
            for action in ACTIONS:
                done = mine[mine["action"] == action]["date"] if len(mine) else []
                row[action] = min(done) if len(done) else ""
            rows.append(row)
        cols = ["facilitator", "first_session", "first_year_ends", "sessions_first_year",
                "sessions_target", "sessions_status", "staff_first_year", "staff_target",
                "staff_percent", "days_left", *ACTIONS]  # fmt: skip
        return pd.DataFrame(rows, columns=cols)

    # -- knowledge ---------------------------------------------------------------------

    def knowledge_over_time(self) -> pd.DataFrame:
        """Per session in date order: ``date, facilitator, borough, matched, mean_pre,
        mean_post, mean_gain``."""
        cols = ["session_id", "date", "facilitator", "borough", "matched", "mean_pre",
                "mean_post", "mean_gain"]  # fmt: skip
        return self.sessions()[cols].reset_index(drop=True)

    def knowledge_overall(self) -> dict[str, Any]:
        """Pooled over every matched person: ``matched, pre_only, post_only, mean_pre,
        mean_post, mean_gain, improved, same, worse``."""
        m = self.matches()
        if m.empty:
            return {"matched": 0, "pre_only": 0, "post_only": 0, "mean_pre": math.nan,
                    "mean_post": math.nan, "mean_gain": math.nan, "improved": 0, "same": 0,
                    "worse": 0}  # fmt: skip
        mm = m[m["status"] == "matched"]
        g = mm["gain"]
        return {
            "matched": len(mm),
            "pre_only": int((m["status"] == "pre_only").sum()),
            "post_only": int((m["status"] == "post_only").sum()),
            "mean_pre": float(mm["pre_percent"].mean()) if len(mm) else math.nan,
            "mean_post": float(mm["post_percent"].mean()) if len(mm) else math.nan,
            "mean_gain": float(g.mean()) if len(mm) else math.nan,
            "improved": int((g > 1e-9).sum()),
            "same": int((g.abs() <= 1e-9).sum()),
            "worse": int((g < -1e-9).sum()),
        }

    def item_gain(self) -> pd.DataFrame:
        form = self.knowledge_form()
        return knowledge.item_gain(self.responses, form, self.kit) if form else pd.DataFrame()

    def most_often_wrong(self, top: int | None = 3) -> pd.DataFrame:
        form = self.knowledge_form()
        if not form:
            return pd.DataFrame()
        return knowledge.most_often_wrong(self.responses, form, self.kit, top=top)

    def confidence(self) -> pd.DataFrame:
        form = self.knowledge_form()
        return knowledge.confidence_change(self.responses, form) if form else pd.DataFrame()

    def feedback_ratings(self) -> pd.DataFrame:
        form = self.feedback_form()
        return knowledge.feedback_ratings(self.responses, form) if form else pd.DataFrame()

    def totals(self) -> dict[str, Any]:
        """Headline figures: sessions, facilitators, boroughs, staff reached, period."""
        sess = self.sessions()
        dates = [d for d in sess["date"] if d is not None]
        return {
            "sessions": len(sess),
            "facilitators": sess["facilitator"].nunique(),
            "boroughs": sess["borough"].nunique(),
            "staff_reached": int(sess["staff_reached"].sum()) if len(sess) else 0,
            "from": min(dates) if dates else None,
            "to": max(dates) if dates else None,
            "repeats_dropped": self.repeats_dropped,
        }


def _filter(
    snaps: list[dict[str, Any]], facilitator: str | None, borough: str | None,
    since: date | str | None, until: date | str | None,
) -> list[dict[str, Any]]:  # fmt: skip
    lo, hi = _date(since), _date(until)
    out = []
    for snap in snaps:
        s = snap["session"]
        if facilitator and _who(s.get("facilitator")).casefold() != _who(facilitator).casefold():
            continue
        if borough and _who(s.get("borough")).casefold() != _who(borough).casefold():
            continue
        d = _date(s.get("date"))
        if (lo and (d is None or d < lo)) or (hi and (d is None or d > hi)):
            continue
        out.append(snap)
    return out


def programme_from_store(
    store: Any, kit: Any, session_ids: list[str] | None = None, *, facilitator: str | None = None,
    borough: str | None = None, since: date | str | None = None, until: date | str | None = None,
    as_of: date | None = None,
) -> Programme:  # fmt: skip
    """The programme of the sessions in ``store`` (all, or ``session_ids``), optionally only
    one facilitator's or borough's, or those dated ``since``..``until`` (inclusive)."""
    ids = session_ids if session_ids is not None else [s.id for s in store.list_sessions()]
    snaps = [store.export_session(sid) for sid in dict.fromkeys(ids)]
    snaps = _filter(snaps, facilitator, borough, since, until)
    return Programme(snaps, kit, as_of or date.today())


def programme_from_files(
    paths: list[str | os.PathLike[str]], kit: Any, *, as_of: date | None = None, **filters: Any
) -> Programme:
    """The programme of session files (exports from several laptops), each session once."""
    snaps = [read_session_file(p) for p in paths]
    unique, dropped = dedupe_snapshots(snaps)
    unique = _filter(unique, filters.get("facilitator"), filters.get("borough"),
                     filters.get("since"), filters.get("until"))  # fmt: skip
    return Programme(unique, kit, as_of or date.today(), repeats_dropped=dropped)
