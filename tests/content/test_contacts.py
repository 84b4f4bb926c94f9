"""A borough's contacts file read on its own: valid files load, bad ones say where and why."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mskit.content.contacts import ContactsFileError, load_contacts

CONTACTS = Path(__file__).parent / "contacts"


def test_filled_contacts_file_loads_with_its_date():
    """A filled-in file loads, with checked_on read as a date."""
    contacts = load_contacts(CONTACTS / "filled.yaml")
    assert not contacts.template and contacts.borough == "Exampleton"
    assert contacts.checked_on == date(2026, 10, 1)


def test_checked_on_accepts_a_quoted_date_too(tmp_path):
    """checked_on may be written with or without quotes; both are the same date."""
    text = (
        (CONTACTS / "filled.yaml")
        .read_text()
        .replace("checked_on: 2026-10-01", 'checked_on: "2026-10-01"')
    )
    (tmp_path / "quoted.yaml").write_text(text)
    assert load_contacts(tmp_path / "quoted.yaml").checked_on == date(2026, 10, 1)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("bad-date.yaml", "bad-date.yaml:8: checked_on: expected a date as YYYY-MM-DD, got 'March 2026'"),
        ("no-borough.yaml", "no-borough.yaml:7: borough: expected the borough's name once template is false"),
        ("not-contacts.yaml", "not-contacts.yaml:2: kind: expected kind: local_contacts, got 'sources'"),
        ("no-such-file.yaml", "no-such-file.yaml:1: (file): no such file"),
    ],
)  # fmt: skip
def test_bad_contacts_file_names_file_line_and_field(name, expected):
    """A bad contacts file raises one line per problem: file, line, field, what was expected."""
    with pytest.raises(ContactsFileError) as info:
        load_contacts(CONTACTS / name)
    assert any(line.endswith(expected) or expected in line for line in info.value.problems), (
        info.value.problems
    )


def test_a_blank_local_number_is_not_an_error():
    """A local contact left blank is a warning for the check, not a reason to refuse the file."""
    contacts = load_contacts(CONTACTS / "one-local-blank.yaml")
    spoc = next(c for c in contacts.contacts if c.id == "council-ms-spoc")
    assert spoc.phone is None and spoc.email is None
