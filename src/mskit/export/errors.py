"""Errors an export can meet, each with a one-line message meant for the facilitator (the
class lives in :mod:`mskit.render.output`, so every layer that writes files raises it)."""

from __future__ import annotations

from ..render.output import ExportError

__all__ = ["ExportError"]
