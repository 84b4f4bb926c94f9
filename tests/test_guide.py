"""The "what should I do?" guide: its rules, over every combination of the inputs."""

from __future__ import annotations

import re

import pytest

from mskit.content import load_kit
from mskit.content.models import Contact, LocalContactsFile
from mskit.guide import (
    AGES,
    CONSENTS,
    ROLES,
    YOU_REFER_OR_NOTIFY,
    Situation,
    advise,
    all_situations,
)

KIT = load_kit()
TEMPLATE = KIT.local_contacts
SITUATIONS = all_situations()
ADULT_REFUSES = [s for s in SITUATIONS if s.age == "adult" and s.consent == "no"]
ADULT_AGREES = [s for s in SITUATIONS if s.age == "adult" and s.consent == "yes"]
ADULT_NOT_ASKED = [s for s in SITUATIONS if s.age == "adult" and s.consent == "not-asked"]
CHILD_OR_UNSURE = [s for s in SITUATIONS if s.age != "adult"]


def ids(s: Situation) -> str:
    return f"{s.age}-{'danger' if s.danger else 'safe'}-{s.consent}-{s.role}"


def run(s: Situation, contacts=TEMPLATE):
    return advise(s.age, s.danger, s.consent, s.role, contacts=contacts)


def filled_in() -> LocalContactsFile:
    """The template with the borough's children's social care and SPOC filled in."""
    contacts = []
    for c in TEMPLATE.contacts:
        if c.id == "children-social-care":
            c = c.model_copy(update={"phone": "TEST-CSC-LINE", "organisation": "Test Borough"})
        if c.id == "council-ms-spoc":
            c = c.model_copy(update={"email": "spoc@example.test"})
        contacts.append(c)
    return TEMPLATE.model_copy(
        update={"template": False, "borough": "Test Borough", "contacts": tuple(contacts)}
    )


def test_there_are_72_situations():
    """The exhaustive checks below really cover every input combination."""
    assert len(SITUATIONS) == len(AGES) * 2 * len(CONSENTS) * len(ROLES) == 72


@pytest.mark.parametrize("s", SITUATIONS, ids=ids)
def test_every_path_ends_in_advice_with_a_line_to_call(s):
    """The last step of every path is advice with at least one contact from the file."""
    advice = run(s)
    last = advice.steps[-1]
    assert last.id == "get-advice"
    assert last.contacts and all(c.phone or c.email for c in last.contacts)


@pytest.mark.parametrize("s", SITUATIONS, ids=ids)
def test_immediate_danger_means_999_first(s):
    """With immediate danger the first step is to call 999; without it 999 is not a step."""
    advice = run(s)
    if s.danger:
        assert advice.steps[0].id == "call-999"
        assert [c.phone for c in advice.steps[0].contacts] == ["999"]
    else:
        assert "call-999" not in advice.step_ids


@pytest.mark.parametrize("s", ADULT_REFUSES, ids=ids)
def test_adult_who_does_not_consent_gets_duty_to_notify_not_nrm(s):
    """An adult refusing consent: no NRM referral; an anonymous Duty to Notify referral
    (formerly the MS1 form) from police/council."""
    advice = run(s)
    assert "nrm-referral-with-consent" not in advice.step_ids
    text = " ".join(step.text for step in advice.steps)
    assert "Duty to Notify referral (formerly the MS1 form)" in text and "anonymous" in text
    if s.role in ("police", "local-authority"):
        assert "duty-to-notify-ms1" in advice.step_ids
    else:
        assert "duty-to-notify-ms1" not in advice.step_ids
        assert "refer-to-first-responder" in advice.step_ids


@pytest.mark.parametrize("s", ADULT_AGREES, ids=ids)
def test_adult_who_consents_gets_an_nrm_referral_and_no_ms1(s):
    """An adult who consents is referred into the NRM (by a First Responder), never an MS1."""
    advice = run(s)
    assert "duty-to-notify-ms1" not in advice.step_ids
    if s.role in ("police", "local-authority"):
        assert "nrm-referral-with-consent" in advice.step_ids
    else:
        assert (
            "NRM referral" in advice.steps[advice.step_ids.index("refer-to-first-responder")].text
        )


