"""An individual, anonymous evaluation form on the group page (knowledge check, feedback).

Each person types or is given a personal code, answers, and hands the device on with
"Next person". Answers save as they change under that code; typing the same code again
brings them back. No name is ever asked for.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..evaluation.form import EvaluationFormError, check_respondent_code
from ..live import evaluation as ev
from ..live.public import public_activity
from ..store import StoreError
from .inputs import AnswerInput, build_input
from .text import esc, markdown

_STYLE = {"description_width": "initial"}


class EvaluationForm:
    """The form for one evaluation activity and phase, inside a group page."""

    def __init__(
        self, store: Any, kit: Any, session_id: str, activity: Any, phase: str, locked: bool, say
    ) -> None:
        self.store, self.kit = store, kit
        self.session_id, self.activity, self.phase = session_id, activity, phase
        self.locked = locked
        self.say = say
        self.code: str | None = None
        self.inputs: dict[str, AnswerInput] = {}
        self.code_box = w.Text(
            description="Your personal code:", style=_STYLE, placeholder="e.g. BLUE42"
        )
        self.code_box.add_class("mskit-respondent-code")
        self.start_button = w.Button(description="Start", button_style="primary")
        self.start_button.add_class("mskit-respondent-start")
        self.start_button.on_click(lambda _b: self.start(self.code_box.value))
        self.give_button = w.Button(description="Give me a code")
        self.give_button.add_class("mskit-respondent-new")
        self.give_button.on_click(lambda _b: self.start(ev.new_respondent_code()))
        self.next_button = w.Button(description="Done: next person", button_style="info")
        self.next_button.add_class("mskit-respondent-next")
        self.next_button.on_click(lambda _b: self.reset())
        self.widget = w.VBox()
        self.widget.add_class("mskit-evaluation")
        self.reset()

    def _intro(self) -> list[w.Widget]:
        when = ev.PHASE_LABELS.get(self.phase, "")
        title = f"{self.activity.title}" + (f" ({when})" if when else "")
        return [
            w.HTML(
                f"<h2>{esc(title)}</h2><div class='mskit-narrative'>"
                f"{markdown(self.activity.instructions)}</div>"
                "<p class='mskit-note'>This form is for each person on their own and "
                "is anonymous. Use a personal code you will remember (not your name "
                "or initials), and use the same code before and after the session."
                "</p>"
            )
        ]

    def reset(self) -> None:
        """Clear the form for the next person."""
        self.code = None
        self.inputs = {}
        self.code_box.value = ""
        if self.locked:
            self.widget.children = [
                *self._intro(),
                w.HTML("<p class='mskit-note'>This form is closed.</p>"),
            ]
            return
        self.widget.children = [
            *self._intro(),
            w.HBox([self.code_box, self.start_button]),
            self.give_button,
        ]

    def start(self, code: str) -> None:
        try:
            code = check_respondent_code(code or "")
        except EvaluationFormError as exc:
            self.say(f"Choose another personal code: {exc}.", error=True)
            return
        self.code = code
        saved = ev.respondent_answers(
            self.store, self.session_id, self.activity.id, self.phase, code
        )
        view = public_activity(self.activity, 1, self.kit)
        parts: list[w.Widget] = [
            *self._intro(),
            w.HTML(
                f"<p>Your code: <span class='mskit-code'>{esc(code)}</span> — write it down"
                f"{' for the form after the session' if self.phase == 'pre' else ''}.</p>"
            ),
        ]
        for q in view["stages"][0]["questions"]:
            inp = build_input(q)
            if q["id"] in saved:
                inp.value = saved[q["id"]]
            inp.on_change(lambda value, qid=q["id"]: self.save(qid, value))
            inp.disabled = self.locked
            self.inputs[q["id"]] = inp
            parts.append(inp.widget)
        parts.append(self.next_button)
        self.widget.children = parts
        self.say(f"Answering as {code}." + (" Your earlier answers are back." if saved else ""))

    def save(self, question_id: str, value: Any) -> None:
        if self.code is None or value is None:
            return
        try:
            self.store.save_evaluation(
                self.session_id, self.activity.id, self.code, self.phase, question_id, value
            )
        except StoreError as exc:
            self.say(f"Not saved ({exc}). Please try again.", error=True)
            return
        self.say(f"Saved ({self.code}).")
