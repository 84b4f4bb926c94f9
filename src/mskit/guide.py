""" "What should I do?": the first steps when you suspect modern slavery, as ordered advice.

Pure and small: :func:`advise` takes the situation (age, immediate danger, an adult's
consent, your role) and the borough's local contacts file, and returns ordered steps,
each with its text, why, source ids and contacts. The widget lives in
:mod:`mskit.workbook.widgets`.

Rules (from the course and ``reference/facts.md``; tests check every combination):

- Every path ends in advice (the last step is ``get-advice``, with a line to call).
- Immediate danger: call 999 first.
- Unsure of age: treat the person as a child (MSA s51).
- A child: children's social care and an NRM referral, no consent needed, never a Duty to
  Notify referral (formerly the MS1 form).
- An adult who does not consent: no NRM referral; a First Responder that is a s52
  authority (police or local authority) sends an anonymous Duty to Notify referral
  (formerly the MS1 form).
- Health staff and other staff who are not First Responders: their safeguarding lead and
  a First Responder; they never notify the Home Office themselves.
- The police record and investigate the crime, whatever the adult decides about the NRM.
- Every role: where others are at risk (children in the household, other workers),
  information is shared to protect them, with or without the person's consent.

Contacts come from the local contacts file where the borough has filled them in. A step
whose local service is not filled in says so and how to fill it in; it never shows a
different service in its place. National lines are shown only where the step names that
service itself (999, the police, the helpline). No number is ever made up here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import product
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .content.models import LocalContactsFile

AGES = ("adult", "child", "unsure")
CONSENTS = ("yes", "no", "not-asked")
ROLES = ("police", "health", "local-authority", "other-frontline")
DANGER = (True, False)

AGE_LABELS = {"adult": "An adult", "child": "A child (under 18)", "unsure": "Not sure"}
CONSENT_LABELS = {
    "yes": "Yes, they agree to an NRM referral",
    "no": "No, they do not agree",
    "not-asked": "Not asked yet",
}
ROLE_LABELS = {
    "police": "Police",
    "health": "Health (NHS)",
    "local-authority": "Local authority (council)",
    "other-frontline": "Other frontline work",
}

FIRST_RESPONDERS = ("police", "local-authority")
"""Roles whose organisation is a First Responder and a s52 (Duty to Notify) authority."""

NATIONAL_LINES = (
    "police-emergency",
    "police-non-emergency",
    "modern-slavery-helpline",
    "salvation-army-referral-line",
    "crimestoppers",
)
"""Contact ids in the contacts file that are national numbers, not the borough's own."""

CONTACTS_FILE = "catalogue/local-contacts.yaml"
DTN = "Duty to Notify referral (formerly the MS1 form)"
"""What the Modern Slavery portal now calls the anonymous notification for an adult."""

# Step ids that mean "you make the referral or notification yourself".
YOU_REFER_OR_NOTIFY = ("nrm-referral-child", "nrm-referral-with-consent", "duty-to-notify-ms1")


@dataclass(frozen=True)
class ContactLine:
    """One line to call or write to, taken from the local contacts file."""

    id: str
    role: str
    organisation: str | None
    phone: str | None
    email: str | None
    hours: str | None
    local: bool

    def label(self) -> str:
        how = " / ".join(x for x in (self.phone, self.email) if x)
        who = f"{self.role} ({self.organisation})" if self.organisation else self.role
        hours = f", {self.hours}" if self.hours else ""
        return f"{who}: {how}{hours}"


@dataclass(frozen=True)
class Step:
    id: str
    text: str
    why: str
    sources: tuple[str, ...]
    contacts: tuple[ContactLine, ...] = ()
    missing: tuple[str, ...] = ()
    """Local services this step needs whose contact is not filled in yet, with how to."""


@dataclass(frozen=True)
class Situation:
    age: str
    danger: bool
    consent: str
    role: str

    def __post_init__(self) -> None:
        for name, value, allowed in (
            ("age", self.age, AGES),
            ("consent", self.consent, CONSENTS),
            ("role", self.role, ROLES),
            ("danger", self.danger, DANGER),
        ):
            if value not in allowed:
                raise ValueError(f"{name} must be one of {allowed!r}, not {value!r}")

    @property
    def treated_as_child(self) -> bool:
        return self.age in ("child", "unsure")

    @property
    def first_responder(self) -> bool:
        return self.role in FIRST_RESPONDERS


