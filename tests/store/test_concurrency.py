"""Many kernel processes writing one store at once, and writers killed mid-save."""

from __future__ import annotations

import multiprocessing
import os
import queue
import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from mskit.store import StaleWrite, open_store

pytestmark = pytest.mark.slow

CTX = multiprocessing.get_context("fork")
WRITERS, SAVES, QUESTIONS = 30, 100, 10


def _writer(where, session_id, group_id, worker, barrier, results) -> None:
    store = open_store(**where)
    errors: list[str] = []
    acked: list[tuple[str, int, int]] = []
    barrier.wait()
    for n in range(SAVES):
        question = f"q{n % QUESTIONS}"
        try:
            result = store.save_answer(session_id, group_id, "act", question, {"w": worker, "n": n})
            acked.append((question, result.revision, n))
        except Exception as exc:  # counted, not raised: the test reports them all
            errors.append(repr(exc))
    store.close()
    results.put((worker, errors, acked))


def _reader(where, session_id, barrier, stop, results) -> None:
    store = open_store(**where)
    errors: list[str] = []
    reads = went_back = last = 0
    barrier.wait()
    while not stop.is_set():
        try:
            total = sum(a.revision for a in store.latest_answers(session_id))
            went_back += total < last
            last = total
            reads += 1
        except Exception as exc:
            errors.append(repr(exc))
    store.close()
    results.put(("reader", errors, reads, went_back))


def _where(open_same) -> dict:
    return {"url": open_same.url, "data_dir": open_same.data_dir}


def _collect(results, count: int, timeout: float) -> list:
    got, deadline = [], time.monotonic() + timeout
    while len(got) < count:
        try:
            got.append(results.get(timeout=max(0.1, deadline - time.monotonic())))
        except queue.Empty:
            break
    return got


def test_thirty_writers_and_a_reader(open_same) -> None:
    """30 processes x 100 saves while another reads: no errors, every save kept, reads flow."""
    store = open_same()
    session = store.create_session("Load")
    groups = [store.add_group(session.id, f"Table {i}").id for i in range(WRITERS)]
    store.close()  # no open connections across fork
    where = _where(open_same)
    barrier, stop, results = CTX.Barrier(WRITERS + 1), CTX.Event(), CTX.Queue()
    reader = CTX.Process(target=_reader, args=(where, session.id, barrier, stop, results))
    writers = [
        CTX.Process(target=_writer, args=(where, session.id, groups[i], i, barrier, results))
        for i in range(WRITERS)
    ]
    reader.start()
    for p in writers:
        p.start()
    outcome = _collect(results, WRITERS, timeout=120)
    stop.set()
    outcome += _collect(results, 1, timeout=30)
    for p in [*writers, reader]:
        p.join(10)
    assert [p.exitcode for p in [*writers, reader]] == [0] * (WRITERS + 1)

    by_worker = {o[0]: o for o in outcome}
    errors = [e for o in outcome for e in o[1]]
    assert errors == []
    _, _, reads, went_back = by_worker["reader"]
    assert reads > 0 and went_back == 0

    store = open_same()
    history = store.answer_history(session.id, activity_id="act")
    assert len(history) == WRITERS * SAVES
    kept = {(a.group_id, a.question_id, a.revision): a.value for a in history}
    for worker in range(WRITERS):
        acked = by_worker[worker][2]
        assert len(acked) == SAVES
        for question, revision, n in acked:
            assert kept[(groups[worker], question, revision)] == {"w": worker, "n": n}
    latest = store.latest_answers(session.id)
    assert len(latest) == WRITERS * QUESTIONS
    assert {a.revision for a in latest} == {SAVES // QUESTIONS}


def _incrementer(where, session_id, group_id, worker, times, barrier, results) -> None:
    store = open_store(**where)
    stale = 0
    barrier.wait()
    for k in range(times):
        while True:
            current = store.latest_answers(session_id, group_id, "count")
            revision = current[0].revision if current else 0
            count = current[0].value["count"] if current else 0
            # Who and which step are part of the value: two writers never send the same
            # value, so a lost race shows up as StaleWrite rather than an idempotent no-op.
            value = {"count": count + 1, "by": worker, "step": k}
            try:
                result = store.save_answer(session_id, group_id, "count", "n", value, revision)
                assert result.changed
                break
            except StaleWrite:
                stale += 1
    store.close()
    results.put(stale)


def test_compare_and_swap_counter(open_same) -> None:
    """8 processes updating one answer read-modify-write with expected_revision lose nothing."""
    procs_n, times = 8, 25
    store = open_same()
    session = store.create_session("Counter")
    group = store.add_group(session.id, "Shared screen")
    store.close()
    barrier, results = CTX.Barrier(procs_n), CTX.Queue()
    args = (_where(open_same), session.id, group.id)
    procs = [
        CTX.Process(target=_incrementer, args=(*args, w, times, barrier, results))
        for w in range(procs_n)
    ]
    for p in procs:
        p.start()
    stale = _collect(results, procs_n, timeout=120)
    for p in procs:
        p.join(10)
    assert [p.exitcode for p in procs] == [0] * procs_n
    store = open_same()
    [latest] = store.latest_answers(session.id, group.id, "count")
    assert (latest.value["count"], latest.revision) == (procs_n * times, procs_n * times)
    revisions = [a.revision for a in store.answer_history(session.id, group.id, "count")]
    assert revisions == list(range(1, procs_n * times + 1))
    assert len(stale) == procs_n


def _acking_writer(data_dir, session_id, group_id, worker, fd) -> None:
    store = open_store(data_dir)
    n = 0
    while True:
        result = store.save_answer(session_id, group_id, "act", f"q{n % 5}", {"w": worker, "n": n})
        os.write(fd, f"{worker} {n} {result.revision}\n".encode())  # acknowledged after commit
        n += 1


@pytest.mark.parametrize("round_", range(3))
def test_sigkill_keeps_acknowledged_saves(tmp_path: Path, round_: int) -> None:
    """Writers killed with SIGKILL mid-save: every save acknowledged to them is there on reopen."""
    data_dir = tmp_path / "data"
    with open_store(data_dir) as store:
        session = store.create_session("Crash")
        group = store.add_group(session.id, "Table 1")
    read_fd, write_fd = os.pipe()
    procs = [
        CTX.Process(target=_acking_writer, args=(data_dir, session.id, group.id, w, write_fd))
        for w in range(4)
    ]
    for p in procs:
        p.start()
    os.close(write_fd)
    received = b""
    wanted = 150 + random.randrange(150)  # kill at a different moment each time
    while received.count(b"\n") < wanted:
        chunk = os.read(read_fd, 65536)
        assert chunk, "writers died before being killed"
        received += chunk
    for p in procs:
        os.kill(p.pid, signal.SIGKILL)
    for p in procs:
        p.join(10)
    while chunk := os.read(read_fd, 65536):
        received += chunk
    os.close(read_fd)
    assert all(p.exitcode == -signal.SIGKILL for p in procs)

    acked = [tuple(map(int, line.split())) for line in received.split(b"\n")[:-1]]
    with sqlite3.connect(data_dir / "mskit.sqlite3") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with open_store(data_dir) as store:
        history = store.answer_history(session.id, group.id)
        kept = {(a.question_id, a.revision): a.value for a in history}
        # later saves by survivors still work after the crash
        assert store.save_answer(session.id, group.id, "act", "after", 1).revision == 1
    assert len(acked) >= wanted
    for worker, n, revision in acked:
        assert kept[(f"q{n % 5}", revision)] == {"w": worker, "n": n}
