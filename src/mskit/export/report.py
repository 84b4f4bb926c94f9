"""The session report as one offline HTML page, rendered from templates without a kernel:
a two-page summary (:mod:`.summary`), one page per group activity and the appendix
(:mod:`.pages`). Individual forms appear only in the evaluation parts of the summary,
never as group activities.
"""

from __future__ import annotations

import re
from typing import Any

from ..render import render
from .data import SessionData
from .pages import activity_pages, free_texts, mark_grids
from .summary import all_comments, build_summary

__all__ = ["offline_problems", "report_html", "session_report_html"]


def session_report_html(data: SessionData, kit: Any) -> str:
    """The session report of ``data`` as a complete HTML page."""
    summary = build_summary(data, kit)
    comments = all_comments(data, kit)
    return render(
        "report/session.html.j2",
        page_title=f"Session report: {data.name}",
        name=data.name,
        written=data.exported_at,
        summary=summary,
        pages=activity_pages(data, kit),
        grids=mark_grids(data, kit),
        free=free_texts(data, kit),
        comments=comments[len(summary.comments) :],
    )


def report_html(snapshot: dict[str, Any], kit: Any) -> str:
    """The session report as HTML, from a session snapshot (``store.export_session``)."""
    return session_report_html(SessionData.from_snapshot(snapshot, kit), kit)


_FETCHES = re.compile(
    r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)\s*=\s*[\"']?"
    r"((?:https?:)?//[^\"'\s>]+)|@import\s+(?:url\()?[\"']?((?:https?:)?//[^\"')\s]+)"
    r"|url\(\s*[\"']?((?:https?:)?//[^\"')\s]+)",
    re.I,
)


def offline_problems(html: str) -> list[str]:
    """Addresses the page would fetch from the network (empty for an offline page)."""
    return [next(g for g in m.groups() if g) for m in _FETCHES.finditer(html)]
