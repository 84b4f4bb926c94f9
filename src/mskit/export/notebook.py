"""What the report notebook (``notebooks/reports/session-report.ipynb``) calls: the same
report ``mskit export`` writes (rendered from templates, no logic in the notebook), shown
in JupyterLab to read or print."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..content import load_kit
from .data import SessionData
from .report import session_report_html


class Html(str):
    """HTML that shows itself in a notebook (``display(Html(...))``)."""

    def _repr_html_(self) -> str:
        return str(self)


class Report:
    """The session report for one session snapshot."""

    def __init__(self, data: SessionData, kit: Any) -> None:
        self.data, self.kit = data, kit

    @classmethod
    def open(cls, snapshot: str, kit_root: str = "") -> Report:
        kit = load_kit(Path(kit_root)) if kit_root else load_kit()
        return cls(SessionData.from_file(snapshot, kit), kit)

    def show(self) -> Html:
        """The whole report: summary, a page per activity, the appendix."""
        return Html(session_report_html(self.data, self.kit))
