"""The group page: join, answer the open activity stage by stage, submit, see feedback.

Everything it shows is re-read from the store, so a refresh, a dropped network or a
server restart brings the page back with the group's answers (typed text not yet saved is
kept in the browser until it is). It only ever reads its own group's answers, and only
builds its controls from the public view of an activity, so no answer key reaches the
browser before the facilitator reveals it, part by part.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from datetime import datetime
from typing import Any

import ipywidgets as w

from ..live.actions import progress, submitted_for_current_part
from ..live.evaluation import current_phase, is_evaluation_form
from ..live.feedback import group_feedback
from ..live.public import public_activity
from ..live.watch import record_failed_join
from ..render import render
from ..store import ActivityLocked, StaleWrite, Store, StoreError, UnknownJoinCode
from .connection import ConnectionStatus, start_live
from .evaluation_form import EvaluationForm
from .inputs import AnswerInput, build_input
from .style import style_widget

POLL_SECONDS = 1.0
RETRY_SECONDS = (0, 0, 2, 5, 10, 30)
"""After the n-th wrong code typed on one page, the next try waits this long (then 30 s)."""
SAVE_GAP_SECONDS = 0.25
"""A burst of changes to one answer is saved at most this often; the last one always."""


def _time(at: datetime) -> str:
    return at.astimezone().strftime("%H:%M")


def _html(template: str, css_class: str | None = None, **context: Any) -> w.HTML:
    out = w.HTML(render(template, **context))
    if css_class:
        out.add_class(css_class)
    return out


def _button(text: str, css_class: str, style: str = "", tooltip: str = "") -> w.Button:
    b = w.Button(description=text, button_style=style, tooltip=tooltip or text)
    b.add_class(css_class)
    return b


class GroupPage:
    """One group's page. ``GroupPage(store, kit, code).widget`` is what Voila shows."""

    def __init__(self, store: Store, kit: Any, code: str | None = None) -> None:
        self.store, self.kit = store, kit
        self.client_id = uuid.uuid4().hex[:12]
        self.group = None
        self.session = None
        self.inputs: dict[str, AnswerInput] = {}
        self.pending: dict[str, Any] = {}
        self._pending_group: str | None = None
        self._last_save = 0.0
        self._flush_handle: asyncio.TimerHandle | None = None
        self._shown: tuple | None = None
        self._task: asyncio.Task | None = None
        self._confirming = False
        self.evaluation: EvaluationForm | None = None
        self._wrong_codes = 0
        self._next_try = 0.0

        self.connection = ConnectionStatus()
        self.header = w.HTML()
        self.status = w.HTML(render("page/status.html.j2", text="", error=False))
        self.body = w.VBox(layout=w.Layout(width="100%"))
        self.submit_button = _button(
            "Submit our answers",
            "mskit-submit",
            "primary",
            "Tell the facilitator you have finished",
        )
        self.submit_button.on_click(lambda _b: self.submit())
        self.confirm_button = _button("Submit anyway", "mskit-submit-confirm", "primary")
        self.confirm_button.on_click(lambda _b: self.submit(confirmed=True))
        self.keep_button = _button("Keep answering", "mskit-submit-cancel")
        self.keep_button.on_click(lambda _b: self._cancel_confirm())
        self.submit_note = w.HTML()
        self.submit_box = w.VBox([self.submit_note, self.submit_button])
        self.submit_box.add_class("mskit-submit-box")
        self.code_box = w.Text(description="Join code", placeholder="e.g. ABCD-EFGH")
        self.code_box.add_class("mskit-code-input")
        self.code_box.continuous_update = False
        self.join_button = _button("Join", "mskit-join", "primary")
        self.join_button.on_click(lambda _b: self.join(self.code_box.value, typed=True))
        self.widget = w.VBox([style_widget(), self.header, self.connection, self.status, self.body])
        self.widget.add_class("mskit-page")
        self.widget.add_class("mskit-group-page")
        if code and self.join(code):
            return
        self._show_join(bad_code=code)

    # -- joining -------------------------------------------------------------

    def _show_join(self, bad_code: str | None = None) -> None:
        self.header.value = ""
        form = w.VBox([self.code_box, self.join_button])
        form.add_class("mskit-join-form")
        self.body.children = [_html("page/join.html.j2", bad_code=bad_code), form]

    def join(self, code: str, typed: bool = False) -> bool:
        """Join the group with this code; a wrong code writes nothing and says so.

        A page that has joined stays with its group: changing group needs a fresh page."""
        if self.group is not None:
            return False
        wait = self._next_try - time.monotonic()
        if typed and wait > 0:
            self._say(f"Too many wrong codes: try again in {wait:.0f} s.", error=True)
            return False
        try:
            group = self.store.group_by_code(code or "")
        except UnknownJoinCode:
            self._wrong_codes += 1
            pause = RETRY_SECONDS[min(self._wrong_codes, len(RETRY_SECONDS) - 1)]
            self._next_try = time.monotonic() + pause
            record_failed_join(self.store, self.client_id)
            self._show_join(bad_code=code or " ")
            return False
        self._say("")
        self.group = group
        self.session = self.store.get_session(group.session_id)
        agencies = [self.kit.agencies[a].name for a in group.agencies if a in self.kit.agencies]
        self.header.value = render(
            "page/group_header.html.j2",
            label=group.label,
            session_name=self.session.name,
            agencies=agencies,
        )
        if typed:
            self.connection.join_code = group.join_code
        self.code_box.close()
        self.join_button.close()
        with contextlib.suppress(StoreError):
            self.store.log(
                group.session_id,
                "group_joined",
                {"group_id": group.id, "client": self.client_id},
                replace=("group_id",),  # the board needs the latest join of each group only
            )
        self._shown = None
        self.refresh()
        return True

    # -- rendering from the store -------------------------------------------------

    def refresh(self) -> None:
        """Re-read the session's state and this group's answers; rebuild what changed."""
        if self.group is None:
            return
        self.flush()
        state = self.store.current_activity(self.group.session_id)
        if state is None:
            if self._shown != ("waiting",):
                self._shown = ("waiting",)
                self._drop_evaluation()
                self.inputs = {}
                self.body.children = [
                    _html(
                        "page/note.html.j2",
                        text="Waiting for the facilitator to open an activity. "
                        "This page updates by itself.",
                        kind=None,
                        alert=False,
                    )
                ]
            return
        try:
            activity = self.kit.activity(state.activity_id)
        except KeyError:
            self.body.children = [
                _html(
                    "page/note.html.j2",
                    text="The facilitator opened an activity this page does not know. Tell them.",
                    kind=None,
                    alert=True,
                )
            ]
            return
        if is_evaluation_form(activity):
            phase = current_phase(self.store, self.group.session_id, activity)
            key: tuple = ("evaluation", activity.id, phase, state.locked)
            if key != self._shown:
                self.inputs = {}
                self._drop_evaluation()
                self.evaluation = EvaluationForm(
                    self.store,
                    self.kit,
                    self.group.session_id,
                    activity,
                    phase,
                    state.locked,
                    self.connection,
                )
                self.body.children = [self.evaluation.widget]
                self._shown = key
            return
        p = progress(activity, state)
        key = (state.activity_id, p.released, p.revealed, state.locked)
        if key != self._shown:
            self._drop_evaluation()
            self._render(activity, state)
            self._shown = key
        self._load_answers(activity.id)
        self._show_submitted(state)

    def _drop_evaluation(self) -> None:
        """The individual form is no longer shown: it stops following the browser."""
        if self.evaluation is not None:
            self.evaluation.detach()
            self.evaluation = None

    def _render(self, activity: Any, state: Any) -> None:
        if self._shown is None or self._shown[0] != activity.id:
            self.inputs = {}
            self._confirming = False
        p = progress(activity, state)
        view = public_activity(activity, p.released, self.kit)
        parts: list[w.Widget] = [
            _html(
                "page/activity_head.html.j2",
                title=view["title"],
                content_note=view.get("content_note"),
                waiting=not view["stages"],
            )
        ]
        revealed_ids = {
            q["id"] for n, st in enumerate(view["stages"], 1) if n <= p.revealed
            for q in st["questions"]
        }  # fmt: skip
        feedback = self._feedback(activity, revealed_ids) if revealed_ids else {}
        scenario = view["kind"] == "scenario"
        for n, stage in enumerate(view["stages"], start=1):
            done = n <= p.revealed
            if done and (not scenario or n == p.revealed):
                ids = [q["id"] for st in view["stages"][:n] for q in st["questions"]]
                parts.append(self._summary(feedback, ids, n if scenario and p.total > 1 else None))
            parts.append(
                _html(
                    "page/stage.html.j2",
                    part=n if scenario else None,
                    parts=view["stage_count"],
                    title=stage["title"],
                    narrative=stage["narrative"],
                    revealed=done,
                )
            )
            for q in stage["questions"]:
                inp = self.inputs.get(q["id"])
                if inp is None:
                    inp = build_input(q)
                    inp.on_change(lambda value, qid=q["id"]: self.save(qid, value))
                    self.inputs[q["id"]] = inp
                inp.disabled = state.locked or done
                parts.append(inp.widget)
                if q["id"] in feedback:
                    parts.append(self._feedback_widget(feedback[q["id"]]))
        if p.all_revealed:
            note = (
                "The facilitator has shown the model answers. Your feedback is under each question."
            )
            parts.append(_html("page/note.html.j2", text=note, kind="revealed", alert=False))
        elif state.locked:
            note = "Answers are locked: the facilitator will go through them now."
            parts.append(_html("page/note.html.j2", text=note, kind=None, alert=False))
        elif p.released > p.revealed:
            parts.append(self.submit_box)
        self.submit_button.disabled = state.locked
        self.body.children = parts

    def _feedback(self, activity: Any, question_ids: set[str]) -> dict[str, Any]:
        sid, gid = self.group.session_id, self.group.id
        answers = {a.question_id: a.value for a in self.store.latest_answers(sid, gid, activity.id)}
        marks = {m.question_id: _manual(m) for m in self.store.marks(sid, gid, activity.id)}
        return {
            f.question_id: f
            for f in group_feedback(activity, answers, self.kit, marks, question_ids)
        }

    @staticmethod
    def _summary(feedback: dict[str, Any], ids: list[str], part: int | None) -> w.HTML:
        scored = [
            feedback[i] for i in ids if i in feedback and feedback[i].score.status != "unscored"
        ]
        points = sum(f.score.points for f in scored)
        most = sum(f.score.max_points for f in scored)
        revisit = [
            f.prompt for f in scored if not f.score.full_marks and f.score.status != "needs_marking"
        ]
        to_mark = sum(1 for f in scored if f.score.status == "needs_marking")
        return _html(
            "page/feedback_summary.html.j2",
            "mskit-summary",
            part=part,
            points=f"{points:g}",
            max_points=f"{most:g}",
            max_points_raw=most,
            revisit=revisit,
            to_mark=to_mark,
        )

    @staticmethod
    def _feedback_widget(fb: Any) -> w.HTML:
        s = fb.score
        full = s.full_marks or s.status == "unscored"
        mark = "" if s.status == "unscored" else f"{s.points:g} of {s.max_points:g}"
        if s.status == "needs_marking":
            mark = "to be marked by the facilitator"
        return _html(
            "page/feedback.html.j2",
            f"mskit-fb-{fb.question_id}",
            prompt=fb.prompt,
            full=full,
            mark=mark,
            why=_without_sources(s.feedback),
            model_answer=_model_answer_only(fb.model_answer),
            sources=fb.sources,
        )

    def _load_answers(self, activity_id: str) -> None:
        draft = f"mskit:{self.group.session_id}:{self.group.id}:{activity_id}:"
        for a in self.store.latest_answers(self.group.session_id, self.group.id, activity_id):
            inp = self.inputs.get(a.question_id)
            if inp is None or a.question_id in self.pending:
                continue
            if a.revision != inp.widget.revision:
                inp.loaded(a.value, a.revision)
        for qid, inp in self.inputs.items():
            if not inp.widget.ready:
                inp.ready(draft + qid)

    def _show_submitted(self, state: Any) -> None:
        if self._confirming:
            return
        subs = self.store.submissions(self.group.session_id, state.activity_id)
        mine = next((s for s in subs if s.group_id == self.group.id), None)
        if mine is not None and submitted_for_current_part(mine.submitted_at, state):
            text = (
                f"Submitted at {_time(mine.submitted_at)}. You can still change answers "
                "until the facilitator locks them."
            )
            self.submit_note.value = render("page/status.html.j2", text=text, error=False)
        else:
            self.submit_note.value = ""
        self.submit_box.children = [self.submit_note, self.submit_button]

    # -- saving -----------------------------------------------------------------

    def save(self, question_id: str, value: Any) -> None:
        """Keep the answer to save; a burst of changes is saved as its last value."""
        if self.group is None or not self._shown or self._shown[0] in ("waiting", "evaluation"):
            return
        self.pending[question_id] = value
        self._pending_group = self.group.id
        gap = time.monotonic() - self._last_save
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None or gap >= SAVE_GAP_SECONDS:
            self.flush()
        elif self._flush_handle is None:
            self._flush_handle = loop.call_later(SAVE_GAP_SECONDS - gap, self.flush)

    def flush(self) -> None:
        """Save every answer still waiting (each at most once, its latest value)."""
        self._flush_handle = None
        if self.group is None or self._pending_group != self.group.id:
            self.pending.clear()  # pending saves belong to the group that made them
        if not self.pending or not self._shown or self._shown[0] in ("waiting", "evaluation"):
            return
        self._last_save = time.monotonic()
        activity_id = self._shown[0]
        for qid, value in list(self.pending.items()):
            inp = self.inputs.get(qid)
            if inp is None or inp.disabled:
                self.pending.pop(qid, None)
                if inp is not None:
                    inp.refused("Not saved: these answers are locked.")
                continue
            self._save_one(activity_id, qid, value, inp)

    def _save_one(self, activity_id: str, qid: str, value: Any, inp: AnswerInput) -> None:
        try:
            result = self.store.save_answer(
                self.group.session_id,
                self.group.id,
                activity_id,
                qid,
                value,
                expected_revision=inp.widget.revision,
                client_id=self.client_id,
            )
        except StaleWrite:
            self.pending.pop(qid, None)
            self._load_answers(activity_id)
            inp.refused("Someone else in your group changed this answer: showing theirs.")
            return
        except ActivityLocked:
            self.pending.pop(qid, None)
            inp.refused("Not saved: answers are locked.")
            return
        except StoreError as exc:
            inp.refused(f"Not saved yet ({exc}). Trying again…")
            return
        if self.pending.get(qid) is value:
            self.pending.pop(qid, None)
        inp.saved(value, result.revision)

    def submit(self, confirmed: bool = False) -> None:
        """Tell the facilitator the group has finished; blanks are pointed out once."""
        if self.group is None or not self._shown or self._shown[0] in ("waiting", "evaluation"):
            return
        self.flush()
        open_inputs = [i for i in self.inputs.values() if not i.disabled]
        blank = sum(1 for i in open_inputs if i.value in (None, [], {}, ""))
        if blank and not confirmed:
            self._confirming = True
            self.submit_note.value = render(
                "page/submit_confirm.html.j2", blank=blank, total=len(open_inputs)
            )
            row = w.HBox([self.confirm_button, self.keep_button])
            row.add_class("mskit-button-row")
            self.submit_box.children = [self.submit_note, row]
            return
        self._confirming = False
        try:
            self.store.submit(self.group.session_id, self.group.id, self._shown[0])
        except StoreError as exc:
            self._say(f"Could not submit yet ({exc}). Please try again.", error=True)
            return
        state = self.store.current_activity(self.group.session_id)
        if state is not None:
            self._show_submitted(state)

    def _cancel_confirm(self) -> None:
        self._confirming = False
        self.submit_note.value = ""
        self.submit_box.children = [self.submit_note, self.submit_button]

    def _say(self, text: str, error: bool = False) -> None:
        self.status.value = render("page/status.html.j2", text=text, error=error)

    # -- live loop --------------------------------------------------------------

    def start(self) -> None:
        """Poll the store and beat the connection status while the page is open."""
        if self._task is None:
            self._task = start_live(
                self.connection, self.refresh, lambda msg: self._say(msg, error=True), POLL_SECONDS
            )


def _manual(mark: Any) -> Any:
    from ..scoring import ManualMark

    return ManualMark(points=mark.points, comment=mark.comment)


def _without_sources(text: str) -> str:
    """Feedback text without its 'Sources:' lines (the sources are listed in full)."""
    return "\n".join(line for line in text.splitlines() if not line.strip().startswith("Sources:"))


def _model_answer_only(text: str) -> str:
    """The model answer's description without the rationale, which the mark already gives."""
    keep = []
    for line in text.splitlines():
        if line.startswith(("Why:", "Sources:")):
            break
        keep.append(line)
    return "\n".join(keep).strip()


def prepare(data_dir: str | None = None) -> tuple[Any, Store]:
    """Load the content and open the store (done ahead of time in a preheated kernel)."""
    from ..content import load_kit
    from ..store import open_store

    return load_kit(), open_store(data_dir)


def group_page(
    code: str | None = None,
    data_dir: str | None = None,
    kit: Any = None,
    store: Store | None = None,
) -> w.Widget:
    """Build, start and return the group page for Voila (the notebook calls only this)."""
    if kit is None or store is None:
        kit, store = prepare(data_dir)
    page = GroupPage(store, kit, code)
    page.start()
    return page.widget
