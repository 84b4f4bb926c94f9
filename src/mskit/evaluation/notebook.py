"""The facilitator's evaluation notebook (``notebooks/evaluation/evaluation.ipynb``), as
widgets: each notebook cell calls one of these.

    desk = EvaluationDesk.open()       # the store in MSKIT_DATA (or your data folder)
    desk.sessions()                    # the sessions and how many answered the evaluation
    desk.session_view()                # pick a session: its knowledge gain and feedback
    desk.paper_entry()                 # type in a paper form
    desk.import_files()                # add session files from other laptops
    desk.follow_up()                   # record a follow-up action
    desk.programme()                   # the programme report, and buttons to write it

Widgets carry ``mskit-ev-*`` classes for browser tests; everything shown is escaped.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import ipywidgets as w
from IPython.display import HTML

from ..render import esc
from .followup import ACTIONS

__all__ = ["EvaluationDesk"]


def _cls(widget: w.Widget, name: str) -> w.Widget:
    widget.add_class(f"mskit-ev-{name}")
    return widget


def _message(out: w.HTML, text: str, ok: bool = True) -> None:
    colour = "#1b5e20" if ok else "#b71c1c"
    out.value = f'<p style="color:{colour}">{esc(text)}</p>'


# Results are shown in HTML widgets (not Output widgets): one model update per change,
# which Voila and nbclient both handle without capturing outputs.


@dataclass
class EvaluationDesk:
    """The store and the kit the notebook works on."""

    store: Any
    kit: Any
    data_dir: Path | None = None

    @classmethod
    def open(cls, data_dir: str | os.PathLike[str] | None = None) -> EvaluationDesk:
        from ..content import load_kit
        from ..store import open_store

        return cls(open_store(data_dir), load_kit(), Path(data_dir) if data_dir else None)

    # -- sessions ------------------------------------------------------------------------

    def _options(self) -> list[tuple[str, str]]:
        return [
            (f"{s.date or 'undated'} · {s.name} · {s.facilitator or 'no facilitator'}", s.id)
            for s in self.store.list_sessions()
        ]

    def sessions(self) -> HTML:
        """The sessions in the store, newest first, with evaluation answer counts."""
        rows = []
        for s in self.store.list_sessions():
            ev = self.store.evaluation_responses(s.id)
            people = len({e.respondent_code for e in ev})
            rows.append(
                "<tr>" + "".join(f"<td>{esc(v)}</td>" for v in
                (s.date or "", s.name, s.facilitator, s.borough, len(self.store.list_groups(s.id)), people))
                + "</tr>"
            )  # fmt: skip
        if not rows:
            return HTML(
                "<p><i>No sessions yet. Run a session, or import session files below.</i></p>"
            )
        head = "".join(
            f"<th>{h}</th>"
            for h in ("Date", "Session", "Facilitator", "Borough", "Tables", "People who answered")
        )
        return HTML(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")

    def session_view(self) -> w.Widget:
        """Pick a session (newest first) and see its evaluation section."""
        from .session import session_evaluation_section

        options = self._options()
        pick = _cls(
            w.Dropdown(options=options, description="Session", layout={"width": "40em"}), "pick"
        )
        out = _cls(w.HTML(), "section")

        def show(_change: Any = None) -> None:
            if pick.value:
                out.value = session_evaluation_section(self.store, self.kit, pick.value)
            else:
                out.value = "<p><i>No sessions yet.</i></p>"

        pick.observe(show, names="value")
        show()
        return w.VBox([pick, out])

    # -- paper forms -----------------------------------------------------------------------

    def paper_entry(self) -> w.Widget:
        """Type in one person's paper form: session, form, phase, code and answers (JSON or
        one ``question-id: answer`` per line)."""
        from .form import EvaluationFormError, evaluation_forms, record_paper_response

        forms = evaluation_forms(self.kit)
        session = _cls(w.Dropdown(options=self._options(), description="Session"), "paper-session")
        form = _cls(w.Dropdown(options=[(f.title, fid) for fid, f in forms.items()], description="Form"), "paper-form")  # fmt: skip
        phase = _cls(w.Dropdown(options=["pre", "post", "once"], description="When"), "paper-phase")
        code = _cls(
            w.Text(description="Code", placeholder="e.g. AB12 (never a name)"), "paper-code"
        )
        answers = _cls(
            w.Textarea(
                description="Answers",
                placeholder="define-modern-slavery: umbrella\nsigns: [passport-held, owes-debt]\nconfidence-spot: 4",
                layout={"width": "40em", "height": "10em"},
            ),
            "paper-answers",
        )
        save = _cls(w.Button(description="Save paper form", button_style="primary"), "paper-save")
        out = _cls(w.HTML(), "paper-result")

        def on_save(_b: Any) -> None:
            from ruamel.yaml import YAML
            from ruamel.yaml.error import YAMLError

            try:
                data = YAML(typ="safe", pure=True).load(answers.value or "{}") or {}
            except YAMLError as exc:
                _message(out, f"The answers could not be read: {exc}", ok=False)
                return
            try:
                saved = record_paper_response(
                    self.store, self.kit, session.value, form.value, code.value, phase.value, data
                )
            except (EvaluationFormError, ValueError) as exc:
                _message(out, f"Not saved: {exc}", ok=False)
                return
            _message(out, f"Saved {len(saved)} answer(s) for {code.value.upper()} ({phase.value}).")
            code.value, answers.value = "", ""

        save.on_click(on_save)
        return w.VBox([session, form, phase, code, answers, save, out])

    # -- combining laptops -------------------------------------------------------------

    def import_files(self) -> w.Widget:
        """Upload session files (``mskit evaluation export``) from other laptops; each
        session is counted once however often it is uploaded."""
        from .files import combine_session_files

        upload = _cls(
            w.FileUpload(accept=".json", multiple=True, description="Session files"), "upload"
        )
        out = _cls(w.HTML(), "import-result")

        def on_upload(_change: Any) -> None:
            import tempfile

            files = list(upload.value or ())
            if not files:
                return
            with tempfile.TemporaryDirectory() as tmp:
                paths = []
                for n, f in enumerate(files):
                    p = Path(tmp) / f"{n}.json"
                    p.write_bytes(bytes(f["content"]))
                    paths.append(p)
                result = combine_session_files(self.store, paths)
            _message(
                out, result.summary() + " " + " ".join(result.problems), ok=not result.problems
            )

        upload.observe(on_upload, names="value")
        return w.VBox([upload, out])

    def follow_up(self) -> w.Widget:
        """Record a follow-up action (protocol reviewed, referral pathway, e-learning)."""
        from .followup import FollowUpError, record_follow_up

        session = _cls(w.Dropdown(options=self._options(), description="Session"), "fu-session")
        action = _cls(w.Dropdown(options=[(v, k) for k, v in ACTIONS.items()], description="Action",
                                 layout={"width": "40em"}), "fu-action")  # fmt: skip
        when = _cls(w.DatePicker(description="Date", value=date.today()), "fu-date")
        note = _cls(w.Text(description="Note", placeholder="short, no names"), "fu-note")
        save = _cls(w.Button(description="Record", button_style="primary"), "fu-save")
        out = _cls(w.HTML(), "fu-result")

        def on_save(_b: Any) -> None:
            if not session.value:
                _message(out, "Choose one of your sessions first.", ok=False)
                return
            try:
                record_follow_up(self.store, session.value, action.value, when.value, note.value)
            except FollowUpError as exc:
                _message(out, str(exc), ok=False)
                return
            _message(out, f"Recorded: {ACTIONS[action.value]} on {when.value or date.today()}.")
            note.value = ""

        save.on_click(on_save)
        return w.VBox([session, action, when, note, save, out])

    # -- the programme -----------------------------------------------------------------

    def programme(self, as_of: date | None = None) -> w.Widget:
        """The programme report shown here, with a button writing HTML, PDF and XLSX."""
        from .programme import programme_from_store
        from .report import ReportError, programme_report_html, write_programme_report

        prog = programme_from_store(self.store, self.kit, as_of=as_of)
        view = _cls(w.HTML(), "programme")
        if prog.snapshots:
            view.value = programme_report_html(prog, fragment=True)
        else:
            view.value = "<p><i>No sessions yet.</i></p>"
        default = (self.data_dir or _data_folder()) / "exports" / "programme-report"
        folder = _cls(
            w.Text(value=str(default), description="Folder", layout={"width": "40em"}), "out-dir"
        )
        formats = _cls(w.SelectMultiple(options=["html", "pdf", "xlsx"], value=("html", "pdf", "xlsx"),
                                        description="Formats"), "formats")  # fmt: skip
        write = _cls(w.Button(description="Write the report", button_style="primary"), "write")
        out = _cls(w.HTML(), "write-result")

        def on_write(_b: Any) -> None:
            try:
                paths = write_programme_report(prog, folder.value, list(formats.value))
            except ReportError as exc:
                _message(out, str(exc), ok=False)
                return
            _message(out, "Written: " + ", ".join(str(p) for p in paths))

        write.on_click(on_write)
        return w.VBox([view, folder, formats, write, out])


def _data_folder() -> Path:
    from ..store import default_data_dir

    env = os.environ.get("MSKIT_DATA", "").strip()
    return Path(env).expanduser() if env else default_data_dir()
