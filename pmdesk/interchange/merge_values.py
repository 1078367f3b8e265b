"""Values a PM types to settle a merge's field conflict, read as the dump holds them."""

from __future__ import annotations

from typing import Any

from pmdesk.domain.allowed import limits_of
from pmdesk.domain.values import parse_date, parse_number, parse_whole_number
from pmdesk.errors import ValidationError

# Fields that identify or stamp a record: never typed.
STAMPS = frozenset({"id", "created_at", "updated_at"})


def edit_kind(column: Any) -> str | None:
    """How a person types a field's value: "text", "choice", "int", "float", "date"; None for a
    field a merge only lets them pick (a link, a yes/no, a time stamp)."""
    if column.foreign_keys or column.key in STAMPS:
        return None
    limits = limits_of(column)
    if limits.kind == "text":
        return "choice" if limits.choices is not None else "text"
    return limits.kind if limits.kind in ("int", "float", "date") else None


def typed_value(column: Any, text: str, name: str) -> Any:
    """A typed text as the dump holds the field's value (a date as ISO text)."""
    kind = edit_kind(column)
    stripped = text.strip()
    if kind == "text":
        return text
    if not stripped:
        if column.nullable:
            return None
        raise ValidationError(f"{name} cannot be empty.")
    if kind == "choice":
        choices = limits_of(column).choices or ()
        wanted = stripped.casefold().replace(" ", "_")
        for choice in choices:
            if wanted in (choice.casefold(), choice.casefold().replace(" ", "_")):
                return choice
        shown = ", ".join(f"“{c.replace('_', ' ').capitalize()}”" for c in choices if c)
        raise ValidationError(f"{name} must be one of {shown}, not “{stripped}”.")
    if kind == "int":
        limits = limits_of(column)
        return parse_whole_number(stripped, name, int(limits.low), int(limits.high))  # type: ignore[arg-type]
    if kind == "float":
        return parse_number(stripped, name)
    day = parse_date(stripped, name)
    return day.isoformat() if day else None
