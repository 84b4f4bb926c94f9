"""Content files: one pydantic model per ``kind`` of YAML file.

Every file starts with ``schema_version`` and ``kind``. Models are immutable; sequences
are tuples. Shape is checked here; consistency and cross-references in ``checks``.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from .base import Id, Minutes, Model, SourceId, Text
from .questions import Question

SchemaVersion = Literal[1]


class _File(Model):
    schema_version: SchemaVersion = Field(description="content schema version; this kit reads 1")


# --- catalogue -------------------------------------------------------------------------


class Source(Model):
    id: SourceId
    publisher: Text
    title: Text
    url: Text | None = None
    year: int | None = Field(default=None, ge=1900, le=2100, description="null when undated")
    note: str | None = None


class SourcesFile(_File):
    kind: Literal["sources"]
    sources: tuple[Source, ...] = Field(min_length=1)


IndicatorGroup = Literal[
    "physical", "psychological", "situational", "work_related", "children", "health_setting"
]


class Indicator(Model):
    id: Id
    group: IndicatorGroup
    text: Text
    sources: tuple[SourceId, ...] = Field(min_length=1)


class IndicatorsFile(_File):
    kind: Literal["indicators"]
    caution: Text = Field(description="the reminder that one sign alone proves nothing")
    caution_sources: tuple[SourceId, ...] = Field(min_length=1)
    indicators: tuple[Indicator, ...] = Field(min_length=1)


class ExploitationType(Model):
    id: Id
    name: Text
    description: Text
    examples: tuple[Text, ...] = ()
    part_of: Id | None = Field(
        default=None, description="a flag within another type (county lines)"
    )
    sources: tuple[SourceId, ...] = Field(min_length=1)


class ExploitationTypesFile(_File):
    kind: Literal["exploitation_types"]
    types: tuple[ExploitationType, ...] = Field(min_length=1)


class Duty(Model):
    id: Id
    name: Text
    description: Text
    sources: tuple[SourceId, ...] = Field(min_length=1)


class Agency(Model):
    id: Id
    name: Text
    first_responder: bool
    role_summary: Text
    duties: tuple[Id, ...] = Field(min_length=1, description="duty ids, as the course gives them")
    good_practice: tuple[Text, ...] = ()
    sources: tuple[SourceId, ...] = Field(min_length=1)


class AgenciesFile(_File):
    kind: Literal["agencies"]
    duties: tuple[Duty, ...] = Field(min_length=1)
    agencies: tuple[Agency, ...] = Field(min_length=1)


ActionRating = Literal["essential", "helpful", "harmful"]


class Action(Model):
    id: Id
    text: Text
    rating: ActionRating
    when: str | None = Field(default=None, description="the situation in which the rating holds")
    why: Text
    sources: tuple[SourceId, ...] = Field(min_length=1)


class ActionsFile(_File):
    kind: Literal["actions"]
    actions: tuple[Action, ...] = Field(min_length=1)


class Statistic(Model):
    measure: Literal[
        "nrm_referrals",
        "nrm_referrals_children",
        "nrm_referrals_adults",
        "duty_to_notify_reports",
        "exploitation_type",
        "prevalence_estimate",
    ]
    year: int = Field(ge=2000, le=2100)
    value: float = Field(ge=0)
    unit: Literal["people", "percent"] = "people"
    category: str | None = Field(
        default=None, description="breakdown, e.g. an exploitation type or 'adults'"
    )
    series: Literal["course_outline", "first_published", "revised", "estimate"]
    period: str | None = Field(default=None, description="when not the whole year, e.g. 'Q4'")
    verified: bool = True
    note: str | None = None
    source: SourceId


class StatisticsFile(_File):
    kind: Literal["statistics"]
    rows: tuple[Statistic, ...] = Field(min_length=1)


class Contact(Model):
    id: Id
    role: Text
    organisation: str | None = None
    phone: str | None = None
    email: str | None = None
    hours: str | None = None
    notes: str | None = None


class LocalContactsFile(_File):
    kind: Literal["local_contacts"]
    template: bool = Field(description="true while the borough has not filled it in")
    borough: str | None = None
    checked_on: date | None = Field(
        default=None,
        description="the date someone last checked the numbers, as YYYY-MM-DD",
    )
    contacts: tuple[Contact, ...] = Field(min_length=1)


# --- activities ------------------------------------------------------------------------

Agencies = tuple[Id, ...]


class Stage(Model):
    id: Id
    title: Text
    narrative: Text
    minutes: Minutes
    questions: tuple[Question, ...] = Field(min_length=1)
    facilitator_notes: str | None = None


class Scenario(_File):
    kind: Literal["scenario"]
    id: Id
    title: Text
    summary: Text
    content_note: Text = Field(description="what the story touches on, shown before it starts")
    fictional: Literal[True] = Field(description="every case study is fictional")
    exploitation_types: tuple[Id, ...] = Field(min_length=1)
    first_met_by: Id = Field(description="agency id of the service that first meets the case")
    agencies: Agencies = Field(min_length=1, description="agency ids the case suits")
    victim_age: Literal["adult", "child", "unknown"]
    learning_objectives: tuple[Text, ...] = Field(min_length=1)
    duration_minutes: Minutes
    stages: tuple[Stage, ...] = Field(min_length=2, max_length=4)
    debrief: tuple[Text, ...] = Field(min_length=1)
    facilitator_notes: Text = Field(description="must say what to do if someone discloses")
    tags: tuple[Id, ...] = ()


ExerciseKind = Literal[
    "sort", "match", "quiz", "spot_the_signs", "knowledge_check", "feedback", "observation"
]


class Exercise(_File):
    kind: Literal["exercise"]
    id: Id
    title: Text
    exercise_type: ExerciseKind
    summary: Text
    instructions: Text
    duration_minutes: Minutes
    scored: bool
    pre_post: bool = Field(default=False, description="asked before and after the session")
    agencies: Agencies = ()
    learning_objectives: tuple[Text, ...] = ()
    questions: tuple[Question, ...] = Field(min_length=1)
    debrief: tuple[Text, ...] = ()
    facilitator_notes: str | None = None
    content_note: str | None = None


class ProgrammeItem(Model):
    id: Id
    title: Text
    kind: Literal["registration", "talk", "activity", "break", "evaluation", "discussion"]
    minutes: Minutes
    start: str | None = Field(default=None, pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
    end: str | None = Field(default=None, pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
    content: str | None = None
    notebooks: tuple[str, ...] = Field(
        default=(), description="notebook paths from the kit's root, in the order used"
    )
    activities: tuple[Id, ...] = Field(default=(), description="scenario or exercise ids used")
    facilitator_notes: str | None = None


class Programme(_File):
    kind: Literal["programme"]
    id: Id
    title: Text
    audience: Text
    duration_minutes: Minutes
    start: str | None = Field(default=None, pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
    items: tuple[ProgrammeItem, ...] = Field(min_length=1)
    sources: tuple[SourceId, ...] = ()


FILE_MODELS: dict[str, type[_File]] = {
    "sources": SourcesFile,
    "indicators": IndicatorsFile,
    "exploitation_types": ExploitationTypesFile,
    "agencies": AgenciesFile,
    "actions": ActionsFile,
    "statistics": StatisticsFile,
    "local_contacts": LocalContactsFile,
    "scenario": Scenario,
    "exercise": Exercise,
    "programme": Programme,
}
"""Registry: the ``kind`` field of a file -> the model that validates it."""
