"""``mskit evaluation``: session evaluation, session files, follow-up actions and the
programme report for the Safeguarding Adults Board / steering group.

    mskit evaluation session SESSION [--out FILE.html]
    mskit evaluation export SESSION... [--out DIR]
    mskit evaluation import FILE... [--replace]
    mskit evaluation report [--files FILE...] [--out DIR] [--formats html,pdf,xlsx]
                            [--facilitator NAME] [--borough NAME] [--since DATE] [--until DATE]
    mskit evaluation followup [SESSION ACTION [--date DATE] [--note TEXT]]
    mskit evaluation attendance SESSION TOTAL [--agency police=8 ...]
    mskit evaluation paper SESSION FILE --form ID --code CODE --phase pre|post|once

Exit codes: 0 done, 1 a problem (printed on one line), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from . import add_data_dir, add_kit

PROG = "mskit evaluation"


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2025-03-14") from None


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "evaluation",
        help="evaluation: knowledge gain, feedback, follow-ups and the programme report",
        description="Evaluate sessions (knowledge check before and after, feedback form), "
        "combine session files from several facilitators and write the programme report "
        "for the Safeguarding Adults Board / steering group.",
    )
    ev = p.add_subparsers(dest="evaluation_command", metavar="ACTION")
    ev.required = True

    s = ev.add_parser("session", help="one session's evaluation as an HTML page")
    s.add_argument("session", metavar="SESSION", help="session id, or the start of one")
    s.add_argument("--out", type=Path, default=None, metavar="FILE",
                   help="HTML file to write (default evaluation-<id>.html here)")  # fmt: skip
    add_data_dir(s)
    add_kit(s)
    s.set_defaults(func=run_session)

    e = ev.add_parser("export", help="write session files to send to the programme lead")
    e.add_argument("sessions", nargs="+", metavar="SESSION", help="session ids (or starts)")
    e.add_argument("--out", type=Path, default=Path("."), metavar="DIR",
                   help="folder for the files (default: here)")  # fmt: skip
    add_data_dir(e)
    add_kit(e)
    e.set_defaults(func=run_export)

    i = ev.add_parser("import", help="import session files (each session counted once)")
    i.add_argument("files", nargs="+", type=Path, metavar="FILE")
    i.add_argument("--replace", action="store_true",
                   help="replace a session already in the store by the file's copy")  # fmt: skip
    add_data_dir(i)
    add_kit(i)
    i.set_defaults(func=run_import)

    r = ev.add_parser("report", help="the programme report (HTML, PDF, XLSX)")
    r.add_argument("--files", nargs="+", type=Path, default=None, metavar="FILE",
                   help="session files to report on (default: every session in the store)")  # fmt: skip
    r.add_argument("--out", type=Path, default=Path("programme-report"), metavar="DIR",
                   help="folder to write into (default ./programme-report)")  # fmt: skip
    r.add_argument("--formats", default="html,pdf,xlsx", metavar="LIST",
                   help="comma-separated: html, pdf, xlsx (default all)")  # fmt: skip
    r.add_argument("--facilitator", default=None, help="only this facilitator's sessions")
    r.add_argument("--borough", default=None, help="only this borough's sessions")
    r.add_argument("--since", type=_day, default=None, metavar="DATE")
    r.add_argument("--until", type=_day, default=None, metavar="DATE")
    r.add_argument("--as-of", type=_day, default=None, metavar="DATE",
                   help="count the commitment as of this date (default today)")  # fmt: skip
    add_data_dir(r)
    add_kit(r)
    r.set_defaults(func=run_report)

    f = ev.add_parser("followup", help="record a follow-up action, or list them")
    f.add_argument("session", nargs="?", metavar="SESSION",
                   help="one of the facilitator's sessions")  # fmt: skip
    f.add_argument("action", nargs="?", metavar="ACTION",
                   help="protocol-reviewed, referral-pathway or elearning-promoted")  # fmt: skip
    f.add_argument("--date", type=_day, default=None, help="when it was done (default today)")
    f.add_argument("--note", default="", help="a short note (no names)")
    add_data_dir(f)
    add_kit(f)
    f.set_defaults(func=run_followup)

    a = ev.add_parser("attendance", help="record the head count of a session")
    a.add_argument("session", metavar="SESSION")
    a.add_argument("total", type=int, metavar="TOTAL")
    a.add_argument("--agency", action="append", default=[], metavar="ID=N",
                   help="staff from one agency, e.g. police=8 (repeat; must add up to TOTAL)")  # fmt: skip
    add_data_dir(a)
    add_kit(a)
    a.set_defaults(func=run_attendance)

    pp = ev.add_parser("paper", help="type in one person's paper evaluation form")
    pp.add_argument("session", metavar="SESSION")
    pp.add_argument("file", type=Path, metavar="FILE", help="YAML: question id: answer")
    pp.add_argument("--form", required=True, help="knowledge-check or session-feedback")
    pp.add_argument("--code", required=True, help="the respondent's anonymous code")
    pp.add_argument("--phase", required=True, choices=("pre", "post", "once"))
    add_data_dir(pp)
    add_kit(pp)
    pp.set_defaults(func=run_paper)


def _fail(what: str, exc: object) -> int:
    print(f"{PROG} {what}: {exc}", file=sys.stderr)
    return 1


def _resolve(store, text: str) -> str:
    from ..export import resolve_session

    return resolve_session(store, text)


def _errors() -> tuple[type[BaseException], ...]:
    from ..evaluation.files import SessionFileError
    from ..evaluation.followup import FollowUpError
    from ..evaluation.form import EvaluationFormError
    from ..evaluation.report import ReportError
    from ..export import ExportError
    from ..paper import PaperEntryError
    from ..store import StoreError

    return (StoreError, ExportError, ReportError, SessionFileError, FollowUpError,
            EvaluationFormError, PaperEntryError, OSError)  # fmt: skip


def run_session(args: argparse.Namespace) -> int:
    from ..content import load_kit
    from ..evaluation import session_evaluation_section
    from ..evaluation.report import CSS
    from ..store import open_store
    from ..ui.text import esc

    try:
        with open_store(args.data_dir) as store:
            sid = _resolve(store, args.session)
            s = store.get_session(sid)
            section = session_evaluation_section(store, load_kit(), sid)
        out = args.out or Path(f"evaluation-{sid[:8]}.html")
        page = (
            "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>Evaluation: {esc(s.name)}</title><style>{CSS}</style></head><body>"
            f"<h1>{esc(s.name)} ({esc(s.date or '')})</h1>{section}</body></html>"
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(page, encoding="utf-8")
    except _errors() as exc:
        return _fail("session", exc)
    print(out)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from ..evaluation import export_session_file
    from ..store import open_store

    try:
        with open_store(args.data_dir) as store:
            for text in args.sessions:
                sid = _resolve(store, text)
                s = store.get_session(sid)
                name = f"session-{s.date or 'undated'}-{sid[:8]}.json"
                print(export_session_file(store, sid, Path(args.out) / name))
    except _errors() as exc:
        return _fail("export", exc)
    return 0


def run_import(args: argparse.Namespace) -> int:
    from ..evaluation import combine_session_files
    from ..store import open_store

    try:
        with open_store(args.data_dir) as store:
            result = combine_session_files(store, args.files, replace=args.replace)
    except _errors() as exc:
        return _fail("import", exc)
    for problem in result.problems:
        print(f"{PROG} import: {problem}", file=sys.stderr)
    print(result.summary())
    return 1 if result.problems else 0


def run_report(args: argparse.Namespace) -> int:
    from ..content import load_kit
    from ..evaluation import programme_from_files, programme_from_store, write_programme_report
    from ..store import open_store

    kit = load_kit()
    filters = {"facilitator": args.facilitator, "borough": args.borough,
               "since": args.since, "until": args.until}  # fmt: skip
    try:
        if args.files:
            prog = programme_from_files(args.files, kit, as_of=args.as_of, **filters)
        else:
            with open_store(args.data_dir) as store:
                prog = programme_from_store(store, kit, as_of=args.as_of, **filters)
        if not prog.snapshots:
            return _fail("report", "no sessions to report on (import session files first)")
        paths = write_programme_report(prog, args.out, args.formats)
    except _errors() as exc:
        return _fail("report", exc)
    t = prog.totals()
    print(f"{t['sessions']} session(s), {t['facilitators']} facilitator(s), staff reached "
          f"{t['staff_reached']}", file=sys.stderr)  # fmt: skip
    for path in paths:
        print(path)
    return 0


def run_followup(args: argparse.Namespace) -> int:
    from ..content import load_kit
    from ..evaluation import programme_from_store, record_follow_up
    from ..store import open_store

    if (args.session is None) != (args.action is None):
        print(f"{PROG} followup: give both SESSION and ACTION, or neither to list",
              file=sys.stderr)  # fmt: skip
        return 2
    try:
        with open_store(args.data_dir) as store:
            if args.session is None:
                fups = programme_from_store(store, load_kit()).follow_ups()
                if fups.empty:
                    print("No follow-up actions recorded yet.")
                for r in fups.itertuples():
                    print(
                        f"{r.date}  {r.facilitator}  {r.label}"
                        + (f"  ({r.note})" if r.note else "")
                    )
                return 0
            sid = _resolve(store, args.session)
            entry = record_follow_up(store, sid, args.action, args.date, args.note)
    except _errors() as exc:
        return _fail("followup", exc)
    print(f"Recorded: {entry.detail['action']} on {entry.detail['date']}")
    return 0


def run_attendance(args: argparse.Namespace) -> int:
    from ..evaluation import record_attendance
    from ..store import open_store

    by_agency = {}
    for item in args.agency:
        name, _, n = item.partition("=")
        if not name.strip() or not n.strip().isdigit():
            print(f"{PROG} attendance: --agency wants ID=N, got {item!r}", file=sys.stderr)
            return 2
        by_agency[name.strip()] = int(n)
    try:
        with open_store(args.data_dir) as store:
            sid = _resolve(store, args.session)
            record_attendance(store, sid, args.total, by_agency)
    except _errors() as exc:
        return _fail("attendance", exc)
    print(f"Recorded a head count of {args.total}.")
    return 0


def run_paper(args: argparse.Namespace) -> int:
    from ..content import load_kit
    from ..evaluation import record_paper_response
    from ..paper import read_answers_file
    from ..store import open_store

    try:
        answers = read_answers_file(args.file)
        with open_store(args.data_dir) as store:
            sid = _resolve(store, args.session)
            saved = record_paper_response(
                store, load_kit(), sid, args.form, args.code, args.phase, answers
            )
    except _errors() as exc:
        return _fail("paper", exc)
    print(f"Saved {len(saved)} answer(s) for {args.code.upper()} ({args.phase}).")
    return 0
