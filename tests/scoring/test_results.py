"""Results tables on hand-made records with known counts."""

from __future__ import annotations

import math
from types import SimpleNamespace

import pytest

from mskit.content.questions import PASS
from mskit.scoring import ManualMark
from mskit.scoring.results import (
    answer_spread,
    discussion_points,
    indicator_spotting_table,
    normalised_entropy,
    scores_by_group,
    scores_by_question,
)

from . import builders as b

SPOT, SINGLE, PLAN, FREE = b.spotting(), b.single(), b.plan(), b.free()
SCENARIO = b.scenario([SPOT], [SINGLE, PLAN, FREE])


def rec(group: str, question: str, value: object, activity: str = "sc") -> dict:
    labels = {"g1": "Red", "g2": "Blue", "g3": "Green"}
    return {
        "group_id": group,
        "group_label": labels.get(group, group),
        "activity_id": activity,
        "question_id": question,
        "value": value,
    }


RECORDS = [
    rec("g1", SPOT.id, ["debt", "no-id", "controlled"]),
    rec("g1", SINGLE.id, "a"),
    rec("g1", PLAN.id, ["safety", "refer", "record"]),
    rec("g1", FREE.id, "Refer them."),
    rec("g2", SPOT.id, ["debt", "injuries"]),
    rec("g2", SINGLE.id, "b"),
    rec("g2", PLAN.id, ["refer", "safety", "record", "confront"]),
    rec("g3", SPOT.id, [PASS]),
    rec("g3", SINGLE.id, "b"),
    rec("g3", SINGLE.id, "a"),  # a later answer replaces the earlier one
    rec("g3", "no-such-question", "a"),  # ignored
    rec("g9", SINGLE.id, "a", activity="other"),  # another activity: ignored
]
MARKS = {("g1", FREE.id): ManualMark(2, "Good.")}


def test_scores_by_group_known_totals() -> None:
    """scores_by_group: points, max (all scored questions), percent and counts per group."""
    df = scores_by_group(SCENARIO, RECORDS, MARKS).set_index("group_id")
    assert list(df.index) == ["g1", "g2", "g3"]
    assert list(df["group_label"]) == ["Red", "Blue", "Green"]
    assert list(df["points"]) == [9, 1, 1]
    assert list(df["max_points"]) == [9, 9, 9]
    assert df.loc["g1", "percent"] == 100
    assert df.loc["g2", "percent"] == pytest.approx(100 / 9)
    assert list(df["answered"]) == [4, 3, 1]
    assert list(df["passed"]) == [0, 0, 1]
    assert list(df["needs_marking"]) == [0, 0, 0]


def test_scores_by_group_without_marks_counts_needs_marking() -> None:
    """Without a manual mark, g1's free text waits for marking and earns nothing yet."""
    df = scores_by_group(SCENARIO, RECORDS).set_index("group_id")
    assert df.loc["g1", "points"] == 7 and df.loc["g1", "needs_marking"] == 1


def test_marks_as_records() -> None:
    """Manual marks may be given as records with group_id, question_id, points, comment."""
    marks = [{"group_id": "g1", "question_id": FREE.id, "points": 1, "comment": "Half."}]
    df = scores_by_group(SCENARIO, RECORDS, marks).set_index("group_id")
    assert df.loc["g1", "points"] == 8


def test_scores_by_question_long_and_wide() -> None:
    """scores_by_question: one row per group × question (long); wide has a column each."""
    long = scores_by_question(SCENARIO, RECORDS, MARKS)
    assert len(long) == 3 * 4
    row = long[(long.group_id == "g2") & (long.question_id == PLAN.id)].iloc[0]
    assert (row.stage_id, row.status, row.points, row.max_points) == ("st2", "scored", 1, 3)
    g3_plan = long[(long.group_id == "g3") & (long.question_id == PLAN.id)].iloc[0]
    assert g3_plan.status == "unanswered"
    wide = scores_by_question(SCENARIO, RECORDS, MARKS, wide=True)
    assert list(wide.columns) == ["group_id", "group_label", SPOT.id, SINGLE.id, PLAN.id, FREE.id]
    assert list(wide[SINGLE.id]) == [1, 0, 1]


def test_indicator_spotting_table_counts() -> None:
    """indicator_spotting_table: per indicator, groups that spotted it of those that answered."""
    df = indicator_spotting_table(SCENARIO, RECORDS).set_index("indicator_id")
    assert dict(df["spotted"]) == {"debt": 2, "no-id": 1, "controlled": 1, "injuries": 1,
                                   "groups": 0}  # fmt: skip
    assert set(df["groups"]) == {3}
    assert df.loc["debt", "share"] == pytest.approx(2 / 3)
    assert bool(df.loc["debt", "present"]) and not bool(df.loc["injuries", "present"])


