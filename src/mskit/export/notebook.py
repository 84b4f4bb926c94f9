"""What the report notebook (``notebooks/reports/session-report.ipynb``) calls.

The notebook is executed with two injected parameters: the path of a session snapshot
(``store.export_session`` as JSON) and the kit's content folder. Each cell shows one
section; the notebook holds no logic.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import sections
from .data import SessionData


class Report:
    """The report's sections for one session snapshot."""

    def __init__(self, data: SessionData, kit: Any) -> None:
        self.data, self.kit = data, kit

    @classmethod
    def open(cls, snapshot: str, kit_root: str = "") -> Report | NoSession:
        """The report of the snapshot file; with none (the notebook opened and run on its
        own), of the most recent session in the data folder, or a note saying how to use it."""
        from ..content import load_kit

        kit = load_kit(Path(kit_root)) if kit_root else load_kit()
        if snapshot:
            return cls(SessionData.from_file(snapshot, kit), kit)
        latest = _latest_snapshot()
        return cls(SessionData.from_snapshot(latest, kit), kit) if latest else NoSession()

    def title(self) -> sections.Html:
        return sections.title(self.data)

    def details(self) -> sections.Html:
        return sections.details(self.data)

    def programme(self) -> sections.Html:
        return sections.Html(sections.programme(self.data) + sections.groups(self.data))

    def overview(self) -> sections.Html:
        return sections.overview(self.data, self.kit)

    def activities(self) -> sections.Html:
        return sections.activities(self.data, self.kit)

    def evaluation(self) -> sections.Html:
        return sections.evaluation(self.data, self.kit)

    def marks(self) -> sections.Html:
        return sections.hand_marks(self.data, self.kit)

    def sources(self) -> sections.Html:
        return sections.sources(self.data, self.kit)


USAGE = (
    "There is no session to report on yet: run one (or try mskit demo), then "
    "mskit export SESSION writes its report. Run on its own, this notebook shows the most "
    "recent session in your data folder (MSKIT_DATA)."
)


class NoSession:
    """The report notebook run on its own with no session saved: one line saying how to use
    it, and nothing for the other sections."""

    def title(self) -> sections.Html:
        from ..render import render

        return sections.Html(render("board/hint.html.j2", text=USAGE))

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda *_a, **_k: sections.Html("")


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
