"""Results-store save latency under many concurrent writers.

Run alone: ``.venv/bin/python benchmarks/store.py [--writers 30 --saves 100]``.

Measures, in the same run and on the same kind of database:

* baseline: one writer process saving answers one after another;
* load: N writer processes (default 30, one per group page kernel) saving at once.

Reports save latency p50/p99 for both, the load figures as ratios of the baseline,
failures (any exception from ``save_answer``) and throughput. The last line printed
is one JSON object with every figure. Scoring throughput ("answers scored per
second") is measured by the scoring benchmark, not here.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from mskit.store import open_store
from mskit.store import sqlite as store_sqlite

QUESTIONS = 10


def _percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


def _writer(where, session_id, group_id, saves, synchronous, barrier, results) -> None:
    store_sqlite.SYNCHRONOUS = synchronous
    store = open_store(**where)
    latencies: list[float] = []
    failures = 0
    barrier.wait()
    for n in range(saves):
        start = time.perf_counter()
        try:
            store.save_answer(session_id, group_id, "bench", f"q{n % QUESTIONS}", {"n": n})
        except Exception:
            failures += 1
            continue
        latencies.append(time.perf_counter() - start)
    store.close()
    results.put((latencies, failures))


def _run(where, writers: int, saves: int, synchronous: str) -> dict[str, float]:
    ctx = multiprocessing.get_context("fork")
    store = open_store(**where)
    session = store.create_session(f"bench {writers}x{saves}")
    groups = [store.add_group(session.id, f"Table {i}").id for i in range(writers)]
    store.close()
    barrier, results = ctx.Barrier(writers), ctx.Queue()
    procs = [
        ctx.Process(
            target=_writer,
            args=(where, session.id, groups[i], saves, synchronous, barrier, results),
        )
        for i in range(writers)
    ]
    started = time.perf_counter()
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=600) for _ in procs]
    elapsed = time.perf_counter() - started
    for p in procs:
        p.join()
    latencies = [x for lat, _ in outcomes for x in lat]
    failures = sum(f for _, f in outcomes) + sum(1 for p in procs if p.exitcode != 0)
    return {
        "p50_ms": statistics.median(latencies) * 1000 if latencies else float("nan"),
        "p99_ms": _percentile(latencies, 99) * 1000 if latencies else float("nan"),
        "saves": len(latencies),
        "failures": failures,
        "saves_per_s": len(latencies) / elapsed,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=30)
    parser.add_argument("--saves", type=int, default=100, help="saves per writer")
    parser.add_argument("--baseline-saves", type=int, default=300)
    parser.add_argument("--url", help="database URL (default: SQLite in a temporary folder)")
    parser.add_argument(
        "--synchronous",
        default=store_sqlite.SYNCHRONOUS,
        choices=["FULL", "NORMAL"],
        help="SQLite synchronous setting to measure (the store uses %(default)s)",
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="mskit-bench-") as tmp:
        where = {"url": args.url, "data_dir": None if args.url else Path(tmp)}
        baseline = _run(where, 1, args.baseline_saves, args.synchronous)
        load = _run(where, args.writers, args.saves, args.synchronous)
        store = open_store(**where)
        backend = store.dialect
        store.close()

    figures = {
        "benchmark": "store.save_answer",
        "backend": backend,
        "sqlite_synchronous": args.synchronous if backend == "sqlite" else None,
        "sqlite_version": sqlite3.sqlite_version,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "writers": args.writers,
        "saves_per_writer": args.saves,
        "baseline_p50_ms": round(baseline["p50_ms"], 3),
        "baseline_p99_ms": round(baseline["p99_ms"], 3),
        "load_p50_ms": round(load["p50_ms"], 3),
        "load_p99_ms": round(load["p99_ms"], 3),
        "p50_ratio": round(load["p50_ms"] / baseline["p50_ms"], 2),
        "p99_ratio": round(load["p99_ms"] / baseline["p99_ms"], 2),
        "baseline_saves_per_s": round(baseline["saves_per_s"], 1),
        "load_saves_per_s": round(load["saves_per_s"], 1),
        "throughput_ratio": round(load["saves_per_s"] / baseline["saves_per_s"], 2),
        "saves_ok": load["saves"],
        "failures": load["failures"] + baseline["failures"],
    }
    print(
        f"baseline (1 writer):  p50 {figures['baseline_p50_ms']} ms, "
        f"p99 {figures['baseline_p99_ms']} ms, {figures['baseline_saves_per_s']} saves/s"
    )
    print(
        f"load ({args.writers} writers): p50 {figures['load_p50_ms']} ms "
        f"(x{figures['p50_ratio']}), p99 {figures['load_p99_ms']} ms "
        f"(x{figures['p99_ratio']}), {figures['load_saves_per_s']} saves/s, "
        f"failures {figures['failures']}"
    )
    # answers scored per second for a 30-group session (the full figures: scoring.py)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from scoring import measure

    scored = measure(groups=30, repeat=3)
    figures["scoring_answers"] = scored["answers"]
    figures["answers_scored_per_s"] = scored["answers_scored_per_s"]
    figures["scoring_vs_json_decode_ratio"] = scored["scoring_vs_baseline_ratio"]
    print(f"scoring: {figures['answers_scored_per_s']} answers/s for a 30-group session")
    print(json.dumps(figures))
    return 1 if figures["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
