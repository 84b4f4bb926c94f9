"""The participant take-away: signs, the flow and numbers from the kit's data, on one A4 page."""

from __future__ import annotations

import html as h
import re
from pathlib import Path

import pytest

from mskit.cli import main
from mskit.content import load_kit
from mskit.content.contacts import load_contacts
from mskit.guide import NATIONAL_LINES
from mskit.paper import TakeawayError, takeaway_data, takeaway_html, write_takeaway
from mskit.paper.takeaway import (
    NOT_FILLED,
    TAKEAWAY_DONTS,
    TAKEAWAY_SIGNS,
    TAKEAWAY_STEPS,
    pdf_pages,
)
from mskit.render.pdf import find_chromium

KIT = load_kit()
CONTACTS = Path(__file__).parents[1] / "content" / "contacts"
needs_chromium = pytest.mark.skipif(
    find_chromium() is None, reason="PDF needs Chromium (/usr/bin/chromium); not installed"
)


def _text(page: str) -> str:
    return re.sub(r"\s+", " ", h.unescape(re.sub(r"<[^>]+>", " ", page)))


def _phones(page: str) -> set[str]:
    """Every phone-number-like run of digits on the page."""
    return {re.sub(r"\s+", " ", m).strip() for m in re.findall(r"\b0\d[\d ]{5,}\d\b|\b999\b|\b101\b", page)}  # fmt: skip


def test_every_sign_and_step_named_is_in_the_catalogue():
    """The fixed lists of signs and steps name only ids the shipped catalogue holds."""
    assert set(TAKEAWAY_SIGNS) <= set(KIT.indicators)
    assert set(TAKEAWAY_STEPS) | set(TAKEAWAY_DONTS) <= set(KIT.actions)
    assert {KIT.actions[a].rating for a in TAKEAWAY_DONTS} == {"harmful"}
    assert "harmful" not in {KIT.actions[a].rating for a in TAKEAWAY_STEPS}


def test_signs_steps_and_caution_come_from_the_catalogue():
    """The page shows each chosen indicator's and action's own text, and the caution."""
    text = _text(takeaway_html(KIT))
    for i in TAKEAWAY_SIGNS:
        assert re.sub(r"\s+", " ", KIT.indicators[i].text) in text
    for a in (*TAKEAWAY_STEPS, *TAKEAWAY_DONTS):
        assert re.sub(r"\s+", " ", KIT.actions[a].text) in text
    assert re.sub(r"\s+", " ", KIT.indicator_caution) in text
    assert text.index(KIT.actions["call-999"].text) < text.index(KIT.actions["call-helpline"].text)


def test_an_id_missing_from_the_catalogue_is_a_clear_error():
    """A kit without one of the chosen signs gets a message naming it, not a KeyError."""
    kit = load_kit()
    del kit.indicators[TAKEAWAY_SIGNS[0]]
    with pytest.raises(TakeawayError, match=TAKEAWAY_SIGNS[0]):
        takeaway_data(kit)


def test_template_contacts_give_national_lines_and_clear_blanks():
    """With the template, national lines are printed and every local number is a blank."""
    data = takeaway_data(KIT, load_contacts(CONTACTS / "template.yaml"))
    assert data.template and data.borough is None
    assert [c.phone for c in data.national] == [
        c.phone for i in NATIONAL_LINES for c in KIT.local_contacts.contacts if c.id == i
    ]
    assert data.local and not any(c.filled for c in data.local)
    text = _text(takeaway_html(KIT, load_contacts(CONTACTS / "template.yaml")))
    assert "Local numbers are not filled in yet: ask your safeguarding lead" in text
    assert "Borough:" in text


def test_no_number_on_the_page_is_made_up():
    """Every phone number printed is in the contacts file or in an action's own text."""
    contacts = load_contacts(CONTACTS / "filled.yaml")
    page = takeaway_html(KIT, contacts)
    known = {c.phone for c in contacts.contacts if c.phone}
    known |= {p for a in (*TAKEAWAY_STEPS, *TAKEAWAY_DONTS) for p in _phones(KIT.actions[a].text)}
    assert _phones(page) <= known, _phones(page) - known
    assert "01632 960002" in page and "modernslavery@exampleton.example" in page


