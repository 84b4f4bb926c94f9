"""PDF writing lives in :mod:`mskit.render.pdf`; these names stay importable from here."""

from __future__ import annotations

from ..render.pdf import CHROMIUM_ENV, find_chromium, html_to_pdf

__all__ = ["CHROMIUM_ENV", "find_chromium", "html_to_pdf"]
