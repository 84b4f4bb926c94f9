"""Small-number suppression: fewer than 5 people is shown as "<5"."""

from __future__ import annotations

import math

import pandas as pd

from mskit.evaluation.suppress import hide_small, suppress_count, suppress_row, suppress_stat


def test_counts_of_one_to_four_are_hidden():
    """1-4 people show as <5; 0 and 5 or more show as they are."""
    assert [suppress_count(n) for n in (0, 1, 4, 5, 23)] == [0, "<5", "<5", 5, 23]


def test_figures_from_fewer_than_five_people_are_hidden():
    """A mean from 4 people is hidden; from 5 it is shown; from nobody it is empty."""
    assert suppress_stat(62.5, 4) == "<5"
    assert suppress_stat(62.5, 5) == 62.5
    assert math.isnan(suppress_stat(62.5, 0))


def test_single_hidden_cell_hides_the_next_smallest():
    """If one cell of a breakdown is hidden, the next smallest is too, so it cannot be subtracted out."""
    assert suppress_row([12, 3, 9, 0]) == [12, "<5", "<5", 0]
    assert suppress_row([12, 3, 2]) == [12, "<5", "<5"]
    assert suppress_row([12, 6, 9]) == [12, 6, 9]


def test_hide_small_on_a_frame():
    """Counts, statistics and breakdown rows are suppressed in one call."""
    df = pd.DataFrame({"who": ["a", "b"], "n": [3, 20], "mean": [50.0, 60.0],
                       "police": [2, 10], "health": [1, 10]})  # fmt: skip
    out = hide_small(df, counts=["n"], stats={"mean": "n"}, rows=[["police", "health"]])
    assert list(out["n"]) == ["<5", 20]
    assert list(out["mean"]) == ["<5", 60.0]
    assert list(out["police"]) == ["<5", 10] and list(out["health"]) == ["<5", 10]
