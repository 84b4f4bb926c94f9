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


def test_rehearsing_saves_the_rehearsal_notebook_unchanged(kit_root):
    """JupyterLab's save after running the rehearsal (outputs, counts, widget state, the
    kernel's language details) writes the notebook exactly as it is kept."""
    import copy

    from mskit.commands import rehearse
    from mskit.tools.clean_notebooks import pre_save_hook

    kept = json.loads((kit_root / "notebooks/rehearse/rehearse.ipynb").read_text())
    run = copy.deepcopy(kept)
    code = next(c for c in run["cells"] if c["cell_type"] == "code")
    code["outputs"] = [{"output_type": "display_data", "data": {"text/plain": "VBox()"}}]
    code["execution_count"] = 1
    run["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {}}
    run["metadata"]["language_info"] = {
        "name": "python",
        "version": "3.11.7",
        "pygments_lexer": "ipython3",
    }
    model = {"type": "notebook", "content": run}
    pre_save_hook(model, path="rehearse/rehearse.ipynb", contents_manager=None)
    assert model["content"] == kept
    hook = "--ContentsManager.pre_save_hook=mskit.tools.clean_notebooks.pre_save_hook"
    assert hook in rehearse.command(8888, open_browser=False)
