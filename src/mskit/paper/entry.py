"""Typing paper answers in: check each answer's shape against its question, then save.

An answers file is YAML, one entry per question id (see :func:`answers_template`)::

    s1-signs: [controlling-companion, untreated-injuries]
    s1-interpreter: independent-alone
    s2-reply: |
      We would tell our safeguarding lead straight away ...

``PASS`` (or ``__pass__``) means "not sure / pass". Every problem is reported at once, one
line each, naming the question and what was expected; nothing is saved unless every answer
is right in shape. Saved answers carry ``client_id="paper"``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..content.questions import ANSWER_FORMATS, CLASSIFICATIONS, PASS
from ..scoring.activity import questions_of

PAPER_CLIENT = "paper"
PASS_WORDS = ("PASS", PASS)


class PaperEntryError(Exception):
    """Paper answers that cannot be entered; ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


def _ids(q: Any, kit: Any = None) -> dict[str, list[str]]:
    """The ids a paper answer to ``q`` may use, by role."""
    t = q.type
    if t in ("single_choice", "multiple_choice"):
        return {"choices": [o.id for o in q.options]}
    if t == "classification":
        return {"choices": list(CLASSIFICATIONS)}
    if t == "indicator_spotting":
        return {"choices": list(dict.fromkeys([*q.present, *q.distractors]))}
    if t == "action_plan":
        return {"choices": list(q.actions)}
    if t == "match":
        return {"items": [i.id for i in q.items], "targets": [x.id for x in q.targets]}
    if t == "sort":
        return {"items": [i.id for i in q.items], "categories": [c.id for c in q.categories]}
    return {}


def _is_pass(v: Any) -> bool:
    return isinstance(v, str) and v in PASS_WORDS


def _one_of(v: Any, allowed: list[str]) -> str | None:
    if not isinstance(v, str):
        return f"expected one id, got {_kind(v)}"
    if v not in allowed:
        return f"{v!r} is not one of {', '.join(allowed)}"
    return None


def _kind(v: Any) -> str:
    if isinstance(v, bool):
        return "yes/no"
    if isinstance(v, (int, float)):
        return f"the number {v}"
    if isinstance(v, str):
        return f"the text {v!r}"
    if isinstance(v, list):
        return "a list"
    if isinstance(v, Mapping):
        return "a mapping"
    return type(v).__name__


def check_answer(q: Any, value: Any, kit: Any = None) -> tuple[Any, list[str]]:
    """``(value to save, problems)`` for one answer to question ``q``. The value is
    normalised (``PASS`` for a pass, a one-id string wrapped in a list where a list is due)."""
    t = q.type
    ids = _ids(q, kit)
    allow_pass = getattr(q, "allow_pass", False)
    if value is None:
        return None, ["no answer given (leave the question out of the file instead)"]
    if _is_pass(value) or (isinstance(value, list) and len(value) == 1 and _is_pass(value[0])):
        if t in ("free_text", "open_text", "rating") or allow_pass:
            return PASS, []
        return None, ["this question does not offer 'not sure / pass'"]
    if t in ("single_choice", "classification"):
        problem = _one_of(value, ids["choices"])
        return value, [problem] if problem else []
    if t in ("multiple_choice", "indicator_spotting", "action_plan"):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            return None, [f"expected a list of ids, got {_kind(value)}"]
        problems = [p for v in value if (p := _one_of(v, ids["choices"]))]
        if len(set(map(str, value))) != len(value):
            problems.append("an id is listed twice")
        if t == "action_plan":
            most = q.max_picks or min(len(q.actions), len(q.essential) + 2)
            if len(value) > most:
                problems.append(f"at most {most} steps may be picked, got {len(value)}")
        return list(value), problems
    if t in ("match", "sort"):
        if not isinstance(value, Mapping) or not value:
            return None, [f"expected a mapping of item id -> answer, got {_kind(value)}"]
        cols = ids["targets"] if t == "match" else ids["categories"]
        out: dict[str, Any] = {}
        problems = []
        for item, got in value.items():
            if str(item) not in ids["items"]:
                problems.append(f"{item!r} is not an item here; items: {', '.join(ids['items'])}")
                continue
            if _is_pass(got):
                out[str(item)] = PASS
                continue
            if t == "match":
                got = [got] if isinstance(got, str) else got
                if not isinstance(got, list) or not got:
                    problems.append(f"{item}: expected a list of target ids, got {_kind(got)}")
                    continue
                problems += [f"{item}: {p}" for g in got if (p := _one_of(g, cols))]
            else:
                if (p := _one_of(got, cols)) is not None:
                    problems.append(f"{item}: {p}")
            out[str(item)] = got
        return out, problems
    if t in ("free_text", "open_text"):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            return None, [f"expected some text, got {_kind(value)}"]
        if len(value) > q.max_chars:
            return None, [f"the text is {len(value)} characters; at most {q.max_chars}"]
        return value, []
    if t == "rating":
        if isinstance(value, bool) or not isinstance(value, int):
            return None, [
                f"expected a whole number {q.scale_min}..{q.scale_max}, got {_kind(value)}"
            ]
        if not q.scale_min <= value <= q.scale_max:
            return None, [f"{value} is outside the scale {q.scale_min}..{q.scale_max}"]
        return value, []
    return value, [f"questions of type {t!r} cannot be typed in"]


