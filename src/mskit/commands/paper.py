"""``mskit paper``: printable handouts and the take-away, and typing paper answers in."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from . import add_data_dir, add_kit


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("paper", help="the paper fallback: handouts, and typing paper answers in")
    psub = p.add_subparsers(dest="paper_command", metavar="ACTION")
    psub.required = True

    h = psub.add_parser(
        "handout",
        help="a scenario or exercise with blank answer sheets, each stage on its own page",
    )
    h.add_argument("activity", metavar="SCENARIO", help="scenario or exercise id")
    h.add_argument("--out", type=Path, default=None, metavar="DIR",
                   help="folder to write into (default: DATA_DIR/handouts)")  # fmt: skip
    h.add_argument("--format", default="html,pdf", metavar="FORMATS",
                   help="html, pdf or html,pdf (default)")  # fmt: skip
    add_data_dir(h)
    add_kit(h)
    h.set_defaults(func=run_handout)

    k = psub.add_parser(
        "takeaway",
        help="the participant take-away: one A4 page of signs, what to do and numbers to call",
    )
    k.add_argument("--contacts", type=Path, default=None, metavar="FILE",
                   help="the borough's local contacts file "
                   "(default: the kit's catalogue/local-contacts.yaml)")  # fmt: skip
    k.add_argument("--out", type=Path, default=None, metavar="DIR",
                   help="folder to write into (default: DATA_DIR/handouts)")  # fmt: skip
    k.add_argument("--format", default="html,pdf", metavar="FORMATS",
                   help="html, pdf or html,pdf (default)")  # fmt: skip
    add_data_dir(k)
    add_kit(k)
    k.set_defaults(func=run_takeaway)

    t = psub.add_parser(
        "template", help="print a YAML answers file to fill in from a group's paper sheet"
    )
    t.add_argument("activity", metavar="ACTIVITY", help="scenario or exercise id")
    add_kit(t)
    t.set_defaults(func=run_template)

    e = psub.add_parser("enter", help="type a group's paper answers into a session")
    e.add_argument("session", metavar="SESSION", help="session id, or the start of one")
    e.add_argument("--group", required=True, metavar="LABEL", help="the group's label")
    e.add_argument("--activity", required=True, metavar="ID", help="scenario or exercise id")
    e.add_argument("--answers", required=True, type=Path, metavar="FILE.yaml",
                   help="question id -> answer (see `mskit paper template ID`)")  # fmt: skip
    e.add_argument("--even-if-locked", action="store_true",
                   help="enter answers even though the activity is locked or revealed")  # fmt: skip
    add_data_dir(e)
    add_kit(e)
    e.set_defaults(func=run_enter)


def _activity(kit, activity_id: str, prog: str):
    try:
        return kit.activity(activity_id)
    except KeyError:
        known = sorted([*kit.scenarios, *kit.exercises])
        close = difflib.get_close_matches(activity_id, known, n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else f" Known: {', '.join(known)}."
        print(f"{prog}: there is no scenario or exercise {activity_id!r}.{hint}", file=sys.stderr)
        return None


def run_handout(args: argparse.Namespace) -> int:
    from ..content import load_kit
    from ..export import ExportError, data_folder
    from ..paper import write_handout

    activity = _activity(load_kit(), args.activity, "mskit paper handout")
    if activity is None:
        return 1
    formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    base = args.data_dir.expanduser() if args.data_dir else data_folder()
    out = args.out or base / "handouts"
    try:
        paths = write_handout(activity, load_kit(), out, formats or ["html", "pdf"])
    except ExportError as exc:
        print(f"mskit paper handout: {exc}", file=sys.stderr)
        return 1
    for path in paths:
        print(path)
    return 0


def run_takeaway(args: argparse.Namespace) -> int:
    from ..content import load_kit
    from ..content.contacts import ContactsFileError, load_contacts
    from ..export import ExportError, data_folder
    from ..paper import TakeawayError, write_takeaway

    prog = "mskit paper takeaway"
    if args.contacts is not None and not args.contacts.expanduser().is_file():
        print(f"{prog}: {args.contacts}: no such file", file=sys.stderr)
        return 2
    kit = load_kit()
    try:
        contacts = load_contacts(args.contacts, kit.root) if args.contacts else None
    except ContactsFileError as exc:
        for problem in exc.problems:
            print(f"{prog}: {problem}", file=sys.stderr)
        return 1
    formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    base = args.data_dir.expanduser() if args.data_dir else data_folder()
    out = args.out or base / "handouts"
    try:
        paths = write_takeaway(kit, out, contacts, formats or ["html", "pdf"])
    except (ExportError, TakeawayError) as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return 1
    for path in paths:
        print(path)
    used = contacts or kit.local_contacts
    if used is None or used.template:
        print(
            "note: the local numbers are blank (the contacts file is still the template); "
            "use --contacts FILE with the borough's filled-in file.",
            file=sys.stderr,
        )
    return 0


def run_template(args: argparse.Namespace) -> int:
    from ..content import load_kit
    from ..paper import answers_template

    kit = load_kit()
    activity = _activity(kit, args.activity, "mskit paper template")
    if activity is None:
        return 1
    print(answers_template(activity, kit))
    return 0


def run_enter(args: argparse.Namespace) -> int:
    from ..content import load_kit
    from ..export import ExportError, resolve_session
    from ..paper import PaperEntryError, enter_answers, read_answers_file
    from ..store import StoreError, open_store

    prog = "mskit paper enter"
    kit = load_kit()
    if _activity(kit, args.activity, prog) is None:
        return 1
    try:
        answers = read_answers_file(args.answers)
        with open_store(args.data_dir) as store:
            session_id = resolve_session(store, args.session)
            changed = enter_answers(
                store, kit, session_id, args.group, args.activity, answers,
                allow_locked=args.even_if_locked,
            )  # fmt: skip
    except PaperEntryError as exc:
        for problem in exc.problems:
            print(f"{prog}: {problem}", file=sys.stderr)
        if len(exc.problems) > 1:
            print(f"{len(exc.problems)} problem(s); nothing was saved.", file=sys.stderr)
        return 1
    except (ExportError, StoreError) as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return 1
    print(
        f"{len(answers)} answer(s) for group {args.group!r} in {args.activity}: "
        f"{len(changed)} saved, {len(answers) - len(changed)} unchanged."
    )
    return 0
