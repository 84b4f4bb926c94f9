"""Where exported files go: the error every writer raises, safe file names, and a folder
checked to be writable before anything slow starts."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

__all__ = ["ExportError", "slug", "writable_dir"]


class ExportError(Exception):
    """An export could not be written (bad folder, no browser for PDFs, unknown format...)."""


def slug(text: str) -> str:
    """A safe file-name part from any label."""
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s[:40] or "group"


def writable_dir(folder: Path) -> Path:
    """Create ``folder`` if needed and check a file can be written there."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".mskit-write-test-"):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ExportError(f"Cannot write to the folder {str(folder)!r}: {reason}.") from None
    return folder
