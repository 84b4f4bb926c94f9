"""Exports of a session: the report (HTML, PDF), a debrief sheet per group (HTML, PDF), and
the answers and scores as tidy tables (CSV, XLSX).

Typical use::

    from mskit.export import export_session
    paths = export_session(store, kit, session_id, out_dir, ["html", "csv"])

:data:`EXPORTERS` maps each format to its exporter, a function taking an
:class:`ExportJob` and returning the paths it wrote. Everything a participant typed is
escaped in HTML and PDF. Failures raise :class:`ExportError` (or a
:class:`mskit.store.StoreError`) with a one-line message.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..paper.model_answers import model_answers_html
from ..render.output import ExportError, slug, writable_dir
from ..render.pdf import find_chromium, html_to_pdf
from ..store import UnknownSession, default_data_dir
from .data import SessionData
from .debrief import debrief_html
from .report import session_report_html
from .tables import write_csv, write_xlsx

__all__ = [
    "EXPORTERS",
    "FORMATS",
    "ExportError",
    "ExportJob",
    "default_out_dir",
    "export_session",
    "mark_out_dir",
    "parse_formats",
    "resolve_session",
]


@dataclass
class ExportJob:
    """One export run: reads the session once and builds each page at most once."""

    store: Any
    kit: Any
    session_id: str
    out_dir: Path
    _snapshot: dict[str, Any] | None = None
    _data: Any = None
    _report: str | None = None
    _debriefs: list[tuple[str, str]] | None = field(default=None)
    _handouts: list[tuple[str, str]] | None = field(default=None)

    @property
    def snapshot(self) -> dict[str, Any]:
        if self._snapshot is None:
            self._snapshot = self.store.export_session(self.session_id)
        return self._snapshot

    @property
    def data(self) -> Any:
        if self._data is None:
            self._data = SessionData.from_snapshot(self.snapshot, self.kit)
        return self._data

    def report_html(self) -> str:
        if self._report is None:
            self._report = session_report_html(self.data, self.kit)
        return self._report

    def debriefs(self) -> list[tuple[str, str]]:
        """``(file stem, html)`` per group, in the order the groups were added."""
        if self._debriefs is None:
            self._debriefs = [
                (f"debrief-{n:02d}-{slug(g.label)}", debrief_html(self.data, g, self.kit))
                for n, g in enumerate(self.data.groups, start=1)
            ]
        return self._debriefs

    def handouts(self) -> list[tuple[str, str]]:
        """``(file stem, html)``: one model-answer handout per group activity run, with the
        parts the groups met; shared by every table."""
        if self._handouts is None:
            self._handouts = [
                (f"model-answers-{n:02d}-{slug(run.title)}",
                 model_answers_html(run.shown_activity(), self.kit, self.data.name))
                for n, run in enumerate(self.data.runs, start=1)
                if run.activity is not None
            ]  # fmt: skip
        return self._handouts

    def pages(self) -> list[tuple[str, str]]:
        """Every page the export writes, as ``(file stem, html)``: the report first."""
        return [("report", self.report_html()), *self.debriefs(), *self.handouts()]


def _html(job: ExportJob) -> list[Path]:
    paths = []
    for stem, html in job.pages():
        p = job.out_dir / f"{stem}.html"
        p.write_text(html, encoding="utf-8")
        paths.append(p)
    return paths


def _pdf(job: ExportJob) -> list[Path]:
    if find_chromium() is None:  # say so before the slow part
        html_to_pdf([("", job.out_dir / "report.pdf")])
    return html_to_pdf([(html, job.out_dir / f"{stem}.pdf") for stem, html in job.pages()])


def _csv(job: ExportJob) -> list[Path]:
    return write_csv(job.data, job.kit, job.out_dir)


def _xlsx(job: ExportJob) -> list[Path]:
    return write_xlsx(job.data, job.kit, job.out_dir)


EXPORTERS: dict[str, Callable[[ExportJob], list[Path]]] = {
    "html": _html,
    "pdf": _pdf,
    "csv": _csv,
    "xlsx": _xlsx,
}
"""Registry: format name -> exporter. Add a format by adding an entry."""

FORMATS: tuple[str, ...] = tuple(EXPORTERS)


def parse_formats(text: str | Iterable[str] | None) -> list[str]:
    """``"html,pdf"`` (or a list) as a list of known formats; ``None`` or empty: all."""
    if text is None:
        return list(FORMATS)
    items = text.split(",") if isinstance(text, str) else list(text)
    names = [i.strip().lower() for i in items if i.strip()]
    if not names:
        return list(FORMATS)
    unknown = [n for n in names if n not in EXPORTERS]
    if unknown:
        raise ExportError(
            f"Unknown export format {', '.join(map(repr, unknown))}; choose from "
            f"{', '.join(FORMATS)}."
        )
    return list(dict.fromkeys(names))


def resolve_session(store: Any, text: str) -> str:
    """The id of the session ``text`` names: its id, or a prefix of exactly one id."""
    text = (text or "").strip()
    if not text:
        raise ExportError("No session given; `mskit sessions` lists them.")
    try:
        return store.get_session(text).id
    except UnknownSession:
        pass
    matches = [s for s in store.list_sessions() if s.id.startswith(text.lower())]
    if len(matches) == 1:
        return matches[0].id
    if not matches:
        raise ExportError(f"There is no session {text!r} in {store.location}.")
    names = ", ".join(f"{s.id[:8]} ({s.name})" for s in matches[:5])
    raise ExportError(f"{text!r} matches {len(matches)} sessions ({names}); give more of the id.")


def data_folder() -> Path:
    """The data folder (``MSKIT_DATA`` or the user's data folder)."""
    env = os.environ.get("MSKIT_DATA", "").strip()
    return Path(env).expanduser() if env else default_data_dir()


def default_out_dir(
    session_id: str, data_dir: str | os.PathLike[str] | None = None, store: Any = None
) -> Path:
    """``<data folder>/exports/<date>-<session name>`` (with ``store``), else
    ``<data folder>/exports/<session id>``. Two sessions of one name and date get the
    second one's id added, so their files never mix."""
    base = (Path(data_dir).expanduser() if data_dir is not None else data_folder()) / "exports"
    if store is None:
        return base / session_id
    s = store.get_session(session_id)
    name = f"{s.date or s.created_at.date()}-{slug(s.name)}"
    folder = base / name
    marker = folder / ".session-id"
    if folder.exists() and marker.exists() and marker.read_text().strip() != session_id:
        folder = base / f"{name}-{session_id[:8]}"
    return folder


def mark_out_dir(folder: Path, session_id: str) -> None:
    """Note which session an export folder belongs to."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".session-id").write_text(session_id + "\n", encoding="utf-8")


def export_session(
    store: Any,
    kit: Any,
    session_id: str,
    out_dir: str | os.PathLike[str],
    formats: Sequence[str] | str | None = None,
) -> list[Path]:
    """Write the session's exports in ``formats`` (default: all) into ``out_dir``; the
    paths written, in order."""
    names = parse_formats(formats)
    store.get_session(session_id)  # UnknownSession before anything is written
    job = ExportJob(store, kit, session_id, writable_dir(Path(out_dir).expanduser()))
    mark_out_dir(job.out_dir, session_id)
    written: list[Path] = []
    for name in names:
        try:
            written += EXPORTERS[name](job)
        except OSError as exc:
            raise ExportError(
                f"Could not write the {name} export in {str(job.out_dir)!r}: {exc.strerror or exc}."
            ) from None
    return written