def test_filled_contacts_show_the_borough_and_the_check_date():
    """A filled-in file puts the borough in the heading and the date it was checked."""
    text = _text(takeaway_html(KIT, load_contacts(CONTACTS / "filled.yaml")))
    assert "Local numbers for Exampleton" in text
    assert "Numbers checked on 1 October 2026" in text
    assert "not filled in yet" not in text


def test_a_blank_local_number_in_a_filled_file_says_who_to_ask():
    """One blank local contact in a filled-in file is a line to write on, with who to ask."""
    text = _text(takeaway_html(KIT, load_contacts(CONTACTS / "one-local-blank.yaml")))
    assert text.count(NOT_FILLED) == 1
    assert "Local numbers are not filled in yet" not in text


def test_contacts_text_is_escaped():
    """Markup in a contacts file is shown as text: no tag from it reaches the page."""
    page = takeaway_html(KIT, load_contacts(CONTACTS / "markup-in-fields.yaml"))
    for raw in ("<script>", "<img src=x", "<a href='javascript", "<b>& Partners"):
        assert raw not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page


@needs_chromium
@pytest.mark.parametrize("name", ["template.yaml", "filled.yaml", "markup-in-fields.yaml"])
def test_takeaway_pdf_is_exactly_one_a4_page(tmp_path, name):
    """The PDF take-away is one A4 page, whether or not the borough filled in its numbers."""
    from pypdf import PdfReader

    contacts = load_contacts(CONTACTS / name)
    paths = write_takeaway(KIT, tmp_path, contacts)
    pdf = next(p for p in paths if p.suffix == ".pdf")
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1 == pdf_pages(pdf)
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)


@needs_chromium
def test_takeaway_that_would_overflow_is_refused(tmp_path):
    """Contacts too long for one page give a clear message instead of a two-page take-away."""
    from mskit.export.errors import ExportError

    text = (CONTACTS / "filled.yaml").read_text()
    long_role = "Adult safeguarding team " + "with a very long description " * 40
    text = text.replace(
        "role: Adult safeguarding team (to raise a safeguarding concern about an adult)",
        f"role: {long_role}",
    )
    (tmp_path / "long.yaml").write_text(text)
    with pytest.raises(ExportError, match="instead of one"):
        write_takeaway(KIT, tmp_path / "out", load_contacts(tmp_path / "long.yaml"), ["pdf"])


def test_cli_writes_the_takeaway_for_a_borough(tmp_path, capsys):
    """`mskit paper takeaway --contacts FILE --format html` writes the borough's page."""
    code = main(["paper", "takeaway", "--contacts", str(CONTACTS / "filled.yaml"),
                 "--out", str(tmp_path), "--format", "html"])  # fmt: skip
    assert code == 0
    written = tmp_path / "takeaway-exampleton.html"
    assert capsys.readouterr().out.strip() == str(written)
    assert "01632 960001" in written.read_text()


def test_cli_with_the_template_says_the_local_numbers_are_blank(tmp_path, capsys):
    """Without a borough's file the command still works and says the numbers are blank."""
    assert main(["paper", "takeaway", "--out", str(tmp_path), "--format", "html"]) == 0
    assert "still the template" in capsys.readouterr().err
    assert (tmp_path / "takeaway.html").is_file()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--contacts", str(CONTACTS / "bad-date.yaml")], 1, "bad-date.yaml:8: checked_on: expected a date"),
        (["--contacts", str(CONTACTS / "not-contacts.yaml")], 1, "expected kind: local_contacts"),
        (["--contacts", str(CONTACTS / "missing.yaml")], 2, "missing.yaml: no such file"),
        (["--format", "docx"], 1, "Unknown take-away format 'docx'"),
    ],
)  # fmt: skip
def test_cli_refuses_bad_input_with_a_message(tmp_path, capsys, args, code, message):
    """A bad contacts file or format gives one clear message and a non-zero exit, no file."""
    assert main(["paper", "takeaway", "--out", str(tmp_path), *args]) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not list(tmp_path.glob("takeaway*"))
