"""Errors an export can meet, each with a one-line message meant for the facilitator."""

from __future__ import annotations


class ExportError(Exception):
    """An export could not be written (bad folder, no browser for PDFs, unknown format...)."""
