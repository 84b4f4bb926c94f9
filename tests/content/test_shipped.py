"""The kit's own content: every shipped file validates, and the data keeps its promises."""

from __future__ import annotations

import json
from collections import Counter

import jsonschema
import pytest
from ruamel.yaml import YAML

from mskit.content import load_kit, validate
from mskit.content.kit import CONTENT_FOLDERS, content_files
from mskit.content.schema import json_schemas


@pytest.fixture(scope="module")
def kit(kit_root):
    return load_kit(kit_root)


def test_shipped_content_has_no_problems(kit_root):
    """`mskit validate` with no arguments finds no errors in the shipped content."""
    errors = [str(p) for p in validate(root=kit_root) if p.severity == "error"]
    assert errors == []


def test_every_shipped_file_loads_into_a_model(kit):
    """Every YAML file under catalogue/, scenarios/, exercises/ and programmes/ loads."""
    assert kit.files, "no content files found"
    assert [f.display for f in kit.files if f.model is None] == []


def test_kit_has_the_content_the_course_needs(kit):
    """At least 8 case studies, 7 exercises and both programmes ship with the kit."""
    assert len(kit.scenarios) >= 8
    assert len(kit.exercises) >= 7
    assert {"awareness-session", "train-the-trainer"} <= set(kit.programmes)


def test_case_studies_cover_the_required_situations(kit):
    """Between them the case studies cover every situation the course asks for."""
    scenarios = list(kit.scenarios.values())
    types = {t for s in scenarios for t in s.exploitation_types}
    assert {"sexual", "labour", "domestic-servitude", "criminal"} <= types
    assert "county-lines" in types
    assert any(s.victim_age == "child" for s in scenarios)
    assert {s.first_met_by for s in scenarios} >= {"health", "police", "local-authority"}
    harmful_nrm = [
        s.id
        for s in scenarios
        for st in s.stages
        for q in st.questions
        if q.type == "action_plan" and "duty-to-notify-ms1" in q.essential
    ]
    assert harmful_nrm, "no case study teaches the Duty to Notify for an adult without consent"
    smuggling = [
        s.id
        for s in scenarios
        for st in s.stages
        for q in st.questions
        if q.type == "classification" and q.correct == "smuggling"
    ]
    assert smuggling, "no case study has people smuggling as a model answer"


def test_exercises_cover_the_required_kinds(kit):
    """Sort, match, quiz, spot the signs, pre/post check, feedback and observation all ship."""
    kinds = Counter(e.exercise_type for e in kit.exercises.values())
    for kind in (
        "sort",
        "match",
        "quiz",
        "spot_the_signs",
        "knowledge_check",
        "feedback",
        "observation",
    ):
        assert kinds[kind] >= 1, kind
    assert any(e.pre_post for e in kit.exercises.values())


def test_every_statistic_has_a_known_source(kit):
    """Each statistics row names a source that the sources file defines."""
    assert kit.statistics
    assert all(row.source in kit.sources for row in kit.statistics)


def test_course_outline_figures_are_marked_as_such(kit):
    """The course's own 2014-2016 NRM figures ship, marked as the course outline's series."""
    course = {
        r.year: r.value
        for r in kit.statistics
        if r.series == "course_outline" and r.measure == "nrm_referrals"
    }
    assert course == {2014: 2340, 2015: 3266, 2016: 3805}


def test_health_is_not_a_first_responder(kit):
    """The catalogue gives police and councils as first responders and the NHS as not."""
    assert kit.agencies["police"].first_responder
    assert kit.agencies["local-authority"].first_responder
    assert not kit.agencies["health"].first_responder
    assert "notify" not in kit.agencies["health"].duties


def test_local_contacts_ship_as_a_template_without_invented_numbers(kit):
    """The shipped local contacts are a marked template whose local numbers are blank."""
    contacts = kit.local_contacts
    assert contacts is not None and contacts.template and contacts.borough is None
    national = {"999", "101", "08000 121 700", "0800 808 3733", "0800 555 111"}
    for c in contacts.contacts:
        assert c.phone is None or c.phone in national, (c.id, c.phone)


def test_committed_json_schemas_are_current(kit_root):
    """schemas/ holds exactly what `mskit schema` writes now (run `make schemas`)."""
    for kind, schema in json_schemas().items():
        path = kit_root / "schemas" / f"{kind}.schema.json"
        assert path.is_file(), f"{path} missing: run `make schemas`"
        assert json.loads(path.read_text()) == schema, f"{path} is stale: run `make schemas`"


def test_shipped_files_pass_their_json_schema(kit_root):
    """An editor using the JSON Schemas accepts every shipped file."""
    schemas = json_schemas()
    yaml = YAML(typ="safe")
    folders = [kit_root / f for f in CONTENT_FOLDERS]
    for path in content_files(folders):
        data = yaml.load(path.read_text())
        jsonschema.validate(data, schemas[data["kind"]])
