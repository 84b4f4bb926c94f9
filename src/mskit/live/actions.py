"""The facilitator's actions on a live session, and the events they log.

The board, the demo and the rehearsal all call these, so what "open", "release",
"reveal" and "close" mean cannot drift apart. Each action changes the store and writes one
facilitator-log event (``activity_opened``, ``stage_released``, ``stage_revealed``,
``revealed``, ``locked``/``unlocked``, ``activity_closed``).

A case study is taken stage by stage: release part 1, groups answer, reveal part 1 (its
answers lock and each group sees its feedback), release part 2, and so on; or reveal
every released part at once. An exercise has one stage.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..store import ActivityState, Store
from .evaluation import set_phase


def stage_count(activity: Any) -> int:
    """How many parts groups see: a case study's stages; 1 for an exercise."""
    return len(activity.stages) if activity.kind == "scenario" else 1


@dataclass(frozen=True)
class Progress:
    """Where an open activity stands, and which actions make sense next."""

    released: int
    revealed: int
    total: int
    locked: bool

    @property
    def can_release(self) -> bool:
        return self.released < self.total

    @property
    def can_reveal_stage(self) -> bool:
        return self.revealed < self.released

    @property
    def all_revealed(self) -> bool:
        return self.revealed >= self.total


def progress(activity: Any, state: ActivityState) -> Progress:
    total = stage_count(activity)
    released = total if activity.kind != "scenario" else min(state.stages_released, total)
    revealed = total if state.revealed else min(state.stages_revealed, released)
    return Progress(released, revealed, total, state.locked)


def open_activity(
    store: Store, kit: Any, session_id: str, activity_id: str, phase: str | None = None
) -> ActivityState:
    """Show this activity on every group page (a case study opens at part 1). For a
    before/after form, ``phase`` ('pre' or 'post') says which one is open."""
    activity = kit.activity(activity_id)
    if getattr(activity, "pre_post", False):
        set_phase(store, session_id, activity_id, phase or "pre")
    state = store.open_activity(session_id, activity_id)
    if activity.kind == "scenario" and state.stages_released == 0:
        state = store.release_stage(session_id, activity_id, 1)
    store.log(session_id, "activity_opened", {"activity_id": activity_id, "phase": phase})
    return state


def release_next(store: Store, kit: Any, session_id: str, activity_id: str) -> ActivityState:
    """Release the next part of a case study (a group's earlier 'Submitted' clears)."""
    activity = kit.activity(activity_id)
    state = _state(store, session_id, activity_id)
    if progress(activity, state).can_release:
        state = store.release_stage(session_id, activity_id)
        store.log(
            session_id,
            "stage_released",
            {"activity_id": activity_id, "stage": state.stages_released},
        )
    return state


def reveal_stage(store: Store, kit: Any, session_id: str, activity_id: str) -> ActivityState:
    """Reveal the model answers of every part released so far: those answers lock and each
    group sees its feedback; later parts stay open once released."""
    activity = kit.activity(activity_id)
    state = _state(store, session_id, activity_id)
    p = progress(activity, state)
    if p.released >= p.total:
        return reveal_all(store, session_id, activity_id)
    state = store.reveal_stages(session_id, activity_id, p.released)
    store.log(session_id, "stage_revealed", {"activity_id": activity_id, "stage": p.released})
    return state


def reveal_all(store: Store, session_id: str, activity_id: str) -> ActivityState:
    """Lock the answers and reveal every model answer of the activity."""
    store.lock_activity(session_id, activity_id, True)
    state = store.reveal_activity(session_id, activity_id, True)
    store.log(session_id, "revealed", {"activity_id": activity_id})
    return state


def set_locked(store: Store, session_id: str, activity_id: str, locked: bool) -> ActivityState:
    """Lock (or unlock) every answer of the activity."""
    state = store.lock_activity(session_id, activity_id, locked)
    store.log(session_id, "locked" if locked else "unlocked", {"activity_id": activity_id})
    return state


def close_activity(store: Store, session_id: str) -> None:
    """No activity is open now: group pages show a waiting screen."""
    store.close_activity(session_id)
    store.log(session_id, "activity_closed", {})


def _state(store: Store, session_id: str, activity_id: str) -> ActivityState:
    state = store.activity_state(session_id, activity_id)
    if state is None:
        state = store.open_activity(session_id, activity_id)
    return state


def submitted_for_current_part(submitted_at: Any, state: ActivityState) -> bool:
    """True when a submission came after the latest part was released (an earlier one was
    for a part the group has since moved on from)."""
    if submitted_at is None:
        return False
    return state.released_at is None or submitted_at >= state.released_at


PROJECTOR_CODE_EVENT = "projector_code"


def show_code(store: Store, session_id: str, group_id: str | None) -> None:
    """Show one table's join code on the projector (``None``: show no code)."""
    store.log(session_id, PROJECTOR_CODE_EVENT, {"group_id": group_id})


def shown_code(store: Store, session_id: str) -> str | None:
    """The group whose join code the projector shows now, if any."""
    shown = None
    for entry in store.log_entries(session_id, PROJECTOR_CODE_EVENT):
        shown = (entry.detail or {}).get("group_id")
    return shown


CODE_RENEWED_EVENT = "join_code_renewed"


def new_code(store: Store, session_id: str, group_id: str) -> Any:
    """Give a table a new join code (say, the old one was seen by someone else): the old
    code stops working, pages already joined stay joined. Returns the group."""
    group = store.new_join_code(session_id, group_id)
    store.log(session_id, CODE_RENEWED_EVENT, {"group_id": group_id})
    return group
