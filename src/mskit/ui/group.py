"""The group page: join, answer the open activity stage by stage, submit, see feedback.

Everything it shows is re-read from the store, so a refresh, a dropped network or a
server restart brings the page back with the group's answers. It only ever reads its own
group's answers, and only builds its controls from the public view of an activity, so no
answer key reaches the browser before the facilitator reveals it.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from datetime import datetime
from typing import Any

import ipywidgets as w

from ..live.evaluation import current_phase, is_evaluation_form
from ..live.feedback import group_feedback
from ..live.public import public_activity
from ..store import ActivityLocked, StaleWrite, Store, StoreError, UnknownJoinCode
from .connection import ConnectionStatus, start_live
from .evaluation_form import EvaluationForm
from .inputs import AnswerInput, build_input
from .style import style_widget
from .text import esc, markdown, status_html

POLL_SECONDS = 1.0


def _time(at: datetime) -> str:
    return at.astimezone().strftime("%H:%M:%S")


class GroupPage:
    """One group's page. ``GroupPage(store, kit, code).widget`` is what Voila shows."""

    def __init__(self, store: Store, kit: Any, code: str | None = None) -> None:
        self.store, self.kit = store, kit
        self.client_id = uuid.uuid4().hex[:12]
        self.group = None
        self.session = None
        self.inputs: dict[str, AnswerInput] = {}
        self.revisions: dict[str, int] = {}
        self.pending: dict[str, Any] = {}
        self._shown: tuple | None = None
        self._task: asyncio.Task | None = None
        self.evaluation: EvaluationForm | None = None

        self.connection = ConnectionStatus()
        self.header = w.HTML()
        self.status = w.HTML("<p class='mskit-status' role='status' aria-live='polite'></p>")
        self.body = w.VBox(layout=w.Layout(width="100%"))
        self.submit_button = w.Button(
            description="Submit our answers",
            button_style="primary",
            tooltip="Tell the facilitator your group has finished",
        )
        self.submit_button.add_class("mskit-submit")
        self.submit_button.on_click(lambda _b: self.submit())
        self.code_box = w.Text(
            description="Join code:",
            placeholder="e.g. ABCD-EFGH",
            style={"description_width": "initial"},
        )
        self.code_box.add_class("mskit-code-input")
        self.join_button = w.Button(description="Join", button_style="primary")
        self.join_button.add_class("mskit-join")
        self.join_button.on_click(lambda _b: self.join(self.code_box.value))
        self.code_box.continuous_update = False
        self.widget = w.VBox([style_widget(), self.header, self.connection, self.status, self.body])
        self.widget.add_class("mskit-page")
        self.widget.add_class("mskit-group-page")
        if code and self.join(code):
            return
        self._show_join(bad_code=code)

    # -- joining -------------------------------------------------------------

    def _show_join(self, bad_code: str | None = None) -> None:
        self.header.value = "<h1>Join your group</h1>"
        msg = ""
        if bad_code:
            msg = (
                f"<p class='mskit-note' role='alert'>The code <b>{esc(bad_code)}</b> does "
                "not match any group. Check it with your facilitator and try again.</p>"
            )
        self.body.children = [
            w.HTML(
                msg + "<p>Type the join code your facilitator gave your table, or scan "
                "the QR code.</p>"
            ),
            w.HBox([self.code_box, self.join_button]),
        ]

    def join(self, code: str) -> bool:
        """Join the group with this code; a wrong code writes nothing and says so."""
        try:
            group = self.store.group_by_code(code or "")
        except UnknownJoinCode:
            self._show_join(bad_code=code or " ")
            return False
        self.group = group
        self.session = self.store.get_session(group.session_id)
        self.header.value = (
            f"<h1>{esc(group.label)}</h1><p>{esc(self.session.name)}"
            + (f" · {esc(', '.join(group.agencies))}" if group.agencies else "")
            + "</p>"
        )
        with contextlib.suppress(StoreError):
            self.store.log(
                group.session_id, "group_joined", {"group_id": group.id, "client": self.client_id}
            )
        self._shown = None
        self.refresh()
        return True

    # -- rendering from the store -------------------------------------------------

    def refresh(self) -> None:
        """Re-read the session's state and this group's answers; rebuild what changed."""
        if self.group is None:
            return
        self._retry_pending()
        state = self.store.current_activity(self.group.session_id)
        if state is None:
            key: tuple = ("waiting",)
            if key != self._shown:
                self._shown = key
                self.inputs, self.revisions = {}, {}
                self.body.children = [
                    w.HTML(
                        "<p class='mskit-note'>Waiting for the facilitator to open an activity. "
                        "This page updates by itself.</p>"
                    )
                ]
            return
        try:
            activity = self.kit.activity(state.activity_id)
        except KeyError:
            self.body.children = [
                w.HTML(
                    "<p class='mskit-note'>The facilitator opened an "
                    "activity this page does not know. Tell them.</p>"
                )
            ]
            return
        if is_evaluation_form(activity):
            phase = current_phase(self.store, self.group.session_id, activity)
            key = ("evaluation", activity.id, phase, state.locked)
            if key != self._shown:
                self.inputs, self.revisions = {}, {}
                self.evaluation = EvaluationForm(
                    self.store,
                    self.kit,
                    self.group.session_id,
                    activity,
                    phase,
                    state.locked,
                    self._say,
                )
                self.body.children = [self.evaluation.widget]
                self._shown = key
            return
        key = (state.activity_id, state.stages_released, state.locked, state.revealed)
        if key != self._shown:
            self._render(activity, state)
            self._shown = key
        self._load_answers(activity.id)

    def _render(self, activity: Any, state: Any) -> None:
        if self._shown is None or self._shown[0] != activity.id:
            self.inputs, self.revisions = {}, {}
        view = public_activity(activity, state.stages_released, self.kit)
        parts: list[w.Widget] = [w.HTML(f"<h2>{esc(view['title'])}</h2>")]
        if view.get("content_note"):
            parts.append(
                w.HTML(
                    f"<p class='mskit-note'><b>Content note:</b> {esc(view['content_note'])}</p>"
                )
            )
        if not view["stages"]:
            parts.append(
                w.HTML(
                    "<p class='mskit-note'>The facilitator will release the "
                    "first part of the case shortly.</p>"
                )
            )
        feedback = {}
        if state.revealed:
            answers = {
                a.question_id: a.value
                for a in self.store.latest_answers(
                    self.group.session_id, self.group.id, activity.id
                )
            }
            marks = {
                m.question_id: _manual(m)
                for m in self.store.marks(self.group.session_id, self.group.id, activity.id)
            }
            shown = {q["id"] for st in view["stages"] for q in st["questions"]}
            feedback = {
                f.question_id: f for f in group_feedback(activity, answers, self.kit, marks, shown)
            }
        for n, stage in enumerate(view["stages"], start=1):
            heading = f"Part {n} of {view['stage_count']}: " if view["kind"] == "scenario" else ""
            parts.append(
                w.HTML(
                    f"<h3>{esc(heading)}{esc(stage['title'])}</h3>"
                    f"<div class='mskit-narrative'>{markdown(stage['narrative'])}"
                    "</div>"
                )
            )
            for q in stage["questions"]:
                inp = self.inputs.get(q["id"])
                if inp is None:
                    inp = build_input(q)
                    inp.on_change(lambda value, qid=q["id"]: self.save(qid, value))
                    self.inputs[q["id"]] = inp
                inp.disabled = state.locked or state.revealed
                parts.append(inp.widget)
                if q["id"] in feedback:
                    parts.append(_feedback_html(feedback[q["id"]]))
        if state.revealed:
            parts.append(
                w.HTML(
                    "<p class='mskit-note'>The facilitator has shown the model "
                    "answers. Your feedback is under each question.</p>"
                )
            )
        elif state.locked:
            parts.append(
                w.HTML(
                    "<p class='mskit-note'>Answers are locked: the facilitator "
                    "will go through them now.</p>"
                )
            )
        elif view["stages"]:
            parts.append(self.submit_button)
        self.submit_button.disabled = state.locked or state.revealed
        self.body.children = parts

    def _load_answers(self, activity_id: str) -> None:
        for a in self.store.latest_answers(self.group.session_id, self.group.id, activity_id):
            inp = self.inputs.get(a.question_id)
            if inp is None or a.question_id in self.pending:
                continue
            if a.revision != self.revisions.get(a.question_id):
                self.revisions[a.question_id] = a.revision
                if inp.value != a.value:
                    inp.value = a.value

    # -- saving -----------------------------------------------------------------

    def save(self, question_id: str, value: Any) -> None:
        """Save an answer now; if the store is busy it is kept and retried."""
        state = self._shown
        if self.group is None or not state or state[0] in ("waiting", "evaluation"):
            return
        activity_id = state[0]
        try:
            result = self.store.save_answer(
                self.group.session_id,
                self.group.id,
                activity_id,
                question_id,
                value,
                expected_revision=self.revisions.get(question_id, 0),
                client_id=self.client_id,
            )
        except StaleWrite:
            self.pending.pop(question_id, None)
            self._say(
                "Someone else in your group changed this answer; showing their latest version.",
                error=True,
            )
            self.revisions.pop(question_id, None)
            self._load_answers(activity_id)
            return
        except ActivityLocked:
            self.pending.pop(question_id, None)
            self._say("Answers are locked, so this change was not saved.", error=True)
            return
        except StoreError as exc:
            self.pending[question_id] = value
            self._say(f"Not saved yet ({exc}). Trying again…", error=True)
            return
        self.pending.pop(question_id, None)
        self.revisions[question_id] = result.revision
        self._say(f"Saved at {_time(result.saved_at)}")

    def _retry_pending(self) -> None:
        for qid, value in list(self.pending.items()):
            self.save(qid, value)

    def submit(self) -> None:
        """Tell the facilitator the group has finished (answers stay editable until lock)."""
        if self.group is None or not self._shown or self._shown[0] == "waiting":
            return
        self._retry_pending()
        try:
            sub = self.store.submit(self.group.session_id, self.group.id, self._shown[0])
        except StoreError as exc:
            self._say(f"Could not submit yet ({exc}). Please try again.", error=True)
            return
        self._say(
            f"Submitted at {_time(sub.submitted_at)}. You can still change answers "
            "until the facilitator locks them."
        )

    def _say(self, text: str, error: bool = False) -> None:
        self.status.value = status_html(text, error)

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


