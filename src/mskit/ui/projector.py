"""The projector view: only what the room may see.

Join codes one table at a time (the code is a table's only credential), the open activity
and how far it has gone, and live answer charts per question in words. Never a model
answer before its reveal, never a group's own words, never a facilitator note. The
board shows it in place of its controls ("Projector view"), and a second window can show
it alone (the board's address with ``?view=projector``) on an extended display.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..live import board_data, spread
from ..live.actions import progress, shown_code, submitted_for_current_part
from ..live.evaluation import current_phase, is_evaluation_form
from ..live.join import join_url, qr_svg
from ..render import render
from ..scoring.activity import questions_of
from ..store import Store

_PHASES = {"pre": "before the session", "post": "after the session"}


def _set(widget: w.HTML, html: str) -> None:
    if widget.value != html:
        widget.value = html


def key_question_ids(activity: Any, state: Any) -> set[str]:
    """Questions whose model answer the room may see now: those of revealed parts."""
    if activity is None or state is None:
        return set()
    revealed = progress(activity, state).revealed
    ids = set()
    for number, (_stage, q) in _numbered(activity):
        if number <= revealed:
            ids.add(q.id)
    return ids


def _numbered(activity: Any) -> list[tuple[int, tuple[Any, Any]]]:
    if activity.kind != "scenario":
        return [(1, pair) for pair in questions_of(activity)]
    out = []
    for n, stage in enumerate(activity.stages, start=1):
        out += [(n, (stage, q)) for q in stage.questions]
    return out


def projector_context(
    store: Store, kit: Any, snap: board_data.Snapshot, participant_url: str
) -> dict[str, Any]:
    """Everything the projector shows, from the store (pure data for the templates)."""
    session_id = snap.session.id
    groups = snap.groups
    code_for = shown_code(store, session_id)
    card = None
    for g in groups:
        if g.id == code_for:
            url = join_url(participant_url, g.join_code)
            card = {
                "label": g.label,
                "agencies": [kit.agencies[a].name if a in kit.agencies else a for a in g.agencies],
                "qr": qr_svg(url, scale=9, scalable=True),
                "code": g.join_code,
                "url": url,
            }
    head: dict[str, Any] = {"session_name": snap.session.name, "activity": None}
    charts: list[spread.Chart] = []
    people = None
    act, state = snap.activity, snap.state
    if act is not None and state is not None:
        submitted = sum(1 for g in groups if submitted_for_current_part(g.submitted_at, state))
        info: dict[str, Any] = {"title": act.title, "part": "", "submitted": submitted,
                                "groups": len(groups), "revealed": False, "form": False}  # fmt: skip
        if is_evaluation_form(act):
            phase = current_phase(store, session_id, act)
            info["form"] = True
            info["part"] = f"Answer on your own phone ({_PHASES[phase]})" if phase in _PHASES else (
                "Answer on your own phone")  # fmt: skip
            responses = store.evaluation_responses(session_id, act.id)
            people = len({r.respondent_code for r in responses if r.phase == phase})
        else:
            p = progress(act, state)
            if act.kind == "scenario":
                stage = act.stages[p.released - 1]
                info["part"] = f"Part {p.released} of {p.total}: {stage.title}"
            info["revealed"] = p.revealed >= p.released
            shown = snap.shown_activity()
            charts = spread.charts(shown, snap.records, kit, len(groups),
                                   show_key=key_question_ids(act, state))  # fmt: skip
        head["activity"] = info
    return {
        "head": head,
        "card": card,
        "charts": charts,
        "people": people,
        "tables": [{"label": g.label, "joined": g.joined} for g in groups],
    }


class ProjectorView:
    """``ProjectorView(store, kit, participant_url).widget``; ``update(snap)`` re-renders
    only the pieces that changed."""

    def __init__(self, store: Store, kit: Any, participant_url: str) -> None:
        self.store, self.kit, self.participant_url = store, kit, participant_url
        self.head = w.HTML()
        self.card = w.HTML()
        self.body = w.HTML()
        self.widget = w.VBox([self.head, self.card, self.body])
        self.widget.add_class("mskit-projector-view")

    def update(self, snap: board_data.Snapshot) -> None:
        ctx = projector_context(self.store, self.kit, snap, self.participant_url)
        _set(self.head, render("board/projector.html.j2", **ctx["head"]))
        _set(
            self.card, render("board/projector_code.html.j2", **ctx["card"]) if ctx["card"] else ""
        )
        _set(self.body, render("board/projector_body.html.j2", **ctx))
