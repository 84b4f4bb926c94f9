"""Notebooks are stored without outputs; the check finds any that are not."""

from __future__ import annotations

import json
import subprocess

from mskit.tools.clean_notebooks import main, notebook_problems, strip


def _notebook(path, outputs):
    cell = {
        "cell_type": "code",
        "source": "1 + 1",
        "metadata": {},
        "outputs": outputs,
        "execution_count": 1 if outputs else None,
    }
    nb = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(nb))
    return path


def test_check_flags_a_notebook_with_outputs(tmp_path):
    """A notebook with outputs and counts is reported and the check exits 1."""
    nb = _notebook(
        tmp_path / "dirty.ipynb", [{"output_type": "stream", "name": "stdout", "text": "2"}]
    )
    assert notebook_problems(nb)
    assert main(["--check", str(nb)]) == 1


def test_strip_cleans_it(tmp_path):
    """Stripping removes outputs and counts, after which the check passes."""
    nb = _notebook(
        tmp_path / "dirty.ipynb", [{"output_type": "stream", "name": "stdout", "text": "2"}]
    )
    assert strip(nb)
    assert notebook_problems(nb) == []


def test_committed_notebooks_have_no_outputs(kit_root):
    """Every notebook tracked by git is stored without outputs."""
    tracked = subprocess.run(
        ["git", "ls-files", "*.ipynb"], cwd=kit_root, capture_output=True, text=True
    ).stdout.split()
    problems = [p for nb in tracked for p in notebook_problems(kit_root / nb)]
    assert problems == []
