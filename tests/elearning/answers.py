"""Seeded random questions and answers for the cross-check of the Python and JavaScript
scorers: every question type and multi-select rule, with passes, blanks, unknown ids,
duplicates and answers of the wrong shape. Answers are JSON values (what a page stores)."""

from __future__ import annotations

import json
import random
from typing import Any

from mskit.content.questions import CLASSIFICATIONS, PASS
from mskit.scoring import model_answer
from mskit.scoring.activity import questions_of

RULES = ("right_minus_wrong", "weighted", "all_or_nothing", "right_plus_unpicked")
ODD_VALUES: tuple[Any, ...] = (
    None,
    "",
    "   ",
    "\t\n",
    PASS,
    [PASS],
    [],
    {},
    3,
    0,
    1.5,
    True,
    False,
    "zz-unknown",
    ["zz-unknown"],
    [[1, "a"]],
    {"zz-item": "x"},
    [None],
    ["", ""],
)


def kit_questions(kit) -> list[Any]:
    """Every question of every case study and exercise in the kit."""
    out = []
    for act in [*kit.scenarios.values(), *kit.exercises.values()]:
        out += [q for _stage, q in questions_of(act)]
    return out


def variants(questions: list[Any]) -> list[Any]:
    """The kit's questions, and each multi-select question under every rule, and
    multiple-choice questions with weights of their own (dyadic, so sums are exact)."""
    out = list(questions)
    for q in questions:
        if q.type in ("multiple_choice", "indicator_spotting"):
            for rule in RULES:
                if rule != q.rule:
                    out.append(q.model_copy(update={"rule": rule}))
        if q.type == "multiple_choice":
            weights = (2.0, 0.5, -1.5, -0.25, 1.0, -2.0, 0.75)
            opts = tuple(
                o.model_copy(update={"weight": weights[n % len(weights)]})
                for n, o in enumerate(q.options)
            )
            out.append(q.model_copy(update={"rule": "weighted", "options": opts}))
            out.append(q.model_copy(update={"rule": "right_plus_unpicked", "points": 3}))
        if q.type in ("match", "sort", "indicator_spotting", "action_plan"):
            out.append(q.model_copy(update={"points": 7}))
    return out


def _ids(q: Any) -> list[str]:
    t = q.type
    if t in ("single_choice", "multiple_choice"):
        return [o.id for o in q.options]
    if t == "indicator_spotting":
        return list(dict.fromkeys([*q.present, *q.distractors]))
    if t == "classification":
        return list(CLASSIFICATIONS)
    if t == "action_plan":
        return list(dict.fromkeys([*q.actions, *q.essential, *q.harmful]))
    return []


def _subset(rng: random.Random, ids: list[str]) -> list[Any]:
    picks: list[Any] = [i for i in ids if rng.random() < 0.5]
    rng.shuffle(picks)
    roll = rng.random()
    if roll < 0.1:
        picks.append("zz-unknown")
    elif roll < 0.15:
        picks.append(PASS)
    elif roll < 0.2 and picks:
        picks.append(picks[0])
    elif roll < 0.23:
        picks.append(7)
    return picks


def answer_for(rng: random.Random, q: Any) -> Any:
    """One answer to ``q``: mostly plausible, sometimes odd."""
    roll = rng.random()
    if roll < 0.12:
        return rng.choice(ODD_VALUES)
    if roll < 0.2:
        return model_answer(q)
    t = q.type
    ids = _ids(q)
    if t in ("single_choice", "classification"):
        pick = rng.choice([*ids, PASS, "zz-unknown"])
        return [pick] if rng.random() < 0.1 else pick
    if t in ("multiple_choice", "indicator_spotting", "action_plan"):
        return _subset(rng, ids)
    if t == "match":
        targets = [x.id for x in q.targets]
        out: dict[str, Any] = {}
        for item in q.items:
            r = rng.random()
            if r < 0.1:
                out[item.id] = PASS
            elif r < 0.15:
                continue
            elif r < 0.2:
                out[item.id] = rng.choice(targets)
            elif r < 0.25:
                out[item.id] = None
            elif r < 0.5:
                out[item.id] = list(item.answer)
            else:
                out[item.id] = _subset(rng, targets)
        if rng.random() < 0.1:
            out["zz-stray"] = [targets[0]]
        return out
    if t == "sort":
        cats = [c.id for c in q.categories]
        out = {}
        for item in q.items:
            r = rng.random()
            if r < 0.1:
                out[item.id] = PASS
            elif r < 0.15:
                continue
            elif r < 0.2:
                out[item.id] = rng.choice([[item.answer], 5, ["a", "b"], "zz-cat"])
            elif r < 0.5:
                out[item.id] = item.answer
            else:
                out[item.id] = rng.choice(cats)
        if rng.random() < 0.1:
            out["zz-stray"] = cats[0]
        return out
    if t in ("free_text", "open_text"):
        return rng.choice(["Refer to the council.", "  ", "Call 999 </script> <b>x</b>", 4])
    if t == "rating":
        return rng.choice([q.scale_min, q.scale_max, 3, " 2 ", "4", "x", 99, 2.5, PASS, None])
    return None


def batch(kit, n: int, seed: int = 20240601) -> tuple[list[dict], list[tuple[int, Any]]]:
    """(question documents, [(question index, answer)]): ``n`` answers, every question
    answered at least once, each answer a JSON round trip (as a page would store it)."""
    from mskit.elearning.course import scoring_question

    rng = random.Random(seed)
    qs = variants(kit_questions(kit))
    docs = [scoring_question(q) for q in qs]
    pairs = []
    for i in range(n):
        k = i if i < len(qs) else rng.randrange(len(qs))
        a = json.loads(json.dumps(answer_for(rng, qs[k])))
        pairs.append((k, a))
    return docs, pairs
