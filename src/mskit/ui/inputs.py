"""One input widget per question type, built from the public view of a question.

``build_input(question)`` returns an :class:`AnswerInput`: ``.widget`` to display,
``.value`` to read or set the answer in its stored JSON shape (see
``mskit.content.questions.ANSWER_FORMATS``), ``.on_change(fn)`` to hear a change made by
the user, and ``.disabled`` to lock it. Every control carries a visible label.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ..content.questions import PASS
from .text import esc

PASS_LABEL = "Not sure / pass"
NONE = ""


def _full() -> w.Layout:
    return w.Layout(width="100%")


_STYLE = {"description_width": "initial"}

Builder = Callable[[dict[str, Any]], "AnswerInput"]
BUILDERS: dict[str, Builder] = {}


def register(*types: str) -> Callable[[Builder], Builder]:
    def add(fn: Builder) -> Builder:
        for t in types:
            BUILDERS[t] = fn
        return fn

    return add


class AnswerInput:
    """A question's controls with a value in the stored answer shape."""

    def __init__(
        self,
        question: dict[str, Any],
        controls: list[w.Widget],
        get: Callable[[], Any],
        put: Callable[[Any], None],
    ) -> None:
        self.question = question
        self.controls = controls
        self._get, self._put = get, put
        self._listeners: list[Callable[[Any], None]] = []
        self._quiet = False
        prompt = w.HTML(
            f"<p class='mskit-prompt' id='prompt-{esc(question['id'])}'>"
            f"{esc(question['prompt'])}</p>"
        )
        self.widget = w.VBox([prompt, *controls], layout=w.Layout(width="100%"))
        self.widget.add_class("mskit-question")
        self.widget.add_class(f"mskit-q-{question['id']}")
        for control in self._leaves(controls):
            control.observe(self._changed, names="value")

    @staticmethod
    def _leaves(controls: list[w.Widget]) -> list[w.Widget]:
        out: list[w.Widget] = []
        for c in controls:
            if isinstance(c, w.Box):
                out.extend(AnswerInput._leaves(list(c.children)))
            elif hasattr(c, "value") and not isinstance(c, w.HTML | w.Label):
                out.append(c)
        return out

    def _changed(self, _change: Any) -> None:
        if self._quiet:
            return
        value = self.value
        for fn in self._listeners:
            fn(value)

    def on_change(self, fn: Callable[[Any], None]) -> None:
        """Call ``fn(value)`` whenever the user changes the answer."""
        self._listeners.append(fn)

    @property
    def value(self) -> Any:
        return self._get()

    @value.setter
    def value(self, value: Any) -> None:
        """Show a stored answer without firing the change listeners."""
        self._quiet = True
        try:
            self._put(value)
        finally:
            self._quiet = False

    @property
    def disabled(self) -> bool:
        return all(c.disabled for c in self._leaves(self.controls))

    @disabled.setter
    def disabled(self, flag: bool) -> None:
        for c in self._leaves(self.controls):
            c.disabled = flag


def build_input(question: dict[str, Any]) -> AnswerInput:
    """The input for a public question dict (see :func:`mskit.live.public.public_question`)."""
    return BUILDERS[question["type"]](question)


def _options(q: dict[str, Any], with_pass: bool) -> list[tuple[str, str]]:
    opts = [(c["text"], c["id"]) for c in q["choices"]]
    if with_pass and q.get("allow_pass"):
        opts.append((PASS_LABEL, PASS))
    return opts


@register("single_choice", "classification")
def _single(q: dict[str, Any]) -> AnswerInput:
    radio = w.RadioButtons(
        options=_options(q, True),
        value=None,
        description="Your answer:",
        layout=_full(),
        style=_STYLE,
    )
    radio.add_class("mskit-radio")

    def put(v: Any) -> None:
        valid = {o[1] for o in radio.options}
        radio.value = v if v in valid else None

    return AnswerInput(q, [radio], lambda: radio.value, put)


@register("multiple_choice", "indicator_spotting")
def _multi(q: dict[str, Any]) -> AnswerInput:
    boxes = {
        cid: w.Checkbox(value=False, description=text, indent=False, layout=_full(), style=_STYLE)
        for text, cid in _options(q, True)
    }
    for cid, box in boxes.items():
        box.add_class(f"mskit-opt-{cid}")

    def get() -> Any:
        if PASS in boxes and boxes[PASS].value:
            return [PASS]
        picked = [cid for cid, b in boxes.items() if b.value and cid != PASS]
        return picked or None

    def put(v: Any) -> None:
        chosen = set(v) if isinstance(v, list) else set()
        for cid, b in boxes.items():
            b.value = cid in chosen

    return AnswerInput(q, list(boxes.values()), get, put)


