"""Join codes, join links and QR codes for the room."""

from __future__ import annotations

import os
import socket
from urllib.parse import parse_qs, urlencode

import segno


def code_from_query(query_string: str | None) -> str | None:
    """The ``code`` parameter of a page's query string, if any."""
    values = parse_qs(query_string or "").get("code")
    return values[0].strip() if values and values[0].strip() else None


def code_from_request() -> str | None:
    """The join code of the request this page answers.

    In a preheated kernel (Voila's pool) the notebook has already run its imports; this
    waits until a browser asks for the page and then reads its query string.
    """
    if os.environ.get("VOILA_PREHEAT") == "True":
        from voila.utils import get_query_string

        return code_from_query(get_query_string())
    return code_from_query(os.environ.get("QUERY_STRING"))


def join_url(base_url: str, code: str) -> str:
    """The link a group opens: the participant page with its join code."""
    return f"{base_url.rstrip('/')}/?{urlencode({'code': code})}"


def qr_svg(data: str, scale: int = 8, scalable: bool = False) -> str:
    """An inline SVG QR code (high error correction, readable from the back of a room).
    ``scalable`` leaves out the fixed size so that CSS sets it (the projector)."""
    return segno.make(data, error="h", micro=False).svg_inline(
        scale=scale,
        border=2,
        title="QR code for the join link",
        svgclass="mskit-qr",
        omitsize=scalable,
    )


def room_address() -> str:
    """This laptop's address on the room's network, best guess (never sends a packet)."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        infos = []
    addresses = [i[4][0] for i in infos if not i[4][0].startswith("127.")]
    return addresses[0] if addresses else "127.0.0.1"
