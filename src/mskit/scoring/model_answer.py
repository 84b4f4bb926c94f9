"""The model answer of a question: the answer value that scores full marks, and in words.

:func:`model_answer` returns a value shaped as ``ANSWER_FORMATS[question.type]``:

- single choice: the first right option; classification: ``correct``;
- multiple choice: the right options, in option order; indicator spotting: ``present``;
- action plan: the essential actions, plus any helpful (never harmful) action an order
  rule names, ordered so that every order rule holds (``first`` actions first, then each
  ``before`` ahead of its ``after``; otherwise the order of ``actions``). If the rules
  contradict each other no order keeps them all; the plan then keeps as many as it can
  and :func:`model_answer_problems` reports it;
- match: item -> its answer targets; sort: item -> its category;
- free text: the ``model_answer`` text (it scores full marks only once marked by hand);
- rating, open text: ``None`` (nothing to get right).

:func:`model_answer_problems` checks that the model answer of every scored question of an
activity (a Scenario or an Exercise, or any iterable of questions) scores full marks;
content checks and tests use it.
"""

from __future__ import annotations

from typing import Any

from mskit.content.questions import CLASSIFICATIONS

from .activity import questions_of
from .catalogue import action_info, indicator_text
from .scorers import action_rating, clean, max_points, rule_text, score
from .types import ManualMark


def _plan(q: Any) -> list[str]:
    offered = list(dict.fromkeys([*q.actions, *q.essential]))
    rank = {a: i for i, a in enumerate(offered)}
    harmful = set(q.harmful) - set(q.essential)
    nodes = list(dict.fromkeys(q.essential))
    for r in q.order:
        named = [r.first] + ([r.before, r.after] if r.before and r.after else [])
        nodes += [a for a in named if a and a not in harmful and a not in nodes]
    node_set = set(nodes)
    edges: dict[str, set[str]] = {a: set() for a in nodes}
    for r in q.order:
        if r.first in node_set:
            edges[r.first] |= node_set - {r.first}
        if r.before in node_set and r.after in node_set and r.before != r.after:
            edges[r.before].add(r.after)
    indeg = dict.fromkeys(nodes, 0)
    for a in nodes:
        for b in edges[a]:
            indeg[b] += 1
    out: list[str] = []
    left = sorted(nodes, key=lambda a: rank.get(a, len(rank)))
    while left:
        ready = [a for a in left if indeg[a] == 0] or left[:1]  # a cycle: break it in order
        a = ready[0]
        out.append(a)
        left.remove(a)
        for b in edges[a]:
            indeg[b] -= 1
    return out


def model_answer(question: Any) -> Any:
    """The answer value that scores full marks (see the module docstring for each type)."""
    t = question.type
    if t == "single_choice":
        right = [o.id for o in question.options if o.correct]
        return right[0] if right else None
    if t == "multiple_choice":
        return [o.id for o in question.options if o.correct]
    if t == "indicator_spotting":
        return list(dict.fromkeys(question.present))
    if t == "classification":
        return question.correct
    if t == "action_plan":
        return _plan(question)
    if t == "match":
        return {i.id: list(dict.fromkeys(i.answer)) for i in question.items}
    if t == "sort":
        return {i.id: i.answer for i in question.items}
    if t == "free_text":
        return question.model_answer
    return None


def describe_model_answer(question: Any, catalogue: Any = None) -> str:
    """The model answer in plain text, with the reasons the question gives."""
    q = question
    t = q.type
    ans = model_answer(q)
    lines: list[str] = []
    if t == "single_choice":
        opt = next((o for o in q.options if o.id == ans), None)
        lines.append(f"Answer: {opt.text}" if opt else "No option is marked right.")
        if opt and opt.feedback:
            lines.append(opt.feedback)
    elif t == "multiple_choice":
        lines.append("Right options:")
        lines += [
            f"- {o.text}" + (f" ({o.feedback})" if o.feedback else "")
            for o in q.options
            if o.correct
        ]
        wrong = [o for o in q.options if not o.correct]
        if wrong:
            lines.append("Not right:")
            lines += [f"- {o.text}" + (f" ({o.feedback})" if o.feedback else "") for o in wrong]
    elif t == "indicator_spotting":
        lines.append("Signs the story shows:")
        for i in ans:
            note = q.notes.get(i)
            lines.append(
                f"- {clean(indicator_text(catalogue, i) or i)}" + (f": {note}" if note else "")
            )
        if q.distractors:
            lines.append("Offered but not shown in this story:")
            for i in dict.fromkeys(q.distractors):
                note = q.notes.get(i)
                lines.append(
                    f"- {clean(indicator_text(catalogue, i) or i)}" + (f": {note}" if note else "")
                )
    elif t == "classification":
        lines.append(f"Answer: {CLASSIFICATIONS.get(ans, ans)}")
        if q.also_accept:
            lines.append(
                "Also accepted: " + ", ".join(CLASSIFICATIONS.get(a, a) for a in q.also_accept)
            )
        if q.feedback.get(ans):
            lines.append(q.feedback[ans])
    elif t == "action_plan":

        def label(a: str) -> str:
            info = action_info(catalogue, a)
            return clean(info.text) if info and info.text else a

        def why(a: str) -> str:
            info = action_info(catalogue, a)
            return q.notes.get(a) or (info.why if info and info.why else "")

        lines.append("A good plan, in order:")
        for n, a in enumerate(ans, start=1):
            w = why(a)
            lines.append(f"{n}. {label(a)} ({action_rating(q, a)})" + (f": {w}" if w else ""))
        harmful = [a for a in dict.fromkeys(q.harmful) if a not in q.essential]
        if harmful:
            lines.append("Avoid (harmful here):")
            for a in harmful:
                w = why(a)
                lines.append(f"- {label(a)}" + (f": {w}" if w else ""))
        if q.order:
            lines.append("Order rules:")
            lines += [f"- {rule_text(r, label)}: {r.why}" for r in q.order]
    elif t == "match":
        targets = {x.id: x.text for x in q.targets}
        for i in q.items:
            lines.append(
                f"- {clean(i.text)}: "
                + ", ".join(targets.get(x, x) for x in ans[i.id])
                + (f" ({i.feedback})" if i.feedback else "")
            )
    elif t == "sort":
        cats = {c.id: c.text for c in q.categories}
        for i in q.items:
            lines.append(
                f"- {clean(i.text)}: {cats.get(i.answer, i.answer)}"
                + (f" ({i.feedback})" if i.feedback else "")
            )
    elif t == "free_text":
        lines.append(f"Model answer: {q.model_answer}")
        lines += [f"- {g}" for g in q.marking_guide]
    else:
        return "Not scored: there is no model answer."
    rationale = getattr(q, "rationale", None)
    if rationale:
        lines.append(f"Why: {rationale}")
    if getattr(q, "sources", None):
        lines.append("Sources: " + ", ".join(q.sources) + ".")
    return "\n".join(lines)


def model_answer_problems(activity: Any, catalogue: Any = None) -> list[str]:
    """Scored questions of ``activity`` whose model answer does not score full marks."""
    problems = []
    for _stage, q in questions_of(activity):
        if max_points(q) <= 0:
            continue
        mark = ManualMark(max_points(q)) if q.type == "free_text" else None
        s = score(q, model_answer(q), catalogue, mark=mark)
        if not s.full_marks:
            problems.append(
                f"{q.id} ({q.type}): model answer scores {s.points:g} of {s.max_points:g} "
                f"[{s.status}]"
            )
    return problems