@dataclass(frozen=True)
class Advice:
    situation: Situation
    steps: tuple[Step, ...]
    notes: tuple[str, ...] = ()

    @property
    def step_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.steps)


# --- contacts --------------------------------------------------------------------------


def _usable(contact) -> bool:
    return bool(contact.phone or contact.email)


def _line(contact) -> ContactLine:
    return ContactLine(
        id=contact.id,
        role=contact.role,
        organisation=contact.organisation,
        phone=contact.phone,
        email=contact.email,
        hours=contact.hours,
        local=contact.id not in NATIONAL_LINES,
    )


class _Contacts:
    def __init__(self, file: LocalContactsFile | None) -> None:
        self.by_id = {c.id: c for c in file.contacts} if file is not None else {}
        self.template = file is None or file.template
        self.missing_local: list[str] = []

    def pick(self, local: Iterable[str], national: Iterable[str]) -> tuple[ContactLine, ...]:
        """The filled-in local contacts named, else the national lines named."""
        local = list(local)
        found = [self.by_id[i] for i in local if i in self.by_id and _usable(self.by_id[i])]
        if not found:
            self.missing_local.extend(i for i in local if i not in self.missing_local)
            found = [self.by_id[i] for i in national if i in self.by_id and _usable(self.by_id[i])]
        return tuple(_line(c) for c in found)

    def only(self, local: Iterable[str]) -> tuple[tuple[ContactLine, ...], tuple[str, ...]]:
        """The filled-in local contacts named, and for the rest a line saying how to fill
        them in. Never another service in their place."""
        lines, missing = [], []
        for i in local:
            c = self.by_id.get(i)
            if c is not None and _usable(c):
                lines.append(_line(c))
                continue
            if i not in self.missing_local:
                self.missing_local.append(i)
            role = c.role if c is not None else i
            missing.append(
                f"{role}: the local number is not filled in yet. Your borough fills it in "
                f"in {CONTACTS_FILE} (the entry '{i}'), sets template: false and checks the "
                "file with mskit validate; until then, use your organisation's own "
                "safeguarding procedure to find it."
            )
        return tuple(lines), tuple(missing)


# --- the rules -------------------------------------------------------------------------


def advise(
    age: str,
    danger: bool,
    consent: str,
    role: str,
    contacts: LocalContactsFile | None = None,
) -> Advice:
    """Ordered first steps for this situation (see the module's rules)."""
    s = Situation(age=age, danger=danger, consent=consent, role=role)
    c = _Contacts(contacts)
    steps: list[Step] = []

    if s.danger:
        steps.append(
            Step(
                "call-999",
                "Call 999 now. Do not try to deal with the danger yourself.",
                "Someone is in immediate danger: the police need to come straight away.",
                ("S33", "S82"),
                c.pick((), ("police-emergency",)),
            )
        )
    steps.append(
        Step(
            "keep-safe",
            "Keep yourself and the person safe. Do not confront the person you suspect; "
            "if you can, speak to the possible victim alone, with an independent interpreter "
            "if they need one, never a companion.",
            "Confronting a suspected exploiter can put you and the victim in danger, and a "
            "person who is controlled cannot speak freely in front of the people with them.",
            ("S82", "S83", "S17", "S84", "S85"),
        )
    )
    if s.age == "unsure":
        steps.append(
            Step(
                "treat-as-child-if-unsure",
                "Treat the person as a child until their age has been assessed.",
                "The Modern Slavery Act s51 says a possible victim who may be under 18 is "
                "treated as a child, so they get child protection and need not consent to an "
                "NRM referral.",
                ("S8", "S17"),
            )
        )
    if not s.first_responder:
        steps.append(_safeguarding_lead(s, c))
    if s.treated_as_child:
        steps.extend(_child_steps(s, c))
    else:
        steps.extend(_adult_steps(s, c))
    if s.role == "police":
        steps.append(_investigate(s))
    steps.append(_share_to_protect_others(s, c))
    steps.append(
        Step(
            "record-details",
            "Write down what you saw and heard: dates, times, places, descriptions of people "
            "and vehicles.",
            "Early, accurate records help the police and other agencies act.",
            ("S83", "S9"),
        )
    )
    steps.append(
        Step(
            "get-advice",
            "If you are unsure at any point, get advice: the Modern Slavery & Exploitation "
            "Helpline is free, confidential and open 24 hours a day.",
            "You do not have to be certain or have proof to ask for advice or pass on a concern.",
            ("S11", "S50", "S17"),
            c.pick(("council-ms-spoc",), ()) + c.pick((), ("modern-slavery-helpline",)),
        )
    )
    return Advice(situation=s, steps=tuple(steps), notes=_notes(c))