def _lines_html(text: str) -> str:
    """Plain feedback text as paragraphs and lists (escaped); drops 'Sources:' lines, since
    the sources are listed in full below."""
    out, items = [], []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("Sources:"):
            continue
        if line.startswith("- "):
            items.append(f"<li>{esc(line[2:])}</li>")
            continue
        if items:
            out.append("<ul>" + "".join(items) + "</ul>")
            items = []
        out.append(f"<p>{esc(line)}</p>")
    if items:
        out.append("<ul>" + "".join(items) + "</ul>")
    return "".join(out)


def _model_answer_only(text: str) -> str:
    """The model answer's description without the rationale, which the mark already gives."""
    keep = []
    for line in text.splitlines():
        if line.startswith(("Why:", "Sources:")):
            break
        keep.append(line)
    return "\n".join(keep)


def _feedback_html(fb: Any) -> w.HTML:
    s = fb.score
    full = s.full_marks or s.status == "unscored"
    cls = "mskit-feedback" if full else "mskit-feedback mskit-partial"
    mark = "" if s.status == "unscored" else f"<h4>Your mark: {s.points:g} of {s.max_points:g}</h4>"
    model = (
        f"<h4>Model answer</h4>{_lines_html(_model_answer_only(fb.model_answer))}"
        if fb.model_answer
        else ""
    )
    sources = (
        ("<h4>Sources</h4><ul>" + "".join(f"<li>{esc(x)}</li>" for x in fb.sources) + "</ul>")
        if fb.sources
        else ""
    )
    html = (
        f"<div class='{cls}' role='region' aria-label='Feedback'>{mark}"
        f"{_lines_html(s.feedback)}{model}{sources}</div>"
    )
    out = w.HTML(html)
    out.add_class(f"mskit-fb-{fb.question_id}")
    return out


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
