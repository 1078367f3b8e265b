"""Rules for changing goals: every function checks first, then writes and commits.

Values may arrive as typed in a form, a table cell or a CSV file ("FY27 H1", "4.9",
"2026-11-30"); the ``clean_*`` functions turn them into what a record stores, or say why not.
Removal goes through ``records.remove`` so that an undo puts back exactly what went.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pmdesk.domain import records
from pmdesk.domain.base import new_id
from pmdesk.domain.values import parse_date
from pmdesk.errors import ValidationError
from pmdesk.workspaces.goals import rules
from pmdesk.workspaces.goals.model import (
    CONFIDENCES,
    DIRECTIONS,
    OBJECTIVE_STATUSES,
    SHORT_TEXT_MAX,
    TITLE_MAX,
    UNIT_MAX,
    CheckIn,
    GoalLink,
    KeyResult,
    Objective,
)
from pmdesk.workspaces.goals.periods import check_period, parse_period
from pmdesk.workspaces.goals.query import period_of_key_result
from pmdesk.workspaces.roadmap.edit import fiscal_year_start
from pmdesk.workspaces.stakeholders.model import Stakeholder

# -- objectives -------------------------------------------------------------------------------


def clean_objective(session: Session, values: Mapping[str, Any]) -> dict[str, Any]:
    """An objective's fields from a form: a "period" text becomes its two dates."""
    clean: dict[str, Any] = {}
    if "title" in values:
        clean["title"] = rules.text(
            values["title"], "The objective's title", TITLE_MAX, required=True
        )
    if "why" in values:
        clean["why"] = rules.text(values["why"], "Why it matters", None)
    if "status" in values:
        clean["status"] = rules.choice(values["status"], "The status", OBJECTIVE_STATUSES)
    if "owner_id" in values:
        owner = values["owner_id"] or None
        if owner is not None and session.get(Stakeholder, owner) is None:
            raise ValidationError("The chosen owner is no longer among the stakeholders.")
        clean["owner_id"] = owner
    if "period" in values:
        first, last = parse_period(values["period"], fiscal_year_start(session))
        clean["period_start"], clean["period_end"] = first, last
    for name in ("period_start", "period_end"):
        if name in values and "period" not in values:
            clean[name] = parse_date(values[name], "The period's dates")
    return clean


def create_objective(session: Session, values: Mapping[str, Any]) -> str:
    clean = clean_objective(session, values)
    position = session.scalar(select(func.coalesce(func.max(Objective.position), -1))) + 1
    record = Objective(id=values.get("id") or new_id(), position=position, **clean)
    check_period(record.period_start, record.period_end)
    session.add(record)
    session.commit()
    return record.id


