"""The decimal mark told from a file's numbers, and a stated assumption when they do not say."""

from __future__ import annotations

from pmdesk.domain.values import COMMA_DECIMAL, POINT_DECIMAL
from pmdesk.interchange.numbers import detect_number_format, in_plain_digits


def test_european_numbers_say_decimal_comma():
    found = detect_number_format(["0,5", "1.000", "€1.299,00", "1 299,00"], ";")
    assert found.number_format == COMMA_DECIMAL
    assert found.assumption is None
    assert [in_plain_digits(t, found.number_format) for t in ("0,5", "1.000", "€1.299,00")] == [
        "0.5",
        "1000",
        "1299",
    ]


def test_american_numbers_say_decimal_point_even_in_a_semicolon_file():
    found = detect_number_format(["1,299.00", "0.75"], ";")
    assert found.number_format == POINT_DECIMAL and found.assumption is None


def test_a_file_whose_numbers_do_not_say_gets_an_assumption():
    found = detect_number_format(["1,000"], ",")
    assert found.number_format == POINT_DECIMAL
    assert found.assumption == (
        "“1,000” could be a thousand or one: PM Desk assumes a decimal point (1,234.5), so it "
        "reads 1000, because nothing in the file says otherwise."
    )
    european = detect_number_format(["1,000"], ";")
    assert european.number_format == COMMA_DECIMAL
    assert "so it reads 1, because the file is separated by semicolons" in european.assumption


def test_whole_numbers_need_no_assumption():
    assert detect_number_format(["5", "12", "High"], ",").assumption is None
