"""Reading values people type into a date or similar field, with a sentence when they are wrong."""

from __future__ import annotations

import re
from datetime import date

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


_DIGITS = re.compile(r"\d+")


def natural_key(text: str) -> str:
    """A sort key that orders numbers inside text by value: "(2)" before "(10)", "Item 9"
    before "Item 10", case ignored. A plain string, so Qt's proxies compare it natively."""
    return _DIGITS.sub(lambda digits: digits.group().zfill(20), text.casefold())
