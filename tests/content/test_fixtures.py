"""Each malformed file gets its one clear line: file, line, field, what was expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from mskit.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
PROJECT = Path(__file__).resolve().parents[2]

# fixture file -> the problem line(s) expected after "tests/content/fixtures/<file>:"
EXPECTED: dict[str, list[str]] = {
    "empty.yaml": [
        "1: (file): empty file; expected a mapping starting with schema_version and kind"
    ],
    "not-yaml.yaml": [
        "5: (file): not valid YAML: while scanning a quoted scalar found unexpected end of stream"
    ],
    "yaml-list.yaml": ["1: (file): expected a mapping with schema_version and kind, got a list"],
    "binary-junk.yaml": ["1: (file): not UTF-8 text (byte 0x89); expected a YAML text file"],
    "wrong-type.yaml": [
        "20: duration_minutes: expected a valid integer, unable to parse string as an integer, "
        "got 'twenty'"
    ],
    "unknown-key.yaml": [
        "17: victim_name: unknown field 'victim_name'; expected one of: schema_version, kind, id, "
        "title, summary, content_note, fictional, exploitation_types, first_met_by, agencies, "
        "victim_age, learning_objectives, duration_minutes, stages, debrief, facilitator_notes, tags"
    ],
    "future-schema-version.yaml": [
        "4: schema_version: schema_version 2 is newer than this kit reads (1); "
        "update mskit to read this file"
    ],
    "missing-schema-version.yaml": ["1: schema_version: required; expected schema_version: 1"],
    "unknown-kind.yaml": [
        "5: kind: unknown kind 'casestudy'; expected one of: actions, agencies, exercise, "
        "exploitation_types, indicators, local_contacts, programme, scenario, sources, statistics"
    ],
    "bad-id.yaml": [
        "6: id: expected a lower-case id (letters, digits, '-', '_'), got 'Fixture Case'"
    ],
    "missing-answer-key.yaml": [
        "61: stages[1].questions[1].options: expected exactly one option with correct: true, "
        "found 0"
    ],
    "unknown-indicator.yaml": [
        "34: stages[0].questions[0].distractors[0]: unknown indicator 'looks-foreign'; "
        "expected an id from the catalogue"
    ],
    "unknown-source.yaml": [
        "57: stages[1].questions[0].sources[1]: unknown source 'S999'; "
        "expected an id from the catalogue"
    ],
    "unknown-agency.yaml": [
        "14: first_met_by: unknown agency 'fire-service'; expected an id from the catalogue"
    ],
    "duplicate-choice.yaml": [
        "65: stages[1].questions[1].options[1].id: duplicate option id 'any-worker'"
    ],
    "duplicate-question-id.yaml": [
        "58: stages[1].questions[1].id: duplicate question id 's1-signs'; "
        "already used at stages[0].questions[0]"
    ],
    "duplicate-key.yaml": [
        '8: (file): not valid YAML: while constructing a mapping found duplicate key "title" '
        'with value "Again" (original value: "New case study: replace this title")'
    ],
    "duplicate-id-across-files.yaml": [
        "6: id: id 'myth-or-fact' is also used by src/mskit/kit/exercises/myth-or-fact.yaml:"
    ],
    "stage-minutes-exceed-duration.yaml": [
        "20: duration_minutes: stages take 35 minutes but duration_minutes is 20"
    ],
    "one-stage-only.yaml": ["21: stages: expected at least 2 item(s), got 1"],
    "unknown-question-type.yaml": [
        "46: stages[1].questions[0]: unknown type 'essay'; expected one of: single_choice, "
        "multiple_choice, indicator_spotting, classification, action_plan, match, sort, "
        "free_text, rating, open_text"
    ],
    "essential-and-harmful.yaml": [
        "51: stages[1].questions[0].harmful[1]: 'speak-alone' is marked both essential and harmful"
    ],
    "order-rule-incomplete.yaml": [
        "53: stages[1].questions[0].order[0]: expected either first: ACTION, "
        "or both before: and after:"
    ],
    "no-disclosure-guidance.yaml": [
        "72: facilitator_notes: expected guidance on what to do if a participant discloses "
        "their own experience"
    ],
    "programme-times-dont-add-up.yaml": [
        "18: items[1].minutes: 10:00-10:40 is 40 minutes, not 45",
        "25: items[2].start: expected 10:40, the end of the item before",
    ],
    "statistic-without-source.yaml": ["9: rows[1].source: required field is missing"],
    "activity-longer-than-its-slot.yaml": [
        "11: items[0].minutes: its activities need 30 minutes (the longest case study 30) but "
        "the item has 25",
        "12: items[0].activities[1]: 'nail-bar' takes 30 minutes but the item has 25",
        "16: items[1].minutes: its activities need 11 minutes (exercises 11) but the item has 10",
    ],
    "weighted-rule-without-credit.yaml": [
        "15: questions[0].options: under rule: weighted the right options' weights must add "
        "up to more than 0"
    ],
}


def test_every_fixture_has_an_expected_message():
    """Every malformed fixture file is listed with the message it must produce."""
    assert sorted(p.name for p in FIXTURES.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_malformed_file_gets_its_clear_message(name, capsys, monkeypatch):
    """`mskit validate FILE` prints exactly the expected problem lines and exits 1."""
    monkeypatch.chdir(PROJECT)
    code = main(["validate", f"tests/content/fixtures/{name}"])
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert code == 1
    assert "Traceback" not in out.out + out.err
    assert len(lines) == len(EXPECTED[name]), lines
    for line, expected in zip(lines, EXPECTED[name], strict=True):
        assert line.startswith(f"tests/content/fixtures/{name}:{expected}"), line
