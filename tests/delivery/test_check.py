"""The pre-delivery check: contacts, statistics and every item marked to check, with exit codes."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from mskit.cli import main
from mskit.content import load_kit
from mskit.delivery import (
    CONTACTS_MAX_AGE_DAYS,
    check_delivery,
    delivery_check,
    expected_latest_year,
    format_text,
)
from mskit.delivery.markers import marked_sentences

HERE = Path(__file__).parent
PLANTED = HERE / "fixtures" / "kit-with-planted-markers"
CONTACTS = HERE.parent / "content" / "contacts"
TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def planted():
    """The check of the small kit whose markers were planted, with its template contacts."""
    return check_delivery(load_kit(PLANTED), today=TODAY)


def _one(check, needle: str):
    found = [f for f in check.findings if needle in f.text]
    assert len(found) == 1, [f.text for f in check.findings]
    return found[0]


def test_marker_in_a_question_has_its_source_place_and_programme_item(planted):
    """A question's "check before delivery" note is found with its sources and its use."""
    f = _one(planted, "PLANTED-QUESTION")
    assert (f.kind, f.severity) == ("marker", "should")
    assert f.where.endswith("exercises/planted-quiz.yaml:23 questions[0].facilitator_notes")
    assert f.sources == ("S36: College of Policing, APP First response and the National "
                         "Referral Mechanism",)  # fmt: skip
    assert f.used_in == ("planted-programme: The quiz",)


def test_marker_in_a_programme_item_names_the_item_and_its_notebook(planted):
    """An UNVERIFIED note on a programme item is found, used in that item and its notebook."""
    f = _one(planted, "UNVERIFIED")
    assert "programmes/planted-programme.yaml:19 items[1].facilitator_notes" in f.where
    assert f.used_in == ("planted-programme: The talk", "notebooks/planted.ipynb")


def test_marker_in_a_notebook_cell_is_found_with_the_ids_it_names(planted):
    """A notebook's Markdown marker is found by cell, with the source ids it names."""
    f = _one(planted, "PLANTED-NOTEBOOK")
    assert f.where == "notebooks/planted.ipynb: cell 2"
    assert f.sources[0].startswith("S1: legislation.gov.uk")
    assert "**" not in f.text


def test_source_note_and_unverified_figure_are_listed(planted):
    """A source's note to complete and a statistic with verified: false are both listed."""
    note = _one(planted, "URL to complete before delivery")
    assert note.sources[0].startswith("S36:") and "planted-quiz.yaml" in note.used_in[0]
    figure = _one(planted, "PLANTED-FIGURE")
    assert figure.kind == "unverified-figure" and "(verified: false)" in figure.text
    assert figure.used_in[0] == "not drawn in any chart"


def test_unmarked_text_is_not_listed(planted):
    """Text without a marker (the notebook's first cell, the item's other sentence) stays out."""
    texts = " ".join(f.text for f in planted.findings)
    assert "Nothing to check here" not in texts and "PLANTED-ITEM" not in texts


def test_template_contacts_must_be_filled_in(planted):
    """The template contacts file is a 'must': the kit is not ready for delivery."""
    assert not planted.ready
    (must,) = planted.must
    assert must.kind == "contacts" and "still the template" in must.text
    assert must.where.endswith("catalogue/local-contacts.yaml:12 template")


def test_statistics_latest_year_is_reported_and_an_old_one_flagged(planted):
    """The latest year per measure is listed; NRM figures older than expected are flagged."""
    info = [f for f in planted.of("info") if f.kind == "statistics"]
    assert "NRM referrals 2023" in info[0].text
    stale = [f for f in planted.should if f.kind == "statistics"]
    assert stale and "for 2023" in stale[0].text and "2025" in stale[0].text


@pytest.mark.parametrize(
    ("today", "year"),
    [(date(2026, 3, 31), 2024), (date(2026, 4, 1), 2025), (date(2026, 12, 31), 2025)],
)
def test_expected_latest_year_turns_over_in_april(today, year):
    """A year's NRM figures are expected from the April after it."""
    assert expected_latest_year(today) == year


def test_current_statistics_are_not_flagged():
    """With the 2023 figures in March 2025 nothing about the statistics is to check."""
    check = check_delivery(load_kit(PLANTED), today=date(2025, 3, 1))
    assert not [f for f in check.should if f.kind == "statistics"]


