"""Shared test settings."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KIT_ROOT = ROOT / "src" / "mskit" / "kit"
"""The default kit, shipped inside the package."""


@pytest.fixture(scope="session")
def kit_root() -> Path:
    """The default kit's folder (catalogue, scenarios, exercises, programmes, notebooks)."""
    return KIT_ROOT


@pytest.fixture(scope="session")
def kit(kit_root):
    """The kit's shipped content, loaded once."""
    from mskit.content import load_kit

    return load_kit(kit_root)


@pytest.fixture
def store(tmp_path):
    """A fresh SQLite results store in a temporary data folder."""
    from mskit.store import open_store

    s = open_store(tmp_path / "data")
    yield s
    s.close()
