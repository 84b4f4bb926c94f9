"""Wording shared by the report and the debrief sheets: a long prompt shortened to its
opening and its question, and the first sentences of a rationale."""

from __future__ import annotations

import re

__all__ = ["brief", "short_prompt"]

_CITATION = re.compile(r"\s*\((?:S\d+[a-z]?(?:,\s*)?)+\)")


def brief(text: str, limit: int = 260) -> str:
    """The first sentences of ``text`` up to about ``limit`` characters, without the
    bracketed source numbers (the sources are listed apart)."""
    text = _CITATION.sub("", " ".join((text or "").split()))
    out = ""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if out and len(out) + len(sentence) > limit:
            break
        out = f"{out} {sentence}".strip()
    return out


def short_prompt(text: str, limit: int = 150) -> str:
    """A long prompt (a story, then the question) as its opening sentence and its question,
    for charts and tables; the handouts carry the prompt in full."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    sentences = re.split(r"(?<=[.!?])\s+", text)
    asks = [i for i, x in enumerate(sentences) if "?" in x]
    tail = " ".join(sentences[asks[-1] :]) if asks else ""
    head = sentences[0]
    if len(head) > 90:
        head = head[:88].rsplit(" ", 1)[0] + "…"
    if not tail or asks[-1] == 0:
        return text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return f"{head} … {tail}"
