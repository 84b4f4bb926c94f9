"""The participant take-away: one printed A4 page to keep after the session.

It holds a short set of signs (from the catalogue's indicators), the what-to-do flow and
the things not to do (from the catalogue's actions), the national lines and the borough's
own numbers, both from the local contacts file. Nothing on it is typed here: every sign,
step and number comes from the kit's data, and a local number that is not filled in is
printed as a blank to write in, never guessed.

Which signs and steps appear is decided in one place, the tuples below; a test checks
that each id exists in the shipped catalogue.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..content import Kit
from ..content.models import Contact, LocalContactsFile
from ..guide import NATIONAL_LINES
from ..render import render
from ..render.output import ExportError, slug, writable_dir
from ..render.pdf import html_to_pdf

TAKEAWAY_SIGNS: tuple[str, ...] = (
    "untreated-injuries",
    "malnourished-unkempt",
    "fearful-withdrawn",
    "fear-of-authorities",
    "someone-speaks-for-them",
    "isolated",
    "no-id-documents",
    "restricted-movement",
    "poor-living-conditions",
    "unusual-travel-times",
    "excessive-hours",
    "little-or-no-pay",
    "debt-bondage",
    "job-not-as-promised",
)
"""Indicator ids shown as the main signs, in this order (grouped by their group)."""

TAKEAWAY_STEPS: tuple[str, ...] = (
    "call-999",
    "speak-alone",
    "tell-safeguarding-lead",
    "refer-child-social-care",
    "refer-to-first-responder",
    "explain-nrm-and-consent",
    "record-details",
    "call-helpline",
)
"""Action ids of the what-to-do flow, in order; each shows its ``when`` and its text."""

TAKEAWAY_DONTS: tuple[str, ...] = (
    "confront-exploiter",
    "companion-as-interpreter",
    "wait-for-proof",
    "promise-cannot-keep",
)
"""Action ids rated harmful, shown as "Do not"."""

GROUP_LABELS = {
    "physical": "How they look",
    "psychological": "How they seem",
    "situational": "Their situation",
    "work_related": "Their work",
    "children": "Children",
    "health_setting": "In health settings",
}
NOT_FILLED = "Not filled in yet: ask your safeguarding lead for this number."
_SOURCE_ID = re.compile(r"\bS[0-9]+\b")


class TakeawayError(Exception):
    """The take-away cannot be made from this kit (a sign or step id it names is missing)."""


@dataclass(frozen=True)
class SignGroup:
    label: str
    signs: tuple[str, ...]


@dataclass(frozen=True)
class FlowStep:
    when: str
    text: str


@dataclass(frozen=True)
class ContactRow:
    role: str
    organisation: str | None
    phone: str | None
    email: str | None
    hours: str | None

    @property
    def filled(self) -> bool:
        return bool(self.phone or self.email)


@dataclass(frozen=True)
class Takeaway:
    """Everything the page shows, already chosen from the kit's data."""

    borough: str | None
    template: bool
    checked_on: date | None
    caution: str
    signs: tuple[SignGroup, ...]
    steps: tuple[FlowStep, ...]
    donts: tuple[str, ...]
    national: tuple[ContactRow, ...]
    local: tuple[ContactRow, ...]
    sources: tuple[tuple[str, str], ...]


def _missing(kind: str, ids: Iterable[str], known: dict) -> list[str]:
    missing = [i for i in ids if i not in known]
    return [f"the take-away names {kind} {i!r}, which the catalogue does not have" for i in missing]


def _row(c: Contact) -> ContactRow:
    return ContactRow(c.role, c.organisation, c.phone, c.email, c.hours)


