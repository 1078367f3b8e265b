"""What a column may hold beyond its type: a model states it once, every reader obeys it.

A model declares allowed values next to the column, in SQLAlchemy's ``info``::

    kind: Mapped[str] = mapped_column(String(20), info=one_of(RELATIONSHIP_KINDS))
    weight: Mapped[float] = mapped_column(Float, info=between(0, 100))

``load`` checks each value it reads with :func:`value_problem`; ``check`` and opening a file run
the same limits as set-based SQL (``pmdesk.store.content``). Columns that declare nothing still
get bounds a view can draw: whole numbers within ±10⁹, decimals within ±10¹², texts of at most
:data:`TEXT_MAX` characters. A value outside them is no PM's data; it is a damaged or forged file.
"""

from __future__ import annotations

import fnmatch
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, Column, Date, DateTime, Float, Integer, String

TEXT_MAX = 200_000  # a long text field: far more than a PM writes, little enough to draw
INTEGER_BOUND = 10**9  # fits a C int, so Qt never overflows on it
FLOAT_BOUND = 1e12  # far beyond any score, weight or amount; finite after any sum or product


def one_of(choices: Iterable[str], *, empty: bool = False) -> dict[str, Any]:
    """``info`` for a column holding one of ``choices`` (keys of a dict work), or "" if
    ``empty``."""
    allowed = tuple(choices) + (("",) if empty else ())
    return {"choices": allowed}


_HEX = "[0-9A-Fa-f]"
HEX_COLOUR_GLOB = "#" + _HEX * 6


def hex_colour() -> dict[str, Any]:
    """``info`` for a column holding a colour as "#3a6ea5"."""
    return {"glob": HEX_COLOUR_GLOB, "shape": "a colour like #3a6ea5"}


def not_words() -> dict[str, Any]:
    """``info`` for a text column that holds no words a person reads (a file's bytes, a path,
    JSON options): Find skips it."""
    return {"words": False}


def between(low: float, high: float) -> dict[str, Any]:
    """``info`` for a numeric column holding values from ``low`` to ``high``, both included."""
    return {"range": (low, high)}


@dataclass(frozen=True)
class Limits:
    """Everything a column promises about its values, from its type and its ``info``."""

    kind: str  # "bool", "int", "float", "text", "date", "datetime"
    nullable: bool
    max_length: int | None = None  # texts only
    low: float | None = None  # numbers only
    high: float | None = None
    choices: tuple[str, ...] | None = None
    identity: bool = False  # a record id or a reference to one: a UUID
    glob: str | None = None  # texts only: the shape every value has (SQLite GLOB syntax)
    shape: str = ""  # that shape in words


def limits_of(column: Column[Any]) -> Limits:
    """The limits of one model column."""
    kind_of = column.type
    info = column.info
    choices = info.get("choices")
    low, high = info.get("range", (None, None))
    identity = column.key == "id" or bool(column.foreign_keys)
    if isinstance(kind_of, Boolean):
        return Limits("bool", column.nullable is True)
    if isinstance(kind_of, Integer):
        low = -INTEGER_BOUND if low is None else low
        high = INTEGER_BOUND if high is None else high
        return Limits("int", column.nullable is True, low=low, high=high)
    if isinstance(kind_of, Float):
        low = -FLOAT_BOUND if low is None else low
        high = FLOAT_BOUND if high is None else high
        return Limits("float", column.nullable is True, low=low, high=high)
    if isinstance(kind_of, DateTime):
        return Limits("datetime", column.nullable is True)
    if isinstance(kind_of, Date):
        return Limits("date", column.nullable is True)
    length = getattr(kind_of, "length", None) if isinstance(kind_of, String) else None
    return Limits(
        "text",
        column.nullable is True,
        max_length=length or TEXT_MAX,
        choices=tuple(choices) if choices is not None else None,
        identity=identity,
        glob=info.get("glob"),
        shape=info.get("shape", ""),
    )


def value_problem(limits: Limits, value: object) -> str | None:
    """What is wrong with a typed value (as ``load`` reads it), or None.

    The wording completes "<field> ..." in a sentence, as the type checks of ``load`` do.
    """
    if value is None:
        return None if limits.nullable else "must not be empty (null)"
    if limits.kind in ("int", "float") and isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return "must be a finite number"
        assert limits.low is not None and limits.high is not None
        if not limits.low <= value <= limits.high:
            return f"must be from {_number(limits.low)} to {_number(limits.high)}"
    if limits.kind == "text" and isinstance(value, str):
        if limits.max_length is not None and len(value) > limits.max_length:
            return f"must be at most {limits.max_length:,} characters long"
        if limits.choices is not None and value not in limits.choices:
            shown = ", ".join(f"“{choice}”" for choice in limits.choices if choice)
            return f"must be one of {shown}" + (" or empty" if "" in limits.choices else "")
        if limits.glob is not None and not fnmatch.fnmatchcase(value, limits.glob):
            return f"must be {limits.shape}"
    return None


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"