@pytest.mark.parametrize("s", ADULT_NOT_ASKED, ids=ids)
def test_adult_not_yet_asked_is_asked_for_consent_before_any_referral(s):
    """Consent not asked yet: the NRM is explained and consent asked; no referral is made yet."""
    advice = run(s)
    assert "nrm-referral-with-consent" not in advice.step_ids
    assert "duty-to-notify-ms1" not in advice.step_ids
    text = " ".join(step.text for step in advice.steps)
    assert "consent" in text
    if s.role in ("police", "local-authority"):
        assert "explain-nrm-and-consent" in advice.step_ids


@pytest.mark.parametrize("s", CHILD_OR_UNSURE, ids=ids)
def test_child_or_unsure_age_goes_to_childrens_social_care_and_nrm_never_ms1(s):
    """A child (or unsure age) goes to children's social care and an NRM referral without
    consent, whatever the consent answer, and never to an MS1."""
    advice = run(s)
    assert "refer-child-social-care" in advice.step_ids
    assert "duty-to-notify-ms1" not in advice.step_ids
    assert "nrm-referral-with-consent" not in advice.step_ids
    assert "explain-nrm-and-consent" not in advice.step_ids
    text = " ".join(step.text for step in advice.steps)
    assert "no consent is needed" in text.lower() or "does not have to consent" in text
    if s.role in ("police", "local-authority"):
        assert "nrm-referral-child" in advice.step_ids
    else:
        assert "refer-to-first-responder" in advice.step_ids
    if s.age == "unsure":
        assert advice.step_ids.index("treat-as-child-if-unsure") < advice.step_ids.index(
            "refer-child-social-care"
        )


@pytest.mark.parametrize("s", SITUATIONS, ids=ids)
def test_non_first_responders_go_to_safeguarding_lead_and_never_notify_themselves(s):
    """Health and other non-First-Responder staff: safeguarding lead, then a First
    Responder; never a step where they refer or notify the Home Office themselves."""
    advice = run(s)
    if s.role in ("police", "local-authority"):
        assert "tell-safeguarding-lead" not in advice.step_ids
        return
    assert "tell-safeguarding-lead" in advice.step_ids
    assert "refer-to-first-responder" in advice.step_ids
    assert advice.step_ids.index("tell-safeguarding-lead") < advice.step_ids.index(
        "refer-to-first-responder"
    )
    assert not set(YOU_REFER_OR_NOTIFY) & set(advice.step_ids)
    for step in advice.steps:
        # "notify the Home Office" only ever appears as "you do not ... notify the Home Office"
        for m in re.finditer(r"notify the Home Office", step.text):
            assert "do not" in step.text[max(0, m.start() - 60) : m.start()], step.text


@pytest.mark.parametrize("s", SITUATIONS, ids=ids)
def test_steps_have_text_why_and_known_sources(s):
    """Every step has text, a why and at least one source id from the catalogue."""
    for step in run(s).steps:
        assert step.text and step.why
        assert step.sources and set(step.sources) <= set(KIT.sources), step.id


@pytest.mark.parametrize("s", SITUATIONS, ids=ids)
def test_contacts_never_invented(s):
    """Every contact line in the advice is one from the local contacts file, unchanged."""
    by_id = {c.id: c for c in TEMPLATE.contacts}
    for step in run(s).steps:
        for line in step.contacts:
            assert line.phone == by_id[line.id].phone and line.email == by_id[line.id].email


def test_template_contacts_give_national_lines_and_say_so():
    """With the unfilled template, only national lines appear, with a note saying so."""
    advice = advise("child", False, "not-asked", "health", contacts=TEMPLATE)
    lines = [c for step in advice.steps for c in step.contacts]
    assert lines and not any(c.local for c in lines)
    assert any("not filled in" in n for n in advice.notes)


def test_filled_in_local_contacts_are_used():
    """A borough's filled-in contacts replace the national fallback where they exist."""
    advice = advise("child", False, "not-asked", "police", contacts=filled_in())
    csc = advice.steps[advice.step_ids.index("refer-child-social-care")]
    assert [c.phone for c in csc.contacts] == ["TEST-CSC-LINE"]
    nrm = advice.steps[advice.step_ids.index("nrm-referral-child")]
    assert [c.email for c in nrm.contacts] == ["spoc@example.test"]
    assert not any("still the template" in n for n in advice.notes)


def test_no_contacts_file_gives_no_numbers():
    """Without a contacts file the guide gives no numbers at all rather than invent any."""
    advice = advise("adult", True, "yes", "police", contacts=None)
    assert all(not step.contacts for step in advice.steps)
    assert advice.notes


