"""An individual, anonymous form on the group page (knowledge check, feedback).

Each person presses Start and is given a personal code by the kit (never a name); this
browser keeps it, so the same phone comes back to the same person, and the check after
the session pairs with the one before. On a shared table device the next person presses
"Next person", which clears the code and everything shown. A code already answering this
form on another device is never reused: the second person is told and given a new one.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..live import evaluation as ev
from ..live.public import public_activity
from ..render import render
from ..store import CodeInUse, Store, StoreError, UnknownRespondent
from ..store.values import normalise_join_code
from .connection import ConnectionStatus
from .inputs import AnswerInput, build_input


def _button(text: str, css_class: str, style: str = "") -> w.Button:
    b = w.Button(description=text, button_style=style, tooltip=text)
    b.add_class(css_class)
    return b


class EvaluationForm:
    """The form for one evaluation activity and phase, inside a group page."""

    def __init__(
        self,
        store: Store,
        kit: Any,
        session_id: str,
        activity: Any,
        phase: str,
        locked: bool,
        browser: ConnectionStatus,
    ) -> None:
        self.store, self.kit = store, kit
        self.session_id, self.activity, self.phase = session_id, activity, phase
        self.locked = locked
        self.browser = browser
        self.code: str | None = None
        self.token: str | None = None
        self.inputs: dict[str, AnswerInput] = {}
        self.message = w.HTML()
        self.start_button = _button(
            "Start: give me my personal code", "mskit-respondent-new", "primary"
        )
        self.start_button.on_click(lambda _b: self.start_new())
        self.code_box = w.Text(description="Personal code from earlier", placeholder="e.g. K7MQP")
        self.code_box.add_class("mskit-respondent-code")
        self.use_button = _button("Use my code", "mskit-respondent-start")
        self.use_button.on_click(lambda _b: self.start_with(self.code_box.value))
        self.finish_button = _button("I have finished", "mskit-respondent-finish", "primary")
        self.finish_button.on_click(lambda _b: self.finish())
        self.next_button = _button("Next person on this device", "mskit-respondent-next")
        self.next_button.on_click(lambda _b: self.next_person())
        self.back_button = _button("Change my answers", "mskit-respondent-back")
        self.back_button.on_click(lambda _b: self._show_form())
        self.widget = w.VBox()
        self.widget.add_class("mskit-evaluation")
        self._show_start()
        self._resume(browser.stored)
        browser.observe(self._on_stored, names="stored")

    @property
    def _key(self) -> str:
        return ev.person_key(self.session_id)

    def _intro(self) -> w.HTML:
        when = ev.PHASE_LABELS.get(self.phase, "")
        return w.HTML(
            render(
                "page/evaluation_intro.html.j2",
                title=self.activity.title,
                when=when,
                instructions=self.activity.instructions,
            )
        )

    def _say(self, text: str, error: bool = False) -> None:
        self.message.value = render("page/status.html.j2", text=text, error=error) if text else ""

    # -- who is answering ---------------------------------------------------------

    def _show_start(self) -> None:
        self.code, self.token, self.inputs = None, None, {}
        if self.locked:
            self.widget.children = [
                self._intro(),
                w.HTML(
                    render("page/note.html.j2", text="This form is closed.", kind=None, alert=False)
                ),
            ]
            return
        earlier = w.VBox([self.code_box, self.use_button])
        earlier.add_class("mskit-respondent-earlier")
        self.widget.children = [
            self._intro(),
            self.message,
            self.start_button,
            w.HTML(render("page/evaluation_earlier.html.j2", phase=self.phase)),
            earlier,
        ]

    def _on_stored(self, change: dict[str, Any]) -> None:
        self._resume(change["new"])

    def detach(self) -> None:
        """This form is no longer shown: stop following what the browser keeps."""
        self.browser.unobserve(self._on_stored, names="stored")

    def _resume(self, stored: dict[str, Any]) -> None:
        """This browser was given a code for the session: carry on as that person."""
        if self.code is not None or self.locked:
            return
        mine = (stored or {}).get(self._key)
        if not isinstance(mine, dict):
            return
        code, token = str(mine.get("code") or ""), str(mine.get("token") or "")
        if code and token and self.store.respondent_token_valid(self.session_id, code, token):
            used = self._begin(code, token, resumed=True)
            if used != (code, token):
                self._remember(*used)
        else:
            self.browser.forget(self._key)

    def start_new(self) -> None:
        """Give this person a new personal code and start the form."""
        try:
            code, token = self.store.issue_respondent(self.session_id)
        except StoreError as exc:
            self._say(f"Could not start yet ({exc}). Please try again.", error=True)
            return
        self._remember(*self._begin(code, token))

    def start_with(self, typed: str) -> None:
        """Carry on under the code this person was given earlier (on this or another device)."""
        code = normalise_join_code(typed or "")
        try:
            token = self.store.take_code(self.session_id, code)
        except UnknownRespondent:
            self._say(
                f"No personal code {code or '(blank)'} was given out in this session. Check "
                "it, or press Start for a new code.",
                error=True,
            )
            return
        except StoreError as exc:
            self._say(f"Could not start yet ({exc}). Please try again.", error=True)
            return
        self._remember(*self._begin(code, token))

    def _remember(self, code: str, token: str) -> None:
        """Keep this person's code in the browser (after the form is shown, so the change
        it makes cannot start the form a second time)."""
        self.browser.remember(self._key, {"code": code, "token": token})

    def _begin(self, code: str, token: str, resumed: bool = False) -> tuple[str, str]:
        """Start the form under ``code``; return the code and token actually used (a new
        pair when ``code`` is answering on another device)."""
        try:
            self.store.claim_respondent(self.session_id, code, self.activity.id, self.phase, token)
        except CodeInUse:
            new_code, new_token = self.store.issue_respondent(self.session_id)
            self.store.claim_respondent(
                self.session_id, new_code, self.activity.id, self.phase, new_token
            )
            self.code, self.token = new_code, new_token
            self._show_form(
                notice=f"The code {code} is already answering this form on another device, "
                f"so to keep everyone's answers apart you have a new code: {new_code}."
            )
            return new_code, new_token
        self.code, self.token = code, token
        self._show_form(resumed=resumed)
        return code, token

    # -- the form -----------------------------------------------------------------

    def _show_form(self, notice: str = "", resumed: bool = False) -> None:
        assert self.code is not None
        saved = ev.respondent_answers(
            self.store, self.session_id, self.activity.id, self.phase, self.code
        )
        if resumed:
            notice = (
                "Welcome back: your answers so far are shown."
                if saved
                else "You carry on under your personal code from earlier in this session."
            )
        view = public_activity(self.activity, 1, self.kit)
        parts: list[w.Widget] = [
            self._intro(),
            w.HTML(
                render(
                    "page/evaluation_code.html.j2",
                    code=self.code,
                    phase=self.phase,
                    notice=notice,
                )
            ),
            self.message,
        ]
        self.inputs = {}
        for q in view["stages"][0]["questions"]:
            q = ev.display_order(q, self.session_id, self.code)
            inp = build_input(q)
            if q["id"] in saved:
                inp.loaded(saved[q["id"]], 1)
            inp.on_change(lambda value, qid=q["id"]: self.save(qid, value))
            inp.disabled = self.locked
            inp.ready()
            self.inputs[q["id"]] = inp
            parts.append(inp.widget)
        row = w.HBox([self.finish_button, self.next_button])
        row.add_class("mskit-button-row")
        parts.append(row)
        self._say("")
        self.widget.children = parts

    def save(self, question_id: str, value: Any) -> None:
        """Save one answer under this person's code (clearing an answer is saved too)."""
        if self.code is None or self.token is None:
            return
        inp = self.inputs[question_id]
        try:
            self.store.save_evaluation(
                self.session_id,
                self.activity.id,
                self.code,
                self.phase,
                question_id,
                value,
                token=self.token,
            )
        except CodeInUse:
            inp.refused("Not saved: this code is in use on another device. Press Next person.")
            return
        except StoreError as exc:
            inp.refused(f"Not saved yet ({exc}). Change it again to retry.")
            return
        inp.saved(value, inp.widget.revision + 1)

    def finish(self) -> None:
        """The person has finished: thank them; the code stays for the form after."""
        self.widget.children = [
            self._intro(),
            w.HTML(render("page/evaluation_done.html.j2", code=self.code, phase=self.phase)),
            self.next_button,
            self.back_button,
        ]

    def next_person(self) -> None:
        """Clear this person's code and answers from the device for the next person."""
        self.browser.forget(self._key)
        self.code_box.value = ""
        self._say("")
        self._show_start()
        self._say("Ready for the next person.")
