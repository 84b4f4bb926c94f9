"""What the report notebook (``notebooks/reports/session-report.ipynb`` in the kit) calls:
the same report ``mskit export`` writes (rendered from templates, no logic in the
notebook), shown in JupyterLab to read or print. Run on its own, it shows the most recent
session in the data folder, or one line saying how to use it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..content import load_kit
from ..render import render
from .data import SessionData
from .report import session_report_html

USAGE = (
    "There is no session to report on yet: run one (or try mskit demo), then "
    "mskit export SESSION writes its report. Run on its own, this notebook shows the most "
    "recent session in your data folder (MSKIT_DATA)."
)


class Html(str):
    """HTML that shows itself in a notebook (``display(Html(...))``)."""

    def _repr_html_(self) -> str:
        return str(self)


class Report:
    """The session report for one session snapshot."""

    def __init__(self, data: SessionData, kit: Any) -> None:
        self.data, self.kit = data, kit

    @classmethod
    def open(cls, snapshot: str, kit_root: str = "") -> Report | NoSession:
        """The report of the snapshot file; with none, of the most recent session in the
        data folder, or a note saying how to use the notebook."""
        kit = load_kit(Path(kit_root)) if kit_root else load_kit()
        if snapshot:
            return cls(SessionData.from_file(snapshot, kit), kit)
        latest = _latest_snapshot()
        return cls(SessionData.from_snapshot(latest, kit), kit) if latest else NoSession()

    def show(self) -> Html:
        """The whole report: summary, a page per activity, the appendix."""
        return Html(session_report_html(self.data, self.kit))


class NoSession:
    """The report notebook run on its own with no session saved."""

    def show(self) -> Html:
        return Html(render("board/hint.html.j2", text=USAGE))


def _latest_snapshot() -> dict[str, Any] | None:
    """The most recent session in the data folder as a snapshot; None when there is none
    (a data folder that does not exist is not created)."""
    from ..store import open_store
    from ..store.location import missing_sqlite_file

    if missing_sqlite_file() is not None:
        return None
    with open_store() as store:
        sessions = store.list_sessions()
        return store.export_session(sessions[0].id) if sessions else None
