"""Rehearsal in JupyterLab: the board and your own group page side by side, with
simulated tables that answer whatever you open."""

from __future__ import annotations

import asyncio
from typing import Any

import ipywidgets as w

from ..rehearsal import TRAINER_GROUP, rehearsal_session, rehearsal_store, simulate_answers
from ..render import render
from .board import Board
from .group import GroupPage
from .text import esc


class Rehearsal:
    """Board + the trainer's group page + simulated tables, on a practice session."""

    def __init__(self, store: Any, kit: Any, session_id: str) -> None:
        self.store, self.kit, self.session_id = store, kit, session_id
        self.board = Board(store, kit, session_id=session_id)
        mine = next(g for g in store.list_groups(session_id) if g.label == TRAINER_GROUP)
        self.group_page = GroupPage(store, kit, mine.join_code)
        self.auto = w.Checkbox(
            value=True,
            description="Simulated tables answer by themselves",
            indent=False,
            layout=w.Layout(width="auto"),
        )
        self.auto.add_class("mskit-rehearsal-auto")
        self.answer_now = w.Button(description="Simulated tables answer now")
        self.answer_now.add_class("mskit-rehearsal-answer")
        self.answer_now.on_click(lambda _b: self.simulate())
        self.note = w.HTML()
        tabs = w.Tab(children=[self.board.widget, self.group_page.widget])
        tabs.set_title(0, "Facilitator board")
        tabs.set_title(1, "Your group's page")
        self.widget = w.VBox(
            [
                w.HTML(render("board/rehearsal_intro.html.j2")),
                w.HBox([self.auto, self.answer_now]),
                self.note,
                tabs,
            ]
        )
        self._task: asyncio.Task | None = None

    def simulate(self) -> int:
        n = simulate_answers(self.store, self.kit, self.session_id)
        self.note.value = f"<p>{esc(n)} simulated answer(s) saved.</p>"
        self.board.render_live()
        self.group_page.refresh()
        return n

    def start(self) -> None:
        self.board.start()
        self.group_page.start()
        if self._task is None:
            self._task = asyncio.get_event_loop().create_task(self._loop())

    async def _loop(self) -> None:
        while not self.board.connection.abandoned():
            if self.auto.value:
                try:
                    simulate_answers(self.store, self.kit, self.session_id)
                except Exception as exc:  # keep rehearsing whatever happens
                    self.note.value = f"<p>Simulation paused: {esc(exc)}</p>"
            await asyncio.sleep(3.0)


def rehearsal(groups: int = 5, data_dir: str | None = None) -> w.Widget:
    """Build, start and return the rehearsal (the notebook calls only this)."""
    from ..content import load_kit

    kit = load_kit()
    store = rehearsal_store(data_dir)
    r = Rehearsal(store, kit, rehearsal_session(store, kit, groups))
    r.start()
    return r.widget
