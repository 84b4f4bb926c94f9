"""Question types. Each is a pydantic model told apart by its ``type`` field.

Scored questions carry their model answer (which options are right, which actions are
essential or harmful, ...), a ``rationale`` that explains it and the ``sources`` it rests
on. ``rating`` and ``open_text`` are unscored (evaluation and observation forms).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .base import Id, Model, SourceId, Text

MultiRule = Literal["right_minus_wrong", "weighted", "all_or_nothing", "right_plus_unpicked"]
"""How a multi-select question is marked (chosen per question):

- ``right_minus_wrong``: right picks minus wrong picks, floored at zero (H5P).
- ``weighted``: each option carries a weight; the sum is floored at zero (Moodle).
- ``all_or_nothing``: full marks only for exactly the right set.
- ``right_plus_unpicked``: one mark per right option picked and per distractor left alone.
"""

PASS = "__pass__"
"""The answer value for "not sure / pass". Never costs points; cannot clash with an id."""

ANSWER_FORMATS: dict[str, str] = {
    "single_choice": "an option id, or PASS",
    "multiple_choice": "a list of option ids (or [PASS])",
    "indicator_spotting": "a list of indicator ids (or [PASS])",
    "classification": "a classification id, or PASS",
    "action_plan": "an ordered list of action ids, first action first",
    "match": "a mapping of item id -> list of target ids",
    "sort": "a mapping of item id -> category id (or PASS)",
    "free_text": "a string",
    "rating": "an integer on the scale",
    "open_text": "a string",
}
"""The JSON shape of an answer to each question type, as stored and scored."""

CLASSIFICATIONS: dict[str, str] = {
    "modern_slavery": "Modern slavery (without trafficking)",
    "trafficking": "Human trafficking",
    "smuggling": "People smuggling",
    "not_enough_info": "Not enough to tell yet",
}
Classification = Literal["modern_slavery", "trafficking", "smuggling", "not_enough_info"]


class Option(Model):
    id: Id
    text: Text
    correct: bool = False
    weight: float | None = Field(
        default=None,
        description="points for picking this option under the 'weighted' rule "
        "(default: +1 for a right option, -1 for a wrong one)",
    )
    feedback: str | None = Field(default=None, description="why this option is right or wrong")


class Labelled(Model):
    id: Id
    text: Text


class _Question(Model):
    id: Id
    prompt: Text
    facilitator_notes: str | None = None


class _Scored(_Question):
    rationale: Text = Field(description="the model answer's explanation, shown at the reveal")
    sources: tuple[SourceId, ...] = Field(
        min_length=1, description="source ids the rationale rests on"
    )
    allow_pass: bool = Field(
        default=True, description="offer a 'not sure / pass' choice, which never costs points"
    )


class SingleChoice(_Scored):
    type: Literal["single_choice"]
    options: tuple[Option, ...] = Field(min_length=2)
    keep_order: bool = Field(
        default=False,
        description="show the options in the order written (e.g. 'all of the above', a scale); "
        "otherwise individual forms shuffle them per person",
    )
    points: int = Field(default=1, gt=0)


class MultipleChoice(_Scored):
    type: Literal["multiple_choice"]
    options: tuple[Option, ...] = Field(min_length=2)
    keep_order: bool = Field(
        default=False,
        description="show the options in the order written; otherwise individual forms "
        "shuffle them per person",
    )
    rule: MultiRule = "right_minus_wrong"
    points: int | None = Field(
        default=None, gt=0, description="default: the number of right options"
    )


class IndicatorSpotting(_Scored):
    type: Literal["indicator_spotting"]
    present: tuple[Id, ...] = Field(
        min_length=1, description="catalogue indicator ids that this story shows"
    )
    distractors: tuple[Id, ...] = Field(
        default=(), description="catalogue indicator ids offered that the story does not show"
    )
    notes: dict[Id, Text] = Field(
        default_factory=dict, description="indicator id -> where it shows in the story (or why not)"
    )
    rule: MultiRule = "right_minus_wrong"
    points: int | None = Field(default=None, gt=0, description="default: the number present")


class ClassificationQuestion(_Scored):
    type: Literal["classification"]
    correct: Classification
    also_accept: tuple[Classification, ...] = Field(
        default=(), description="other answers that also earn full marks"
    )
    feedback: dict[Classification, Text] = Field(
        default_factory=dict, description="answer -> why it is or is not right"
    )
    points: int = Field(default=1, gt=0)


class OrderRule(Model):
    """``first: A`` puts A before every other pick; ``before: A`` + ``after: B`` puts A
    before B (when both are picked)."""

    first: Id | None = Field(default=None, description="this action must come before all others")
    before: Id | None = Field(default=None, description="this action must come before `after`")
    after: Id | None = Field(default=None, description="this action must come after `before`")
    why: Text


class ActionPlan(_Scored):
    type: Literal["action_plan"]
    actions: tuple[Id, ...] = Field(min_length=2, description="catalogue action ids offered")
    essential: tuple[Id, ...] = Field(min_length=1, description="actions a good plan must hold")
    harmful: tuple[Id, ...] = Field(default=(), description="actions that would do harm here")
    order: tuple[OrderRule, ...] = Field(
        default=(), description="order rules, such as safety first"
    )
    notes: dict[Id, Text] = Field(
        default_factory=dict, description="action id -> why it matters in this case"
    )
    max_picks: int | None = Field(default=None, gt=0)
    points: int | None = Field(default=None, gt=0, description="default: the number essential")


class MatchItem(Model):
    id: Id
    text: Text
    answer: tuple[Id, ...] = Field(min_length=1, description="the target ids this item goes with")
    feedback: str | None = None


class Match(_Scored):
    type: Literal["match"]
    targets: tuple[Labelled, ...] = Field(min_length=2)
    items: tuple[MatchItem, ...] = Field(min_length=1)
    points: int | None = Field(default=None, gt=0, description="default: the number of items")


class SortItem(Model):
    id: Id
    text: Text
    answer: Id = Field(description="the category id this item belongs in")
    feedback: str | None = None


class Sort(_Scored):
    type: Literal["sort"]
    categories: tuple[Labelled, ...] = Field(min_length=2)
    items: tuple[SortItem, ...] = Field(min_length=1)
    points: int | None = Field(default=None, gt=0, description="default: the number of items")


class FreeText(_Scored):
    type: Literal["free_text"]
    model_answer: Text
    marking_guide: tuple[Text, ...] = ()
    points: int = Field(default=2, gt=0, description="the most the facilitator can award")
    max_chars: int = Field(default=2000, gt=0, le=10000)


class Rating(_Question):
    type: Literal["rating"]
    scale_min: int = 1
    scale_max: int = 5
    labels: dict[int, Text] = Field(default_factory=dict, description="scale point -> label")


class OpenText(_Question):
    type: Literal["open_text"]
    max_chars: int = Field(default=2000, gt=0, le=10000)


Question = Annotated[
    SingleChoice
    | MultipleChoice
    | IndicatorSpotting
    | ClassificationQuestion
    | ActionPlan
    | Match
    | Sort
    | FreeText
    | Rating
    | OpenText,
    Field(discriminator="type"),
]

SCORED_TYPES = frozenset(
    {
        "single_choice",
        "multiple_choice",
        "indicator_spotting",
        "classification",
        "action_plan",
        "match",
        "sort",
        "free_text",
    }
)
