"""Scoring throughput and results-table time for a full demo session.

Run alone: ``.venv/bin/python benchmarks/scoring.py [--groups 30 --repeat 5 --seed 0]``.

Builds a session with :func:`mskit.demo.create_demo_session` (30 groups by default) in a
temporary folder, reads every latest answer back from the store, then measures in the same
run:

* scoring: ``mskit.scoring.score`` on every latest answer (with the facilitator's marks on
  free-text answers), as answers scored per second;
* baseline: the same answers JSON-decoded from their stored text and walked once (the
  least any pass over the answers costs), as answers per second;
* the ratio of the two (how many times dearer scoring is than just reading the answers);
* the five results tables (``scores_by_group``, ``scores_by_question``,
  ``indicator_spotting_table``, ``answer_spread``, ``discussion_points``) for every
  activity of the session: each table's total, the sum, and the dearest single activity
  (what one refresh of the facilitator board costs at most).

Each figure is the best of ``--repeat`` runs (the least disturbed by other work on the
machine). The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from mskit.content import load_kit
from mskit.demo import create_demo_session
from mskit.scoring import ManualMark, score
from mskit.scoring.activity import questions_of
from mskit.store import open_store
from mskit.store import sqlite as store_sqlite

TABLES = (
    "scores_by_group",
    "scores_by_question",
    "indicator_spotting_table",
    "answer_spread",
    "discussion_points",
)


def _best(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _walk(value: Any) -> int:
    """Touch every part of a decoded JSON value (so the baseline does not skip work)."""
    if isinstance(value, dict):
        return sum(_walk(v) for v in value.values()) + len(value)
    if isinstance(value, list):
        return sum(_walk(v) for v in value) + len(value)
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure; the best counts")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.groups < 1 or args.repeat < 1:
        parser.error("--groups and --repeat must be 1 or more")
    figures = measure(args.groups, args.repeat, args.seed)
    n = figures["answers"]
    print(
        f"{n} answers from {args.groups} groups over {figures['activities']} activities "
        f"(session built in {figures['build_session_s']} s)"
    )
    print(
        f"scoring: {figures['answers_scored_per_s']} answers/s; baseline (json decode): "
        f"{figures['baseline_answers_per_s']} answers/s; scoring is "
        f"x{figures['scoring_vs_baseline_ratio']} the baseline time"
    )
    print(
        f"five results tables: {figures['tables_total_s']} s for all activities, "
        f"{figures['tables_worst_activity_s']} s for the dearest one"
    )
    print(json.dumps(figures))
    return 0


def measure(groups: int = 30, repeat: int = 5, seed: int = 0) -> dict[str, Any]:
    """Score every answer of a ``groups``-group demo session; the figures as a dict."""
    from types import SimpleNamespace

    args = SimpleNamespace(groups=groups, repeat=repeat, seed=seed)
    from mskit.scoring import results  # pandas: imported before any timing

    kit = load_kit()
    store_sqlite.SYNCHRONOUS = "NORMAL"  # building the session is not what is measured
    with tempfile.TemporaryDirectory(prefix="mskit-bench-") as tmp:
        store = open_store(tmp)
        started = time.perf_counter()
        sid = create_demo_session(store, kit, groups=args.groups, seed=args.seed)
        build_s = time.perf_counter() - started
        labels = {g.id: g.label for g in store.list_groups(sid)}
        answers = store.latest_answers(sid)
        marks = store.marks(sid)
        store.close()

    questions = {}
    for activity_id in {a.activity_id for a in answers}:
        for _stage, q in questions_of(kit.activity(activity_id)):
            questions[(activity_id, q.id)] = q
    manual = {
        (m.group_id, m.activity_id, m.question_id): ManualMark(m.points, m.comment) for m in marks
    }
    work = [
        (
            questions[(a.activity_id, a.question_id)],
            a.value,
            manual.get((a.group_id, a.activity_id, a.question_id)),
        )
        for a in answers
    ]
    encoded = [json.dumps(a.value) for a in answers]

    def scoring() -> None:
        for q, value, mark in work:
            score(q, value, kit, mark=mark)

    def baseline() -> None:
        for text in encoded:
            _walk(json.loads(text))

    scoring_s = _best(scoring, args.repeat)
    baseline_s = _best(baseline, args.repeat)

    by_activity: dict[str, list[dict[str, Any]]] = {}
    for a in answers:
        by_activity.setdefault(a.activity_id, []).append(
            {
                "group_id": a.group_id,
                "group_label": labels[a.group_id],
                "activity_id": a.activity_id,
                "question_id": a.question_id,
                "value": a.value,
            }
        )
    table_s = dict.fromkeys(TABLES, 0.0)
    worst_activity_s = 0.0
    for activity_id, recs in sorted(by_activity.items()):
        activity = kit.activity(activity_id)
        act_marks = [m for m in marks if m.activity_id == activity_id]
        args_of = {
            "scores_by_group": (activity, recs, act_marks, kit),
            "scores_by_question": (activity, recs, act_marks, kit),
            "indicator_spotting_table": (activity, recs, kit),
            "answer_spread": (activity, recs, kit),
            "discussion_points": (activity, recs, act_marks, kit),
        }
        this = 0.0
        for name, call_args in args_of.items():
            t = _best(partial(getattr(results, name), *call_args), args.repeat)
            table_s[name] += t
            this += t
        worst_activity_s = max(worst_activity_s, this)

    n = len(work)
    figures = {
        "benchmark": "scoring",
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "groups": args.groups,
        "seed": args.seed,
        "repeat": args.repeat,
        "activities": len(by_activity),
        "answers": n,
        "marked": sum(1 for _, _, m in work if m is not None),
        "build_session_s": round(build_s, 3),
        "scoring_s": round(scoring_s, 6),
        "answers_scored_per_s": round(n / scoring_s, 1),
        "baseline": "json.loads + walk of each stored answer",
        "baseline_s": round(baseline_s, 6),
        "baseline_answers_per_s": round(n / baseline_s, 1),
        "scoring_vs_baseline_ratio": round(scoring_s / baseline_s, 2),
        "tables_s": {k: round(v, 4) for k, v in table_s.items()},
        "tables_total_s": round(sum(table_s.values()), 4),
        "tables_worst_activity_s": round(worst_activity_s, 4),
    }
    return figures


if __name__ == "__main__":
    sys.exit(main())
