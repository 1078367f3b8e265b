"""Amounts, percentages and horizons as typed, and the sentences that refuse bad ones."""

from __future__ import annotations

import pytest

from pmdesk.errors import ValidationError
from pmdesk.workspaces.business_case.money import (
    format_money,
    parse_amount,
    parse_horizon,
    parse_percent,
)


@pytest.mark.parametrize(
    ("typed", "currency", "amount"),
    [
        ("1299", "USD", 1299.0),
        ("1,299.00", "USD", 1299.0),
        ("$1,299.50", "USD", 1299.5),
        ("1299 USD", "USD", 1299.0),
        ("€1,299", "EUR", 1299.0),
        (42, "USD", 42.0),
    ],
)
def test_amounts_in_the_projects_currency_are_read(typed, currency, amount):
    assert parse_amount("The price", typed, currency) == amount


def test_an_amount_in_another_currency_format_is_refused_not_guessed():
    with pytest.raises(ValidationError) as refused:
        parse_amount("The price", "1.299,00 €", "USD")
    assert str(refused.value) == (
        "The price must be in USD, the project's currency: “1.299,00 €” is not. "
        "Type the amount in USD, like $1,299.00."
    )
    with pytest.raises(ValidationError, match=r"written like €1,299.00 .*not “1.299,00 €”"):
        parse_amount("The price", "1.299,00 €", "EUR")  # the right currency, another notation


def test_percentages_and_their_bounds():
    assert parse_percent("Churn", "2.5 %") == 2.5
    with pytest.raises(ValidationError, match=r"Churn must be from 0 % to 100 %, not 120 %"):
        parse_percent("Churn", "120%")


def test_horizons_in_quarters_or_years_and_no_further_than_ten_years():
    assert parse_horizon("12") == 12
    assert parse_horizon("3 years") == 12
    with pytest.raises(ValidationError) as refused:
        parse_horizon("40 years")
    assert str(refused.value) == (
        "A forecast runs for 1 to 40 quarters (10 years); 160 quarters is too far ahead to mean "
        "anything."
    )


def test_money_is_written_the_way_it_is_read():
    assert format_money(671_000, "USD") == "$671,000"
    assert format_money(-75_000, "USD", short=True) == "−$75k"
    assert format_money(1_250_000, "EUR", short=True) == "€1.2M"
    assert format_money(1299, "CHF", cents=True) == "CHF 1,299.00"
    assert parse_amount("x", format_money(1299.5, "USD", cents=True), "USD") == 1299.5


def _loaded(change) -> str:
    import copy

    from pmdesk.errors import PmdeskError
    from pmdesk.interchange.project_json import load_project
    from pmdesk.interchange.sample import sample_data
    from pmdesk.store.document import Document
    from pmdesk.workspaces.business_case.model import BusinessCase

    data = copy.deepcopy(sample_data())
    change(data["business_case"])
    document = Document.new()
    try:
        with pytest.raises(PmdeskError) as refused:
            load_project(document.session, data, "x.json")
        assert document.session.query(BusinessCase).count() == 0  # nothing half-loaded
        return str(refused.value)
    finally:
        document.close()


def test_a_file_with_a_free_tier_or_impossible_churn_or_horizon_is_refused_by_name():
    def free(group):
        group["tiers"][0]["monthly_price"] = 0.0

    def churn(group):
        group["scenarios"][0]["churn_percent"] = 150.0

    def forty_years(group):
        group["cases"][0]["horizon_quarters"] = 160

    assert "business_case.tiers[0] is refused: The price must be more than zero" in _loaded(free)
    assert "Churn a quarter must be from 0 % to 100 %, not 150 %" in _loaded(churn)
    assert "160 quarters is too far ahead" in _loaded(forty_years)