def _contacts(name: str, today: date = TODAY):
    check = check_delivery(load_kit(PLANTED), CONTACTS / name, today)
    return check, [f for f in check.findings if f.kind == "contacts"]


def test_filled_contacts_checked_recently_need_nothing():
    """A filled-in file checked two months ago is only reported for information."""
    check, found = _contacts("filled.yaml")
    assert check.ready
    assert [f.severity for f in found] == ["info"]
    assert "Exampleton, checked on 2026-10-01 (61 days ago)" in found[0].text


def test_contacts_checked_more_than_six_months_ago_are_flagged():
    """checked_on older than six months is a 'should', with the age in days."""
    check, found = _contacts("checked-long-ago.yaml")
    assert check.ready
    (old,) = found
    assert old.severity == "should" and "685 days ago" in old.text
    assert old.where.endswith("checked-long-ago.yaml:8 checked_on")


def test_six_months_is_the_boundary():
    """Exactly CONTACTS_MAX_AGE_DAYS old is fine; one day more is flagged."""
    checked = date(2026, 10, 1)
    from datetime import timedelta

    _, ok = _contacts("filled.yaml", checked + timedelta(days=CONTACTS_MAX_AGE_DAYS))
    _, late = _contacts("filled.yaml", checked + timedelta(days=CONTACTS_MAX_AGE_DAYS + 1))
    assert [f.severity for f in ok] == ["info"] and [f.severity for f in late] == ["should"]


def test_checked_on_in_the_future_is_flagged():
    """A check date after today is a mistake to correct."""
    _, found = _contacts("filled.yaml", date(2026, 9, 1))
    assert [f.severity for f in found] == ["should"] and "in the future" in found[0].text


def test_a_blank_local_contact_is_flagged():
    """A local contact with no number or email is named, with its line."""
    _, found = _contacts("one-local-blank.yaml")
    blank = [f for f in found if "no phone number or email" in f.text]
    assert len(blank) == 1 and blank[0].text.startswith("Council modern slavery single point")
    assert blank[0].where.endswith("one-local-blank.yaml:35 contacts[3]")


def test_missing_checked_on_must_be_filled(tmp_path):
    """A filled-in file that does not say when it was checked is a 'must'."""
    text = (CONTACTS / "filled.yaml").read_text().replace("checked_on: 2026-10-01\n", "")
    (tmp_path / "undated.yaml").write_text(text)
    check = check_delivery(load_kit(PLANTED), tmp_path / "undated.yaml", TODAY)
    assert not check.ready and "set checked_on" in check.must[0].text


def test_invalid_contacts_file_is_a_must_with_file_line_and_field():
    """A contacts file that does not validate is reported where it is wrong."""
    check, found = _contacts("bad-date.yaml")
    assert not check.ready
    assert [(f.severity, f.where.endswith("bad-date.yaml:8 checked_on")) for f in found] == [
        ("must", True)
    ]


def test_content_that_does_not_validate_is_a_must(tmp_path):
    """A kit whose content has errors is not ready; each error is listed."""
    kit_dir = tmp_path / "kit"
    shutil.copytree(PLANTED, kit_dir)
    quiz = kit_dir / "exercises" / "planted-quiz.yaml"
    quiz.write_text(quiz.read_text().replace("sources: [S36]", "sources: [S999]"))
    check = check_delivery(load_kit(kit_dir), CONTACTS / "filled.yaml", TODAY)
    content = [f for f in check.must if f.kind == "content"]
    assert content and "unknown source 'S999'" in content[0].text


def test_marked_sentences_keep_only_the_marked_ones():
    """Only the sentences carrying a marker are kept, whitespace folded."""
    text = "First sentence.  Check the list\n before delivery. Last one."
    assert marked_sentences(text) == "Check the list before delivery."
    assert marked_sentences("Nothing here.") == ""
    assert marked_sentences("This is unverified: ask.") == "This is unverified: ask."


def test_notebook_report_escapes_marked_text(tmp_path):
    """The notebook's HTML shows marked text as text, never as markup."""
    kit_dir = tmp_path / "kit"
    shutil.copytree(PLANTED, kit_dir)
    prog = kit_dir / "programmes" / "planted-programme.yaml"
    prog.write_text(prog.read_text().replace(
        "PLANTED-ITEM. This figure is UNVERIFIED.",
        "'<script>alert(1)</script> check before delivery.'",
    ))  # fmt: skip
    report = delivery_check(today=TODAY, kit=load_kit(kit_dir))
    page = report._repr_html_()
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Must do before delivery (1)" in page
    assert "Pre-delivery check for 2026-12-01" in str(report)