@pytest.mark.parametrize(
    "bad",
    [
        ("teen", False, "yes", "police"),
        ("adult", "no", "yes", "police"),
        ("adult", False, "maybe", "police"),
        ("adult", False, "yes", "teacher"),
    ],
)
def test_unknown_inputs_are_refused(bad):
    """An input outside the allowed values raises ValueError naming the field."""
    with pytest.raises(ValueError):
        advise(*bad, contacts=TEMPLATE)


def test_contact_model_has_the_fields_the_guide_reads():
    """The guide reads id, role, organisation, phone, email and hours from contacts."""
    assert {"id", "role", "organisation", "phone", "email", "hours"} <= set(Contact.model_fields)


LOCAL_ONLY_STEPS = {
    "tell-safeguarding-lead": {
        "nhs-safeguarding-lead",
        "children-social-care",
        "adult-safeguarding",
    },
    "refer-child-social-care": {"children-social-care", "emergency-duty-team"},
}


@pytest.mark.parametrize("s", SITUATIONS, ids=ids)
def test_local_only_steps_never_show_another_service(s):
    """With the template, the safeguarding-lead and children's social care steps show no
    contact at all (never police 101) and say the local number is not filled in, and how."""
    advice = run(s)
    for step in advice.steps:
        if step.id not in LOCAL_ONLY_STEPS:
            continue
        assert step.contacts == ()
        assert step.missing
        for line in step.missing:
            assert "not filled in yet" in line and "catalogue/local-contacts.yaml" in line
            assert "mskit validate" in line
        assert "101" not in " ".join(step.missing)


@pytest.mark.parametrize("s", SITUATIONS, ids=ids)
def test_filled_in_local_only_steps_use_only_their_own_services(s):
    """Filled-in children's social care appears in those steps; nothing outside the step's
    own services ever does, and the still-blank ones are named as missing."""
    advice = run(s, contacts=filled_in())
    for step in advice.steps:
        allowed = LOCAL_ONLY_STEPS.get(step.id)
        if allowed is None:
            continue
        assert {c.id for c in step.contacts} <= allowed
        if "children-social-care" in allowed and step.id == "refer-child-social-care":
            assert [c.phone for c in step.contacts] == ["TEST-CSC-LINE"]
            assert len(step.missing) == 1 and "emergency-duty-team" in step.missing[0]


@pytest.mark.parametrize("s", SITUATIONS, ids=ids)
def test_police_always_record_and_investigate_the_crime(s):
    """Every police path has a step to record and investigate the crime, after the referral
    or notification steps; no other role is told to investigate."""
    advice = run(s)
    if s.role != "police":
        assert "investigate-record-crime" not in advice.step_ids
        return
    i = advice.step_ids.index("investigate-record-crime")
    assert "investigate" in advice.steps[i].text
    for before in ("duty-to-notify-ms1", "nrm-referral-with-consent", "nrm-referral-child"):
        if before in advice.step_ids:
            assert advice.step_ids.index(before) < i
    if s.age == "adult" and s.consent == "no":
        assert "does not depend on the adult agreeing" in advice.steps[i].text


@pytest.mark.parametrize("s", SITUATIONS, ids=ids)
def test_every_role_is_told_to_share_information_to_protect_others(s):
    """Every path says to share what is needed where others are at risk (children in the
    household, other workers), without consent if need be, through the role's own route."""
    advice = run(s)
    assert "share-to-protect-others" in advice.step_ids
    step = advice.steps[advice.step_ids.index("share-to-protect-others")]
    assert "children in the household" in step.text and "other workers" in step.text
    if s.treated_as_child:
        assert "whether or not" in step.text
    else:
        assert "even if the adult does not consent" in step.text
    if s.role in ("health", "other-frontline"):
        assert "through your safeguarding lead" in step.text
    assert step.id != advice.steps[-1].id
    assert advice.step_ids.index("share-to-protect-others") < advice.step_ids.index("get-advice")


@pytest.mark.parametrize("s", SITUATIONS, ids=ids)
def test_ms1_is_only_ever_named_as_the_former_name(s):
    """Wherever "MS1" appears in a step, it is as the former name of the Duty to Notify
    referral."""
    for step in run(s).steps:
        for m in re.finditer(r"MS1", step.text):
            assert step.text[max(0, m.start() - 38) : m.end() + 5] == (
                "Duty to Notify referral (formerly the MS1 form"
            ), step.text
