"""Rehearsing alone: a practice session where simulated groups answer whatever the
trainer opens, so the board fills as it would in a room.

The practice session lives in its own data folder (``<data>/rehearsal``), so rehearsals
never mix with real sessions or their reports.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from .demo import PROFILES, _quality, simulated_answer
from .live.evaluation import is_evaluation_form
from .live.public import visible_question_ids
from .scoring.activity import questions_of
from .store import Store, StoreError, default_data_dir, open_store

REHEARSAL_NAME = "Rehearsal"
TRAINER_GROUP = "Your group"


def rehearsal_store(data_dir: str | Path | None = None) -> Store:
    """The practice store, kept apart from real sessions."""
    import os

    base = Path(data_dir or os.environ.get("MSKIT_DATA") or default_data_dir())
    return open_store(base / "rehearsal")


def rehearsal_session(
    store: Store, kit: Any, groups: int = 5, programme_id: str = "awareness-session"
) -> str:
    """The latest rehearsal session, or a new one with ``groups`` simulated tables and the
    trainer's own table."""
    sessions = [s for s in store.list_sessions() if s.name == REHEARSAL_NAME]
    if sessions:
        return sessions[0].id
    session = store.create_session(
        REHEARSAL_NAME, venue="Rehearsal", programme_id=programme_id, facilitator="Trainer"
    )
    store.add_group(session.id, TRAINER_GROUP)
    agencies = list(kit.agencies)
    for i in range(groups):
        store.add_group(
            session.id,
            f"Simulated table {i + 1}",
            [agencies[i % len(agencies)]] if agencies else [],
        )
    return session.id


def simulate_answers(store: Store, kit: Any, session_id: str, seed: int = 0) -> int:
    """Simulated tables answer every question they can see now and have not answered.

    Returns how many answers were saved. The trainer's own table is left alone.
    """
    state = store.current_activity(session_id)
    if state is None or state.locked:
        return 0
    activity = kit.activity(state.activity_id)
    if is_evaluation_form(activity):
        return 0
    visible = set(visible_question_ids(activity, state.stages_released))
    done = {
        (a.group_id, a.question_id)
        for a in store.latest_answers(session_id, activity_id=activity.id)
    }
    saved = 0
    groups = [g for g in store.list_groups(session_id) if g.label != TRAINER_GROUP]
    for n, group in enumerate(groups):
        profile = PROFILES[n % len(PROFILES)]
        for _stage, q in questions_of(activity):
            if q.id not in visible or (group.id, q.id) in done:
                continue
            rng = random.Random(f"{seed}:{group.id}:{q.id}")
            quality = _quality(rng, profile, getattr(q, "allow_pass", False))
            try:
                store.save_answer(
                    session_id,
                    group.id,
                    activity.id,
                    q.id,
                    simulated_answer(rng, q, quality),
                    client_id="simulated",
                )
            except StoreError:
                continue
            saved += 1
    return saved
