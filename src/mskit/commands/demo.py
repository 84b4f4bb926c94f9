"""``mskit demo``: create a realistic simulated session to try the board and the reports."""

from __future__ import annotations

import argparse
import sys

from . import add_data_dir, add_kit


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "demo",
        help="create a demo session with simulated groups, answers and evaluation",
        description="Create a realistic session with simulated groups, answers, marks, "
        "reveals and evaluation, to try the board, exports and reports. Prints the new "
        "session's id and a summary.",
    )
    p.add_argument(
        "--groups",
        type=int,
        default=5,
        metavar="N",
        help="number of tables (default 5)",
    )
    p.add_argument(
        "--programme",
        default="awareness-session",
        metavar="ID",
        help="programme whose activities the groups answer (default awareness-session)",
    )
    add_data_dir(p)
    add_kit(p)
    p.add_argument("--seed", type=int, default=0, help="same seed, same answers (default 0)")
    p.add_argument("--name", default="Demo session", help="session name (default 'Demo session')")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..content import load_kit
    from ..demo import DemoError, check_demo, create_demo_session, demo_summary
    from ..store import StoreError, open_store

    kit = load_kit()
    try:
        check_demo(kit, args.groups, args.programme, args.name, args.seed)
    except DemoError as exc:
        print(f"mskit demo: {exc}", file=sys.stderr)
        return 2
    try:
        with open_store(args.data_dir) as store:
            session_id = create_demo_session(
                store,
                kit,
                groups=args.groups,
                programme_id=args.programme,
                seed=args.seed,
                name=args.name,
            )
            print(session_id)
            print(f"Created demo session {demo_summary(store, session_id)} in {store.location}")
    except StoreError as exc:
        print(f"mskit demo: {exc}", file=sys.stderr)
        return 1
    return 0
