"""The facilitator board: session, groups and join codes, activity controls, live results,
exports; and the projector view, which shows only what the room may see.

Runs on the facilitator's laptop only (127.0.0.1). Every control calls one facilitator
action (``live.actions``) and the board re-renders from the store; a loop re-reads the
store every half second, so the board shows a group's save within a second.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
from typing import Any

import ipywidgets as w

from ..live import actions, board_data
from ..live.evaluation import is_evaluation_form
from ..render import render
from ..store import Store, StoreError
from .board_groups import GroupsPanel
from .board_live import LivePanel, progress_flags
from .connection import ConnectionStatus, start_live
from .export_panel import ExportPanel
from .projector import ProjectorView
from .style import style_widget

POLL_SECONDS = 0.5
DEFAULT_PARTICIPANT_URL = "http://127.0.0.1:8867"


def _button(text: str, cls: str, style: str = "", tooltip: str = "") -> w.Button:
    b = w.Button(description=text, button_style=style, tooltip=tooltip or text)
    b.add_class(cls)
    return b


def _html(template: str, **context: Any) -> w.HTML:
    return w.HTML(render(template, **context))


def _kit_line(kit: Any) -> w.HTML:
    """Which kit the board reads: the one that comes with mskit, or a borough's folder."""
    from ..content.kit import default_kit_root

    root = getattr(kit, "root", None)
    return _html("board/kit.html.j2", root=str(root), default=root == default_kit_root())