def takeaway_data(kit: Kit, contacts: LocalContactsFile | None = None) -> Takeaway:
    """The take-away's content from ``kit`` and a borough's ``contacts`` (default: the
    kit's own contacts file). National lines missing from ``contacts`` are taken from the
    kit's file; a national line in neither is left out, never made up."""
    problems = (
        _missing("indicator", TAKEAWAY_SIGNS, kit.indicators)
        + _missing("action", TAKEAWAY_STEPS, kit.actions)
        + _missing("action", TAKEAWAY_DONTS, kit.actions)
    )
    if problems:
        raise TakeawayError("; ".join(problems) + " (see TAKEAWAY_* in mskit/paper/takeaway.py)")
    contacts = contacts if contacts is not None else kit.local_contacts
    groups: dict[str, list[str]] = {}
    for i in TAKEAWAY_SIGNS:
        ind = kit.indicators[i]
        groups.setdefault(ind.group, []).append(ind.text)
    steps = [kit.actions[a] for a in TAKEAWAY_STEPS]
    donts = [kit.actions[a] for a in TAKEAWAY_DONTS]
    own = {c.id: c for c in contacts.contacts} if contacts is not None else {}
    shipped = {c.id: c for c in kit.local_contacts.contacts} if kit.local_contacts else {}
    national = [own.get(i) or shipped.get(i) for i in NATIONAL_LINES]
    national_rows = tuple(_row(c) for c in national if c is not None and (c.phone or c.email))
    local = [c for c in own.values() if c.id not in NATIONAL_LINES]
    template = contacts is None or contacts.template
    source_ids = {
        *(s for i in TAKEAWAY_SIGNS for s in kit.indicators[i].sources),
        *(s for a in (*steps, *donts) for s in a.sources),
        *_SOURCE_ID.findall(" ".join(c.notes or "" for c in national if c is not None)),
    }
    return Takeaway(
        borough=None if contacts is None or contacts.template else contacts.borough,
        template=template,
        checked_on=None if contacts is None else contacts.checked_on,
        caution=kit.indicator_caution,
        signs=tuple(SignGroup(GROUP_LABELS.get(g, g), tuple(s)) for g, s in groups.items()),
        steps=tuple(FlowStep(a.when or "", a.text) for a in steps),
        donts=tuple(a.text for a in donts),
        national=national_rows,
        local=tuple(
            ContactRow(c.role, None, None, None, None) if template else _row(c) for c in local
        ),
        sources=tuple(
            (s, kit.sources[s].publisher if s in kit.sources else s)
            for s in sorted(source_ids, key=lambda x: int(x[1:]))
        ),
    )


def takeaway_html(kit: Kit, contacts: LocalContactsFile | None = None) -> str:
    """The take-away as a complete offline HTML page, laid out for one A4 page."""
    data = takeaway_data(kit, contacts)
    return render("paper/takeaway.html.j2", t=data, not_filled=NOT_FILLED)


def takeaway_name(contacts: LocalContactsFile | None) -> str:
    """``takeaway`` or ``takeaway-<borough>`` (letters, digits and dashes only)."""
    borough = contacts.borough if contacts is not None and not contacts.template else None
    return f"takeaway-{slug(borough)}" if borough else "takeaway"


def pdf_pages(path: str | os.PathLike[str]) -> int:
    """How many pages a PDF that Chromium wrote has (counted from its page objects)."""
    data = Path(path).read_bytes()
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def write_takeaway(
    kit: Kit,
    out_dir: str | os.PathLike[str],
    contacts: LocalContactsFile | None = None,
    formats: tuple[str, ...] | list[str] = ("html", "pdf"),
) -> list[Path]:
    """Write ``takeaway[-borough].html`` and/or ``.pdf`` into ``out_dir``; the paths.

    Raises :class:`~mskit.render.output.ExportError` when the PDF would not fit on one
    page (then the contacts file holds too much text for the page).
    """
    unknown = [f for f in formats if f not in ("html", "pdf")]
    if unknown:
        raise ExportError(f"Unknown take-away format {unknown[0]!r}; choose html or pdf.")
    folder = writable_dir(Path(out_dir).expanduser())
    html = takeaway_html(kit, contacts)
    name = takeaway_name(contacts)
    written = []
    if "html" in formats:
        p = folder / f"{name}.html"
        p.write_text(html, encoding="utf-8")
        written.append(p)
    if "pdf" in formats:
        pdf = html_to_pdf([(html, folder / f"{name}.pdf")])[0]
        pages = pdf_pages(pdf)
        if pages != 1:
            raise ExportError(
                f"The take-away runs to {pages} pages instead of one: shorten the roles and "
                f"hours in the contacts file ({pdf} was written anyway)."
            )
        written.append(pdf)
    return written
