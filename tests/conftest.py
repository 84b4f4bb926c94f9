"""Shared test settings."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def kit_root() -> Path:
    """The project folder, holding the kit's shipped content."""
    return ROOT