class Board:
    """The facilitator board. ``Board(store, kit, participant_url).widget`` is shown."""

    def __init__(
        self,
        store: Store,
        kit: Any,
        participant_url: str | None = None,
        session_id: str | None = None,
    ) -> None:
        self.store, self.kit = store, kit
        self.participant_url = participant_url or DEFAULT_PARTICIPANT_URL
        self.session_id: str | None = None
        self.snap: board_data.Snapshot | None = None
        self._fingerprint: tuple | None = None
        self._task: asyncio.Task | None = None
        self.groups: GroupsPanel | None = None

        self.status = w.HTML()
        self.connection = ConnectionStatus(auto_reload=True)
        self.projector_button = _button(
            "Projector view", "mskit-projector-toggle",
            tooltip="Show only what the room may see: codes, the activity, answer charts",
        )  # fmt: skip
        self.projector_button.on_click(lambda _b: self.set_projecting(True))
        self.controls_button = _button("Back to the controls", "mskit-projector-exit")
        self.controls_button.on_click(lambda _b: self.set_projecting(False))
        self.projector = ProjectorView(store, kit, self.participant_url)
        self.projector_link = w.HTML()
        bar = w.HBox([_html("board/title.html.j2"), self.projector_button])
        bar.add_class("mskit-board-bar")
        self.session_box = w.VBox()
        self.groups_box = w.VBox()
        self.activity_box = w.VBox()
        self.live = LivePanel(store, kit, self.mark)
        self.export_box = w.VBox()
        self.controls = w.VBox(
            [bar, self.projector_link, self.status, self.session_box, self.groups_box,
             self.activity_box, self.live.widget, self.export_box, _kit_line(kit)]
        )  # fmt: skip
        self.widget = w.VBox([style_widget("board"), self.connection, self.controls])
        self.widget.add_class("mskit-page")
        self.widget.add_class("mskit-board")
        self._build_session_form()
        self._build_activity()
        if session_id is None:
            sessions = store.list_sessions()
            session_id = sessions[0].id if sessions else None
        if session_id:
            self.use_session(session_id)
        else:
            self._show_session_form()

    # -- session ----------------------------------------------------------------

    def _build_session_form(self) -> None:
        programmes = [(p.title, p.id) for p in self.kit.programmes.values()]
        self.name_field = w.Text(description="Session name",
                                 placeholder="e.g. Awareness session, Town Hall")  # fmt: skip
        self.date_field = w.DatePicker(description="Date", value=dt.date.today())
        self.venue_field = w.Text(description="Venue")
        self.borough_field = w.Text(description="Borough")
        self.programme_field = w.Dropdown(options=programmes, description="Programme",
                                          value=programmes[0][1] if programmes else None)  # fmt: skip
        self.facilitator_field = w.Text(description="Facilitator")
        self.create_button = _button("Create session", "mskit-create-session", "primary")
        self.create_button.on_click(lambda _b: self.create_session())
        self.reopen_field = w.Dropdown(description="Or reopen an earlier session", options=[])
        self.reopen_button = _button("Reopen", "mskit-reopen-session")
        self.reopen_button.on_click(
            lambda _b: self.reopen_field.value and self.use_session(self.reopen_field.value)
        )
        self.name_field.add_class("mskit-session-name")
        self.programme_field.add_class("mskit-programme")
        self.reopen_field.add_class("mskit-reopen-pick")

    def _show_session_form(self) -> None:
        sessions = self.store.list_sessions()
        self.reopen_field.options = [(f"{s.name} ({s.date or 'no date'})", s.id) for s in sessions]
        self.session_box.children = [
            _html("board/section_head.html.j2", title="Session", text=""),
            self.name_field, self.date_field, self.venue_field, self.borough_field,
            self.programme_field, self.facilitator_field, self.create_button,
            *([self.reopen_field, self.reopen_button] if sessions else []),
        ]  # fmt: skip
        self.session_id = None
        for box in (self.groups_box, self.activity_box, self.export_box):
            box.layout.display = "none"
        self.live.widget.layout.display = "none"
        self.projector_button.disabled = True

    def create_session(self) -> None:
        name = self.name_field.value.strip()
        if not name:
            self._say("Give the session a name first.", error=True)
            return
        try:
            s = self.store.create_session(
                name, self.date_field.value, self.venue_field.value.strip(),
                self.borough_field.value.strip(), self.programme_field.value or "",
                self.facilitator_field.value.strip(),
            )  # fmt: skip
        except StoreError as exc:
            self._say(str(exc), error=True)
            return
        self.store.log(s.id, "session_created", {"name": name})
        self.use_session(s.id)
        self._say(f"Session “{name}” created. Now add the groups.")

    def use_session(self, session_id: str) -> None:
        """Show this session on the board (the most recent one opens by default)."""
        self.session_id = session_id
        self._fingerprint = None
        s = self.store.get_session(session_id)
        programme = self.kit.programmes.get(s.programme_id)
        details = [str(x) for x in (s.date or "", s.venue, s.borough,
                   programme.title if programme else s.programme_id, s.facilitator) if x]  # fmt: skip
        switch = _button("Switch session", "mskit-switch-session")
        switch.on_click(lambda _b: self._show_session_form())
        self.session_box.children = [_html("board/session.html.j2", name=s.name, details=details),
                                     switch]  # fmt: skip
        self.groups = GroupsPanel(self.store, self.kit, session_id, self.participant_url, self._say)
        self.groups_box.children = [self.groups.widget]
        choices = board_data.programme_activities(self.kit, s.programme_id)
        self.pick.options = choices
        self.pick.value = choices[0][1] if choices else None
        self.export_box.children = [ExportPanel(self.store, self.kit, session_id).widget]
        for box in (self.groups_box, self.activity_box, self.export_box):
            box.layout.display = None
        self.live.widget.layout.display = None
        self.projector_button.disabled = False
        self.projector_link.value = render("board/projector_link.html.j2",
                                           url=f"?view=projector&session={session_id}")  # fmt: skip
        self.render_live(force=True)

    # -- activity controls --------------------------------------------------------

    def _build_activity(self) -> None:
        self.pick = w.Dropdown(options=[], description="Activity")
        self.pick.add_class("mskit-activity-pick")
        self.phase = w.ToggleButtons(
            options=[("Before the session", "pre"), ("After the session", "post")],
            value="pre", description="Knowledge check",
            tooltips=["Everyone answers before the teaching starts",
                      "The same questions again at the end"],
        )  # fmt: skip
        self.phase.add_class("mskit-phase")
        self.pick.observe(lambda _c: self._show_phase(), names="value")
        self.open_button = _button("Open for all groups", "mskit-open", "primary")
        self.open_button.on_click(lambda _b: self.open_activity(self.pick.value))
        self.release_button = _button("Release next part", "mskit-release", "info")
        self.release_button.on_click(lambda _b: self._act(actions.release_next))
        self.reveal_part_button = _button("Reveal this part", "mskit-reveal-part", "success")
        self.reveal_part_button.on_click(lambda _b: self._act(actions.reveal_stage))
        self.reveal_button = _button("Reveal all model answers", "mskit-reveal", "success")
        self.reveal_button.on_click(
            lambda _b: self._act(lambda st, _k, sid, aid: actions.reveal_all(st, sid, aid))
        )
        self.lock_button = _button("Lock answers", "mskit-lock", "warning")
        self.lock_button.on_click(lambda _b: self.toggle_lock())
        self.close_button = _button("Close activity", "mskit-close")
        self.close_button.on_click(lambda _b: self.close_activity())
        self.state_line = w.HTML()
        self.timer = w.HTML()
        self.notes = w.HTML()
        buttons = w.HBox([self.release_button, self.reveal_part_button, self.reveal_button,
                          self.lock_button, self.close_button])  # fmt: skip
        buttons.add_class("mskit-controls")
        self.activity_box.children = [
            _html("board/section_head.html.j2", title="Activity", text=""),
            self.pick, self.phase, self.open_button, self.state_line, buttons, self.timer,
            self.notes,
        ]  # fmt: skip

    def _show_phase(self) -> None:
        activity = self.kit.activity(self.pick.value) if self.pick.value else None
        pre_post = bool(activity is not None and getattr(activity, "pre_post", False))
        self.phase.layout.display = None if pre_post else "none"

    def open_activity(self, activity_id: str) -> None:
        phase = (
            self.phase.value if getattr(self.kit.activity(activity_id), "pre_post", False) else None
        )
        actions.open_activity(self.store, self.kit, self.session_id, activity_id, phase)
        self.render_live(force=True)

    def _act(self, action: Any) -> None:
        """Run a facilitator action on the open activity, then re-render."""
        snap = self.snap
        if snap is None or snap.state is None:
            return
        action(self.store, self.kit, self.session_id, snap.state.activity_id)
        self.render_live(force=True)

    def release_next(self) -> None:
        self._act(actions.release_next)

    def reveal(self) -> None:
        self.reveal_button.click()

    def toggle_lock(self) -> None:
        if self.snap and self.snap.state:
            st = self.snap.state
            actions.set_locked(self.store, self.session_id, st.activity_id, not st.locked)
            self.render_live(force=True)

    def close_activity(self) -> None:
        actions.close_activity(self.store, self.session_id)
        self.render_live(force=True)

    def mark(self, group_id: str, question_id: str, points: float, comment: str) -> None:
        st = self.snap.state if self.snap else None
        if st is None:
            return
        try:
            self.store.set_mark(self.session_id, group_id, st.activity_id, question_id,
                                float(points), comment)  # fmt: skip
        except StoreError as exc:
            self._say(str(exc), error=True)
            return
        self._say("Mark saved.")
        self.render_live(force=True)

    # -- live ---------------------------------------------------------------------

    def render_live(self, force: bool = False) -> None:
        """Re-read the store; re-render what changed."""
        if self.session_id is None:
            return
        fp = board_data.fingerprint(self.store, self.session_id)
        if not force and fp == self._fingerprint:
            self._tick_timer()
            return
        self._fingerprint = fp
        self.snap = snap = board_data.snapshot(self.store, self.kit, self.session_id)
        if self.groups is not None:
            self.groups.update(snap)
        self._render_state(snap)
        self._tick_timer()
        self.live.update(self.session_id, snap)
        self.projector.update(snap)

    def _render_state(self, snap: board_data.Snapshot) -> None:
        st, act = snap.state, snap.activity
        has = st is not None and act is not None
        for b in (self.release_button, self.reveal_part_button, self.reveal_button,
                  self.lock_button, self.close_button):  # fmt: skip
            b.disabled = not has
        if not has:
            self.state_line.value = render("board/state.html.j2", title="", flags=[])
            self.notes.value = ""
            for b in (self.release_button, self.reveal_part_button):
                b.layout.display = "none"
            return
        p = actions.progress(act, st)
        scenario = act.kind == "scenario"
        form = is_evaluation_form(act)
        self.release_button.layout.display = None if scenario else "none"
        self.reveal_part_button.layout.display = None if scenario else "none"
        self.reveal_button.layout.display = "none" if form else None
        self.release_button.description = (
            f"Release part {p.released + 1}" if p.can_release else "Every part is released"
        )
        self.release_button.disabled = not p.can_release
        self.reveal_part_button.description = (
            f"Reveal part {p.released}" if p.released == 1 else f"Reveal up to part {p.released}"
        )
        self.reveal_part_button.disabled = not p.can_reveal_stage or p.all_revealed
        self.reveal_button.description = "Reveal all model answers" if scenario else (
            "Reveal model answers")  # fmt: skip
        self.reveal_button.disabled = p.all_revealed
        self.lock_button.description = "Unlock answers" if st.locked else "Lock answers"
        self.state_line.value = render("board/state.html.j2", title=act.title,
                                       flags=progress_flags(act, st))  # fmt: skip
        stages = act.stages[: p.released] if scenario else []
        self.notes.value = render(
            "board/notes.html.j2",
            notes=act.facilitator_notes or "",
            stage_notes=[(s.title, s.facilitator_notes) for s in stages if s.facilitator_notes],
        )

    def _tick_timer(self) -> None:
        snap = self.snap
        if snap is None or snap.state is None or snap.activity is None or not snap.state.opened_at:
            self.timer.value = ""
            return
        elapsed = int((dt.datetime.now(dt.timezone.utc) - snap.state.opened_at).total_seconds())
        planned = snap.activity.duration_minutes
        html = render("board/timer.html.j2", minutes=elapsed // 60, seconds=elapsed % 60,
                      planned=planned, over=elapsed // 60 >= planned)  # fmt: skip
        if self.timer.value != html:
            self.timer.value = html

    # -- views ----------------------------------------------------------------------

    def set_projecting(self, on: bool) -> None:
        """Show the projector view in place of the controls (or the controls again)."""
        if on and self.session_id is None:
            return
        if on:
            self.render_live(force=True)
            self.widget.children = [style_widget("board"), self.connection, self.controls_button,
                                    self.projector.widget]  # fmt: skip
            self.widget.add_class("mskit-projecting")
        else:
            self.widget.children = [style_widget("board"), self.connection, self.controls]
            self.widget.remove_class("mskit-projecting")

    @property
    def projecting(self) -> bool:
        return self.projector.widget in self.widget.children

    def _say(self, text: str, error: bool = False) -> None:
        self.status.value = render("page/status.html.j2", text=text, error=error)

    def start(self) -> None:
        """Keep the live panel and the timer current while the page is open."""
        if self._task is None:
            self._task = start_live(self.connection, self.render_live,
                                    lambda msg: self._say(msg, error=True), POLL_SECONDS)  # fmt: skip


class ProjectorPage:
    """The projector view on its own (a second window on an extended display)."""

    def __init__(self, store: Store, kit: Any, participant_url: str | None = None,
                 session_id: str | None = None) -> None:  # fmt: skip
        self.store, self.kit = store, kit
        known = [s.id for s in store.list_sessions()]
        self.session_id = session_id if session_id in known else next(iter(known), None)
        self.view = ProjectorView(store, kit, participant_url or DEFAULT_PARTICIPANT_URL)
        self.connection = ConnectionStatus(auto_reload=True)
        self._fingerprint: tuple | None = None
        self._task: asyncio.Task | None = None
        self.widget = w.VBox([style_widget("board"), self.connection, self.view.widget])
        for cls in ("mskit-page", "mskit-projecting", "mskit-projector-page"):
            self.widget.add_class(cls)
        self.render_live(force=True)

    def render_live(self, force: bool = False) -> None:
        if self.session_id is None:
            self.view.head.value = render("board/hint.html.j2", text="No session yet.")
            return
        fp = board_data.fingerprint(self.store, self.session_id)
        if force or fp != self._fingerprint:
            self._fingerprint = fp
            self.view.update(board_data.snapshot(self.store, self.kit, self.session_id))

    def start(self) -> None:
        if self._task is None:
            self._task = start_live(self.connection, self.render_live, lambda _m: None,
                                    POLL_SECONDS)  # fmt: skip


def board(participant_url: str | None = None, data_dir: str | None = None) -> w.Widget:
    """Build, start and return the board for Voila (the notebook calls only this). The
    board's address with ``?view=projector`` shows the projector view alone."""
    from urllib.parse import parse_qs

    from ..content import load_kit
    from ..store import open_store

    url = participant_url or os.environ.get("MSKIT_PARTICIPANT_URL")
    query = parse_qs(os.environ.get("QUERY_STRING", ""))
    store, kit = open_store(data_dir), load_kit()
    if query.get("view") == ["projector"]:
        page: Board | ProjectorPage = ProjectorPage(store, kit, url,
                                                    (query.get("session") or [None])[0])  # fmt: skip
    else:
        page = Board(store, kit, url)
    page.start()
    return page.widget
