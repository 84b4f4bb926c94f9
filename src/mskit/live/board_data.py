"""What the facilitator board shows, computed from the store: pure, no widgets."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..scoring import ManualMark
from ..scoring.activity import questions_of
from .public import visible_question_ids


@dataclass
class GroupStatus:
    id: str
    label: str
    agencies: tuple[str, ...]
    join_code: str
    joined: bool
    answered: int
    visible: int
    submitted_at: datetime | None


@dataclass
class Snapshot:
    """Everything the board's live panel needs for the open activity."""

    session: Any
    state: Any | None
    activity: Any | None
    groups: list[GroupStatus]
    records: list[dict[str, Any]] = field(default_factory=list)
    marks: dict[tuple[str, str], ManualMark] = field(default_factory=dict)

    def tables(self, kit: Any) -> dict[str, Any]:
        """The results tables for the open activity (pandas DataFrames)."""
        from ..scoring import results

        if self.activity is None:
            return {}
        a, r, m = self.shown_activity(), self.records, self.marks
        return {
            "scores": results.scores_by_group(a, r, m, kit),
            "spread": results.answer_spread(a, r, kit),
            "indicators": results.indicator_spotting_table(a, r, kit),
            "discussion": results.discussion_points(a, r, m, kit),
        }

    def shown_activity(self) -> Any:
        """The activity cut to the stages released so far (scores are out of what groups
        have seen)."""
        a = self.activity
        if a is None or a.kind != "scenario" or self.state is None:
            return a
        released = max(1, min(self.state.stages_released, len(a.stages)))
        return a.model_copy(update={"stages": a.stages[:released]})


def fingerprint(store: Any, session_id: str) -> tuple:
    """A cheap summary that changes whenever anything the board shows changes."""
    answers = store.latest_answers(session_id)
    state = store.current_activity(session_id)
    return (
        len(answers),
        sum(a.revision for a in answers),
        max((a.saved_at for a in answers), default=None),
        len(store.submissions(session_id)),
        store.log_mark(session_id),  # joins, the projector's code, wrong codes: one cheap query
        len(store.marks(session_id)),
        len(store.list_groups(session_id)),
        len(store.evaluation_responses(session_id)),
        None if state is None else (state.activity_id, state.updated_at),
    )


def snapshot(store: Any, kit: Any, session_id: str) -> Snapshot:
    """Who has joined and answered, and the open activity's answers and marks."""
    session = store.get_session(session_id)
    state = store.current_activity(session_id)
    groups = store.list_groups(session_id)
    labels = {g.id: g.label for g in groups}
    joined = {
        (e.detail or {}).get("group_id") for e in store.log_entries(session_id, "group_joined")
    }
    activity = None
    if state is not None:
        try:
            activity = kit.activity(state.activity_id)
        except KeyError:
            activity = None
    answers = store.latest_answers(session_id, activity_id=state.activity_id) if state else []
    visible = set(visible_question_ids(activity, state.stages_released)) if activity else set()
    subs = {
        s.group_id: s.submitted_at
        for s in (store.submissions(session_id, state.activity_id) if state else [])
    }
    statuses = []
    for g in groups:
        answered = sum(
            1
            for a in answers
            if a.group_id == g.id and a.question_id in visible and a.value not in (None, [], {}, "")
        )
        statuses.append(
            GroupStatus(
                g.id,
                g.label,
                g.agencies,
                g.join_code,
                g.id in joined or any(a.group_id == g.id for a in answers),
                answered,
                len(visible),
                subs.get(g.id),
            )
        )
    records = [
        {
            "group_id": a.group_id,
            "group_label": labels.get(a.group_id, a.group_id),
            "activity_id": a.activity_id,
            "question_id": a.question_id,
            "value": a.value,
        }
        for a in answers
    ]
    marks = {}
    if state is not None:
        marks = {
            (m.group_id, m.question_id): ManualMark(m.points, m.comment)
            for m in store.marks(session_id, activity_id=state.activity_id)
        }
    return Snapshot(session, state, activity, statuses, records, marks)


def free_text_answers(snap: Snapshot) -> list[tuple[Any, str, str, Any]]:
    """``(question, group_id, group_label, answer)`` for each free-text answer to mark."""
    if snap.activity is None:
        return []
    out = []
    for _stage, q in questions_of(snap.activity):
        if q.type != "free_text":
            continue
        for rec in snap.records:
            if rec["question_id"] == q.id and isinstance(rec["value"], str) and rec["value"]:
                out.append((q, rec["group_id"], rec["group_label"], rec["value"]))
    return out


def programme_activities(kit: Any, programme_id: str | None) -> list[tuple[str, str]]:
    """``(label, activity id)`` choices: the programme's activities first, then the rest."""
    seen: list[str] = []
    programme = kit.programmes.get(programme_id or "")
    if programme is not None:
        for item in programme.items:
            for act in item.activities:
                if act not in seen and (act in kit.scenarios or act in kit.exercises):
                    seen.append(act)
    rest = sorted(set(kit.scenarios) | set(kit.exercises))
    ordered = seen + [a for a in rest if a not in seen]

    def label(aid: str) -> str:
        a = kit.activity(aid)
        kind = "Case study" if a.kind == "scenario" else "Exercise"
        return f"{kind}: {a.title} ({a.duration_minutes} min)"

    return [(label(a), a) for a in ordered]