def check_answers(
    activity: Any, answers: Mapping[str, Any], kit: Any = None
) -> tuple[dict[str, Any], list[str]]:
    """``(values to save by question id, problems)`` for a whole answers file."""
    questions = {q.id: q for _, q in questions_of(activity)}
    if not isinstance(answers, Mapping):
        return {}, ["expected a mapping of question id -> answer at the top of the file"]
    if not answers:
        return {}, ["the file holds no answers"]
    values: dict[str, Any] = {}
    problems: list[str] = []
    for qid, value in answers.items():
        q = questions.get(str(qid))
        if q is None:
            problems.append(
                f"{qid}: not a question of {activity.id}; questions: {', '.join(questions)}"
            )
            continue
        saved, found = check_answer(q, value, kit)
        fmt = ANSWER_FORMATS.get(q.type, "")
        problems += [f"{qid} ({q.type}): {p}; expected {fmt}" for p in found]
        if not found:
            values[str(qid)] = saved
    return values, problems


def read_answers_file(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The answers in a YAML file, as a mapping; :class:`PaperEntryError` if unreadable."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PaperEntryError(
            f"{p}: cannot read the answers file: {getattr(exc, 'strerror', None) or exc}"
        ) from None
    try:
        data = YAML(typ="safe", pure=True).load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise PaperEntryError(
            f"{p}{where}: not valid YAML ({getattr(exc, 'problem', None) or exc})"
        ) from None
    if isinstance(data, Mapping) and set(data) == {"answers"}:
        data = data["answers"]
    if not isinstance(data, Mapping):
        raise PaperEntryError(f"{p}: expected question ids with their answers (a YAML mapping)")
    return {str(k): _plain(v) for k, v in data.items()}


def _plain(v: Any) -> Any:
    if isinstance(v, Mapping):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    return v


def find_group(store: Any, session_id: str, label: str) -> Any:
    """The session's group with this label (case and spaces ignored if unambiguous)."""
    groups = store.list_groups(session_id)
    exact = [g for g in groups if g.label == label]
    if exact:
        return exact[0]
    loose = [g for g in groups if g.label.strip().lower() == label.strip().lower()]
    if len(loose) == 1:
        return loose[0]
    known = ", ".join(repr(g.label) for g in groups) or "none yet"
    raise PaperEntryError(f"This session has no group {label!r}; its groups: {known}.")


def enter_answers(
    store: Any,
    kit: Any,
    session_id: str,
    group_label: str,
    activity_id: str,
    answers: Mapping[str, Any],
    allow_locked: bool = False,
) -> list[str]:
    """Check then save a group's paper answers; the question ids whose answer changed.

    A locked activity (locked, or its model answers revealed) is unlocked for the entry and
    locked again only with ``allow_locked``; otherwise :class:`PaperEntryError` says so.
    """
    group = find_group(store, session_id, group_label)
    try:
        activity = kit.activity(activity_id)
    except KeyError:
        raise PaperEntryError(
            f"There is no scenario or exercise {activity_id!r} in the kit."
        ) from None
    values, problems = check_answers(activity, answers, kit)
    if problems:
        raise PaperEntryError(problems)
    state = store.activity_state(session_id, activity_id)
    locked = state is not None and state.locked
    if locked and not allow_locked:
        raise PaperEntryError(
            f"Answers to {activity_id!r} are locked in this session (locked or revealed); "
            "enter them anyway with --even-if-locked."
        )
    changed = []
    if locked:
        store.lock_activity(session_id, activity_id, False)
    try:
        for qid, value in values.items():
            res = store.save_answer(
                session_id, group.id, activity_id, qid, value, client_id=PAPER_CLIENT
            )
            if res.changed:
                changed.append(qid)
    finally:
        if locked:
            store.lock_activity(session_id, activity_id, True)
    store.log(
        session_id,
        "paper_answers_entered",
        {"group_id": group.id, "activity_id": activity_id, "questions": changed},
    )
    return changed


def answers_template(activity: Any, kit: Any = None) -> str:
    """A YAML answers file to fill in from a paper sheet: every question, commented out,
    with the ids to use and what each stands for."""
    from ..live.public import public_question

    lines = [
        f"# Paper answers for {activity.id}: {activity.title}",
        "# Uncomment each answered question and fill it in. PASS means 'not sure / pass'.",
        "# Then: mskit paper enter SESSION --group LABEL --activity "
        f"{activity.id} --answers THIS_FILE",
        "",
    ]
    for stage, q in questions_of(activity):
        pq = public_question(q, kit)
        lines.append(f"# {q.prompt}" + (f"  [stage {stage}]" if stage else ""))
        lines.append(f"#   {q.type}: {ANSWER_FORMATS.get(q.type, '')}")
        for key in ("choices", "items", "targets", "categories"):
            for c in pq.get(key, []):
                lines.append(
                    f"#   {key[:-1] if key != 'categories' else 'category'} {c['id']}: {c['text']}"
                )
        example = {
            "single_choice": "ID", "classification": "ID", "multiple_choice": "[ID, ID]",
            "indicator_spotting": "[ID, ID]", "action_plan": "[FIRST_ID, SECOND_ID]",
            "match": "{ITEM_ID: [TARGET_ID]}", "sort": "{ITEM_ID: CATEGORY_ID}",
            "free_text": "'the group''s words'", "open_text": "'text'", "rating": "3",
        }.get(q.type, "")  # fmt: skip
        lines.append(f"# {q.id}: {example}")
        lines.append("")
    return "\n".join(lines)
