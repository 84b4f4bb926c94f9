"""Presenting: the Voila configuration, the facilitator hook and the commands."""

from __future__ import annotations

import re

import nbformat
import pytest
from traitlets.config import Config

from mskit.cli import build_parser
from mskit.commands import rehearse
from mskit.workbook import facilitator, present


def test_hook_drops_only_facilitator_cells():
    """The prelaunch hook removes exactly the cells tagged facilitator, before execution."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("keep"),
        nbformat.v4.new_markdown_cell("drop", metadata={"tags": ["facilitator"]}),
        nbformat.v4.new_code_cell("x", metadata={"tags": ["other", "facilitator"]}),
        nbformat.v4.new_code_cell("keep too", metadata={"tags": ["other"]}),
    ]
    out = facilitator.prelaunch_hook(None, notebook=nb, cwd=".")
    assert [c.source for c in out.cells] == ["keep", "keep too"]


def test_voila_config_uses_hook_template_and_localhost():
    """The configuration mskit present and the tests use: hook, no preheating, our offline
    template, 127.0.0.1, no xsrf leak, idle culling."""
    c = Config()
    present.configure(c)
    assert c.VoilaConfiguration.prelaunch_hook is facilitator.prelaunch_hook
    assert c.VoilaConfiguration.preheat_kernel is False
    assert c.VoilaConfiguration.template == present.TEMPLATE
    assert c.Voila.ip == "127.0.0.1"
    assert c.Voila.tornado_settings["disable_check_xsrf"] is True
    assert c.MappingKernelManager.cull_idle_timeout > 0
    prefix = c.VoilaConfiguration.resources["reveal"]["url_prefix"]
    assert prefix.startswith("/voila/templates/mskit-reveal/static/")


def test_template_loads_nothing_from_the_network():
    """The slide template and its reveal.js styles refer to no http(s) URL (offline rooms)."""
    folder = present.JUPYTER_DATA / "voila" / "templates" / present.TEMPLATE
    assert (folder / "static" / "reveal" / "dist" / "reveal.css").is_file()
    for path in [folder / "index.html.j2", *folder.rglob("*.css")]:
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)  # licence comments name websites
        assert not re.search(r"(src|href|url)\s*[=(]\s*[\"']?https?:", text), path


def test_voila_command_serves_on_localhost_with_the_config(tmp_path):
    """The command runs Voila with the kit's config folder, template path and 127.0.0.1."""
    cmd = present.voila_command(tmp_path / "a.ipynb", 9123, environ={"JUPYTER_PATH": "/x"})
    assert "-m" in cmd.argv and "voila" in cmd.argv
    assert f"--Voila.config_file_paths=['{present.CONFIG_DIR}']" in cmd.argv
    assert "--Voila.ip=127.0.0.1" in cmd.argv and "--port=9123" in cmd.argv
    assert "--Voila.open_browser=False" in cmd.argv
    assert cmd.env["JUPYTER_PATH"].split(":")[0] == str(present.JUPYTER_DATA)
    assert cmd.env["JUPYTER_PATH"].endswith("/x")
    assert cmd.url == "http://127.0.0.1:9123/"
    assert (present.CONFIG_DIR / "voila.py").is_file()


def test_cli_has_present_and_rehearse():
    """mskit present NOTEBOOK [--port] [--no-browser] and mskit rehearse [--no-browser] parse."""
    parser = build_parser()
    args = parser.parse_args(["present", "n.ipynb", "--port", "9000", "--no-browser"])
    assert args.port == 9000 and args.no_browser and str(args.notebook) == "n.ipynb"
    args = parser.parse_args(["rehearse", "--no-browser"])
    assert args.no_browser


def test_present_refuses_a_missing_notebook(capsys):
    """A path that is not a notebook is a usage error (exit 2) with one clear line."""
    parser = build_parser()
    args = parser.parse_args(["present", "nope.ipynb"])
    assert args.func(args) == 2
    assert "not a notebook" in capsys.readouterr().err


def test_rehearse_opens_jupyterlab_on_notebooks_on_localhost():
    """JupyterLab is started on the kit's notebooks folder, on 127.0.0.1."""
    cmd = rehearse.command(8888, open_browser=False)
    assert "jupyterlab" in cmd
    assert "--ServerApp.ip=127.0.0.1" in cmd
    assert any(a.startswith("--ServerApp.root_dir=") and a.endswith("notebooks") for a in cmd)
    assert "--ServerApp.open_browser=False" in cmd


def _presented(monkeypatch, argv):
    """Run `mskit present ...` with the server replaced; the command it would run."""
    from mskit.cli import main

    seen = {}
    monkeypatch.setattr(present, "run_server", lambda argv, env=None: seen.update(argv=argv) or 0)
    code = main(["present", *argv, "--no-browser"])
    return code, seen.get("argv")


def test_present_picks_a_free_port_away_from_the_board(monkeypatch, capsys):
    """With the first port taken (a session running), present uses the next free one and
    says which; a kit notebook can be named by its place under notebooks/."""
    import socket

    from mskit.commands.present import PRESENT_PORT

    with socket.socket() as busy:
        try:
            busy.bind(("127.0.0.1", PRESENT_PORT))
        except OSError:
            pytest.skip(f"port {PRESENT_PORT} is in use here already")
        busy.listen()
        code, argv = _presented(monkeypatch, ["workbook/01-welcome.ipynb"])
    assert code == 0
    port = int(next(a for a in argv if a.startswith("--port=")).split("=")[1])
    assert port != PRESENT_PORT and port != 8866
    assert argv[3].endswith("notebooks/workbook/01-welcome.ipynb")
    assert f"127.0.0.1:{port}/" in capsys.readouterr().err


def test_present_on_a_port_in_use_says_so(monkeypatch, capsys):
    """An explicit --port that is taken: exit 1 with one line, no server started."""
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        code, argv = _presented(monkeypatch, ["workbook/01-welcome.ipynb", "--port", str(taken)])
    assert code == 1 and argv is None
    assert f"port {taken} is in use" in capsys.readouterr().err
