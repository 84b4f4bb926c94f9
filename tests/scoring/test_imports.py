"""Importing the scoring functions stays light (no pandas)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_scoring_import_does_not_load_pandas() -> None:
    """import mskit.scoring and scoring a question never import pandas."""
    code = (
        "import sys\n"
        "from mskit.scoring import score, model_answer, describe_model_answer\n"
        "from tests.scoring.builders import plan\n"
        "q = plan(); score(q, model_answer(q)); describe_model_answer(q)\n"
        "assert 'pandas' not in sys.modules, 'pandas was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])
