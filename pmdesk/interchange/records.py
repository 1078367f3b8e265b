"""Turning records into JSON values and back, driven by each model's columns."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Column, Date, DateTime, Float, Integer, String

from pmdesk.domain.base import Record

JsonValue = Any
TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def to_json(record: Record) -> dict[str, JsonValue]:
    return {column.key: _value_to_json(getattr(record, column.key)) for column in columns(record)}


def columns(model: type[Record] | Record) -> list[Column[Any]]:
    return list(model.__table__.columns)  # type: ignore[union-attr]


def _value_to_json(value: object) -> JsonValue:
    if isinstance(value, datetime):
        # Not strftime: it writes year 999 as "999", which the format below does not read back.
        return f"{value.year:04d}-{value:%m-%dT%H:%M:%SZ}"  # = TIMESTAMP_FORMAT
    if isinstance(value, date):
        return value.isoformat()
    return value


def from_json(column: Column[Any], value: JsonValue) -> tuple[object, str | None]:
    """The column value for a JSON value, or None and what is wrong with it."""
    if value is None:
        return None, (None if column.nullable else "must not be empty (null)")
    kind = column.type
    if isinstance(kind, Boolean):
        return (value, None) if isinstance(value, bool) else (None, "must be true or false")
    if isinstance(kind, Integer):
        if isinstance(value, int) and not isinstance(value, bool):
            return value, None
        return None, "must be a whole number"
    if isinstance(kind, Float):
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value), None
        return None, "must be a number"
    if not isinstance(value, str):
        return None, "must be text"
    if isinstance(kind, DateTime):
        try:
            return datetime.strptime(value, TIMESTAMP_FORMAT), None
        except ValueError:
            return None, "must be a UTC time like 2026-01-31T09:30:00Z"
    if isinstance(kind, Date):
        try:
            return date.fromisoformat(value), None
        except ValueError:
            return None, "must be a date like 2026-01-31"
    if column.key == "id" or column.foreign_keys:
        try:
            uuid.UUID(value)
        except ValueError:
            return None, "must be a UUID"
    if isinstance(kind, String) and kind.length and len(value) > kind.length:
        return None, f"must be at most {kind.length} characters long"
    return value, None


def describe(value: JsonValue) -> str:
    """How a JSON value reads in a sentence: 'text', 'a number', ..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"
