"""The pre-delivery check shown: plain text for the command, HTML for a notebook."""

from __future__ import annotations

import os
import textwrap
from datetime import date

from ..content import Kit
from ..render import render
from .check import check_delivery
from .findings import KIND_LABELS, SEVERITIES, SEVERITY_LABELS, DeliveryCheck

WIDTH = 100
MAX_SOURCES = 4


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent) or [indent]


def format_text(check: DeliveryCheck, show_info: bool = True) -> str:
    """The findings as plain text, grouped by severity, one block per finding."""
    lines = [f"Pre-delivery check for {check.today.isoformat()}"]
    for severity in SEVERITIES:
        items = check.of(severity)
        if not items or (severity == "info" and not show_info):
            continue
        lines += ["", f"{SEVERITY_LABELS[severity].upper()} ({len(items)})"]
        for f in items:
            head = f"- [{KIND_LABELS[f.kind]}]" + (f" {f.where}" if f.where else "")
            lines.append(head)
            lines += _wrap(f.text, "    ")
            if f.sources:
                shown = "; ".join(f.sources[:MAX_SOURCES])
                if len(f.sources) > MAX_SOURCES:
                    shown += f"; and {len(f.sources) - MAX_SOURCES} more"
                lines += _wrap("source: " + shown, "    ")
            if f.used_in:
                lines += _wrap("used in: " + "; ".join(f.used_in), "    ")
    lines += ["", check.summary()]
    return "\n".join(lines)


def delivery_html(check: DeliveryCheck) -> str:
    """The findings as an HTML fragment (escaped by the template)."""
    groups = [(s, SEVERITY_LABELS[s], check.of(s)) for s in SEVERITIES]
    return render("delivery/check.html.j2", check=check, groups=groups, kinds=KIND_LABELS)


class DeliveryReport:
    """A pre-delivery check that shows itself as HTML in Jupyter; ``str()`` is the text."""

    def __init__(self, check: DeliveryCheck) -> None:
        self.check = check

    def _repr_html_(self) -> str:
        return delivery_html(self.check)

    def __str__(self) -> str:
        return format_text(self.check)


def delivery_check(
    contacts: str | os.PathLike[str] | None = None,
    today: date | None = None,
    kit: Kit | None = None,
) -> DeliveryReport:
    """The pre-delivery check for a notebook cell: ``wb.delivery_check()`` shows it.

    ``contacts`` is the borough's contacts file (default: the kit's own).
    """
    return DeliveryReport(check_delivery(kit, contacts, today))
