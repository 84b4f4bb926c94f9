"""What a page may ask of a kit server, and what of a kernel's output reaches a page.

Pure rules, used by the kit's Voila app (``voila_app``) and tested on their own:

- A page request may not choose Voila's template or theme (each choice starts a kernel of
  its own, and ``?template=base`` hangs the request).
- From the websocket, a page may send only widget (comm) messages and ask for kernel info:
  never a shutdown, which the kernel manager would answer with a restart, over and over.
- Nothing a kernel writes to stderr, and no error message with its traceback, goes to a
  page: they carry file paths and internals. The server's log keeps them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

REFUSED_ARGUMENTS = frozenset({"template", "theme"})
"""Query arguments of Voila's that a page may not use on a kit server."""

ALLOWED_FROM_PAGE = (
    "comm_open",
    "comm_close",
    "comm_msg",
    "comm_info_request",
    "kernel_info_request",
)
"""Kernel messages a page may send over the websocket (Voila also allows shutdown)."""

HIDDEN_FROM_PAGE = frozenset({"error", "execute_input"})
"""Kernel message types that never reach a page (a traceback; the code that ran)."""


def refused_arguments(arguments: Iterable[str]) -> list[str]:
    """The query arguments of a page request that the kit refuses, sorted."""
    return sorted(set(arguments) & REFUSED_ARGUMENTS)


def _v1_parts(message: bytes) -> list[bytes]:
    """Split a message of the ``v1.kernel.websocket.jupyter.org`` protocol into its parts
    (channel, header, parent header, metadata, content, buffers…)."""
    count = int.from_bytes(message[:8], "little")
    offsets = [int.from_bytes(message[8 * (i + 1) : 8 * (i + 2)], "little") for i in range(count)]
    ends = [*offsets[1:], len(message)]
    return [message[start:end] for start, end in zip(offsets, ends, strict=True)]


def _decoded(message: bytes | str | Mapping[str, Any], v1: bool) -> tuple[dict, dict] | None:
    """A kernel message's header and content, or None when they cannot be read."""
    try:
        if isinstance(message, bytes):
            if not v1:
                return None  # the legacy protocol's binary form: a widget message with buffers
            parts = _v1_parts(message)
            return json.loads(parts[1]), json.loads(parts[4])
        data = json.loads(message) if isinstance(message, str) else dict(message)
        return dict(data.get("header") or {}), dict(data.get("content") or {})
    except (ValueError, IndexError, TypeError, AttributeError):
        return None


def hidden_from_page(message: bytes | str | Mapping[str, Any], v1: bool = True) -> bool:
    """True when this kernel message must not be sent to a page: stderr output, an error
    (traceback), the code that ran. ``v1``: the websocket speaks Jupyter's v1 protocol
    (binary frames); otherwise binary frames carry widget buffers and pass."""
    decoded = _decoded(message, v1)
    if decoded is None:
        return isinstance(message, str) or v1
    header, content = decoded
    kind = header.get("msg_type")
    if kind in HIDDEN_FROM_PAGE:
        return True
    return kind == "stream" and content.get("name") == "stderr"
