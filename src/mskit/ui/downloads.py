"""Finished exports as downloads on the board (sent over the board's own connection)."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

import anywidget
import traitlets

_STATIC = Path(__file__).parent / "static"


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


class Download(anywidget.AnyWidget):
    """A button that downloads one exported file (which must be inside ``folder``)."""

    _esm = _STATIC / "download.js"
    filename = traitlets.Unicode("").tag(sync=True)
    size = traitlets.Unicode("").tag(sync=True)

    def __init__(self, path: Path, folder: Path, **kwargs: Any) -> None:
        path, folder = Path(path).resolve(), Path(folder).resolve()
        if folder not in path.parents:
            raise ValueError(f"{path} is not in the exports folder {folder}")
        super().__init__(filename=path.name, size=_size(path.stat().st_size), **kwargs)
        self.path = path
        self.add_class("mskit-download-item")
        self.on_msg(self._on_msg)

    def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("get"):
            self.send(
                {"file": self.path.name, "type": mimetypes.guess_type(self.path.name)[0] or ""},
                buffers=[self.path.read_bytes()],
            )
