"""``mskit elearning``: a self-paced course as a static web build and a SCORM 1.2 package."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import add_kit


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "elearning",
        help="build the self-paced e-learning course (static web build and SCORM 1.2 zip)",
    )
    p.add_argument("--out", required=True, type=Path, metavar="DIR",
                   help="folder to write DIR/web/ and DIR/<name>-scorm12.zip into")  # fmt: skip
    p.add_argument("--activities", default=None, metavar="ID,...",
                   help="scenario and exercise ids, in order (default: the awareness "
                   "session's case studies and exercises)")  # fmt: skip
    p.add_argument("--mastery", type=int, default=None, metavar="PERCENT",
                   help="the score needed to pass, 0-100 (default: 80)")  # fmt: skip
    p.add_argument("--title", default=None, metavar="TEXT", help="the course's title")
    add_kit(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..content import load_kit, validate
    from ..elearning import DEFAULT_MASTERY, CourseError, build

    prog = "mskit elearning"
    errors = [p for p in validate() if p.severity == "error"]
    if errors:
        for problem in errors:
            print(problem, file=sys.stderr)
        print(f"{prog}: the content has {len(errors)} problem(s); fix them first "
              "(mskit validate)", file=sys.stderr)  # fmt: skip
        return 1
    ids = [a.strip() for a in args.activities.split(",") if a.strip()] if args.activities else None
    try:
        built = build(
            load_kit(),
            args.out.expanduser(),
            activities=ids,
            mastery=DEFAULT_MASTERY if args.mastery is None else args.mastery,
            title=args.title,
        )
    except CourseError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"{prog}: cannot write to {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"web build: {built.web / 'index.html'}")
    print(f"SCORM 1.2 package: {built.scorm_zip}")
    print(f"activities: {', '.join(built.activities)}")
    return 0
