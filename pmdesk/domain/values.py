"""Reading values people type into a date or similar field, with a sentence when they are wrong."""

from __future__ import annotations

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
