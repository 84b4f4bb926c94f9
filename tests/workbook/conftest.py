"""Workbook tests: the kit's workbook notebooks, run with nbclient and rendered by Voila."""

from __future__ import annotations

import html
import json
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from mskit.workbook.facilitator import is_facilitator_cell
from mskit.workbook.present import render_url, voila_command

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = ROOT / "src" / "mskit" / "kit" / "notebooks"
NOTEBOOKS = sorted(
    p.relative_to(NOTEBOOK_DIR).as_posix()
    for folder in ("workbook", "trainer")
    for p in (NOTEBOOK_DIR / folder).glob("*.ipynb")
)
WORKERS = 2  # the CI machine has two cores


def read(name: str):
    return nbformat.read(NOTEBOOK_DIR / name, as_version=4)


def plain(text: str) -> str:
    """Text with styles, scripts, HTML tags and entities removed and whitespace squeezed."""
    text = re.sub(r"<(style|script)\b.*?</\1>", " ", text, flags=re.S | re.I)
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(html.unescape(text).split())


def snippets(text: str, length: int = 30) -> list[str]:
    """Distinctive phrases (clauses of at least ``length`` characters) of Markdown or HTML."""
    words = plain(re.sub(r"[*_`#|]", " ", text))
    runs = re.split(r"[.:;!?()\[\]]", words)
    return [r.strip() for r in runs if len(r.strip()) >= length]


def page_text(page: str) -> str:
    """What a participant can read on a Voila page: its HTML text plus every cell output."""
    parts = [page]
    for out in voila_outputs(page):
        data = out.get("data", {})
        parts += [data.get("text/html", ""), data.get("text/plain", ""), out.get("text", "")]
    return plain(" ".join(p if isinstance(p, str) else "".join(p) for p in parts))


def _execute(name: str) -> tuple[str, object, float]:
    nb = read(name)
    start = time.monotonic()
    client = NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str((NOTEBOOK_DIR / name).parent)}},
    )
    try:
        client.execute()
        return name, nb, time.monotonic() - start
    except Exception as exc:  # reported per notebook by the test
        return name, exc, time.monotonic() - start


@pytest.fixture(scope="session")
def executed() -> dict[str, object]:
    """Every workbook notebook run top to bottom with nbclient (two at a time)."""
    with ThreadPoolExecutor(WORKERS) as pool:
        return {name: nb for name, nb, _t in pool.map(_execute, NOTEBOOKS)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def voila_server(tmp_path_factory):
    """A Voila server on 127.0.0.1 with exactly the configuration ``mskit present`` uses,
    serving the notebooks folder."""
    cmd = voila_command(NOTEBOOK_DIR, free_port(), open_browser=False)
    log = (tmp_path_factory.mktemp("voila") / "voila.log").open("w")
    proc = subprocess.Popen(cmd.argv, env=cmd.env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(cmd.url, timeout=2).read()
            break
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"Voila did not start; see {log.name}")
            time.sleep(0.2)
    yield cmd.url
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def _fetch(args: tuple[str, str]) -> tuple[str, int, str]:
    base, name = args
    with urllib.request.urlopen(render_url(base, name), timeout=120) as r:
        return name, r.status, r.read().decode("utf-8")


@pytest.fixture(scope="session")
def rendered(voila_server) -> dict[str, tuple[int, str]]:
    """Each notebook's page as Voila renders it (two pages at a time)."""
    with ThreadPoolExecutor(WORKERS) as pool:
        return {
            n: (s, page) for n, s, page in pool.map(_fetch, [(voila_server, n) for n in NOTEBOOKS])
        }


def voila_outputs(page: str) -> list[dict]:
    """The cell outputs Voila embeds in the page."""
    found = re.findall(
        r'<script type="application/vnd.voila.cell-output\+json">\s*(.*?)\s*</script>',
        page,
        flags=re.S,
    )
    return [json.loads(f) for f in found]


def facilitator_cells(nb) -> list:
    return [c for c in nb.cells if is_facilitator_cell(c)]
