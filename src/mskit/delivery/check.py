"""The pre-delivery check: everything a trainer must do or should check before a session.

:func:`check_delivery` returns a :class:`~mskit.delivery.findings.DeliveryCheck`:

- ``must``: the content does not validate; the local contacts file is missing, invalid,
  still the template, or does not say when it was checked.
- ``should``: items the content marks "check before delivery" (and figures marked
  ``verified: false``), contacts checked more than six months ago, local contacts left
  blank, statistics older than the newest year likely to be out.
- ``info``: when the contacts were checked and the statistics' latest year per measure.

``today`` can be given, so tests (and ``--today``) do not depend on the clock.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..content import Kit, load_kit, validate
from ..content.contacts import ContactsFileError, load_contacts
from ..content.loader import LoadedFile, load_file
from ..content.models import LocalContactsFile, Statistic
from ..guide import NATIONAL_LINES
from .findings import SEVERITIES, DeliveryCheck, Finding
from .markers import figures, file_markers, notebook_markers, source_labels
from .usage import build_usage, notebook_cells

CONTACTS_MAX_AGE_DAYS = 183
"""Contacts checked longer ago than this (about six months) should be checked again."""

USED_IN = (
    "the participant take-away (mskit paper takeaway)",
    "the workbook's where_to_get_help and what_should_i_do (the kit's own contacts file)",
)
MEASURE_NAMES = {
    "nrm_referrals": "NRM referrals",
    "nrm_referrals_children": "NRM referrals of children",
    "nrm_referrals_adults": "NRM referrals of adults",
    "duty_to_notify_reports": "Duty to Notify reports",
    "exploitation_type": "exploitation types",
    "prevalence_estimate": "prevalence estimates",
}


def _line(f: LoadedFile, *loc: str | int) -> str:
    doc = f.document
    return f"{f.display}:{doc.line_of(loc)} {doc.field_path(loc)}" if doc else f.display


def contacts_findings(
    file: LoadedFile | None, model: LocalContactsFile | None, today: date
) -> Iterator[Finding]:
    """Findings about the local contacts file (``file`` gives lines, ``model`` content)."""
    if file is None or model is None:
        yield Finding(
            "contacts",
            "must",
            "There is no local contacts file: copy catalogue/local-contacts.yaml for the "
            "borough, fill it in and pass it with --contacts FILE.",
        )
        return
    used = USED_IN
    if model.template:
        yield Finding(
            "contacts",
            "must",
            "The local contacts file is still the template: fill in the borough's own "
            "numbers, then set template: false, borough and checked_on.",
            _line(file, "template"),
            used_in=used,
        )
        return
    if model.checked_on is None:
        yield Finding(
            "contacts",
            "must",
            "The contacts file does not say when its numbers were checked: check each one "
            "and set checked_on: YYYY-MM-DD.",
            _line(file, "checked_on") if "checked_on" in (file.data or {}) else file.display,
            used_in=used,
        )
    else:
        age = (today - model.checked_on).days
        where = _line(file, "checked_on")
        if age < 0:
            yield Finding(
                "contacts",
                "should",
                f"checked_on ({model.checked_on}) is in the future: correct the date.",
                where,
                used_in=used,
            )
        elif age > CONTACTS_MAX_AGE_DAYS:
            yield Finding(
                "contacts",
                "should",
                f"The contacts were last checked on {model.checked_on}, {age} days ago (more "
                "than six months): check every number again and update checked_on.",
                where,
                used_in=used,
            )
        else:
            yield Finding(
                "contacts",
                "info",
                f"Local contacts for {model.borough or 'the borough'}, checked on "
                f"{model.checked_on} ({age} days ago).",
                where,
                used_in=used,
            )
    for i, c in enumerate(model.contacts):
        if c.id not in NATIONAL_LINES and not (c.phone or c.email):
            yield Finding(
                "contacts",
                "should",
                f"{c.role}: no phone number or email; the take-away prints a blank line.",
                _line(file, "contacts", i),
                used_in=used,
            )


def expected_latest_year(today: date) -> int:
    """The newest whole year whose NRM figures are likely to be out by ``today``.

    The kit's newest figures came out in the February or March after the year they
    cover (the 2024 annex on 6 March 2025, the 2025 annex on 19 February 2026), so from
    April a year's figures are expected.
    """
    return today.year - 1 if today.month >= 4 else today.year - 2


def statistics_findings(kit: Kit, files: list[LoadedFile], today: date) -> Iterator[Finding]:
    """The latest year of each measure, and whether a newer NRM year is probably out."""
    stats = next((f for f in files if f.kind == "statistics" and f.model is not None), None)
    if stats is None:
        yield Finding("statistics", "should", "The kit has no statistics file.")
        return
    rows = [(i, r) for i, r in enumerate(stats.model.rows) if r.period is None]
    latest: dict[str, tuple[int, Statistic]] = {}
    for i, r in rows:
        if r.measure not in latest or r.year > latest[r.measure][1].year:
            latest[r.measure] = (i, r)
    parts = [
        f"{MEASURE_NAMES.get(m, m)} {r.year}" + ("" if r.verified else " (unverified)")
        for m, (_, r) in sorted(latest.items(), key=lambda kv: -kv[1][1].year)
    ]
    yield Finding(
        "statistics",
        "info",
        "Latest year in the statistics file: " + "; ".join(parts) + ".",
        stats.display,
    )
    if "nrm_referrals" not in latest:
        return
    i, row = latest["nrm_referrals"]
    expected = expected_latest_year(today)
    if row.year < expected:
        yield Finding(
            "statistics",
            "should",
            f"The newest NRM referrals figure in the kit is for {row.year}; figures for "
            f"{expected} are probably published by now. Check gov.uk and add a row (with its "
            "source) to catalogue/statistics.yaml.",
            _line(stats, "rows", i),
            source_labels(kit, [row.source]),
        )


def _contacts(
    kit: Kit, contacts: str | os.PathLike[str] | None
) -> tuple[LoadedFile | None, LocalContactsFile | None, list[Finding]]:
    if contacts is None:
        loaded = next((f for f in kit.files if f.kind == "local_contacts"), None)
        model = loaded.model if loaded is not None else None
        return loaded, model if isinstance(model, LocalContactsFile) else None, []
    path = Path(contacts).expanduser()
    try:
        model = load_contacts(path, kit.root)
    except ContactsFileError as exc:
        return (
            None,
            None,
            [
                Finding("contacts", "must", p.message, f"{p.file}:{p.line} {p.field}")
                for p in exc.details
            ],
        )
    return load_file(path, str(path)), model, []


KIND_ORDER = ("content", "contacts", "statistics", "marker", "unverified-figure")


def _order(f: Finding) -> tuple[int, int, bool]:
    """Most pressing first; within a severity, contacts and statistics before markers, and
    the sources file's notes (URLs to complete) last."""
    return (
        SEVERITIES.index(f.severity),
        KIND_ORDER.index(f.kind),
        "catalogue/sources" in f.where.split(":", 1)[0],  # under any kit folder
    )


def check_delivery(
    kit: Kit | None = None,
    contacts: str | os.PathLike[str] | None = None,
    today: date | None = None,
) -> DeliveryCheck:
    """Check ``kit`` (default: the kit's own content) and a borough's ``contacts`` file
    (default: the kit's catalogue/local-contacts.yaml) for delivery on ``today``."""
    kit = kit if kit is not None else load_kit()
    today = today or date.today()
    files = kit.files
    cells = notebook_cells(kit.root)
    usage = build_usage(kit, files, cells)
    found: list[Finding] = [
        Finding("content", "must", f"mskit validate: {p.message}", f"{p.file}:{p.line} {p.field}")
        for p in validate(root=kit.root)
        if p.severity == "error"
    ]
    loaded, model, problems = _contacts(kit, contacts)
    found += problems or list(contacts_findings(loaded, model, today))
    found += statistics_findings(kit, files, today)
    found += file_markers(kit, files, usage)
    found += figures(kit, files, usage)
    found += notebook_markers(kit, cells, usage)
    found.sort(key=_order)
    return DeliveryCheck(today=today, findings=tuple(found))
