"""The board's live panel: who has joined and answered, scores, answer charts per question,
model answers folded away, and free-text marking with the marking guide beside each box.

Each piece is its own widget and is only re-sent to the browser when its HTML changed, so
a save from one group updates one row and one chart, not the whole panel.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ..live import board_data, spread
from ..live.actions import progress, submitted_for_current_part
from ..live.evaluation import current_phase, is_evaluation_form
from ..render import render
from ..scoring import describe_model_answer
from ..scoring.activity import questions_of
from ..store import Store
from .projector import key_question_ids

MarkFn = Callable[[str, str, float, str], None]


def _set(widget: w.HTML, html: str) -> None:
    if widget.value != html:
        widget.value = html


class LivePanel:
    """The live part of the board for the open activity."""

    def __init__(self, store: Store, kit: Any, mark: MarkFn) -> None:
        self.store, self.kit, self.mark = store, kit, mark
        self.groups = w.HTML()
        self.scores = w.HTML()
        self.charts: dict[str, w.HTML] = {}
        self.answers: dict[str, w.HTML] = {}
        self.marking: dict[tuple[str, str], w.Widget] = {}
        self.marking_text: dict[tuple[str, str], w.HTML] = {}
        self._shape: tuple | None = None
        self.widget = w.VBox()
        self.widget.add_class("mskit-live")

    def update(self, session_id: str, snap: board_data.Snapshot) -> None:
        """Bring the panel up to date with ``snap``; only changed pieces are re-sent."""
        act, state = snap.activity, snap.state
        _set(self.groups, render("board/groups_live.html.j2", groups=self._group_rows(snap)))
        if act is None or state is None:
            self._reshape(("none",), [self.groups])
            return
        if is_evaluation_form(act):
            self._reshape(("form", act.id), [self.groups, self.scores])
            _set(self.scores, self._evaluation_html(session_id, act))
            return
        shown = snap.shown_activity()
        questions = [q for _s, q in questions_of(shown)]
        free = board_data.free_text_answers(snap)
        shape = ("activity", act.id, tuple(q.id for q in questions),
                 tuple((g, q.id) for q, g, _l, _t in free))  # fmt: skip
        if shape != self._shape:
            self.charts = {q.id: w.HTML() for q in questions}
            self.answers = {q.id: w.HTML() for q in questions
                            if q.type not in ("rating", "open_text")}  # fmt: skip
            self.marking = {(gid, q.id): self._mark_box(snap, q, gid) for q, gid, _l, _t in free}
            children: list[w.Widget] = [
                self.groups, self.scores, w.HTML(render("board/hint.html.j2", text=(
                    "Answers so far, question by question (model answers are folded; "
                    "groups see them only after you reveal).")))]  # fmt: skip
            for q in questions:
                children.append(self.charts[q.id])
                if q.id in self.answers:
                    children.append(self.answers[q.id])
                children += [box for (_g, qid), box in self.marking.items() if qid == q.id]
            self._reshape(shape, children)
        _set(self.scores, self._scores_html(snap))
        revealed = key_question_ids(act, state)
        for qid, widget in self.answers.items():
            q = next(q for q in questions if q.id == qid)
            _set(widget, render("board/model_answer.html.j2",
                                text=describe_model_answer(q, self.kit),
                                hidden_note=qid not in revealed))  # fmt: skip
        for q, gid, label, text in free:
            _set(self.marking_text[(gid, q.id)], render(
                "board/marking.html.j2", label=label, prompt=q.prompt, text=text,
                guide=list(q.marking_guide), points=q.points))  # fmt: skip
        for chart in spread.charts(shown, snap.records, self.kit, len(snap.groups)):
            _set(self.charts[chart.question_id],
                 render("board/chart.html.j2", chart=chart, marking=True))  # fmt: skip

    def _reshape(self, shape: tuple, children: list[w.Widget]) -> None:
        if shape != self._shape:
            self._shape = shape
            self.widget.children = children

    def _group_rows(self, snap: board_data.Snapshot) -> list[dict[str, Any]]:
        rows = []
        for g in snap.groups:
            current = snap.state is not None and submitted_for_current_part(
                g.submitted_at, snap.state
            )
            rows.append({
                "label": g.label,
                "joined": g.joined,
                "answered": g.answered,
                "visible": g.visible,
                "submitted": g.submitted_at.astimezone().strftime("%H:%M") if current else "",
            })  # fmt: skip
        return rows

    def _scores_html(self, snap: board_data.Snapshot) -> str:
        tables = snap.tables(self.kit)
        scores, discussion = tables["scores"], tables["discussion"]
        rows = [
            {"label": r.group_label, "points": f"{r.points:g}", "most": f"{r.max_points:g}",
             "to_mark": int(r.needs_marking)}
            for r in scores.itertuples()
        ]  # fmt: skip
        split = discussion.dropna(subset=["disagreement"]).sort_values(
            "disagreement", ascending=False
        )
        return render(
            "board/scores.html.j2",
            rows=rows,
            discussion=[str(p) for p in split["prompt"].head(3)] if len(split) else [],
        )

    def _evaluation_html(self, session_id: str, activity: Any) -> str:
        responses = self.store.evaluation_responses(session_id, activity.id)
        rows = []
        for phase in ("pre", "post", "once"):
            people = {r.respondent_code for r in responses if r.phase == phase}
            if people or phase == current_phase(self.store, session_id, activity):
                label = {"pre": "Before", "post": "After", "once": "Responses"}[phase]
                rows.append({"label": label, "points": str(len(people)), "most": "", "to_mark": ""})
        return render("board/people.html.j2", rows=rows)

    def _mark_box(self, snap: board_data.Snapshot, q: Any, gid: str) -> w.Widget:
        current = snap.marks.get((gid, q.id))
        label = next((g.label for g in snap.groups if g.id == gid), gid)
        points = w.BoundedFloatText(value=current.points if current else 0.0, min=0,
                                    max=float(q.points), step=0.5,
                                    description=f"Points (of {q.points:g})")  # fmt: skip
        comment = w.Text(
            value=current.comment if current else "", description="Comment for the group"
        )
        save = w.Button(description="Save mark", tooltip=f"Save the mark for {label}")
        save.add_class(f"mskit-mark-{gid}-{q.id}")
        save.on_click(lambda _b: self.mark(gid, q.id, points.value, comment.value))
        self.marking_text[(gid, q.id)] = shown = w.HTML()
        box = w.VBox([shown, points, comment, save])
        box.add_class("mskit-marking")
        return box


def progress_flags(activity: Any, state: Any) -> list[str]:
    """What the state line says about the open activity."""
    p = progress(activity, state)
    flags = [f"part {p.released} of {p.total} released" if activity.kind == "scenario"
             else "all questions shown"]  # fmt: skip
    if p.all_revealed:
        flags.append("model answers revealed")
    elif p.revealed:
        flags.append(f"model answers revealed up to part {p.revealed}")
    if state.locked:
        flags.append("answers locked")
    return flags
