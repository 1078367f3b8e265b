"""Weighted totals, ranks, points per rating kind and staleness, without a database."""

from __future__ import annotations

from datetime import date

import pytest

from pmdesk.errors import ValidationError
from pmdesk.workspaces.competition.rules import (
    CriterionRow,
    Scoreboard,
    is_stale,
    parse_value,
    parse_weight,
    ranks,
    row_points,
)


def board(criteria: list[tuple[str, float, str]], values: dict[tuple[str, str], str]):
    rows = {name: CriterionRow(name, name, "cat", weight, kind) for name, weight, kind in criteria}
    return Scoreboard.from_pairs(["us", "a", "b"], rows, values, us_id="us")


def test_totals_are_the_weighted_share_of_the_best_result():
    scores = board(
        [("speed", 2, "score"), ("price", 1, "score")],
        {("speed", "us"): "5", ("price", "us"): "0", ("speed", "a"): "0", ("price", "a"): "5"},
    )
    totals = scores.totals()
    assert totals["us"] == pytest.approx(100 * 10 / 15)
    assert totals["a"] == pytest.approx(100 * 5 / 15)
    assert "b" not in totals  # unrated: no total, not a zero
    assert scores.ranks() == {"us": 1, "a": 2}


def test_equal_totals_share_a_rank_and_the_next_rank_is_skipped():
    assert ranks({"a": 50.0, "b": 50.0, "c": 10.0}) == {"a": 1, "b": 1, "c": 3}
    # float noise from different sums must not split a real tie
    assert ranks({"a": 0.1 + 0.2, "b": 0.3})["a"] == ranks({"a": 0.1 + 0.2, "b": 0.3})["b"]


def test_zero_weight_criteria_do_not_count_and_all_zero_weights_give_zero_totals():
    scores = board(
        [("speed", 0, "score"), ("price", 1, "score")],
        {("speed", "a"): "5", ("price", "us"): "3"},
    )
    assert "a" not in scores.totals()  # rated only where nothing counts
    assert scores.totals()["us"] == pytest.approx(60)
    nothing = board([("speed", 0, "score")], {("speed", "a"): "5"})
    assert nothing.totals() == {}
    assert nothing.ranks() == {}


def test_free_text_criteria_never_score():
    scores = board([("notes", 3, "text")], {("notes", "a"): "Great"})
    assert scores.totals() == {}


def test_yes_partial_no_and_prices_turn_into_points():
    assert row_points("yes_no", {"a": "yes", "b": "partial", "c": "no"}) == {
        "a": 5,
        "b": 2.5,
        "c": 0,
    }
    prices = row_points("price", {"a": "50", "b": "100"})
    assert prices == {"a": 5, "b": 2.5}  # cheaper is better
    assert row_points("price", {"a": "0", "b": "100"}) == {"a": 5, "b": 0}


def test_one_edit_updates_totals_like_a_full_recount():
    criteria = [("speed", 2, "score"), ("cost", 1, "price")]
    values = {("speed", "us"): "3", ("cost", "us"): "50", ("cost", "a"): "100"}
    scores = board(criteria, values)
    scores.set_value("cost", "a", "25")
    scores.set_value("speed", "us", "")
    recount = board(criteria, {("cost", "us"): "50", ("cost", "a"): "25"})
    assert scores.totals() == pytest.approx(recount.totals())


def test_gap_to_leader_and_lead_trail_rows():
    scores = board(
        [("speed", 2, "score"), ("apps", 1, "score"), ("same", 1, "score")],
        {
            ("speed", "us"): "2",
            ("speed", "a"): "5",
            ("apps", "us"): "4",
            ("apps", "a"): "1",
            ("same", "us"): "3",
            ("same", "a"): "3",
        },
    )
    assert scores.gap_to_leader("speed") == 3
    assert scores.gap_to_leader("apps") == 0
    leads, trails = scores.compare("a")
    assert [c.name for c in leads] == ["apps"]
    assert [c.name for c in trails] == ["speed"]


def test_unrated_is_left_out_and_too_few_ratings_give_no_rank():
    criteria = [(name, 1, "score") for name in ("a1", "a2", "a3", "a4", "a5")]
    # One of five rated, even at full marks, is no basis for a total ("34 %" seen before).
    scores = board(criteria, {("a1", "a"): "5", **{(n, "us"): "3" for n, _w, _k in criteria}})
    assert scores.rated_share("a") == pytest.approx(0.2)
    assert not scores.has_enough_ratings("a")
    assert "a" not in scores.totals() and "a" not in scores.ranks()
    assert "b" not in scores.totals()  # a new competitor has no total and no rank
    assert scores.totals()["us"] == pytest.approx(60)
    assert scores.ranks() == {"us": 1}
    # Rated on three of five: a total over those three, ranked with the others.
    for name in ("a2", "a3"):
        scores.set_value(name, "a", "4")
    assert scores.totals()["a"] == pytest.approx(100 * (5 + 4 + 4) / 15)
    assert scores.ranks() == {"a": 1, "us": 2}
    assert scores.gap_to_leader("a4") == 0  # we lead where only we are rated
    scores.set_value("a1", "us", "")
    assert scores.gap_to_leader("a1") is None  # unrated: no gap to speak of


def test_category_score_is_a_weighted_average():
    scores = board(
        [("speed", 3, "score"), ("apps", 1, "score")],
        {("speed", "a"): "4", ("apps", "a"): "0"},
    )
    assert scores.group_score(["speed", "apps"], "a") == pytest.approx(3.0)


@pytest.mark.parametrize(
    ("kind", "typed", "stored"),
    [
        ("score", " 4 ", "4"),
        ("score", "3.5", "3.5"),
        ("yes_no", "Partial", "partial"),
        ("yes_no", "Y", "yes"),
        ("price", "$1,200", "1200"),
        ("text", "  Free trial ", "Free trial"),
        ("score", "", ""),
    ],
)
def test_values_are_stored_as_a_pm_reads_them(kind, typed, stored):
    assert parse_value(kind, typed) == stored


@pytest.mark.parametrize(
    ("kind", "typed", "message"),
    [
        ("score", "7", "must be from 0 to 5; 7 is out of range"),
        ("score", "-1", "must be from 0 to 5; -1 is out of range"),
        ("score", "great", "must be a score from 0 to 5, not “great”"),
        ("yes_no", "maybe", "must be yes, partial or no, not “maybe”"),
        ("price", "-5", "cannot be a negative price"),
    ],
)
def test_bad_ratings_are_refused_with_a_sentence(kind, typed, message):
    with pytest.raises(ValidationError, match=message):
        parse_value(kind, typed)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-2", "cannot be negative"),
        ("heavy", "must be a number like 1 or 2.5, not “heavy”"),
        ("", "not nothing"),
        ("nan", "must be a number"),
    ],
)
def test_bad_weights_are_refused(typed, message):
    with pytest.raises(ValidationError, match=message):
        parse_weight(typed)


def test_weights_accept_decimal_commas():
    assert parse_weight("1,5") == 1.5
    assert parse_weight(0) == 0


def test_ratings_older_than_the_chosen_age_are_stale():
    today = date(2026, 11, 25)
    assert is_stale(date(2026, 1, 1), today, 180)
    assert not is_stale(date(2026, 10, 1), today, 180)
    assert not is_stale(None, today, 180)
