"""What a page may ask of a kit server, and which kernel messages never reach a page."""

from __future__ import annotations

import json

from mskit.serve.guard import ALLOWED_FROM_PAGE, hidden_from_page, refused_arguments


def _v1(header: dict, content: dict) -> bytes:
    """A message in Jupyter's v1 websocket protocol (channel, header, parent, metadata,
    content)."""
    parts = [b"iopub", *(json.dumps(p).encode() for p in (header, {}, {}, content))]
    offsets, at = [], 8 * (len(parts) + 1)
    for p in parts:
        offsets.append(at)
        at += len(p)
    head = len(parts).to_bytes(8, "little") + b"".join(o.to_bytes(8, "little") for o in offsets)
    return head + b"".join(parts)


def test_template_and_theme_arguments_are_refused():
    """Voila's template and theme choices are refused; the join code passes."""
    assert refused_arguments(["code", "template", "theme"]) == ["template", "theme"]
    assert refused_arguments(["code", "view", "session", "token"]) == []


def test_a_page_may_not_ask_for_a_shutdown():
    """Widget messages are allowed from a page; a shutdown (answered by a restart) is not."""
    assert "comm_msg" in ALLOWED_FROM_PAGE
    assert "shutdown_request" not in ALLOWED_FROM_PAGE
    assert "execute_request" not in ALLOWED_FROM_PAGE


def test_stderr_and_errors_are_held_back_in_both_protocols():
    """stderr output and error messages are held back, as binary v1 frames or JSON text;
    stdout, status and widget messages pass."""
    stderr = ({"msg_type": "stream"}, {"name": "stderr", "text": "/home/x/file.py"})
    stdout = ({"msg_type": "stream"}, {"name": "stdout", "text": "hello"})
    error = ({"msg_type": "error"}, {"ename": "E", "traceback": ["..."]})
    comm = ({"msg_type": "comm_msg"}, {"comm_id": "c", "data": {}})
    for header, content in (stderr, error):
        assert hidden_from_page(_v1(header, content))
        assert hidden_from_page(json.dumps({"header": header, "content": content}), v1=False)
        assert hidden_from_page({"header": header, "content": content})
    for header, content in (stdout, comm):
        assert not hidden_from_page(_v1(header, content))
        assert not hidden_from_page(json.dumps({"header": header, "content": content}), v1=False)


def test_legacy_binary_frames_pass_and_unreadable_v1_frames_do_not():
    """In the legacy protocol a binary frame is a widget message with buffers: it passes.
    A v1 frame that cannot be read is held back."""
    assert not hidden_from_page(b"\x00\x01binary-widget-buffers", v1=False)
    assert hidden_from_page(b"\x02", v1=True)
