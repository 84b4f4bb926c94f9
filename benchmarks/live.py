"""Live-session figures (issue: run a live session). Runnable alone:

    .venv/bin/python benchmarks/live.py

1. Time to first usable control of the group page, as a ratio to a bare one-button
   notebook served by the same Voila settings in the same run (Debian's Chromium).
2. Memory (RSS) of a group page's kernel, and of the bare notebook's kernel.
3. With 30 simulated groups saving at once: p50/p95 time from a group's save to the
   board's live view showing it (the board's own refresh loop, 0.5 s polling).

Prints one JSON object on its last line.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

CHROMIUM = "/usr/bin/chromium"


def _serve(notebook: Path, data_dir: Path, run_dir: Path) -> tuple[subprocess.Popen, int]:
    """A Voila server with the participant server's settings (preheated pool included)."""
    from mskit.serve.config import write_config_dir
    from mskit.serve.launcher import GROUP_POOL, free_port

    port = free_port()
    cfg = write_config_dir(run_dir / notebook.stem, notebook, "127.0.0.1", port, GROUP_POOL)
    proc = subprocess.Popen(
        [sys.executable, "-m", "voila", str(notebook)],
        env={**os.environ, "JUPYTER_CONFIG_DIR": str(cfg), "MSKIT_DATA": str(data_dir)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import urllib.error
    import urllib.request

    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/voila/static/", timeout=1)
            break
        except urllib.error.HTTPError:
            break
        except OSError:
            time.sleep(0.1)
    return proc, port


def _kernel_rss_mib(server_pid: int) -> list[float]:
    """RSS of the server's child kernels (ipykernel processes), in MiB."""
    out = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
            cmd = (status.parent / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        ppid = int(next(line.split()[1] for line in text.splitlines() if line.startswith("PPid:")))
        if ppid == server_pid and "ipykernel" in cmd:
            rss = next(line.split()[1] for line in text.splitlines() if line.startswith("VmRSS:"))
            out.append(int(rss) / 1024)
    return out


def page_figures(rounds: int = 3) -> dict:
    from playwright.sync_api import sync_playwright

    from mskit.render.pdf import CHROMIUM_ARGS
    from mskit.store import open_store

    work = Path(tempfile.mkdtemp(prefix="mskit-bench-"))
    data = work / "data"
    store = open_store(data)
    session = store.create_session("Benchmark")
    group = store.add_group(session.id, "Table 1")
    store.open_activity(session.id, "nail-bar")
    store.release_stage(session.id, "nail-bar", 1)
    bare = work / "bare" / "bare.ipynb"
    bare.parent.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "import ipywidgets as w\nb = w.Button(description='Go')\nb.add_class('bare-ready')\nb"
        )
    ]
    nbformat.write(nb, bare)
    group_nb = ROOT / "src/mskit/kit/notebooks/live/group/group.ipynb"
    bare_proc, bare_port = _serve(bare, data, work / "run")
    group_proc, group_port = _serve(group_nb, data, work / "run")
    time.sleep(15)  # let both pools fill, as they do before a room joins
    times: dict[str, list[float]] = {"bare": [], "group": []}
    rss: dict[str, list[float]] = {"bare": [], "group": []}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
            for _ in range(rounds):
                for name, url, selector, proc in (
                    ("bare", f"http://127.0.0.1:{bare_port}/", ".bare-ready", bare_proc),
                    (
                        "group",
                        f"http://127.0.0.1:{group_port}/?code={group.join_code}",
                        ".mskit-q-s1-signs input",
                        group_proc,
                    ),
                ):
                    page = browser.new_page()
                    start = time.perf_counter()
                    page.goto(url)
                    page.wait_for_selector(selector, state="visible", timeout=120_000)
                    times[name].append(time.perf_counter() - start)
                    time.sleep(1.0)
                    rss[name].extend(_kernel_rss_mib(proc.pid))
                    page.close(run_before_unload=True)
            browser.close()
    finally:
        for proc in (bare_proc, group_proc):
            proc.terminate()
            proc.wait(10)
    bare_t, group_t = statistics.median(times["bare"]), statistics.median(times["group"])
    return {
        "first_control_s_bare": round(bare_t, 3),
        "first_control_s_group": round(group_t, 3),
        "first_control_ratio_group_to_bare": round(group_t / bare_t, 2),
        "kernel_rss_mib_bare": round(statistics.median(rss["bare"]), 1) if rss["bare"] else None,
        "kernel_rss_mib_group": round(statistics.median(rss["group"]), 1) if rss["group"] else None,
    }


def _writer(
    data_dir: str, session_id: str, group_id: str, saves: int, seed: int, q, ready, go
) -> None:
    from mskit.store import open_store

    store = open_store(data_dir)
    ready.release()
    go.wait()  # every writer has started: measure the room, not 30 interpreters booting
    rnd = random.Random(seed)
    options = ["controlling-companion", "untreated-injuries", "isolated", "same-clothes"]
    for n in range(saves):
        time.sleep(rnd.uniform(0.2, 1.5))
        value = [*rnd.sample(options, rnd.randint(1, 3)), f"x{n}"]
        result = store.save_answer(session_id, group_id, "nail-bar", "s1-signs", value)
        q.put((group_id, result.revision, time.time()))
    store.close()


def board_latency(groups: int = 30, saves: int = 5) -> dict:
    from mskit.content import load_kit
    from mskit.store import open_store
    from mskit.ui.board import POLL_SECONDS, Board

    data = Path(tempfile.mkdtemp(prefix="mskit-bench-board-"))
    store = open_store(data)
    kit = load_kit()
    session = store.create_session("Latency")
    ids = [store.add_group(session.id, f"Table {i + 1}").id for i in range(groups)]
    store.open_activity(session.id, "nail-bar")
    store.release_stage(session.id, "nail-bar", 1)
    board = Board(store, kit, session_id=session.id)
    ctx = mp.get_context("spawn")
    queue, ready, go = ctx.Queue(), ctx.Semaphore(0), ctx.Event()
    procs = [
        ctx.Process(target=_writer, args=(str(data), session.id, gid, saves, i, queue, ready, go))
        for i, gid in enumerate(ids)
    ]
    for p in procs:
        p.start()
    for _ in procs:
        ready.acquire()
    go.set()
    seen: dict[tuple[str, int], float] = {}
    saved: dict[tuple[str, int], float] = {}
    deadline = time.time() + 120
    loop_times = []
    while time.time() < deadline and (any(p.is_alive() for p in procs) or len(seen) < len(saved)):
        t0 = time.time()
        board.render_live()
        loop_times.append(time.time() - t0)
        now = time.time()
        snap = board.snap
        revisions = {
            a.group_id: a.revision for a in store.latest_answers(session.id, activity_id="nail-bar")
        }
        if snap is not None:
            for rec in snap.records:
                gid = rec["group_id"]
                rev = revisions.get(gid, 0)
                for r in range(1, rev + 1):
                    seen.setdefault((gid, r), now)
        while not queue.empty():
            gid, rev, at = queue.get()
            saved[(gid, rev)] = at
        time.sleep(POLL_SECONDS)
    for p in procs:
        p.join()
    while not queue.empty():
        gid, rev, at = queue.get()
        saved[(gid, rev)] = at
    # a revision superseded before the board looked was never shown on its own: skip it
    lat = sorted(seen[k] - saved[k] for k in saved if k in seen and seen[k] >= saved[k])
    return {
        "groups": groups,
        "saves": len(saved),
        "save_to_board_p50_s": round(statistics.median(lat), 3) if lat else None,
        "save_to_board_p95_s": round(lat[int(0.95 * (len(lat) - 1))], 3) if lat else None,
        "board_poll_s": POLL_SECONDS,
        "board_refresh_p95_s": round(sorted(loop_times)[int(0.95 * (len(loop_times) - 1))], 3),
    }


def main() -> None:
    figures: dict = {}
    if Path(CHROMIUM).exists():
        figures.update(page_figures())
    else:
        figures["page_figures"] = "skipped: /usr/bin/chromium not installed"
    figures.update(board_latency())
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
