"""Reading values people type or files hold (dates, whole numbers, numbers written with any
decimal mark), with a sentence when they are wrong.

There is one number reader: :class:`NumberFormat` says which mark is the decimal one and which
go between thousands, and reading never guesses beyond it. A CSV import detects the format from
its numeric columns (``interchange/numbers.py``) and hands it here; typing in the app uses the
decimal point.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from pmdesk.errors import ValidationError


def parse_date(value: object, label: str) -> date | None:
    """An ISO date from a date, text or nothing; empty text means no date."""
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"{label} must be a date like 2026-03-31, not “{text}”.") from None


# The months as a fiscal-year start is chosen (in English, whatever the system's locale).
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def parse_whole_number(value: object, label: str, low: int, high: int) -> int:
    """A whole number from ``low`` to ``high``, from a number or text a person typed."""
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and value.strip().lstrip("-").isdigit():
        number = int(value.strip())
    if number is None:
        shown = "nothing" if value in (None, "") else f"“{value}”"
        raise ValidationError(f"{label} must be a whole number from {low} to {high}, not {shown}.")
    if not low <= number <= high:
        raise ValidationError(f"{label} must be from {low} to {high}, not {number}.")
    return number


# -- numbers -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NumberFormat:
    """How a file or a person writes numbers: the decimal mark and the marks between thousands.

    ``thousands`` lists every mark accepted between groups of three digits ("" for none); a
    space stands for the no-break and narrow spaces spreadsheets write too.
    """

    decimal: str = "."
    thousands: str = ", "

    @property
    def example(self) -> str:
        """1,234.5 or 1.234,5: how a PM recognises the choice."""
        group = self.thousands[:1]
        return f"1{group}234{self.decimal}5"

    @property
    def description(self) -> str:
        if self.decimal == ",":
            return "decimal comma (1.234,5 or 1 234,5)"
        return "decimal point (1,234.5)" if self.thousands else "decimal point (1234.5)"

    def read(self, text: str, signs: str = "", *, finite: bool = True) -> float | None:
        """The number ``text`` writes, or None when it is not one written this way.

        ``signs``: characters allowed (and dropped) before or after it, such as "%" or "€$£".
        Groups must be whole: with "," between thousands, "1,5" is not a number (it is one
        and a half in a European file), so it is never read as fifteen. ``finite=False`` keeps
        an overflowing "1e999" (as infinity) for a caller with its own words for it.
        """
        cleaned = text.strip().replace("\u00a0", " ").replace("\u202f", " ")
        cleaned = cleaned.strip(signs + " ") if signs else cleaned
        sign = ""
        if cleaned[:1] in "+-":
            sign, cleaned = cleaned[0], cleaned[1:].strip(signs + " ") if signs else cleaned[1:]
        match = _pattern(self.decimal, self.thousands).match(cleaned)
        if match is None:
            return None
        whole = match.group("whole") or "0"
        for mark in self.thousands:
            whole = whole.replace(mark, "")
        part = match.group("part") or match.group("frac") or "0"
        number = float(f"{sign}{whole}.{part}{match.group('exp') or ''}")
        return number if math.isfinite(number) or not finite else None


POINT_DECIMAL = NumberFormat(".", ", ")
COMMA_DECIMAL = NumberFormat(",", ". ")
PLAIN_NUMBER = NumberFormat(".", "")  # digits and a decimal point: nothing to misread
NUMBER_FORMATS = (POINT_DECIMAL, COMMA_DECIMAL)


@lru_cache(maxsize=16)
def _pattern(decimal: str, thousands: str) -> re.Pattern[str]:
    marks = "".join(re.escape(mark) for mark in thousands)
    grouped = rf"\d{{1,3}}(?:[{marks}]\d{{3}})+|" if marks else ""
    point = re.escape(decimal)
    return re.compile(
        rf"^(?:(?P<whole>{grouped}\d+)(?:{point}(?P<part>\d*))?|{point}(?P<frac>\d+))"
        r"(?P<exp>[eE][+-]?\d+)?$"
    )


def parse_number(
    value: object,
    label: str,
    number_format: NumberFormat = POINT_DECIMAL,
    *,
    signs: str = "",
    message: str | None = None,
) -> float | None:
    """A number from a number or a text written in ``number_format``; None for blank.

    ``message`` replaces the sentence for text that is not a number ("{label}" and "{text}"
    are filled in), so each field keeps its own words.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        number: float | None = None
    elif isinstance(value, int | float):
        number = float(value) if math.isfinite(value) else None
    else:
        text = str(value).strip()
        if not text:
            return None
        number = number_format.read(text, signs)
    if number is None:
        shown = str(value).strip()
        if message is not None:
            raise ValidationError(message.format(label=label, text=shown))
        raise ValidationError(f"{label} must be a number, not “{shown}”.")
    return number


_DIGITS = re.compile(r"\d+")


def natural_key(text: str) -> str:
    """A sort key that orders numbers inside text by value: "(2)" before "(10)", "Item 9"
    before "Item 10", case ignored. A plain string, so Qt's proxies compare it natively."""
    return _DIGITS.sub(lambda digits: digits.group().zfill(20), text.casefold())