def _safeguarding_lead(s: Situation, c: _Contacts) -> Step:
    local = ("nhs-safeguarding-lead",) if s.role == "health" else ()
    local += ("children-social-care",) if s.treated_as_child else ("adult-safeguarding",)
    lines, missing = c.only(local)
    return Step(
        "tell-safeguarding-lead",
        "Tell your safeguarding lead (or manager) today and follow your organisation's "
        "safeguarding procedure" + (" for children." if s.treated_as_child else "."),
        "Your organisation is not a First Responder, so the concern must reach one through "
        "your safeguarding route. You do not have to handle it alone.",
        ("S17", "S16", "S36"),
        lines,
        missing,
    )


def _child_steps(s: Situation, c: _Contacts) -> list[Step]:
    steps = [
        Step(
            "refer-child-social-care",
            "Refer the child to children's social care straight away"
            + (
                " (the police have already been called)."
                if s.danger
                else "; if the child is at immediate risk, call the police on 999 too."
            ),
            "Children's social care leads on protecting the child. A child's immigration "
            "status does not reduce their right to protection.",
            ("S39", "S17"),
            *c.only(("children-social-care", "emergency-duty-team")),
        )
    ]
    if s.first_responder:
        steps.append(
            Step(
                "nrm-referral-child",
                "Make an NRM referral for the child. The child does not have to consent, and "
                f"a {DTN} is never used for children.",
                "An NRM referral is always made for a possible child victim; only First "
                "Responders such as the police and the council can make it.",
                ("S38", "S39", "S36"),
                c.pick(("council-ms-spoc",), ()),
            )
        )
    else:
        steps.append(
            Step(
                "refer-to-first-responder",
                "Make sure a First Responder (children's social care or the police) knows, so "
                "that they make the NRM referral for the child: no consent is needed. You do "
                "not refer to the NRM or notify the Home Office yourself.",
                "Only First Responder organisations can refer to the NRM; health bodies in "
                "England and Wales and most other services are not First Responders.",
                ("S16", "S36", "S17", "S38"),
                c.pick(("children-social-care", "council-ms-spoc"), ("police-non-emergency",)),
            )
        )
    return steps


def _adult_steps(s: Situation, c: _Contacts) -> list[Step]:
    if not s.first_responder:
        after = {
            "yes": "who makes the NRM referral the adult has agreed to",
            "no": "who, because the adult does not consent, makes no NRM referral and instead "
            f"sends an anonymous {DTN}",
            "not-asked": "who explains the NRM to the adult and asks for their informed "
            f"consent: an NRM referral if they agree, an anonymous {DTN} if not",
        }[s.consent]
        return [
            Step(
                "refer-to-first-responder",
                "With your safeguarding lead, pass the concern to a First Responder (usually "
                f"the council or the police), {after}. You do not notify the Home Office "
                "yourself.",
                "Only First Responders can refer to the NRM, and only named public "
                "authorities such as the police and councils are under the Duty to Notify; "
                "NHS bodies are neither.",
                ("S16", "S36", "S17", "S8", "S38"),
                c.pick(("council-ms-spoc", "adult-safeguarding"), ("police-non-emergency",)),
            )
        ]
    steps: list[Step] = []
    if s.consent in ("not-asked", "yes"):
        steps.append(
            Step(
                "explain-nrm-and-consent",
                "Explain the NRM to the adult (what it is, the support it offers and what could "
                "happen) and ask for their informed consent"
                + (
                    "; they have said yes, so check it is informed."
                    if s.consent == "yes"
                    else ". If they agree, make an NRM referral; if they do not, send an "
                    f"anonymous {DTN} instead."
                ),
                "An adult must give informed consent before an NRM referral.",
                ("S38", "S8"),
            )
        )
    if s.consent == "yes":
        steps.append(
            Step(
                "nrm-referral-with-consent",
                "Make an NRM referral through the Modern Slavery portal.",
                "The NRM is how the UK identifies victims and gets them support; the adult has "
                "agreed, and your organisation is a First Responder.",
                ("S38", "S36", "S13", "S49"),
                c.pick(("council-ms-spoc",), ("salvation-army-referral-line",)),
            )
        )
    if s.consent == "no":
        steps.append(
            Step(
                "duty-to-notify-ms1",
                f"Do not make an NRM referral. Send an anonymous {DTN} to the Home "
                "Office through the Modern Slavery portal; include the adult's name only if "
                "they agree.",
                "Police forces and councils must notify the Home Office under the Modern Slavery "
                "Act s52; for an adult who does not consent, this is done with a Duty to Notify "
                "referral, which is anonymous unless they agree to be named.",
                ("S8", "S38", "S48", "S49"),
                c.pick(("council-ms-spoc",), ()),
            )
        )
    if s.role == "local-authority":
        steps.append(
            Step(
                "care-act-enquiry",
                "If the adult has care and support needs and cannot protect themselves because "
                "of them, start a Care Act s42 safeguarding enquiry.",
                "Modern slavery is one of the types of abuse in the Care Act guidance, and in "
                "that situation the council must make, or cause others to make, enquiries.",
                ("S58", "S94"),
                c.pick(("adult-safeguarding",), ()),
            )
        )
    return steps


