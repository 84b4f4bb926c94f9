"""Reading stored answers (JSON values) into a shape the scorers can trust. Never raises.

The JSON shape of each answer is given by ``mskit.content.questions.ANSWER_FORMATS``.
Rules applied here, the same for every question type:

- ``None`` (no answer), an empty list, an empty mapping or a blank string: **unanswered**.
- ``PASS`` alone (or ``[PASS]``, for any type, or a mapping whose every value is ``PASS``):
  **passed**.
- ``PASS`` mixed into a list is dropped, so it never costs anything.
- Repeated ids in a list count once (the first occurrence keeps its place).
- An answer of the wrong shape (a number where a list is due, ...) is **unanswered**, and the
  ``problem`` text says why, so the feedback can tell the group what went wrong.
- Items of the wrong type inside a list (numbers, nested lists) are kept as text and so end
  up as unknown ids, which the scorers treat as wrong picks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from mskit.content.questions import PASS

Kind = Literal["answer", "unanswered", "passed"]


@dataclass(frozen=True)
class Parsed:
    """An answer after reading: ``kind``, the value in a clean shape, and any problem found."""

    kind: Kind
    value: Any = None
    problem: str | None = None
    notes: tuple[str, ...] = field(default=())


def _as_id(x: Any) -> str:
    return x if isinstance(x, str) else repr(x)


def _is_pass(x: Any) -> bool:
    return isinstance(x, str) and x == PASS


def _is_pass_value(x: Any) -> bool:
    """``PASS`` or ``[PASS]``: a pass of the whole question, whatever its shape."""
    return _is_pass(x) or (isinstance(x, (list, tuple)) and len(x) == 1 and _is_pass(x[0]))


def _blank(x: Any) -> bool:
    return x is None or (isinstance(x, str) and not x.strip())


def read_choice(value: Any) -> Parsed:
    """One id (single choice, classification)."""
    if _blank(value):
        return Parsed("unanswered")
    if _is_pass(value):
        return Parsed("passed")
    if isinstance(value, (list, tuple)) and len(value) == 1 and isinstance(value[0], str):
        return read_choice(value[0])
    if not isinstance(value, str):
        return Parsed("unanswered", problem=f"expected one id, got {type(value).__name__}")
    return Parsed("answer", value)


def read_id_list(value: Any) -> Parsed:
    """A list of ids (multiple choice, indicator spotting, action plan), order kept."""
    if value is None:
        return Parsed("unanswered")
    if isinstance(value, str):
        if _is_pass(value):
            return Parsed("passed")
        if not value.strip():
            return Parsed("unanswered")
        return Parsed("unanswered", problem="expected a list of ids, got a single string")
    if not isinstance(value, (list, tuple)):
        return Parsed("unanswered", problem=f"expected a list of ids, got {type(value).__name__}")
    if not value:
        return Parsed("unanswered")
    ids: list[str] = []
    had_pass = False
    for x in value:
        if _is_pass(x):
            had_pass = True
            continue
        i = _as_id(x)
        if i not in ids:
            ids.append(i)
    if not ids:
        return Parsed("passed") if had_pass else Parsed("unanswered")
    notes = ("a 'pass' mixed into the picks was ignored",) if had_pass else ()
    return Parsed("answer", tuple(ids), notes=notes)


def read_mapping(value: Any, *, multi: bool) -> Parsed:
    """A mapping item id -> target id list (``multi``, match) or -> one category id (sort).

    Values are cleaned: ``PASS`` (or ``[PASS]``) stays ``PASS`` for that item; a list value
    becomes a tuple of ids (``PASS`` dropped); for ``multi`` a single string becomes a
    one-element tuple; for sort a one-element list is unwrapped. ``None`` values are dropped.
    """
    if value is None:
        return Parsed("unanswered")
    if _is_pass_value(value):
        return Parsed("passed")
    if not isinstance(value, Mapping):
        return Parsed(
            "unanswered",
            problem=f"expected a mapping of item -> answer, got {type(value).__name__}",
        )
    out: dict[str, Any] = {}
    notes: list[str] = []
    for k, v in value.items():
        key = _as_id(k)
        if v is None:
            continue
        if multi:
            if _is_pass(v):
                out[key] = PASS
                continue
            if isinstance(v, str):
                v = [v]
            if not isinstance(v, (list, tuple)):
                notes.append(f"the answer for {key} was not understood")
                out[key] = ()
                continue
            picked = read_id_list(list(v))
            out[key] = PASS if picked.kind == "passed" else (picked.value or ())
        else:
            if isinstance(v, (list, tuple)) and len(v) == 1:
                v = v[0]
            if _is_pass(v):
                out[key] = PASS
            elif isinstance(v, str):
                out[key] = v
            else:
                notes.append(f"the answer for {key} was not understood")
                out[key] = _as_id(v)
    if not out:
        return Parsed("unanswered")
    if all(v == PASS for v in out.values()):
        return Parsed("passed")
    return Parsed("answer", out, notes=tuple(notes))


def read_text(value: Any) -> Parsed:
    """A free-text answer."""
    if _blank(value):
        return Parsed("unanswered")
    if _is_pass_value(value):
        return Parsed("passed")
    if not isinstance(value, str):
        return Parsed("answer", str(value), notes=("the answer was not text; shown as text",))
    return Parsed("answer", value)


def read_rating(value: Any, lo: int, hi: int) -> Parsed:
    """An integer on the scale ``lo..hi`` (a numeric string is accepted)."""
    if _is_pass_value(value):
        return Parsed("passed")
    if _blank(value):
        return Parsed("unanswered")
    if isinstance(value, bool):
        return Parsed("unanswered", problem="expected a number on the scale")
    if isinstance(value, str):
        try:
            value = int(value.strip())
        except ValueError:
            return Parsed("unanswered", problem="expected a number on the scale")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int):
        return Parsed("unanswered", problem="expected a whole number on the scale")
    if not lo <= value <= hi:
        return Parsed("unanswered", problem=f"{value} is outside the scale {lo}..{hi}")
    return Parsed("answer", value)
