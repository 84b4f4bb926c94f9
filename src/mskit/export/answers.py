"""A group's answer in words (option texts, not ids), and a mark's explanation, as plain
text. Callers escape it before it goes into HTML."""

from __future__ import annotations

import json
from typing import Any

from ..content.questions import CLASSIFICATIONS, PASS
from ..scoring.answers import read_choice, read_id_list, read_mapping, read_rating, read_text
from ..scoring.catalogue import action_info, indicator_text

PASS_TEXT = "Not sure / pass"
NO_ANSWER = "(no answer)"


def option_texts(q: Any, kit: Any) -> dict[str, str]:
    """Option, indicator, action or classification id -> its text, for one question."""
    t = q.type
    if t in ("single_choice", "multiple_choice"):
        return {o.id: o.text for o in q.options}
    if t == "classification":
        return dict(CLASSIFICATIONS)
    if t == "indicator_spotting":
        return {i: indicator_text(kit, i) or i for i in [*q.present, *q.distractors]}
    if t == "action_plan":
        out = {}
        for a in [*q.actions, *q.essential, *q.harmful]:
            info = action_info(kit, a)
            out[a] = info.text if info and info.text else a
        return out
    return {}


def format_answer(q: Any, value: Any, kit: Any = None) -> str:
    """The answer as a reader would say it; never raises, whatever the stored value."""
    try:
        return _format(q, value, kit)
    except Exception:  # a malformed stored value: show it as it is
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _format(q: Any, value: Any, kit: Any) -> str:
    t = q.type
    names = option_texts(q, kit)
    if t in ("single_choice", "classification"):
        p = read_choice(value)
        if p.kind != "answer":
            return PASS_TEXT if p.kind == "passed" else NO_ANSWER
        return names.get(p.value, p.value)
    if t in ("multiple_choice", "indicator_spotting"):
        p = read_id_list(value)
        if p.kind != "answer":
            return PASS_TEXT if p.kind == "passed" else NO_ANSWER
        return "\n".join(f"- {names.get(i, i)}" for i in p.value)
    if t == "action_plan":
        p = read_id_list(value)
        if p.kind != "answer":
            return PASS_TEXT if p.kind == "passed" else NO_ANSWER
        return "\n".join(f"{n}. {names.get(i, i)}" for n, i in enumerate(p.value, start=1))
    if t in ("match", "sort"):
        p = read_mapping(value, multi=t == "match")
        if p.kind != "answer":
            return PASS_TEXT if p.kind == "passed" else NO_ANSWER
        items = {i.id: i.text for i in q.items}
        cols = {c.id: c.text for c in (q.targets if t == "match" else q.categories)}
        lines = []
        for item_id, got in p.value.items():
            if got == PASS:
                shown = PASS_TEXT
            elif t == "match":
                shown = ", ".join(cols.get(x, x) for x in got) or NO_ANSWER
            else:
                shown = cols.get(got, got)
            lines.append(f"- {items.get(item_id, item_id)}: {shown}")
        return "\n".join(lines)
    if t == "rating":
        p = read_rating(value, q.scale_min, q.scale_max)
        if p.kind != "answer":
            return PASS_TEXT if p.kind == "passed" else NO_ANSWER
        label = q.labels.get(p.value)
        return f"{p.value}" + (f" ({label})" if label else "")
    p = read_text(value)
    if p.kind != "answer":
        return PASS_TEXT if p.kind == "passed" else NO_ANSWER
    return p.value


def feedback_text(score: Any) -> str:
    """The mark's full feedback without the rationale and sources (given with the model
    answer)."""
    lines = []
    for line in (score.feedback or "").splitlines():
        if line.startswith(("Why: ", "Sources: ")):
            break
        lines.append(line)
    return "\n".join(lines).strip()


def explanation(score: Any) -> str:
    """The mark's explanation in brief, for a report table: the headline and what was
    missed or cost points (right picks and the rationale are left out; the model answer
    beside it gives them)."""
    lines = []
    for line in (score.feedback or "").splitlines():
        if line.startswith(("Why: ", "Sources: ")):
            break
        lines.append(line)
    if not score.breakdown or not lines:
        return "\n".join(lines).strip()
    out = [lines[0]]
    for e in score.breakdown:
        text = (e.feedback or "").strip()
        if not text or e.points > 0 or text.startswith("Rightly"):
            continue
        if e.points == 0 and e.answer == e.expected:
            continue
        first, sep, _rest = text.partition(". ")
        out.append(first + ("." if sep else ""))
    return "\n".join(out)


def plain_value(value: Any) -> str:
    """A stored answer as one cell of text: strings as they are, anything else as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=False)
