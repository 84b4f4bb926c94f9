"""Time to build the full session report (HTML and PDF) of a 10-group, 4-activity session.

Run alone: ``.venv/bin/python benchmarks/export.py [--groups 10 --repeat 3]``.

Measures, in the same run:

* report: the session report rendered from its templates (no kernel: nothing needs
  executing), then printed to an A4 PDF with headless Chromium;
* baseline: nbconvert's usual route for a plain notebook of the same size (a code cell per
  report section, outputs as long as the report's HTML), executed with nbclient and
  exported with ``HTMLExporter``;
* for reference, the whole ``export_session`` (report, a debrief sheet per group in HTML and
  PDF, CSV and XLSX).

Medians over ``--repeat`` runs. The ratio is report / baseline. The last line printed is one
JSON object with every figure. PDF figures are null when Chromium is missing.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from mskit.content import load_kit
from mskit.export import export_session
from mskit.export.report import report_html
from mskit.render.pdf import find_chromium, html_to_pdf
from mskit.scoring import model_answer
from mskit.scoring.activity import questions_of
from mskit.store import open_store

ACTIVITIES = ("nail-bar", "county-lines", "spot-the-signs", "who-does-what")


def build_session(store, kit, groups: int) -> str:
    """A session of ``groups`` tables answering four activities: some right, some partly,
    some passing; free text marked for half the groups."""
    s = store.create_session("Benchmark session", "2025-03-01", venue="Civic Centre",
                             programme_id="awareness-session")  # fmt: skip
    gs = [
        store.add_group(s.id, f"Table {i}", ["police", "local-authority"])
        for i in range(1, groups + 1)
    ]
    for aid in ACTIVITIES:
        activity = kit.activity(aid)
        store.open_activity(s.id, aid)
        store.log(s.id, "activity_opened", {"activity_id": aid})
        store.release_stage(s.id, aid, len(getattr(activity, "stages", [1])))
        for i, g in enumerate(gs):
            for n, (_stage, q) in enumerate(questions_of(activity)):
                value = model_answer(q)
                if (i + n) % 3 == 1 and isinstance(value, list) and len(value) > 1:
                    value = value[: len(value) // 2]
                elif (i + n) % 5 == 4:
                    value = "__pass__" if q.type != "free_text" else "We would tell our lead."
                if value is None:
                    continue
                store.save_answer(s.id, g.id, aid, q.id, value)
                if q.type == "free_text" and i % 2 == 0:
                    store.set_mark(s.id, g.id, aid, q.id, 1, "Good start")
        store.reveal_activity(s.id, aid)
    return s.id


def plain_notebook(cells: int, chars: int):
    """A notebook of ``cells`` code cells whose printed outputs total ``chars`` characters."""
    per = max(1, chars // cells)
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(f"print(('row {i} ' * {per // 6 + 1})[:{per}])")
        for i in range(cells)
    ]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--groups", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    kit = load_kit()
    chromium = find_chromium()
    with tempfile.TemporaryDirectory(prefix="mskit-bench-export-") as tmp:
        tmp = Path(tmp)
        store = open_store(tmp / "data")
        sid = build_session(store, kit, args.groups)
        snapshot = store.export_session(sid)

        report_s, html_s, pdf_s, base_s, full_s = [], [], [], [], []
        cells = chars = 0
        for r in range(args.repeat):
            t0 = time.perf_counter()
            html = report_html(snapshot, kit)
            t1 = time.perf_counter()
            if chromium:
                html_to_pdf([(html, tmp / f"report-{r}.pdf")], chromium)
            t2 = time.perf_counter()
            html_s.append(t1 - t0)
            pdf_s.append(t2 - t1 if chromium else float("nan"))
            report_s.append(t2 - t0)
            # sections: the summary, a page per activity, the appendix
            cells, chars = len(ACTIVITIES) + 2, len(html)

            plain = plain_notebook(cells, chars)
            t0 = time.perf_counter()
            NotebookClient(plain, timeout=120, kernel_name="python3").execute(
                stderr=subprocess.DEVNULL
            )
            HTMLExporter().from_notebook_node(plain)
            base_s.append(time.perf_counter() - t0)

            formats = ["html", "csv", "xlsx"] + (["pdf"] if chromium else [])
            t0 = time.perf_counter()
            export_session(store, kit, sid, tmp / f"out-{r}", formats)
            full_s.append(time.perf_counter() - t0)
        store.close()

    med = statistics.median
    figures = {
        "benchmark": "export",
        "groups": args.groups,
        "activities": len(ACTIVITIES),
        "answers": len(snapshot["answers"]),
        "repeat": args.repeat,
        "report_cells": cells,
        "report_output_chars": chars,
        "report_s": round(med(report_s), 3),
        "report_html_s": round(med(html_s), 3),
        "report_pdf_s": round(med(pdf_s), 3) if chromium else None,
        "baseline_plain_notebook_html_s": round(med(base_s), 3),
        "ratio": round(med(report_s) / med(base_s), 2),
        "full_export_s": round(med(full_s), 3),
        "full_export_files": 2 * (1 + args.groups + len(ACTIVITIES)) + 5 if chromium else None,
        "chromium": chromium,
        "python": platform.python_version(),
    }
    print(
        f"report (HTML+PDF) {figures['report_s']} s = html {figures['report_html_s']} s + "
        f"pdf {figures['report_pdf_s']} s; plain notebook via nbconvert "
        f"{figures['baseline_plain_notebook_html_s']} s; ratio x{figures['ratio']}; "
        f"whole export {figures['full_export_s']} s"
    )
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
