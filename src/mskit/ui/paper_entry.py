"""A form to type in a group's paper answers (JupyterLab, facilitator only).

Pick the group and the activity; each question shows the same input a group page uses.
"Save paper answers" checks every answer's shape and saves them with ``client_id="paper"``.
``PaperEntry(store, kit, session_id).widget``.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..live.public import public_activity
from ..paper import PaperEntryError, enter_answers
from ..store import StoreError
from .inputs import AnswerInput, build_input
from .text import esc


class PaperEntry:
    """Type in one group's paper answers to one activity."""

    def __init__(self, store: Any, kit: Any, session_id: str) -> None:
        self.store, self.kit, self.session_id = store, kit, session_id
        groups = store.list_groups(session_id)
        acts = [*kit.scenarios.values(), *kit.exercises.values()]
        self.group = w.Dropdown(
            options=[(g.label, g.label) for g in groups], description="Group:",
            style={"description_width": "initial"},
        )  # fmt: skip
        self.activity = w.Dropdown(
            options=[(a.title, a.id) for a in acts], description="Activity:",
            style={"description_width": "initial"},
        )  # fmt: skip
        self.even_if_locked = w.Checkbox(
            value=False, description="Enter even if the activity is locked or revealed"
        )
        self.save_button = w.Button(description="Save paper answers", button_style="primary")
        self.save_button.add_class("mskit-paper-save")
        self.save_button.on_click(lambda _b: self.save())
        self.status = w.HTML()
        self.status.add_class("mskit-status")
        self.questions = w.VBox()
        self.inputs: dict[str, AnswerInput] = {}
        self.activity.observe(lambda _c: self._build(), names="value")
        self.widget = w.VBox(
            [
                w.HTML("<h2>Type in paper answers</h2>"),
                w.HBox([self.group, self.activity]),
                self.questions,
                self.even_if_locked,
                self.save_button,
                self.status,
            ]
        )
        self.widget.add_class("mskit-paper-entry")
        self._build()

    def _build(self) -> None:
        self.inputs = {}
        if not self.activity.value:
            self.questions.children = []
            return
        a = self.kit.activity(self.activity.value)
        view = public_activity(a, len(a.stages) if a.kind == "scenario" else 1, self.kit)
        children: list[w.Widget] = []
        for st in view["stages"]:
            children.append(w.HTML(f"<h3>{esc(st['title'])}</h3>"))
            for q in st["questions"]:
                inp = build_input(q)
                self.inputs[q["id"]] = inp
                children.append(inp.widget)
        self.questions.children = children

    def answers(self) -> dict[str, Any]:
        """The answers filled in so far (blank questions left out)."""
        out = {}
        for qid, inp in self.inputs.items():
            v = inp.value
            if isinstance(v, dict):
                v = {k: x for k, x in v.items() if x not in (None, "", [], ())}
            if v in (None, "", [], {}):
                continue
            out[qid] = v
        return out

    def save(self) -> list[str]:
        self.status.remove_class("mskit-error")
        answers = self.answers()
        if not answers:
            self._say("Nothing filled in yet.", error=True)
            return []
        try:
            changed = enter_answers(
                self.store, self.kit, self.session_id, self.group.value, self.activity.value,
                answers, allow_locked=self.even_if_locked.value,
            )  # fmt: skip
        except PaperEntryError as exc:
            self._say("<br>".join(esc(p) for p in exc.problems), error=True, raw=True)
            return []
        except StoreError as exc:
            self._say(str(exc), error=True)
            return []
        self._say(
            f"Saved {len(changed)} answer(s) for {self.group.value} "
            f"({len(answers) - len(changed)} unchanged)."
        )
        return changed

    def _say(self, text: str, error: bool = False, raw: bool = False) -> None:
        if error:
            self.status.add_class("mskit-error")
        self.status.value = text if raw else esc(text)
