"""Content tests start with no kit named in the environment (a developer's MSKIT_KIT must
not change what they check)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_kit_named(monkeypatch):
    """Each test starts with no kit named in the environment."""
    monkeypatch.delenv("MSKIT_KIT", raising=False)
    monkeypatch.delenv("MSKIT_CONTENT", raising=False)
