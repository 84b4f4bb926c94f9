"""The kit's Voila server: Voila 0.5 with the room's rules (``python -m mskit.serve.voila_app
notebook.ipynb``, configured by ``voila.json`` as plain Voila is).

- Page requests that choose a template or theme are refused before any kernel starts.
- Over the websocket a page may send widget messages only (``guard.ALLOWED_FROM_PAGE``):
  a shutdown request, which the kernel manager answers with a restart, is ignored.
- No stderr output, traceback or executed code from a kernel reaches a page.
- Refused requests (a foreign Host, a missing token, a refused argument) are counted in
  ``refused.json`` next to ``voila.json`` so that the board can show them.
- SIGTERM stops the server as Ctrl-C does, once, and kernels are stopped at once.

Host checks and the board's token are plain settings (``config.voila_config``).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

from jupyter_core.utils import run_sync
from tornado import web
from tornado.ioloop import IOLoop
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

from ..live.watch import REFUSED_FILE
from .guard import ALLOWED_FROM_PAGE, hidden_from_page, refused_arguments

V1_PROTOCOL = "v1.kernel.websocket.jupyter.org"


class RefusalCounter:
    """Counts refused requests and writes the count to a file, at most once a second."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.count = 0
        self._written = 0.0

        self._later = False

    def add(self) -> None:
        self.count += 1
        if time.monotonic() - self._written >= 1.0:
            self.write()
        elif not self._later:  # a burst: write once more when it has passed
            self._later = True
            IOLoop.current().call_later(1.0, self.write)

    def write(self) -> None:
        self._later = False
        if self.path is None:
            return
        self._written = time.monotonic()
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"refused": self.count, "at": time.time()}), encoding="utf-8")
        os.replace(tmp, self.path)


def _counter_path() -> Path | None:
    folder = os.environ.get("JUPYTER_CONFIG_DIR")
    return Path(folder) / REFUSED_FILE if folder else None


REFUSALS = RefusalCounter(_counter_path())


class _CountRefusals:
    def on_finish(self) -> None:
        if self.get_status() in (400, 403):  # type: ignore[attr-defined]
            REFUSALS.add()
        super().on_finish()  # type: ignore[misc]


class KitPageHandler(_CountRefusals, TornadoVoilaHandler):
    """The notebook page, without Voila's template and theme choices."""

    async def prepare(self) -> None:
        await super().prepare()  # the Host and token checks come first
        if self._finished:
            return
        refused = refused_arguments(self.request.arguments)
        if refused:
            raise web.HTTPError(400, "refused: " + ", ".join(refused))


class KitKernelWebsocketHandler(_CountRefusals, VoilaKernelWebsocketHandler):
    """The kernel websocket, holding back stderr, tracebacks and executed code."""

    def write_message(self, message: Any, binary: bool = False) -> Any:
        if hidden_from_page(message, v1=self.selected_subprotocol == V1_PROTOCOL):
            return None
        return super().write_message(message, binary)


class KitVoila(Voila):
    """Voila with the kit's handlers and stopping rules."""

    def init_settings(self) -> dict:
        settings = super().init_settings()
        self.kernel_manager.allowed_message_types = list(ALLOWED_FROM_PAGE)
        return settings

    def init_handlers(self) -> list:
        swap = {
            TornadoVoilaHandler: KitPageHandler,
            VoilaKernelWebsocketHandler: KitKernelWebsocketHandler,
        }
        return [(h[0], swap.get(h[1], h[1]), *h[2:]) for h in super().init_handlers()]

    def start(self) -> None:
        def _interrupt(_signum: int, _frame: object) -> None:
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, _interrupt)
        signal.signal(signal.SIGINT, _interrupt)
        REFUSALS.write()
        super().start()

    def stop(self) -> None:
        """Stop every kernel now (answers are already in the store); ignore further signals."""
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_IGN)
        REFUSALS.write()
        try:
            run_sync(self.kernel_manager.shutdown_all)(now=True)
        finally:
            import shutil

            shutil.rmtree(self.connection_dir, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    KitVoila.launch_instance(argv=argv if argv is not None else sys.argv[1:])


if __name__ == "__main__":  # pragma: no cover - the launcher runs it as a module
    main()
