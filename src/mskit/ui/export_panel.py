"""Export buttons for the facilitator board: write the session's exports to the data folder
(``exports/<date>-<session name>``) and offer each file as a download from the board.

``ExportPanel(store, kit, session_id).widget``; tests click ``panel.buttons[name]`` and read
``panel.paths`` / ``panel.downloads``.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..export import ExportError, default_out_dir, export_session
from ..render import render
from ..store import StoreError
from .downloads import Download

CHOICES: dict[str, tuple[str, tuple[str, ...]]] = {
    "report": ("Report and debrief sheets (HTML)", ("html",)),
    "pdf": ("Report and debrief sheets (PDF)", ("pdf",)),
    "data": ("Answers and scores (CSV, XLSX)", ("csv", "xlsx")),
    "all": ("Everything", ("html", "pdf", "csv", "xlsx")),
}


class ExportPanel:
    """Buttons that write exports into ``out_dir`` (default: the data folder's
    ``exports/<session>``) and show where the files are."""

    def __init__(
        self,
        store: Any,
        kit: Any,
        session_id: str,
        out_dir: str | os.PathLike[str] | None = None,
    ) -> None:
        self.store, self.kit, self.session_id = store, kit, session_id
        self.out_dir = (
            Path(out_dir) if out_dir is not None else default_out_dir(session_id, store=store)
        )
        self.paths: list[Path] = []
        self.downloads: list[Download] = []
        self.buttons: dict[str, w.Button] = {}
        for name, (text, formats) in CHOICES.items():
            b = w.Button(description=text, tooltip=f"Write {', '.join(formats)}")
            b.add_class(f"mskit-export-{name}")
            b.on_click(lambda _b, f=formats: self.export(f))
            self.buttons[name] = b
        self.status = w.HTML()
        self.status.add_class("mskit-status")
        self.result = w.VBox()
        self.result.add_class("mskit-export-files")
        self.widget = w.VBox(
            [
                w.HTML(render("board/exports.html.j2", folder=str(self.out_dir))),
                w.HBox(list(self.buttons.values())),
                self.status,
                self.result,
            ]
        )
        self.widget.add_class("mskit-export-panel")

    def export(self, formats: tuple[str, ...]) -> list[Path]:
        """Write ``formats``; show the files, or a one-line message if it failed."""
        for b in self.buttons.values():
            b.disabled = True
        self.status.remove_class("mskit-error")
        self.status.value = "Writing the exports… (a PDF takes a few seconds)"
        try:
            # In a kernel an event loop is running; the export (a kernel of its own, and a
            # browser for PDFs) runs in a worker thread.
            with ThreadPoolExecutor(max_workers=1) as pool:
                self.paths = pool.submit(
                    export_session, self.store, self.kit, self.session_id, self.out_dir, formats
                ).result()
        except (ExportError, StoreError) as exc:
            self.status.add_class("mskit-error")
            self.status.value = render(
                "page/status.html.j2", text=f"Export failed: {exc}", error=True
            )
            return []
        finally:
            for b in self.buttons.values():
                b.disabled = False
        self.status.value = render(
            "page/status.html.j2",
            text=f"{len(self.paths)} file(s) written to {self.out_dir}.",
            error=False,
        )
        self.downloads = [Download(p, self.out_dir) for p in self.paths]
        self.result.children = self.downloads
        return self.paths