def set_objective(session: Session, objective_id: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """Change an objective's fields; the previous values, for undo.

    A new period must still hold every check-in of its key results, so no check-in is left
    outside the period it measures.
    """
    objective = records.get(session, Objective, objective_id)
    clean = clean_objective(session, values)
    first = clean.get("period_start", objective.period_start)
    last = clean.get("period_end", objective.period_end)
    check_period(first, last)
    outside = session.scalar(
        select(func.count())
        .select_from(CheckIn)
        .join(KeyResult, CheckIn.key_result_id == KeyResult.id)
        .where(KeyResult.objective_id == objective_id)
        .where((CheckIn.on_date < first) | (CheckIn.on_date > last))
    )
    if outside:
        raise ValidationError(
            f"{outside} check-in{'s' if outside != 1 else ''} of this objective would fall "
            f"outside {first.isoformat()} to {last.isoformat()}; move or delete them first."
        )
    return records.set_fields(session, Objective, objective_id, **clean)


# -- key results ------------------------------------------------------------------------------


def clean_key_result(values: Mapping[str, Any], current: KeyResult | None) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    if "metric" in values:
        clean["metric"] = rules.text(values["metric"], "The metric", TITLE_MAX, required=True)
    if "unit" in values:
        clean["unit"] = rules.text(values["unit"], "The unit", UNIT_MAX)
    if "direction" in values:
        clean["direction"] = rules.choice(values["direction"], "The direction", DIRECTIONS)
    if "confidence" in values:
        clean["confidence"] = rules.choice(values["confidence"], "The confidence", CONFIDENCES)
    if "cadence_days" in values:
        clean["cadence_days"] = rules.cadence(values["cadence_days"])
    for name, label in (("baseline", "The baseline"), ("target", "The target")):
        if name in values:
            clean[name] = rules.parse_value(values[name], label)

    def now(name: str, default: Any = None) -> Any:
        return clean.get(name, getattr(current, name) if current is not None else default)

    rules.check_key_result(now("baseline"), now("target"), now("direction", "up"))
    return clean


def create_key_result(session: Session, objective_id: str, values: Mapping[str, Any]) -> str:
    records.get(session, Objective, objective_id)
    clean = clean_key_result(values, None)
    position = session.scalar(
        select(func.coalesce(func.max(KeyResult.position), -1)).where(
            KeyResult.objective_id == objective_id
        )
    )
    record = KeyResult(
        id=values.get("id") or new_id(), objective_id=objective_id, position=position + 1, **clean
    )
    session.add(record)
    session.commit()
    return record.id


def set_key_result(
    session: Session, key_result_id: str, values: Mapping[str, Any]
) -> dict[str, Any]:
    current = records.get(session, KeyResult, key_result_id)
    return records.set_fields(
        session, KeyResult, key_result_id, **clean_key_result(values, current)
    )


# -- check-ins --------------------------------------------------------------------------------


def clean_check_in(
    values: Mapping[str, Any], first: date, last: date, today: date
) -> dict[str, Any]:
    """A check-in's fields as typed; its date inside the period and not in the future."""
    clean: dict[str, Any] = {}
    if "on_date" in values:
        day = parse_date(values["on_date"], "The check-in's date")
        if day is None:
            raise ValidationError("A check-in needs the date its value was measured.")
        rules.check_check_in_date(day, first, last, today)
        clean["on_date"] = day
    if "value" in values:
        clean["value"] = rules.parse_value(values["value"], "The value")
    if "note" in values:
        clean["note"] = rules.text(values["note"], "The note", None)
    if "source" in values:
        clean["source"] = rules.text(values["source"], "The source", SHORT_TEXT_MAX)
    return clean


def prepare_check_ins(
    session: Session, key_result_id: str, rows: Sequence[Mapping[str, Any]], today: date
) -> list[dict[str, Any]]:
    """Cleaned rows (each with a fresh id) ready for :func:`add_check_ins`; the first bad row
    raises, named by its number when there are several."""
    records.get(session, KeyResult, key_result_id)
    first, last = period_of_key_result(session, key_result_id)
    prepared = []
    for number, row in enumerate(rows, start=1):
        try:
            clean = clean_check_in(
                {"on_date": row.get("on_date"), "value": row.get("value"), **row},
                first,
                last,
                today,
            )
        except ValidationError as error:
            if len(rows) == 1:
                raise
            raise ValidationError(f"Row {number}: {error}") from None
        clean.update(id=row.get("id") or new_id(), key_result_id=key_result_id)
        clean.setdefault("note", "")
        clean.setdefault("source", "")
        prepared.append(clean)
    return prepared


def add_check_ins(session: Session, rows: Iterable[Mapping[str, Any]]) -> None:
    """Insert prepared check-ins (from :func:`prepare_check_ins`) in one commit."""
    session.add_all(CheckIn(**row) for row in rows)
    session.commit()


def set_check_in(
    session: Session, check_in_id: str, values: Mapping[str, Any], today: date
) -> dict[str, Any]:
    check_in = records.get(session, CheckIn, check_in_id)
    first, last = period_of_key_result(session, check_in.key_result_id)
    return records.set_fields(
        session, CheckIn, check_in_id, **clean_check_in(values, first, last, today)
    )


def restore_fields(
    session: Session, model: type, record_id: str, values: Mapping[str, Any]
) -> None:
    """Put back values :func:`records.set_fields` returned, without the rules (an undo)."""
    records.set_fields(session, model, record_id, **values)


# -- links ------------------------------------------------------------------------------------


def add_link(session: Session, key_result_id: str, kind: str, target_id: str, link_id: str) -> None:
    records.get(session, KeyResult, key_result_id)
    column = {"roadmap_item": "roadmap_item_id", "requirement": "requirement_id"}[kind]
    existing = session.scalar(
        select(GoalLink.id)
        .where(GoalLink.key_result_id == key_result_id)
        .where(getattr(GoalLink, column) == target_id)
    )
    if existing is not None:
        raise ValidationError("That work is already linked to this key result.")
    session.add(GoalLink(id=link_id, key_result_id=key_result_id, **{column: target_id}))
    session.commit()