def test_text_report_lists_must_items_first():
    """The printed report starts with what must be done and ends with the summary line."""
    check = check_delivery(load_kit(PLANTED), today=TODAY)
    text = format_text(check)
    assert text.index("MUST DO BEFORE DELIVERY (1)") < text.index("CHECK BEFORE DELIVERY")
    assert text.rstrip().endswith("Not ready: do the 'must' items before the session.")


# --- the command ----------------------------------------------------------------------


@pytest.fixture
def planted_kit(monkeypatch):
    """Make the planted kit the kit's content for the command."""
    monkeypatch.setenv("MSKIT_CONTENT", str(PLANTED))


def test_cli_exits_1_while_the_contacts_are_the_template(planted_kit, capsys):
    """`mskit check-delivery` exits 1 and lists the planted markers while a must remains."""
    assert main(["check-delivery", "--today", "2026-12-01"]) == 1
    out = capsys.readouterr().out
    assert "PLANTED-QUESTION" in out and "PLANTED-NOTEBOOK" in out
    assert "still the template" in out


def test_cli_exits_0_with_a_filled_recent_contacts_file(planted_kit, capsys):
    """With the borough's filled-in, recent contacts nothing must be done: exit 0."""
    args = ["check-delivery", "--contacts", str(CONTACTS / "filled.yaml"), "--today", "2026-12-01"]
    assert main(args) == 0
    assert "0 must" in capsys.readouterr().out


def test_cli_old_contacts_warn_but_strict_fails(planted_kit, capsys):
    """Old contacts are a warning (exit 0); --strict makes any item to check fail (exit 1)."""
    args = ["check-delivery", "--contacts", str(CONTACTS / "checked-long-ago.yaml"),
            "--today", "2026-12-01"]  # fmt: skip
    assert main(args) == 0
    assert "more than six months" in capsys.readouterr().out
    assert main([*args, "--strict"]) == 1


def test_cli_json_holds_the_structured_findings(planted_kit, capsys):
    """--json prints every finding with kind, severity, text, where, sources and uses."""
    assert main(["check-delivery", "--json", "--today", "2026-12-01"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["today"] == "2026-12-01" and data["ready"] is False
    question = next(f for f in data["findings"] if "PLANTED-QUESTION" in f["text"])
    assert set(question) == {"kind", "severity", "text", "where", "sources", "used_in"}
    assert question["used_in"] == ["planted-programme: The quiz"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--today", "1 December"], "expected a date as YYYY-MM-DD"),
        (["--contacts", "no-such-contacts.yaml"], "no-such-contacts.yaml: no such file"),
    ],
)
def test_cli_usage_errors_exit_2(planted_kit, capsys, args, message):
    """A bad date or a missing contacts file is a usage error: exit 2 with a message."""
    assert main(["check-delivery", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_cli_bad_contacts_file_exits_1_with_its_line(planted_kit, capsys):
    """A contacts file that does not validate is reported with file and line: exit 1."""
    assert main(["check-delivery", "--contacts", str(CONTACTS / "bad-date.yaml")]) == 1
    assert "bad-date.yaml:8 checked_on" in capsys.readouterr().out


def test_shipped_kit_every_marked_file_is_listed(kit, kit_root):
    """Each shipped content file or notebook that says "before delivery" has a finding."""
    check = check_delivery(kit, today=TODAY)
    places = {f.where.split(":")[0] for f in check.findings}
    for folder in ("catalogue", "scenarios", "exercises", "programmes", "notebooks"):
        for path in (kit_root / folder).rglob("*"):
            if path.suffix not in (".yaml", ".ipynb") or path.name == "local-contacts.yaml":
                continue
            lines = [ln for ln in path.read_text().splitlines() if not ln.lstrip().startswith("#")]
            if "before delivery" in " ".join(lines).lower().replace("\\n", " "):
                rel = path.relative_to(kit_root).as_posix()
                assert any(p == rel or p.endswith(f"/{rel}") for p in places), path


def test_workbook_offers_the_check_in_one_call():
    """Trainer notebooks show the check with one call: wb.delivery_check()."""
    from mskit import workbook as wb

    assert wb.delivery_check is delivery_check
