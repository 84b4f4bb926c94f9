"""Property tests (hypothesis): bounds, model answers, harmful actions, pick order."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mskit.content.questions import PASS
from mskit.scoring import model_answer, score

from . import builders as b

RULES = ["right_minus_wrong", "weighted", "all_or_nothing", "right_plus_unpicked"]
LETTERS = "abcdefghij"
UNKNOWN = st.sampled_from(["zz", "nope", PASS])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5)
    | st.sampled_from(["a", "b", "debt", "safety", PASS]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)  # fmt: skip


@st.composite
def multi_questions(draw: Any) -> Any:
    n_right = draw(st.integers(1, 4))
    n_wrong = draw(st.integers(1 if n_right == 1 else 0, 4))
    right, wrong = LETTERS[:n_right], LETTERS[n_right : n_right + n_wrong]
    rule = draw(st.sampled_from(RULES))
    weights = {}
    if rule == "weighted":
        for i in right:
            if draw(st.booleans()):
                weights[i] = draw(st.floats(0.25, 4))
        for i in wrong:
            if draw(st.booleans()):
                weights[i] = draw(st.floats(-4, 1))
    points = draw(st.none() | st.integers(1, 10))
    return b.multi(right=right, wrong=wrong, rule=rule, points=points, weights=weights)


@st.composite
def spotting_questions(draw: Any) -> Any:
    ids = [f"i{n}" for n in range(draw(st.integers(1, 8)))]
    k = draw(st.integers(1, len(ids)))
    return b.spotting(
        present=ids[:k],
        distractors=ids[k:],
        notes={},
        rule=draw(st.sampled_from(RULES)),
        points=draw(st.none() | st.integers(1, 10)),
    )


@st.composite
def plan_questions(draw: Any) -> Any:
    actions = [f"a{n}" for n in range(draw(st.integers(2, 8)))]
    order = draw(st.permutations(actions))  # the "true" order the rules follow
    n_ess = draw(st.integers(1, len(actions)))
    essential = order[:n_ess]
    rest = order[n_ess:]
    harmful = [a for a in rest if draw(st.booleans())]
    rules = []
    if draw(st.booleans()):
        rules.append({"first": order[0], "why": "first"})
    for _ in range(draw(st.integers(0, 3))):
        i, j = sorted(draw(st.lists(st.integers(0, len(order) - 1), min_size=2, max_size=2)))
        if i != j and order[j] != order[0]:
            rules.append({"before": order[i], "after": order[j], "why": "order"})
    return b.plan(
        actions=actions,
        essential=essential,
        harmful=harmful,
        order=rules,
        notes={},
        points=draw(st.none() | st.integers(1, 10)),
    )


def picks_for(ids: list[str]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(ids) | UNKNOWN, max_size=len(ids) + 3)


any_question = st.sampled_from(
    [b.single(), b.classification(), b.match(), b.sort(), b.free(), b.rating(), b.open_text()]
) | multi_questions() | spotting_questions() | plan_questions()  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(any_question, json_values)
def test_score_within_bounds_for_any_json(question: Any, answer: Any) -> None:
    """Any JSON answer to any question scores within [0, max]."""
    s = score(question, answer)
    assert 0 <= s.points <= s.max_points


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_score_within_bounds_for_plausible_picks(data: Any) -> None:
    """Plausible picks (offered ids, unknown ids, PASS) to multi-selects and plans stay in [0, max]."""
    q = data.draw(multi_questions() | spotting_questions() | plan_questions())
    ids = _ids(q)
    s = score(q, data.draw(picks_for(ids)))
    assert 0 <= s.points <= s.max_points


def _ids(q: Any) -> list[str]:
    if q.type == "multiple_choice":
        return [o.id for o in q.options]
    if q.type == "indicator_spotting":
        return [*q.present, *q.distractors]
    return list(q.actions)


@settings(max_examples=300, deadline=None)
@given(multi_questions() | spotting_questions() | plan_questions())
def test_model_answer_scores_max(question: Any) -> None:
    """The model answer of generated multi-selects and action plans scores the maximum."""
    s = score(question, model_answer(question))
    assert s.full_marks, s.feedback


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_adding_harmful_never_raises_plan_score(data: Any) -> None:
    """Inserting a harmful action anywhere in a plan never raises its score."""
    q = data.draw(plan_questions())
    if not q.harmful:
        q = q.model_copy(update={"actions": (*q.actions, "h"), "harmful": ("h",)})
    plan = data.draw(picks_for(list(q.actions)))
    harmful = data.draw(st.sampled_from(q.harmful))
    at = data.draw(st.integers(0, len(plan)))
    worse = [*plan[:at], harmful, *plan[at:]]
    assert score(q, worse).points <= score(q, plan).points + 1e-9


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_pick_order_never_changes_multi_select_score(data: Any) -> None:
    """Reordering the picks of a multiple-choice or indicator-spotting answer changes nothing."""
    q = data.draw(multi_questions() | spotting_questions())
    picks = data.draw(picks_for(_ids(q)))
    shuffled = data.draw(st.permutations(picks))
    assert abs(score(q, picks).points - score(q, list(shuffled)).points) < 1e-9


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_pass_mixed_in_never_changes_score(data: Any) -> None:
    """Adding PASS anywhere in a list of picks never changes the mark."""
    q = data.draw(multi_questions() | spotting_questions() | plan_questions())
    picks = data.draw(st.lists(st.sampled_from(_ids(q)), min_size=1))
    at = data.draw(st.integers(0, len(picks)))
    with_pass = [*picks[:at], PASS, *picks[at:]]
    assert score(q, with_pass).points == score(q, picks).points