def test_answer_spread_single_choice_and_pass() -> None:
    """answer_spread: per option, how many groups chose it, with a PASS row."""
    df = answer_spread(SCENARIO, RECORDS)
    single = df[df.question_id == SINGLE.id].set_index("answer")
    assert dict(single["groups"]) == {"a": 2, "b": 1, "c": 0, PASS: 0}
    assert set(single["of"]) == {3}
    assert single.loc["a", "verdict"] == "right"
    spot = df[df.question_id == SPOT.id].set_index("answer")
    assert spot.loc[PASS, "groups"] == 1 and spot.loc["debt", "groups"] == 2
    plan = df[df.question_id == PLAN.id].set_index("answer")
    assert plan.loc["confront", "verdict"] == "harmful" and plan.loc["confront", "groups"] == 1
    assert plan.loc["help", "verdict"] == "helpful"
    assert FREE.id not in set(df.question_id)


def test_answer_spread_match_sort_rating() -> None:
    """answer_spread: per item and target (match), item and category (sort), scale point."""
    m, s, r = b.match(), b.sort(), b.rating()
    ex = b.exercise(m, s, r)
    records = [
        {"group_id": "x", "question_id": m.id, "value": {"nrm": ["police", "la"]}},
        {"group_id": "y", "question_id": m.id, "value": {"nrm": ["police"]}},
        {"group_id": "x", "question_id": s.id, "value": {"s1": "myth", "s2": "myth"}},
        {"group_id": "x", "question_id": r.id, "value": 4},
        {"group_id": "y", "question_id": r.id, "value": 4},
    ]
    df = answer_spread(ex, records)
    mm = df[df.question_id == m.id].set_index(["item", "answer"])
    assert mm.loc[("nrm", "police"), "groups"] == 2 and mm.loc[("nrm", "la"), "groups"] == 1
    assert mm.loc[("notify", "police"), "groups"] == 0
    ss = df[df.question_id == s.id].set_index(["item", "answer"])
    assert ss.loc[("s2", "myth"), "groups"] == 1 and ss.loc[("s2", "myth"), "verdict"] == "wrong"
    rr = df[df.question_id == r.id].set_index("answer")
    assert rr.loc[4, "groups"] == 2 and rr.loc[1, "groups"] == 0 and rr.loc[4, "share"] == 1


def test_discussion_points_ranking_and_measure() -> None:
    """discussion_points: mean normalised entropy per question, highest first."""
    df = discussion_points(SCENARIO, RECORDS, MARKS)
    assert list(df["question_id"]) == [SPOT.id, SINGLE.id, PLAN.id]
    assert list(df["rank"]) == [1, 2, 3]
    by = df.set_index("question_id")
    assert by.loc[SPOT.id, "disagreement"] == pytest.approx(3 / 5)
    assert by.loc[SPOT.id, "passed"] == 1 and by.loc[SPOT.id, "groups"] == 2
    h = -(2 / 3 * math.log(2 / 3) + 1 / 3 * math.log(1 / 3)) / math.log(3)
    assert by.loc[SINGLE.id, "disagreement"] == pytest.approx(h)
    assert by.loc[PLAN.id, "disagreement"] == pytest.approx(1 / 6)
    assert by.loc[PLAN.id, "most_split"] == "confront"


def test_discussion_points_ties() -> None:
    """discussion_points: equal disagreement is broken by score spread, then question order."""
    r, s1, s2 = b.rating(id="r"), b.single(id="s1"), b.single(id="s2")
    ex = b.exercise(r, s1, s2)
    records = [
        {"group_id": g, "question_id": q, "value": v}
        for g, vals in {"x": (1, "a", "b"), "y": (2, "b", "c")}.items()
        for q, v in zip(("r", "s1", "s2"), vals, strict=True)
    ]
    df = discussion_points(ex, records)
    # all three split evenly (disagreement 1); s1 has score spread 50, s2 has 0, r has none
    assert list(df["disagreement"]) == [1, 1, 1]
    assert list(df["question_id"]) == ["s1", "s2", "r"]


def test_normalised_entropy() -> None:
    """normalised_entropy: 0 when all agree, 1 when split as evenly as possible."""
    assert normalised_entropy(["a", "a", "a"], 3) == 0
    assert normalised_entropy(["a", "b"], 5) == pytest.approx(1)
    assert normalised_entropy(["a", "b", "c"], 3) == pytest.approx(1)
    assert normalised_entropy(["a"], 3) == 0


def test_empty_records_give_empty_tables() -> None:
    """With no records every table is empty but has its columns."""
    for fn in (scores_by_group, scores_by_question, indicator_spotting_table, answer_spread):
        df = fn(SCENARIO, [])
        assert len(df.columns) > 0
    assert scores_by_group(SCENARIO, []).empty
    dp = discussion_points(SCENARIO, [])
    assert dp["disagreement"].isna().all()


def test_records_may_be_objects() -> None:
    """Records may be objects with attributes instead of mappings."""
    objs = [SimpleNamespace(**r) for r in RECORDS]
    assert list(scores_by_group(SCENARIO, objs, MARKS)["points"]) == [9, 1, 1]


def test_lazy_results_from_package() -> None:
    """The results functions are reachable from mskit.scoring (loaded on first use)."""
    import mskit.scoring as scoring

    assert scoring.scores_by_group is scores_by_group
