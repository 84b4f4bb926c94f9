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
    def open(cls, snapshot: str, kit_root: str = "") -> Report:
        from ..content import load_kit

        kit = load_kit(Path(kit_root)) if kit_root else load_kit()
        return cls(SessionData.from_file(snapshot, kit), kit)

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
