"""Everything a report needs about one session, read from one snapshot of the store.

:func:`load_session_data` takes ``store.export_session`` (one consistent read, the same on
SQLite and PostgreSQL) and the kit, and returns a :class:`SessionData`: plain records, no
widgets, no HTML. The report notebook rebuilds the same object from the snapshot file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..live.evaluation import is_evaluation_form
from ..scoring import ManualMark
from ..scoring.activity import questions_of


def _when(text: Any) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(str(text))
    except ValueError:
        return None


@dataclass(frozen=True)
class GroupInfo:
    id: str
    label: str
    agencies: tuple[str, ...]
    agency_names: tuple[str, ...]


@dataclass
class ActivityRun:
    """One activity as run in the session: its state, and the groups' latest answers."""

    activity_id: str
    activity: Any | None
    opened_at: datetime | None
    stages_released: int
    locked: bool
    revealed: bool
    records: list[dict[str, Any]] = field(default_factory=list)
    marks: list[dict[str, Any]] = field(default_factory=list)
    submissions: dict[str, datetime | None] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.activity.title if self.activity is not None else self.activity_id

    @property
    def kind_label(self) -> str:
        if self.activity is None:
            return "Activity (not in this kit)"
        return "Case study" if self.activity.kind == "scenario" else "Exercise"

    @property
    def stage_count(self) -> int:
        a = self.activity
        if a is None:
            return 0
        return len(a.stages) if a.kind == "scenario" else 1

    def shown_activity(self) -> Any:
        """The activity cut to the stages the groups met: those released, and any later
        stage a group answered (on paper, say). Scores are out of these stages."""
        a = self.activity
        if a is None or a.kind != "scenario":
            return a
        answered = {r["question_id"] for r in self.records}
        last = max(1, min(self.stages_released, len(a.stages)))
        for n, st in enumerate(a.stages, start=1):
            if any(q.id in answered for q in st.questions):
                last = max(last, n)
        return a.model_copy(update={"stages": a.stages[:last]})

    def manual_marks(self) -> dict[tuple[str, str], ManualMark]:
        return {
            (m["group_id"], m["question_id"]): ManualMark(m["points"], m.get("comment") or "")
            for m in self.marks
        }

    def questions(self) -> list[tuple[str | None, Any]]:
        shown = self.shown_activity()
        return [] if shown is None else questions_of(shown)


@dataclass
class SessionData:
    """One session, ready to report on."""

    session: dict[str, Any]
    groups: list[GroupInfo]
    runs: list[ActivityRun]
    """Group activities only (one answer per table): scores, debriefs, activity sections."""
    answers: list[dict[str, Any]]
    marks: list[dict[str, Any]]
    evaluation: list[dict[str, Any]]
    log: list[dict[str, Any]]
    exported_at: str
    programme_title: str = ""
    forms: list[ActivityRun] = field(default_factory=list)
    """Individual forms opened in the session (knowledge check, feedback): answered one
    person at a time, reported in the evaluation, never as group work."""

    @property
    def id(self) -> str:
        return str(self.session["id"])

    @property
    def name(self) -> str:
        return str(self.session.get("name") or "")

    def group(self, group_id: str) -> GroupInfo | None:
        return next((g for g in self.groups if g.id == group_id), None)

    def label(self, group_id: str) -> str:
        g = self.group(group_id)
        return g.label if g else group_id

    @classmethod
    def from_snapshot(cls, snap: dict[str, Any], kit: Any) -> SessionData:
        return _build(snap, kit)

    @classmethod
    def from_file(cls, path: str | Path, kit: Any) -> SessionData:
        return _build(json.loads(Path(path).read_text(encoding="utf-8")), kit)


def load_session_data(store: Any, kit: Any, session_id: str) -> SessionData:
    """Read the session from the store (one snapshot) into a :class:`SessionData`."""
    return _build(store.export_session(session_id), kit)


def _activity(kit: Any, activity_id: str) -> Any | None:
    try:
        return kit.activity(activity_id)
    except KeyError:
        return None


def _build(snap: dict[str, Any], kit: Any) -> SessionData:
    session = dict(snap["session"])
    agencies = getattr(kit, "agencies", {}) or {}
    groups = [
        GroupInfo(
            g["id"],
            g["label"],
            tuple(g.get("agencies") or ()),
            tuple(agencies[a].name if a in agencies else str(a) for a in (g.get("agencies") or ())),
        )
        for g in snap.get("groups", [])
    ]
    labels = {g.id: g.label for g in groups}

    latest: dict[tuple[str, str, str], dict[str, Any]] = {}
    for a in snap.get("answers", []):
        key = (a["group_id"], a["activity_id"], a["question_id"])
        if key not in latest or a["revision"] > latest[key]["revision"]:
            latest[key] = a
    answers = [
        {**a, "group_label": labels.get(a["group_id"], a["group_id"])}
        for a in sorted(
            latest.values(),
            key=lambda a: (
                list(labels).index(a["group_id"]) if a["group_id"] in labels else 1 << 30,
                a["activity_id"],
                a["question_id"],
            ),
        )
    ]

    # The programme as run: the order the facilitator opened activities (log first, then the
    # activity state), then activities only answered (typed in from paper, say).
    order: list[str] = []
    for e in snap.get("facilitator_log", []):
        aid = (
            (e.get("detail") or {}).get("activity_id")
            if isinstance(e.get("detail"), dict)
            else None
        )
        if e.get("event") == "activity_opened" and aid and aid not in order:
            order.append(aid)
    states = {s["activity_id"]: s for s in snap.get("activity_state", [])}
    by_open = sorted(
        states.values(), key=lambda s: (s.get("opened_at") is None, s.get("opened_at") or "")
    )
    order += [s["activity_id"] for s in by_open if s["activity_id"] not in order]
    order += [a["activity_id"] for a in answers if a["activity_id"] not in order]

    subs = snap.get("submissions", [])
    marks = list(snap.get("marks", []))
    runs: list[ActivityRun] = []
    forms: list[ActivityRun] = []
    for aid in order:
        st = states.get(aid, {})
        activity = _activity(kit, aid)
        (forms if activity is not None and is_evaluation_form(activity) else runs).append(
            ActivityRun(
                activity_id=aid,
                activity=activity,
                opened_at=_when(st.get("opened_at")),
                stages_released=int(st.get("stages_released") or 0),
                locked=bool(st.get("locked")),
                revealed=bool(st.get("revealed")),
                records=[
                    {
                        "group_id": a["group_id"],
                        "group_label": a["group_label"],
                        "activity_id": aid,
                        "question_id": a["question_id"],
                        "value": a["value"],
                        "revision": a["revision"],
                        "saved_at": a["saved_at"],
                        "client_id": a.get("client_id"),
                    }
                    for a in answers
                    if a["activity_id"] == aid
                ],
                marks=[m for m in marks if m["activity_id"] == aid],
                submissions={
                    s["group_id"]: _when(s.get("submitted_at"))
                    for s in subs
                    if s["activity_id"] == aid
                },
            )
        )
    programme = (getattr(kit, "programmes", {}) or {}).get(session.get("programme_id") or "")
    return SessionData(
        session=session,
        groups=groups,
        runs=runs,
        answers=answers,
        marks=marks,
        evaluation=list(snap.get("evaluation_responses", [])),
        log=list(snap.get("facilitator_log", [])),
        exported_at=str(snap.get("exported_at") or ""),
        programme_title=programme.title if programme is not None else "",
        forms=forms,
    )
