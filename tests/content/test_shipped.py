"""The kit's own content: every shipped file validates, and the data keeps its promises."""

from __future__ import annotations

import json
import re
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


def _questions(activity):
    stages = getattr(activity, "stages", None)
    return [q for st in stages for q in st.questions] if stages else list(activity.questions)


def test_knowledge_check_does_not_give_the_answer_away(kit):
    """In the printed knowledge check the right option is not usually first and not usually
    the only longest one."""
    qs = [q for q in kit.exercises["knowledge-check"].questions if q.type == "single_choice"]
    positions = [next(i for i, o in enumerate(q.options) if o.correct) for q in qs]
    assert len(qs) >= 8
    assert positions.count(0) <= len(qs) // 4, positions
    assert len(set(positions)) >= 3, positions
    longest = 0
    for q in qs:
        lengths = [len(o.text) for o in q.options]
        right = next(len(o.text) for o in q.options if o.correct)
        longest += right == max(lengths) and lengths.count(right) == 1
    assert longest <= len(qs) // 4, longest


def test_one_classification_rule_across_case_studies(kit):
    """Where a case study's answer is trafficking, "modern slavery (without trafficking)" is
    never also accepted, and the sorting exercise states the rule."""
    for s in kit.scenarios.values():
        for q in _questions(s):
            if q.type == "classification" and q.correct == "trafficking":
                assert "modern_slavery" not in q.also_accept, (s.id, q.id)
    instructions = kit.exercises["trafficking-slavery-or-smuggling"].instructions
    assert "choose human trafficking" in instructions and "nobody arranged" in instructions


def test_ms1_is_named_as_the_duty_to_notify_referral_everywhere(kit_root):
    """Every mention of "MS1" in the content reads "Duty to Notify referral (formerly the
    MS1 form)"."""
    paths = list(content_files([kit_root / f for f in CONTENT_FOLDERS]))
    assert paths
    for path in paths:
        text = re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))
        for m in re.finditer(r"MS1", text):
            before = text[max(0, m.start() - 60) : m.end() + 5]
            assert before.endswith("formerly the MS1 form"), (path.name, before)
            assert "Duty to Notify referral" in before, (path.name, before)


def test_new_topics_have_activities_in_the_right_programme(kit):
    """Causes, support and the trainer-day preparation activities exist and are used by the
    programme items that teach them; the awareness session gives each case study time for
    feedback."""
    items = {i.id: i for i in kit.programmes["awareness-session"].items}
    assert "causes-of-exploitation" in items["causes-and-support"].activities
    assert "support-for-victims" in items["support-and-help"].activities
    practice = items["putting-it-into-practice"]
    longest = max(kit.scenarios[a].duration_minutes for a in practice.activities)
    assert practice.minutes - longest >= 5
    trainer = {i.id: i for i in kit.programmes["train-the-trainer"].items}
    assert "preparing-to-deliver" in trainer["final-session"].activities
    assert {"causes-of-exploitation", "support-for-victims"} <= set(trainer["session-2"].activities)