@register("action_plan")
def _plan(q: dict[str, Any]) -> AnswerInput:
    opts = [("(no step)", NONE), *[(c["text"], c["id"]) for c in q["choices"]]]
    steps = [
        w.Dropdown(
            options=opts, value=NONE, description=f"Step {i + 1}:", layout=_full(), style=_STYLE
        )
        for i in range(q["max_picks"])
    ]
    for i, s in enumerate(steps):
        s.add_class(f"mskit-step-{i + 1}")

    def get() -> Any:
        picked: list[str] = []
        for s in steps:
            if s.value and s.value not in picked:
                picked.append(s.value)
        return picked or None

    def put(v: Any) -> None:
        items = [x for x in v if isinstance(x, str)] if isinstance(v, list) else []
        valid = {o[1] for o in opts}
        for i, s in enumerate(steps):
            s.value = items[i] if i < len(items) and items[i] in valid else NONE

    hint = w.HTML(
        "<p class='mskit-hint'>Pick the steps you would take, first step first. "
        "Leave a step empty when you have no more.</p>"
    )
    return AnswerInput(q, [hint, *steps], get, put)


@register("match")
def _match(q: dict[str, Any]) -> AnswerInput:
    rows, boxes = [], {}
    for item in q["items"]:
        cells = []
        for target in q["targets"]:
            box = w.Checkbox(
                value=False,
                description=target["text"],
                indent=False,
                layout=w.Layout(width="auto"),
                tooltip=f"{item['text']}: {target['text']}",
            )
            box.add_class(f"mskit-match-{item['id']}-{target['id']}")
            boxes[(item["id"], target["id"])] = box
            cells.append(box)
        label = w.HTML(f"<p class='mskit-item'>{esc(item['text'])}</p>")
        rows.append(w.VBox([label, w.HBox(cells)], layout=_full()))

    def get() -> Any:
        out = {}
        for item in q["items"]:
            picked = [t["id"] for t in q["targets"] if boxes[(item["id"], t["id"])].value]
            if picked:
                out[item["id"]] = picked
        return out or None

    def put(v: Any) -> None:
        v = v if isinstance(v, dict) else {}
        for (iid, tid), box in boxes.items():
            picked = v.get(iid)
            box.value = isinstance(picked, list) and tid in picked

    return AnswerInput(q, rows, get, put)


@register("sort")
def _sort(q: dict[str, Any]) -> AnswerInput:
    opts = [("(choose)", NONE), *[(c["text"], c["id"]) for c in q["categories"]]]
    if q.get("allow_pass"):
        opts.append((PASS_LABEL, PASS))
    drops = {}
    for item in q["items"]:
        d = w.Dropdown(
            options=opts, value=NONE, description=item["text"], layout=_full(), style=_STYLE
        )
        d.add_class(f"mskit-sort-{item['id']}")
        drops[item["id"]] = d

    def get() -> Any:
        out = {iid: d.value for iid, d in drops.items() if d.value}
        return out or None

    def put(v: Any) -> None:
        v = v if isinstance(v, dict) else {}
        valid = {o[1] for o in opts}
        for iid, d in drops.items():
            d.value = v.get(iid) if v.get(iid) in valid else NONE

    return AnswerInput(q, list(drops.values()), get, put)


@register("free_text", "open_text")
def _text(q: dict[str, Any]) -> AnswerInput:
    area = w.Textarea(
        value="",
        description="Your answer:",
        continuous_update=False,
        placeholder="Do not write real names or case details.",
        layout=w.Layout(width="100%", height="8em"),
        style=_STYLE,
    )
    area.add_class("mskit-text")
    limit = int(q.get("max_chars") or 2000)

    def get() -> Any:
        text = area.value.strip()[:limit]
        return text or None

    def put(v: Any) -> None:
        area.value = v if isinstance(v, str) else ""

    return AnswerInput(q, [area], get, put)


@register("rating")
def _rating(q: dict[str, Any]) -> AnswerInput:
    labels = q.get("labels") or {}
    opts = [
        (f"{n} {labels[str(n)]}".strip() if str(n) in labels else str(n), n) for n in q["scale"]
    ]
    radio = w.RadioButtons(
        options=opts, value=None, description="Your rating:", layout=_full(), style=_STYLE
    )
    radio.add_class("mskit-rating")

    def put(v: Any) -> None:
        radio.value = v if v in q["scale"] else None

    return AnswerInput(q, [radio], lambda: radio.value, put)