def _investigate(s: Situation) -> Step:
    adult = not s.treated_as_child
    return Step(
        "investigate-record-crime",
        "Record the crime and investigate it, following your force's procedures"
        + (
            ": the investigation does not depend on the adult agreeing to an NRM referral. "
            "Keep them informed and, where you can, involve them in decisions."
            if adult
            else ", alongside children's social care. Treat the child as a victim as well as "
            "any suspect."
        ),
        "The police have a duty to investigate as well as to safeguard and refer; an adult's "
        "choice about the NRM is a choice about their own support, not about whether a crime "
        "is looked into.",
        ("S100", "S9", "S36"),
    )


def _share_to_protect_others(s: Situation, c: _Contacts) -> Step:
    who = {
        "police": "with children's social care and the partner agencies that need it",
        "local-authority": "with the police and, for any child, children's social care",
        "health": "through your safeguarding lead with the police and, for any child, "
        "children's social care",
        "other-frontline": "through your safeguarding lead with the police and, for any "
        "child, children's social care",
    }[s.role]
    consent = (
        "even if the adult does not consent"
        if not s.treated_as_child
        else "whether or not the child or their family agree"
    )
    lines, missing = c.only(("children-social-care",))
    if s.role != "police":
        lines += c.pick((), ("police-non-emergency",))
    return Step(
        "share-to-protect-others",
        "If anyone else may be at risk (children in the household, other workers, people "
        f"living or travelling with them), share what is needed to protect them {who}, "
        f"{consent}. Tell the person what you are sharing and why, unless that would put "
        "anyone at risk, and record the decision.",
        "A refusal of the NRM is a decision about the person's own support. It does not stop "
        "you acting to protect other people: possible child victims are referred to "
        "children's social care, and to the police if at immediate risk.",
        ("S39", "S9", "S17", "S100"),
        lines,
        missing,
    )


def _notes(c: _Contacts) -> tuple[str, ...]:
    notes = []
    if c.template:
        notes.append(
            "The borough's local contacts file is still the template: local numbers are not "
            f"filled in yet, so steps that need one say so. Fill in {CONTACTS_FILE} (set "
            "template: false and your borough) and check it with mskit validate before a "
            "session. National lines are shown only where a step names that service."
        )
    elif c.missing_local:
        notes.append(
            "Some local contacts are not filled in ("
            + ", ".join(c.missing_local)
            + "): steps that need them say so. Fill them in, in "
            + CONTACTS_FILE
            + "."
        )
    return tuple(notes)


def all_situations() -> list[Situation]:
    """Every combination of the inputs (72)."""
    return [
        Situation(age=a, danger=d, consent=k, role=r)
        for a, d, k, r in product(AGES, DANGER, CONSENTS, ROLES)
    ]
