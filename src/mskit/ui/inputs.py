"""One phone-first control per question, built from the public view of a question.

``build_input(question)`` returns an :class:`AnswerInput`: ``.widget`` to display (an
:class:`AnswerControl`, our own anywidget: ipywidgets' radio buttons draw a long option
over the next one on a phone), ``.value`` to read or set the answer in its stored JSON
shape (see ``mskit.content.questions.ANSWER_FORMATS``), ``.on_change(fn)`` to hear a change
made by the person, ``.disabled`` to lock it, and ``.saved(value, revision)`` /
``.refused(text)`` to tell the page what the store holds. The page shows "Saved" only
when what is stored is exactly what it shows.

In tests (and in the browser) a person's change is ``input.widget.value = ...``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from ..content.questions import PASS

PASS_LABEL = "Not sure / pass"
_STATIC = Path(__file__).parent / "static"

KINDS: dict[str, str] = {
    "single_choice": "single",
    "classification": "single",
    "rating": "single",
    "multiple_choice": "multi",
    "indicator_spotting": "multi",
    "action_plan": "plan",
    "match": "match",
    "sort": "sort",
    "free_text": "text",
    "open_text": "text",
}
"""Which control each question type is answered with."""


class AnswerControl(anywidget.AnyWidget):
    """One question's controls in the browser (see ``static/answer.js``)."""

    _esm = _STATIC / "answer.js"
    _css = _STATIC / "answer.css"
    spec = traitlets.Dict().tag(sync=True)
    value = traitlets.Any(None, allow_none=True).tag(sync=True)
    saved = traitlets.Any(None, allow_none=True).tag(sync=True)
    error = traitlets.Unicode("").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    revision = traitlets.Int(0).tag(sync=True)
    ready = traitlets.Bool(False).tag(sync=True)
    draft_key = traitlets.Unicode("").tag(sync=True)


def control_spec(q: dict[str, Any]) -> dict[str, Any]:
    """What the browser needs to draw a public question (never an answer key)."""
    kind = KINDS[q["type"]]
    spec: dict[str, Any] = {
        "id": q["id"],
        "type": q["type"],
        "kind": kind,
        "prompt": q["prompt"],
        "allow_pass": bool(q.get("allow_pass")),
        "pass_label": PASS_LABEL,
    }
    if q["type"] == "rating":
        labels = q.get("labels") or {}
        spec["choices"] = [
            {"id": n, "text": f"{n} – {labels[str(n)]}" if str(n) in labels else str(n)}
            for n in q["scale"]
        ]
        spec["allow_pass"] = False
    elif kind in ("single", "multi", "plan"):
        spec["choices"] = list(q["choices"])
    if kind == "plan":
        spec["max_picks"] = int(q["max_picks"])
    if kind == "match":
        spec["items"], spec["targets"] = list(q["items"]), list(q["targets"])
    if kind == "sort":
        spec["items"], spec["categories"] = list(q["items"]), list(q["categories"])
    if kind == "text":
        spec["max_chars"] = int(q.get("max_chars") or 2000)
    return spec


def check_value(q: dict[str, Any], value: Any) -> str | None:
    """Why ``value`` cannot be saved as an answer to public question ``q`` (None: it can).

    The page checks what a browser sends before saving it: a text over its limit is
    refused with a message, never cut short."""
    if value is None:
        return None
    kind = KINDS[q["type"]]
    if kind == "text":
        if not isinstance(value, str):
            return "Not saved: the answer should be text."
        limit = int(q.get("max_chars") or 2000)
        if len(value) > limit:
            return (
                f"Not saved: this is {len(value) - limit:,} characters too long. "
                f"Shorten it to {limit:,} or fewer to save it."
            )
        return None
    if q["type"] == "rating":
        return None if value in q["scale"] else "Not saved: choose a point on the scale."
    if kind in ("single", "multi", "plan"):
        ids = {c["id"] for c in q["choices"]} | ({PASS} if q.get("allow_pass") else set())
        picked = [value] if kind == "single" else value
        if not isinstance(picked, list) or not all(isinstance(v, str) for v in picked):
            return "Not saved: that answer is not one of the choices."
        if any(v not in ids for v in picked) or len(set(picked)) != len(picked):
            return "Not saved: that answer is not one of the choices."
        if kind == "plan" and len(picked) > int(q["max_picks"]):
            return f"Not saved: pick at most {q['max_picks']} steps."
        return None
    items = {c["id"] for c in q["items"]}
    cols = {c["id"] for c in q["targets" if kind == "match" else "categories"]}
    if kind == "sort" and q.get("allow_pass"):
        cols.add(PASS)
    if not isinstance(value, dict) or not set(value) <= items:
        return "Not saved: that answer does not fit this question."
    for got in value.values():
        picks = got if kind == "match" else [got]
        if not isinstance(picks, list) or not all(p in cols for p in picks):
            return "Not saved: that answer does not fit this question."
    return None


class AnswerInput:
    """A question's control with a value in the stored answer shape."""

    def __init__(self, question: dict[str, Any]) -> None:
        self.question = question
        self.widget = AnswerControl(spec=control_spec(question))
        self.widget.add_class("mskit-question")
        self.widget.add_class(f"mskit-q-{question['id']}")
        self._listeners: list[Callable[[Any], None]] = []
        self._quiet = False
        self.widget.observe(self._changed, names="value")

    def _changed(self, change: dict[str, Any]) -> None:
        if self._quiet:
            return
        problem = check_value(self.question, change["new"])
        if problem:
            self.widget.error = problem
            return
        self.widget.error = ""
        for fn in self._listeners:
            fn(change["new"])

    def on_change(self, fn: Callable[[Any], None]) -> None:
        """Call ``fn(value)`` whenever the person changes the answer."""
        self._listeners.append(fn)

    @property
    def value(self) -> Any:
        return self.widget.value

    @value.setter
    def value(self, value: Any) -> None:
        """Show a stored answer without firing the change listeners."""
        self._quiet = True
        try:
            self.widget.value = value
        finally:
            self._quiet = False

    def saved(self, value: Any, revision: int) -> None:
        """The store now holds ``value`` at ``revision`` (the page may say "Saved")."""
        self.widget.error = ""
        self.widget.revision = revision
        self.widget.saved = value

    def loaded(self, value: Any, revision: int) -> None:
        """Show what the store holds (on opening or after another device changed it)."""
        self.value = value
        self.saved(value, revision)

    def refused(self, text: str) -> None:
        """Say under the question why the change is not saved."""
        self.widget.error = text

    def ready(self, draft_key: str = "") -> None:
        """The stored answer is loaded: the browser may now restore unsaved typed text."""
        self.widget.draft_key = draft_key
        self.widget.ready = True

    @property
    def disabled(self) -> bool:
        return bool(self.widget.disabled)

    @disabled.setter
    def disabled(self, flag: bool) -> None:
        self.widget.disabled = bool(flag)


def build_input(question: dict[str, Any]) -> AnswerInput:
    """The input for a public question dict (see :func:`mskit.live.public.public_question`)."""
    return AnswerInput(question)
