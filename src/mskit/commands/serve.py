"""``mskit serve``: the facilitator board on this laptop; with ``--lan``, group pages too."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
import webbrowser
from pathlib import Path

from . import add_data_dir, add_kit


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="run a live session: the board, and group pages with --lan")
    p.add_argument(
        "--lan", action="store_true", help="also serve the group page on the room's network"
    )
    p.add_argument(
        "--host",
        default="0.0.0.0",
        help="address the group page listens on with --lan (default: all)",
    )
    p.add_argument(
        "--advertise",
        default=None,
        metavar="ADDRESS",
        help="address to put in join links (default: this laptop's address)",
    )
    p.add_argument("--port", type=int, default=8866, help="board port (default 8866)")
    p.add_argument("--lan-port", type=int, default=8867, help="group page port (default 8867)")
    add_data_dir(p)
    add_kit(p)
    p.add_argument("--no-browser", action="store_true", help="do not open the board")
    p.set_defaults(func=run)


def _has_display() -> bool:
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run(args: argparse.Namespace) -> int:
    from ..content.kit import describe_kit
    from ..live.join import room_address
    from ..serve import launcher
    from ..store import StoreError, default_data_dir, open_store

    data_dir = Path(args.data_dir or os.environ.get("MSKIT_DATA") or default_data_dir())
    env = {"MSKIT_DATA": str(data_dir.expanduser().resolve())}
    try:
        open_store(env["MSKIT_DATA"]).close()
    except StoreError as exc:
        print(f"mskit serve: {exc}", file=sys.stderr)
        return 1
    specs = []
    participant_url = None
    if args.lan:
        advertised = args.advertise or (
            room_address() if args.host in ("0.0.0.0", "") else args.host
        )
        part = launcher.participant_spec(args.host, args.lan_port, advertised, env)
        participant_url = part.url.rstrip("/")
        specs.append(part)
    specs.insert(0, launcher.board_spec(args.port, participant_url, env))
    log_dir = Path(env["MSKIT_DATA"]) / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    print("Starting mskit…", flush=True)
    try:
        servers = launcher.run(specs, Path(env["MSKIT_DATA"]) / "run", log_dir)
    except launcher.ServeError as exc:
        print(f"mskit serve: {exc}", file=sys.stderr)
        return 1
    board = servers[0].spec.open_url
    print(f"Facilitator board (this laptop only; the address holds this run's key): {board}")
    if args.lan:
        print(
            f"Group pages (room network): {participant_url}/  (each group's link and QR "
            "code are on the board)"
        )
    else:
        print("Group pages are off: run with --lan to let groups join from their devices.")
    print(f"Kit: {describe_kit()}")
    print(f"Data: {env['MSKIT_DATA']}   Logs: {log_dir}")
    print("Press Ctrl-C to stop.", flush=True)

    def _stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    # Also when started in the background, where a shell has SIGINT ignored.
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):  # no SIGHUP on Windows
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stop)
    if not args.no_browser and _has_display():
        webbrowser.open(board)
    try:
        while all(s.process.poll() is None for s in servers):
            time.sleep(0.5)
        print("mskit serve: a server stopped unexpectedly; see the logs", file=sys.stderr)
        code = 1
    except KeyboardInterrupt:
        print("\nStopping…", flush=True)
        code = 0
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)  # a second signal does not cut the stop short
    launcher.stop_all(servers)
    print("Stopped. Run mskit serve again to carry on where you left off.")
    return code
