"""The facilitator board: session, groups and join codes, activity controls, live results.

Runs on the facilitator's laptop only (127.0.0.1). Callbacks call the store and re-render
from it; a loop re-reads the store every half second, so the board shows a group's save
within a second.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import html
from typing import Any

import ipywidgets as w

from ..live import board_data
from ..live.evaluation import current_phase, is_evaluation_form, set_phase
from ..live.join import join_url, qr_svg
from ..store import Store, StoreError
from .connection import ConnectionStatus, start_live
from .style import style_widget
from .text import esc, markdown, status_html

POLL_SECONDS = 0.5
_STYLE = {"description_width": "initial"}


def _button(text: str, cls: str, style: str = "", tooltip: str = "") -> w.Button:
    b = w.Button(
        description=text, button_style=style, tooltip=tooltip or text, layout=w.Layout(width="auto")
    )
    b.add_class(cls)
    return b


def _table(df: Any, columns: dict[str, str] | None = None) -> str:
    """A DataFrame as an escaped HTML table (participants' text never becomes markup)."""
    if df is None or df.empty:
        return "<p><i>Nothing yet.</i></p>"
    if columns:
        df = df[[c for c in columns if c in df.columns]].rename(columns=columns)
    return df.to_html(
        index=False,
        escape=True,
        classes="mskit-table",
        border=0,
        float_format=lambda x: f"{x:.2f}".rstrip("0").rstrip("."),
    )


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
        self.participant_url = participant_url or "http://127.0.0.1:8867"
        self.session_id: str | None = None
        self.snap: board_data.Snapshot | None = None
        self._fingerprint: tuple | None = None
        self._task: asyncio.Task | None = None

        self.status = w.HTML()
        self.projector = w.ToggleButton(
            value=False, description="Projector mode", tooltip="Large text, high contrast"
        )
        self.projector.add_class("mskit-projector-toggle")
        self.projector.observe(self._toggle_projector, names="value")
        self.session_box = w.VBox()
        self.groups_box = w.VBox()
        self.activity_box = w.VBox()
        self.live_box = w.VBox()
        self.export_box = w.VBox()
        self.timer = w.HTML()
        self.connection = ConnectionStatus()
        self.widget = w.VBox(
            [
                self.connection,
                style_widget(),
                w.HBox([w.HTML("<h1>Facilitator board</h1>"), self.projector]),
                self.status,
                self.session_box,
                self.groups_box,
                self.activity_box,
                self.timer,
                self.live_box,
                self.export_box,
            ]
        )
        self.widget.add_class("mskit-page")
        self.widget.add_class("mskit-board")
        self._build_session_form()
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
        self.f_name = w.Text(
            description="Session name:",
            style=_STYLE,
            placeholder="e.g. Awareness session, Town Hall",
        )
        self.f_date = w.DatePicker(description="Date:", value=dt.date.today(), style=_STYLE)
        self.f_venue = w.Text(description="Venue:", style=_STYLE)
        self.f_borough = w.Text(description="Borough:", style=_STYLE)
        self.f_programme = w.Dropdown(
            options=programmes,
            description="Programme:",
            style=_STYLE,
            value=programmes[0][1] if programmes else None,
        )
        self.f_facilitator = w.Text(description="Facilitator:", style=_STYLE)
        self.b_create = _button("Create session", "mskit-create-session", "primary")
        self.b_create.on_click(lambda _b: self.create_session())
        self.f_reopen = w.Dropdown(description="Or reopen:", style=_STYLE, options=[])
        self.b_reopen = _button("Reopen", "mskit-reopen-session")
        self.b_reopen.on_click(
            lambda _b: self.f_reopen.value and self.use_session(self.f_reopen.value)
        )
        for widget, cls in (
            (self.f_name, "mskit-session-name"),
            (self.f_programme, "mskit-programme"),
        ):
            widget.add_class(cls)

    def _show_session_form(self) -> None:
        sessions = self.store.list_sessions()
        self.f_reopen.options = [(f"{s.name} ({s.date or 'no date'})", s.id) for s in sessions]
        self.session_box.children = [
            w.HTML("<h2>Session</h2>"),
            self.f_name,
            self.f_date,
            self.f_venue,
            self.f_borough,
            self.f_programme,
            self.f_facilitator,
            self.b_create,
            *([w.HBox([self.f_reopen, self.b_reopen])] if sessions else []),
        ]
        self.groups_box.children = []
        self.activity_box.children = []
        self.live_box.children = []
        self.export_box.children = []

    def create_session(self) -> None:
        name = self.f_name.value.strip()
        if not name:
            self._say("Give the session a name first.", error=True)
            return
        try:
            s = self.store.create_session(
                name,
                self.f_date.value,
                self.f_venue.value.strip(),
                self.f_borough.value.strip(),
                self.f_programme.value or "",
                self.f_facilitator.value.strip(),
            )
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
        details = " · ".join(
            x
            for x in (
                str(s.date or ""),
                s.venue,
                s.borough,
                programme.title if programme else s.programme_id,
                s.facilitator,
            )
            if x
        )
        switch = _button("Switch session", "mskit-switch-session")
        switch.on_click(lambda _b: self._show_session_form())
        self.session_box.children = [w.HTML(f"<h2>{esc(s.name)}</h2><p>{esc(details)}</p>"), switch]
        self._build_groups()
        self._build_activity()
        from .export_panel import ExportPanel

        self.export_box.children = [
            w.HTML(
                "<h2>After the session</h2><p>Write the session report, the data and "
                "each group's debrief sheet to the data folder.</p>"
            ),
            ExportPanel(self.store, self.kit, session_id).widget,
        ]
        self.render_live(force=True)

    # -- groups -------------------------------------------------------------------

    def _build_groups(self) -> None:
        self.g_label = w.Text(description="Group label:", style=_STYLE, placeholder="e.g. Table 1")
        self.g_label.add_class("mskit-group-label")
        self.g_agencies = {
            a.id: w.Checkbox(
                description=a.name, value=False, indent=False, layout=w.Layout(width="auto")
            )
            for a in self.kit.agencies.values()
        }
        for aid, box in self.g_agencies.items():
            box.add_class(f"mskit-agency-{aid}")
        self.b_add_group = _button("Add group", "mskit-add-group", "primary")
        self.b_add_group.on_click(lambda _b: self.add_group())
        self.g_show_codes = w.ToggleButton(description="Show join codes large", value=False)
        self.g_show_codes.add_class("mskit-show-codes")
        self.g_show_codes.observe(lambda _c: self._render_groups(), names="value")
        self.g_list = w.HTML()
        self.groups_box.children = [
            w.HTML("<h2>Groups</h2><p>Agencies at the table:</p>"),
            w.HBox(list(self.g_agencies.values())),
            w.HBox([self.g_label, self.b_add_group]),
            self.g_show_codes,
            self.g_list,
        ]
        self._render_groups()

    def add_group(self) -> None:
        label = self.g_label.value.strip()
        if not label:
            self._say("Give the group a label first, such as Table 1.", error=True)
            return
        agencies = [aid for aid, box in self.g_agencies.items() if box.value]
        try:
            group = self.store.add_group(self.session_id, label, agencies)
        except StoreError as exc:
            self._say(str(exc), error=True)
            return
        self.store.log(self.session_id, "group_added", {"group_id": group.id, "label": label})
        self.g_label.value = ""
        for box in self.g_agencies.values():
            box.value = False
        self._render_groups()
        self._say(f"Added {label}: join code {group.join_code}.")

    def _render_groups(self) -> None:
        groups = self.store.list_groups(self.session_id) if self.session_id else []
        if not groups:
            self.g_list.value = "<p><i>No groups yet.</i></p>"
            return
        large = self.g_show_codes.value
        cards = []
        for g in groups:
            url = join_url(self.participant_url, g.join_code)
            qr = qr_svg(url, scale=10 if large else 4)
            agencies = ", ".join(
                self.kit.agencies[a].name if a in self.kit.agencies else a for a in g.agencies
            )
            cards.append(
                f"<div class='mskit-join-card' style='display:inline-block;margin:0.5em;"
                f"padding:0.5em;border:1px solid #90a4ae;vertical-align:top'>"
                f"<h3>{esc(g.label)}</h3><p>{esc(agencies)}</p>{qr}"
                f"<p>Code: <span class='mskit-code'>{esc(g.join_code)}</span></p>"
                f"<p><a href='{html.escape(url, quote=True)}' target='_blank' "
                f"rel='noopener'>{esc(url)}</a></p></div>"
            )
        self.g_list.value = "".join(cards)

    # -- activity controls --------------------------------------------------------

    def _build_activity(self) -> None:
        s = self.store.get_session(self.session_id)
        choices = board_data.programme_activities(self.kit, s.programme_id)
        self.a_pick = w.Dropdown(
            options=choices, description="Activity:", style=_STYLE, layout=w.Layout(width="auto")
        )
        self.a_pick.add_class("mskit-activity-pick")
        self.a_phase = w.ToggleButtons(
            options=[("Before the session", "pre"), ("After the session", "post")],
            value="pre",
            description="Knowledge check:",
            style=_STYLE,
            tooltips=[
                "Everyone answers before the teaching starts",
                "The same questions again at the end",
            ],
        )
        self.a_phase.add_class("mskit-phase")
        self.a_pick.observe(lambda _c: self._show_phase(), names="value")
        self.b_open = _button("Open for all groups", "mskit-open", "primary")
        self.b_open.on_click(lambda _b: self.open_activity(self.a_pick.value))
        self.b_release = _button("Release next part", "mskit-release", "info")
        self.b_release.on_click(lambda _b: self.release_next())
        self.b_lock = _button("Lock answers", "mskit-lock", "warning")
        self.b_lock.on_click(lambda _b: self.toggle_lock())
        self.b_reveal = _button("Reveal model answers", "mskit-reveal", "success")
        self.b_reveal.on_click(lambda _b: self.reveal())
        self.b_close = _button("Close activity", "mskit-close")
        self.b_close.on_click(lambda _b: self.close_activity())
        self.a_state = w.HTML()
        self.a_notes = w.HTML()
        self.activity_box.children = [
            w.HTML("<h2>Activity</h2>"),
            w.HBox([self.a_pick, self.b_open]),
            self.a_phase,
            self.a_state,
            w.HBox([self.b_release, self.b_lock, self.b_reveal, self.b_close]),
            self.a_notes,
        ]
        self._show_phase()

    def _show_phase(self) -> None:
        activity = self.kit.activity(self.a_pick.value) if self.a_pick.value else None
        pre_post = bool(activity is not None and getattr(activity, "pre_post", False))
        self.a_phase.layout.display = None if pre_post else "none"

    def open_activity(self, activity_id: str) -> None:
        activity = self.kit.activity(activity_id)
        if getattr(activity, "pre_post", False):
            set_phase(self.store, self.session_id, activity_id, self.a_phase.value)
        self.store.open_activity(self.session_id, activity_id)
        if activity.kind == "scenario":
            state = self.store.activity_state(self.session_id, activity_id)
            if state is not None and state.stages_released == 0:
                self.store.release_stage(self.session_id, activity_id, 1)
        self.store.log(self.session_id, "activity_opened", {"activity_id": activity_id})
        self.render_live(force=True)

    def release_next(self) -> None:
        snap = self.snap
        if snap is None or snap.state is None or snap.activity is None:
            return
        total = len(snap.activity.stages) if snap.activity.kind == "scenario" else 1
        if snap.state.stages_released >= total:
            self._say("Every part of this case study is already released.")
            return
        self.store.release_stage(self.session_id, snap.state.activity_id)
        self.store.log(self.session_id, "stage_released", {"activity_id": snap.state.activity_id})
        self.render_live(force=True)

    def toggle_lock(self) -> None:
        if self.snap and self.snap.state:
            st = self.snap.state
            self.store.lock_activity(self.session_id, st.activity_id, not st.locked)
            self.store.log(
                self.session_id,
                "unlocked" if st.locked else "locked",
                {"activity_id": st.activity_id},
            )
            self.render_live(force=True)

    def reveal(self) -> None:
        if self.snap and self.snap.state:
            st = self.snap.state
            self.store.lock_activity(self.session_id, st.activity_id, True)
            self.store.reveal_activity(self.session_id, st.activity_id, True)
            self.store.log(self.session_id, "revealed", {"activity_id": st.activity_id})
            self.render_live(force=True)

    def close_activity(self) -> None:
        self.store.close_activity(self.session_id)
        self.store.log(self.session_id, "activity_closed", {})
        self.render_live(force=True)

    # -- live panel ---------------------------------------------------------------

    def render_live(self, force: bool = False) -> None:
        """Re-read the store; re-render the live panel if anything changed."""
        if self.session_id is None:
            return
        fp = board_data.fingerprint(self.store, self.session_id)
        if not force and fp == self._fingerprint:
            self._tick_timer()
            return
        self._fingerprint = fp
        self.snap = snap = board_data.snapshot(self.store, self.kit, self.session_id)
        self._render_groups_if_changed(snap)
        self._render_state(snap)
        self._tick_timer()
        self.live_box.children = self._live_children(snap)

    def _render_groups_if_changed(self, snap: board_data.Snapshot) -> None:
        if len(snap.groups) != self.g_list.value.count("mskit-join-card"):
            self._render_groups()

    def _render_state(self, snap: board_data.Snapshot) -> None:
        st, act = snap.state, snap.activity
        has = st is not None and act is not None
        for b in (self.b_release, self.b_lock, self.b_reveal, self.b_close):
            b.disabled = not has
        if not has:
            self.a_state.value = "<p>No activity is open: group pages show a waiting screen.</p>"
            self.a_notes.value = ""
            return
        total = len(act.stages) if act.kind == "scenario" else 1
        released = min(st.stages_released, total) if act.kind == "scenario" else 1
        self.b_release.disabled = act.kind != "scenario" or released >= total or st.revealed
        self.b_lock.description = "Unlock answers" if st.locked else "Lock answers"
        self.b_reveal.disabled = st.revealed
        flags = [
            f"part {released} of {total} released"
            if act.kind == "scenario"
            else "all questions shown"
        ]
        if st.locked:
            flags.append("answers locked")
        if st.revealed:
            flags.append("model answers revealed")
        self.a_state.value = (
            f"<p class='mskit-activity-state'><b>Open now:</b> "
            f"{esc(act.title)} — {esc(', '.join(flags))}</p>"
        )
        notes = []
        if act.facilitator_notes:
            notes.append(f"<h3>Facilitator notes</h3>{markdown(act.facilitator_notes)}")
        if act.kind == "scenario":
            for stage in act.stages[:released]:
                if stage.facilitator_notes:
                    notes.append(
                        f"<p><b>{esc(stage.title)}:</b> {esc(stage.facilitator_notes)}</p>"
                    )
        self.a_notes.value = (
            (
                "<details class='mskit-facilitator-notes'><summary>Facilitator "
                "notes (not shown to groups)</summary>" + "".join(notes) + "</details>"
            )
            if notes
            else ""
        )

    def _tick_timer(self) -> None:
        snap = self.snap
        if snap is None or snap.state is None or snap.activity is None or not snap.state.opened_at:
            self.timer.value = ""
            return
        elapsed = dt.datetime.now(dt.timezone.utc) - snap.state.opened_at
        minutes = int(elapsed.total_seconds() // 60)
        seconds = int(elapsed.total_seconds() % 60)
        planned = snap.activity.duration_minutes
        over = " — over time" if minutes >= planned else ""
        self.timer.value = (
            f"<p class='mskit-timer'>Time on this activity: {minutes}:{seconds:02d}"
            f" of {planned}:00 planned{esc(over)}</p>"
        )

    def _live_children(self, snap: board_data.Snapshot) -> list[w.Widget]:
        rows = "".join(
            f"<tr><td>{esc(g.label)}</td><td>{'yes' if g.joined else 'not yet'}</td>"
            f"<td>{g.answered} of {g.visible}</td>"
            f"<td>{esc(g.submitted_at.astimezone().strftime('%H:%M') if g.submitted_at else '')}"
            f"</td></tr>"
            for g in snap.groups
        )
        parts: list[w.Widget] = [
            w.HTML(
                "<h2>Live</h2><table class='mskit-table mskit-groups-live'><thead><tr>"
                "<th>Group</th><th>Joined</th><th>Answered</th><th>Submitted</th></tr></thead>"
                f"<tbody>{rows}</tbody></table>"
            )
        ]
        if snap.activity is None:
            return parts
        if is_evaluation_form(snap.activity):
            parts.append(w.HTML(self._evaluation_html(snap)))
            return parts
        tables = snap.tables(self.kit)
        spread = tables["spread"]
        if not spread.empty:
            spread = spread.assign(
                share=spread["share"].map(lambda x: "" if x != x else f"{round(x * 100)}%")
            )
        parts.append(
            w.HTML(
                "<h3>Scores</h3>"
                + _table(
                    tables["scores"],
                    {
                        "group_label": "Group",
                        "points": "Points",
                        "max_points": "Out of",
                        "percent": "%",
                        "answered": "Answered",
                        "needs_marking": "To mark",
                    },
                )
                + "<h3>Where groups disagree</h3>"
                + _table(
                    tables["discussion"].dropna(subset=["disagreement"]),
                    {
                        "prompt": "Question",
                        "disagreement": "Disagreement (0-1)",
                        "most_split": "Most split on",
                    },
                )
                + "<h3>Indicators spotted</h3>"
                + _table(
                    tables["indicators"].assign(
                        present=tables["indicators"]["present"].map({True: "yes", False: "no"})
                    ),
                    {
                        "question_id": "Question",
                        "text": "Indicator",
                        "present": "In the story",
                        "spotted": "Groups",
                        "groups": "Of",
                    },
                )
                + "<h3>Spread of answers</h3>"
                + _table(
                    spread,
                    {
                        "question_id": "Question",
                        "item": "Item",
                        "label": "Answer",
                        "groups": "Groups",
                        "of": "Of",
                        "share": "Share",
                        "verdict": "Model answer says",
                    },
                )
            )
        )
        parts.append(w.HTML(self._model_answers_html(snap)))
        parts.extend(self._marking_widgets(snap))
        for p in parts:
            p.add_class("mskit-live")
        return parts

    def _evaluation_html(self, snap: board_data.Snapshot) -> str:
        """How many people have answered the open evaluation form, per phase."""
        responses = self.store.evaluation_responses(self.session_id, snap.activity.id)
        rows = ""
        for phase in ("pre", "post", "once"):
            people = {r.respondent_code for r in responses if r.phase == phase}
            if people or phase == current_phase(self.store, self.session_id, snap.activity):
                label = {"pre": "Before", "post": "After", "once": "Responses"}[phase]
                rows += f"<tr><td>{label}</td><td>{len(people)}</td></tr>"
        return (
            "<h3>Individual responses (anonymous)</h3><table class='mskit-table "
            "mskit-evaluation-live'><thead><tr><th>Phase</th><th>People</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )

    def _model_answers_html(self, snap: board_data.Snapshot) -> str:
        from ..scoring import describe_model_answer
        from ..scoring.activity import questions_of

        items = "".join(
            f"<li><b>{esc(q.prompt)}</b><br>{esc(describe_model_answer(q, self.kit))}</li>"
            for _s, q in questions_of(snap.activity)
            if q.type not in {"rating", "open_text"}
        )
        return (
            "<details class='mskit-model-answers'><summary>Model answers (groups see "
            f"them only after you reveal)</summary><ol>{items}</ol></details>"
        )

    def _marking_widgets(self, snap: board_data.Snapshot) -> list[w.Widget]:
        answers = board_data.free_text_answers(snap)
        if not answers:
            return []
        out: list[w.Widget] = [w.HTML("<h3>Free-text answers to mark</h3>")]
        for q, gid, label, text in answers:
            current = snap.marks.get((gid, q.id))
            pts = w.BoundedFloatText(
                value=current.points if current else 0.0,
                min=0,
                max=float(q.points),
                step=0.5,
                description=f"Points (of {q.points}):",
                style=_STYLE,
            )
            comment = w.Text(
                value=current.comment if current else "", description="Comment:", style=_STYLE
            )
            save = _button("Save mark", f"mskit-mark-{gid}-{q.id}")
            save.on_click(
                lambda _b, gid=gid, qid=q.id, pts=pts, comment=comment: self.mark(
                    gid, qid, pts.value, comment.value
                )
            )
            out.append(
                w.VBox(
                    [
                        w.HTML(
                            f"<p><b>{esc(label)}</b> — {esc(q.prompt)}</p>"
                            f"<blockquote>{esc(text)}</blockquote>"
                        ),
                        w.HBox([pts, comment, save]),
                    ]
                )
            )
        return out

    def mark(self, group_id: str, question_id: str, points: float, comment: str) -> None:
        st = self.snap.state if self.snap else None
        if st is None:
            return
        try:
            self.store.set_mark(
                self.session_id, group_id, st.activity_id, question_id, float(points), comment
            )
        except StoreError as exc:
            self._say(str(exc), error=True)
            return
        self._say("Mark saved.")
        self.render_live(force=True)

    # -- misc -----------------------------------------------------------------------

    def _toggle_projector(self, change: Any) -> None:
        if change["new"]:
            self.widget.add_class("mskit-projector")
        else:
            self.widget.remove_class("mskit-projector")

    def _say(self, text: str, error: bool = False) -> None:
        self.status.value = status_html(text, error)

    def start(self) -> None:
        """Keep the live panel and the timer current while the page is open."""
        if self._task is None:
            self._task = start_live(
                self.connection,
                self.render_live,
                lambda msg: self._say(msg, error=True),
                POLL_SECONDS,
            )


def board(participant_url: str | None = None, data_dir: str | None = None) -> w.Widget:
    """Build, start and return the board for Voila (the notebook calls only this)."""
    import os

    from ..content import load_kit
    from ..store import open_store

    url = participant_url or os.environ.get("MSKIT_PARTICIPANT_URL")
    b = Board(open_store(data_dir), load_kit(), url)
    b.start()
    return b.widget
