"""Installed like any Python tool: the sdist is built, the wheel is built from it and
installed into a fresh virtual environment outside the checkout, and from an empty folder
`mskit validate`, `demo`, `export`, `init` and `serve --lan` work with the kit inside the
package.

The fresh environment takes mskit from the wheel only (``--no-deps --no-index``); its
dependencies come from the environment running the tests, through a ``.pth`` file, so the
test needs no network beyond what building the wheel needs.
"""

from __future__ import annotations

import importlib.util
import os
import re
import signal
import subprocess
import sys
import sysconfig
import tarfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from mskit.serve.launcher import free_port

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="POSIX paths")]

ROOT = Path(__file__).resolve().parents[1]


def _run(argv: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(argv, capture_output=True, text=True, timeout=600, **kwargs)


def _build(out: Path) -> tuple[Path, Path]:
    """The sdist from the checkout, then the wheel from the unpacked sdist (as `build` does)."""
    if importlib.util.find_spec("setuptools") is None:
        pytest.skip("setuptools is not installed here, so the sdist cannot be built")
    done = _run(
        [
            sys.executable,
            "-c",
            f"from setuptools import build_meta as b; print(b.build_sdist({str(out)!r}))",
        ],
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    sdist = out / done.stdout.strip().splitlines()[-1]
    with tarfile.open(sdist) as tar:
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        tar.extractall(out / "unpacked", **safe)
    (source,) = (out / "unpacked").iterdir()
    import setuptools

    offline = importlib.util.find_spec("wheel") is not None or tuple(
        int(x) for x in re.findall(r"\d+", setuptools.__version__)[:2]
    ) >= (70, 1)
    isolation = ["--no-build-isolation"] if offline else []
    done = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            *isolation,
            "-w",
            str(out),
            str(source),
        ]
    )
    assert done.returncode == 0, done.stderr[-3000:]
    (wheel,) = out.glob("mskit-*.whl")
    return sdist, wheel


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh virtual environment with the wheel installed, an empty folder and the
    environment to run commands in (no PYTHONPATH, no kit named)."""
    started = time.monotonic()
    base = tmp_path_factory.mktemp("wheel")
    sdist, wheel = _build(base)
    venv = base / "venv"
    done = _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    assert done.returncode == 0, done.stderr
    python = venv / "bin" / "python"
    site = Path(
        _run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]
        ).stdout.strip()
    )
    paths = dict.fromkeys(sysconfig.get_paths()[k] for k in ("purelib", "platlib"))
    (site / "_mskit_test_deps.pth").write_text("".join(f"{p}\n" for p in paths))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" and not k.startswith("MSKIT_")}
    done = _run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
         "--no-deps", "--no-index", "--ignore-installed", str(wheel)],
        env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    empty = base / "empty"
    empty.mkdir()
    env["MSKIT_DATA"] = str(base / "data")
    # Jupyter's data files (nbconvert and Voila templates) of the environment lending the
    # dependencies; a real install has its own.
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    print(f"built and installed in {time.monotonic() - started:.1f} s")
    return {"venv": venv, "empty": empty, "env": env, "sdist": sdist, "wheel": wheel}


def _mskit(installed, *args: str) -> subprocess.CompletedProcess:
    return _run([str(installed["venv"] / "bin" / "mskit"), *args], cwd=installed["empty"],
                env=installed["env"])  # fmt: skip


def test_sdist_and_wheel_carry_the_kit(installed):
    """Both archives hold the kit's content, notebooks and schemas."""
    import zipfile

    names = zipfile.ZipFile(installed["wheel"]).namelist()
    for path in ("catalogue/sources.yaml", "programmes/awareness-session.yaml",
                 "notebooks/live/group/group.ipynb", "schemas/scenario.schema.json"):  # fmt: skip
        assert f"mskit/kit/{path}" in names, path
    with tarfile.open(installed["sdist"]) as tar:
        assert any(n.endswith("src/mskit/kit/catalogue/sources.yaml") for n in tar.getnames())


def test_installed_mskit_is_the_wheel(installed):
    """The fresh environment imports mskit from the wheel, not from the checkout."""
    done = _run([str(installed["venv"] / "bin" / "python"), "-c", "import mskit; print(mskit.__file__)"],
                cwd=installed["empty"], env=installed["env"])  # fmt: skip
    assert done.stdout.strip().startswith(str(installed["venv"]))


def test_validate_demo_export_from_an_empty_folder(installed):
    """validate counts the packaged kit; demo makes a session; export writes its report."""
    done = _mskit(installed, "validate")
    assert done.returncode == 0, done.stderr
    assert re.search(r"\d+ files checked: \d+ scenarios, \d+ exercises, 2 programmes", done.stderr)
    done = _mskit(installed, "demo", "--groups", "2")
    assert done.returncode == 0, done.stderr
    session = done.stdout.split()[0]
    done = _mskit(installed, "export", session, "--format", "html,csv", "--out", "out")
    assert done.returncode == 0, done.stderr
    assert (installed["empty"] / "out" / "report.html").is_file()
    assert (installed["empty"] / "out" / "answers.csv").is_file()


def test_init_writes_a_kit_that_validates_and_is_used(installed):
    """mskit init DIR writes a kit that validates; --kit uses it; no kit is refused."""
    assert _mskit(installed, "init", "our-kit").returncode == 0
    done = _mskit(installed, "validate", "--kit", "our-kit")
    assert done.returncode == 0 and "content is valid" in done.stderr, done.stderr
    (installed["empty"] / "nothing").mkdir()
    done = _mskit(installed, "validate", "--kit", "nothing")
    assert done.returncode == 2 and "no kit here" in done.stderr


def test_serve_lan_group_page_answers(installed):
    """mskit serve --lan from an empty folder: the group page answers on its port, the
    kit in use is named, and Ctrl-C stops everything."""
    board, group = free_port(), free_port()
    proc = subprocess.Popen(
        [str(installed["venv"] / "bin" / "mskit"), "serve", "--lan", "--host", "127.0.0.1",
         "--no-browser", "--port", str(board), "--lan-port", str(group)],
        cwd=installed["empty"], env=installed["env"], stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    seen: list[str] = []
    try:
        # wait until serve says both servers are up (the group page may answer earlier)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            line = proc.stdout.readline()
            seen.append(line)
            if "Ctrl-C" in line:
                break
        status = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{group}/", timeout=30) as r:
                    status = r.status
                    break
            except urllib.error.HTTPError as exc:
                status = exc.code
                break
            except (urllib.error.URLError, OSError):
                time.sleep(0.5)
        assert status == 200, f"group page status {status}"
    finally:
        proc.send_signal(signal.SIGINT)
        rest, _ = proc.communicate(timeout=60)
        out = "".join(seen) + rest
    assert "Kit: the default kit" in out and str(installed["venv"]) in out, out
    assert proc.returncode == 0 and "Stopped." in out, out
