"""Pre/post matching and knowledge gain on hand-made answers with known results."""

from __future__ import annotations

import math

import pytest

from mskit.evaluation import knowledge as K


@pytest.fixture
def kc(kit):
    return kit.exercises["knowledge-check"]


def test_matching_counts_unmatched_and_duplicates(hand_made, kc, kit):
    """Codes pair before/after (case and hyphens ignored); pre-only, post-only and replaced duplicates are counted."""
    s = K.matching_summary(hand_made, kc, kit).iloc[0]
    assert (s.respondents, s.matched, s.pre_only, s.post_only) == (5, 3, 1, 1)
    assert s.duplicates_replaced == 1
    m = K.match_respondents(hand_made, kc, kit).set_index("respondent_code")
    assert m.loc["B2", "status"] == "matched"
    assert m.loc["C3", "status"] == "pre_only" and math.isnan(m.loc["C3", "gain"])
    assert m.loc["D4", "status"] == "post_only"


def test_latest_duplicate_answer_wins(hand_made, kc, kit):
    """When a code answers a question twice in one phase, the later answer is the one scored."""
    scores = K.knowledge_scores(hand_made, kc, kit).set_index(["respondent_code", "phase"])
    assert scores.loc[("E5", "pre"), "points"] == 1.0
    assert scores.loc[("E5", "pre"), "items_right"] == 1


def test_scores_and_overall_gain_known_values(hand_made, kc, kit):
    """Scores are points over the form's 16-point maximum; the mean gain is over matched people only."""
    scores = K.knowledge_scores(hand_made, kc, kit).set_index(["respondent_code", "phase"])
    assert scores.loc[("A1", "pre"), "max_points"] == 16.0
    assert scores.loc[("A1", "pre"), "percent"] == pytest.approx(100 / 16)
    assert scores.loc[("A1", "post"), "percent"] == pytest.approx(200 / 16)
    g = K.knowledge_gain(hand_made, kc, kit).iloc[0]
    assert g.matched == 3
    # matched: A1 6.25 -> 12.5, B2 12.5 -> 12.5, E5 6.25 -> 6.25
    assert g.mean_pre == pytest.approx((6.25 + 12.5 + 6.25) / 3)
    assert g.mean_post == pytest.approx((12.5 + 12.5 + 6.25) / 3)
    assert g.mean_gain == pytest.approx(6.25 / 3)
    assert (g.improved, g.same, g.worse) == (1, 2, 0)


def test_item_gain_known_values(hand_made, kc, kit):
    """Per question, right before/after counts and percentages over the 3 matched people."""
    items = K.item_gain(hand_made, kc, kit).set_index("question_id")
    d = items.loc["define-modern-slavery"]
    assert (d.matched, d.pre_right, d.post_right, d.gain) == (3, 3, 3, 0)
    n = items.loc["duty-to-notify"]
    assert (n.pre_right, n.post_right) == (1, 2)
    assert n.gain == pytest.approx(100 / 3)
    assert items.loc["signs", "pre_right"] == 0  # nobody answered it: not right


def test_most_often_wrong_after_the_session(hand_made, kc, kit):
    """After the session, the question with the highest share not right comes first, with its commonest wrong answer."""
    wrong = K.most_often_wrong(hand_made, kc, kit, top=2)
    first = wrong.iloc[0]
    assert first.question_id == "duty-to-notify"
    assert (first.answered, first.not_right) == (3, 1)
    assert first.common_wrong_answer.startswith("Every member of staff")
    assert wrong.iloc[1].question_id == "define-modern-slavery"
    assert wrong.iloc[1].percent_not_right == pytest.approx(25.0)


def test_confidence_change_over_people_who_rated_twice(hand_made, kc):
    """Confidence means use only people who rated before and after (C3's single rating is left out)."""
    c = K.confidence_change(hand_made, kc).set_index("question_id").loc["confidence-spot"]
    assert c.paired == 2
    assert (c.pre_mean, c.post_mean, c.change) == (2.5, 3.5, 1.0)
    assert (c.more, c.same, c.less) == (1, 1, 0)
    assert (c.pre_agree, c.post_agree) == (0, 1)


def test_feedback_ratings_and_comments(kit):
    """Rating counts per scale point and the mean; blank comments are dropped, codes are not shown."""
    from .conftest import FB, r

    fb = kit.exercises[FB]
    rows = [
        r("A1", "once", "content", 5, form=FB),
        r("B2", "once", "content", 4, form=FB),
        r("C3", "once", "content", 4, form=FB),
        r("A1", "once", "improve", "More time", form=FB),
        r("B2", "once", "improve", "   ", form=FB),
    ]
    ratings = K.feedback_ratings(rows, fb).set_index("question_id").loc["content"]
    assert (ratings.answers, ratings["4"], ratings["5"], ratings["1"]) == (3, 2, 1, 0)
    assert ratings["mean"] == pytest.approx(13 / 3)
    comments = K.feedback_comments(rows, fb)
    assert list(comments["comment"]) == ["More time"]
    assert "respondent_code" not in comments.columns


def test_store_round_trip_matches_the_same_way(store, kit, kc, hand_made):
    """Answers saved through the store give the same matching as the hand-made records."""
    s = store.create_session("Hand made", "2025-01-15")
    for row in hand_made:
        store.save_evaluation(s.id, row["form_id"], row["respondent_code"], row["phase"],
                              row["question_id"], row["value"])  # fmt: skip
    summary = K.matching_summary(store.evaluation_responses(s.id), kc, kit).iloc[0]
    assert (summary.matched, summary.pre_only, summary.post_only) == (3, 1, 1)
    assert summary.duplicates_replaced == 0  # the store keeps only the latest already
