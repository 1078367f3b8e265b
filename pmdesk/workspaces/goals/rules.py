"""What a goal record must keep, and how values typed by a PM become what a record stores.

The record rules (named in the workspace's spec) guard ``load``, ``check`` and open; ``edit``
calls the same functions before every change, and adds the rules that need more than one
record: a check-in falls inside its objective's period and not after today.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import Any

from pmdesk.domain.values import PLAIN_NUMBER, parse_date
from pmdesk.errors import ValidationError
from pmdesk.workspaces.goals.model import (
    CADENCE_MAX_DAYS,
    CONFIDENCES,
    DIRECTIONS,
    OBJECTIVE_STATUSES,
    SHORT_TEXT_MAX,
    TITLE_MAX,
    UNIT_MAX,
)


# A plain number: an optional sign, digits, and a point before any decimals. Nothing else is
# guessed: "1,5" is 1.5 in a European file and 15 in an American one, so it is refused.
def _plain(text: str) -> float | None:
    return PLAIN_NUMBER.read(text, finite=False)


def parse_value(value: object, label: str = "The value") -> float:
    """A metric's value as typed or read from a file; a sentence when it is not a plain number.

    Key results are measured in their own unit, so "12 %" and "$4.9M" are refused with the
    number to type instead; so are decimal commas and thousands separators, which cannot be
    told apart ("1,500").
    """
    if isinstance(value, bool):
        raise ValidationError(f"{label} must be a number, not “{value}”.")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = "" if value is None else str(value).strip()
        if not text:
            raise ValidationError(f"{label} is missing: type a number such as 12 or 4.5.")
        read = _plain(text)
        if read is None:
            raise ValidationError(_why_not_a_number(text, label))
        number = read
    if not math.isfinite(number):
        raise ValidationError(f"{label} must be a number, not “{value}”.")
    return number


def _why_not_a_number(text: str, label: str) -> str:
    bare = text.replace(" ", "").replace("\u202f", "").replace("\u00a0", "")
    if bare.endswith("%") and _plain(bare[:-1]) is not None:
        return (
            f"{label} “{text}” has a percent sign; type the number alone ({bare[:-1]}) and "
            "keep % as the key result's unit."
        )
    if "," in bare and _plain(bare.replace(",", "")) is not None:
        return (
            f"{label} “{text}” has a comma, which may be a decimal comma or a thousands "
            "separator; type it with a point for decimals and no separators (1.5 or 1500)."
        )
    return f"{label} must be a plain number such as 12 or 4.5, not “{text}”."


def text(value: object, label: str, limit: int | None, *, required: bool = False) -> str:
    cleaned = "" if value is None else str(value).strip()
    if required and not cleaned:
        raise ValidationError(f"{label} cannot be empty.")
    if limit is not None and len(cleaned) > limit:
        raise ValidationError(f"{label} is longer than {limit} characters.")
    return cleaned


def choice(value: object, label: str, choices: dict[str, str]) -> str:
    typed = "" if value is None else str(value).strip()
    key = typed.lower().replace(" ", "_")
    for option, shown in choices.items():
        if key in (option, shown.lower().replace(" ", "_")):
            return option
    allowed = ", ".join(shown.lower() for shown in choices.values())
    raise ValidationError(f"{label} must be one of {allowed}; “{typed}” is not.")


def check_key_result(baseline: float, target: float, direction: str) -> None:
    """A target says where the number should go: it cannot be where it starts, nor behind it."""
    if target == baseline:
        raise ValidationError(
            f"The target equals the baseline ({baseline:g}), so there is no progress to "
            "measure; set the target the key result should reach."
        )
    if direction == "up" and target < baseline:
        raise ValidationError(
            f"An increasing key result needs a target above its baseline; {target:g} is below "
            f"{baseline:g}. Choose “Decrease to” if the number should fall."
        )
    if direction == "down" and target > baseline:
        raise ValidationError(
            f"A decreasing key result needs a target below its baseline; {target:g} is above "
            f"{baseline:g}. Choose “Increase to” if the number should rise."
        )


def check_check_in_date(day: date, first: date, last: date, today: date) -> None:
    """A check-in records what was measured, inside the objective's period and not ahead of it."""
    if day > today:
        raise ValidationError(
            f"A check-in records a value already measured; {day.isoformat()} is in the future."
        )
    if not first <= day <= last:
        raise ValidationError(
            f"{day.isoformat()} is outside the objective's period "
            f"({first.isoformat()} to {last.isoformat()}); a check-in must fall inside it."
        )


def cadence(value: object) -> int:
    label = "The check-in cadence"
    try:
        number = parse_value(value, label)
    except ValidationError:
        raise ValidationError(f"{label} is a number of days, such as 7 or 31.") from None
    if not number.is_integer() or not 1 <= number <= CADENCE_MAX_DAYS:
        raise ValidationError(f"{label} must be a whole number of days from 1 to 366.")
    return int(number)


# -- record rules (load, check, open) ---------------------------------------------------------


def objective_rule(values: Mapping[str, Any]) -> None:
    text(values.get("title"), "An objective's title", TITLE_MAX, required=True)
    choice(values.get("status"), "An objective's status", OBJECTIVE_STATUSES)
    first = parse_date(values.get("period_start"), "An objective's start")
    last = parse_date(values.get("period_end"), "An objective's end")
    if first is not None and last is not None and last <= first:
        raise ValidationError(
            f"The objective “{values.get('title')}” ends ({last.isoformat()}) before it starts "
            f"({first.isoformat()})."
        )


def key_result_rule(values: Mapping[str, Any]) -> None:
    text(values.get("metric"), "A key result's metric", TITLE_MAX, required=True)
    text(values.get("unit"), "A key result's unit", UNIT_MAX)
    direction = choice(values.get("direction"), "A key result's direction", DIRECTIONS)
    choice(values.get("confidence"), "A key result's confidence", CONFIDENCES)
    cadence(values.get("cadence_days"))
    baseline = parse_value(values.get("baseline"), "A key result's baseline")
    target = parse_value(values.get("target"), "A key result's target")
    try:
        check_key_result(baseline, target, direction)
    except ValidationError as error:
        raise ValidationError(f"Key result “{values.get('metric')}”: {error}") from None


def check_in_rule(values: Mapping[str, Any]) -> None:
    parse_value(values.get("value"), "A check-in's value")
    text(values.get("source"), "A check-in's source", SHORT_TEXT_MAX)


def link_rule(values: Mapping[str, Any]) -> None:
    targets = [values.get("roadmap_item_id"), values.get("requirement_id")]
    if sum(target is not None for target in targets) != 1:
        raise ValidationError("A goal link must name exactly one roadmap item or one requirement.")
