"""The one number reader: each format reads what it writes and refuses what it cannot tell."""

from __future__ import annotations

import pytest

from pmdesk.domain.values import COMMA_DECIMAL, PLAIN_NUMBER, POINT_DECIMAL, parse_number
from pmdesk.errors import ValidationError
from pmdesk.workspaces.business_case.money import parse_count
from pmdesk.workspaces.requirements.edit import parse_number as requirement_number


@pytest.mark.parametrize(
    ("text", "point", "comma"),
    [
        ("0,5", None, 0.5),
        ("1.000", 1.0, 1000.0),
        ("€1.299,00", None, 1299.0),
        ("1 299,00", None, 1299.0),
        ("1\u202f299,00", None, 1299.0),
        ("1,299.00", 1299.0, None),
        ("1.234.567,89", None, 1234567.89),
        ("1,5", None, 1.5),
        ("-2.5", -2.5, None),
        ("12 %", 12.0, 12.0),
        ("1,23,4", None, None),
        ("abc", None, None),
    ],
)
def test_each_format_reads_its_own_numbers_and_refuses_the_others(text, point, comma):
    assert POINT_DECIMAL.read(text, "€%") == point
    assert COMMA_DECIMAL.read(text, "€%") == comma


def test_plain_numbers_have_no_separators_to_misread():
    assert PLAIN_NUMBER.read("4.5") == 4.5
    assert PLAIN_NUMBER.read("1,500") is None


def test_a_refusal_names_the_field_and_the_text():
    with pytest.raises(ValidationError) as error:
        parse_number("1,5", "Effort")
    assert str(error.value) == "Effort must be a number, not “1,5”."
    assert parse_number("", "Effort") is None
    assert parse_number("1,5", "Effort", COMMA_DECIMAL) == 1.5


def test_one_and_a_half_is_no_longer_read_as_fifteen():
    # Before the one reader, requirements and business-case counts dropped the comma.
    with pytest.raises(ValidationError) as error:
        requirement_number("Effort", "1,5")
    assert str(error.value) == "Effort must be a number, not “1,5”."
    assert requirement_number("Reach", "1,200") == 1200.0
    with pytest.raises(ValidationError):
        parse_count("People", "1,5")
    assert parse_count("People", "1,500") == 1500.0
