"""The facilitator's evaluation notebook runs, and the `mskit evaluation` commands work."""

from __future__ import annotations

import json

import nbformat
from nbclient import NotebookClient

from mskit.cli import main
from mskit.tools.clean_notebooks import notebook_problems

from .conftest import AS_OF


def test_evaluation_notebook_executes(kit_root, tmp_path, monkeypatch, demo_files):
    """The notebook runs top to bottom with nbclient on imported session files, without errors."""
    data = tmp_path / "data"
    assert main(["evaluation", "import", *map(str, demo_files), "--data-dir", str(data)]) == 0
    monkeypatch.setenv("MSKIT_DATA", str(data))
    path = kit_root / "notebooks" / "evaluation" / "evaluation.ipynb"
    assert notebook_problems(path) == []  # stored without outputs
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()  # fmt: skip
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    widgets = [
        o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})
    ]
    assert len(widgets) == 5
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(len(c.source.strip().splitlines()) <= 3 for c in code)  # thin cells


def test_cli_import_twice_then_report(tmp_path, demo_files, capsys):
    """`import` counts each session once; `report` writes HTML and XLSX; bad input exits 1 or 2."""
    data = str(tmp_path / "data")
    files = [str(p) for p in demo_files]
    assert main(["evaluation", "import", *files, files[0], "--data-dir", data]) == 0
    assert "3 session(s) imported; 1 repeated file(s) skipped" in capsys.readouterr().out
    assert main(["evaluation", "import", *files, "--data-dir", data]) == 0
    assert "3 already in the store" in capsys.readouterr().out
    out = tmp_path / "report"
    assert main(["evaluation", "report", "--data-dir", data, "--out", str(out),
                 "--formats", "html,xlsx", "--as-of", AS_OF.isoformat()]) == 0  # fmt: skip
    assert (out / "programme-report.html").is_file() and (out / "programme-report.xlsx").is_file()
    assert main(["evaluation", "report", "--data-dir", data, "--formats", "doc"]) == 1
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"hello": 1}))
    assert main(["evaluation", "import", str(bad), "--data-dir", data]) == 1
    assert "not an mskit session export" in capsys.readouterr().err


def test_cli_followup_session_and_paper(tmp_path, demo_files, capsys):
    """Follow-ups are recorded and listed; a session's evaluation page and a paper form are written."""
    data = str(tmp_path / "data")
    main(["evaluation", "import", str(demo_files[0]), "--data-dir", data])
    sid = json.loads(demo_files[0].read_text())["session"]["id"]
    capsys.readouterr()
    assert main(["evaluation", "followup", sid[:8], "elearning", "--date", "2025-05-01",
                 "--data-dir", data]) == 0  # fmt: skip
    assert main(["evaluation", "followup", "--data-dir", data]) == 0
    assert "2025-05-01" in capsys.readouterr().out
    assert main(["evaluation", "followup", sid[:8], "--data-dir", data]) == 2
    answers = tmp_path / "paper.yaml"
    answers.write_text("define-modern-slavery: umbrella\nconfidence-spot: 3\n")
    assert main(["evaluation", "paper", sid[:8], str(answers), "--form", "knowledge-check",
                 "--code", "PP99", "--phase", "pre", "--data-dir", data]) == 0  # fmt: skip
    page = tmp_path / "s.html"
    assert main(["evaluation", "session", sid[:8], "--out", str(page), "--data-dir", data]) == 0
    assert "Knowledge gain per question" in page.read_text()
