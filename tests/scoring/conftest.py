"""Scoring tests: scorer exceptions surface instead of being turned into 'unanswered'."""

from __future__ import annotations

import pytest

from mskit.scoring import scorers


@pytest.fixture(autouse=True)
def _raise_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scorers, "RAISE_ERRORS", True)
