"""Rules for changing stakeholders and their relationships.

Every function validates first (raising :class:`ValidationError` with a sentence for the PM),
then writes and commits, and returns what an undo needs. Values may arrive as typed in a
table cell or a CSV file ("8", "Champion", "2026-03-01"); :func:`clean_value` turns them into
what the record stores, or says why it cannot.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pmdesk.domain import records
from pmdesk.domain.base import new_id
from pmdesk.domain.values import parse_date, parse_whole_number
from pmdesk.errors import ValidationError
from pmdesk.workspaces.stakeholders.model import (
    ATTITUDES,
    EXTERNAL_DEPARTMENTS,
    NAME_MAX,
    RELATIONSHIP_KINDS,
    SCORE_MAX,
    SCORE_MIN,
    SHORT_TEXT_MAX,
    STRATEGIES,
    Stakeholder,
    StakeholderRelationship,
    join_tags,
    split_tags,
)

TAGS_MAX = 500
_TRUE_WORDS = {"yes", "y", "true", "1", "external", "x"}
_FALSE_WORDS = {"no", "n", "false", "0", "internal", ""}


def _text(limit: int | None) -> Callable[[str, object], object]:
    def clean(label: str, value: object) -> object:
        text = "" if value is None else str(value).strip()
        if limit is not None and len(text) > limit:
            raise ValidationError(f"{label} is longer than {limit} characters.")
        return text

    return clean


def _score(label: str, value: object) -> object:
    return parse_whole_number(value, label, SCORE_MIN, SCORE_MAX)


def _word(choices: Mapping[str, str], allow_empty: bool) -> Callable[[str, object], object]:
    def clean(label: str, value: object) -> object:
        text = "" if value is None else str(value).strip()
        if not text and allow_empty:
            return ""
        key = text.lower().replace(" ", "_")
        for choice, shown in choices.items():
            if key in (choice, shown.lower().replace(" ", "_")):
                return choice
        words = ", ".join(s.lower() for s in choices.values())
        raise ValidationError(f"{label} must be one of {words}; “{text}” is not.")

    return clean


def _strategy(label: str, value: object) -> object:
    if isinstance(value, str) and value.strip().lower() in ("auto", "quadrant", "from quadrant"):
        return ""
    return _word(STRATEGIES, allow_empty=True)(label, value)


def _flag(label: str, value: object) -> object:
    if isinstance(value, bool):
        return value
    text = "" if value is None else str(value).strip().lower()
    if text in _TRUE_WORDS:
        return True
    if text in _FALSE_WORDS:
        return False
    raise ValidationError(f"{label} must be yes or no, not “{value}”.")


def _tags(label: str, value: object) -> object:
    text = join_tags(split_tags("" if value is None else str(value)))
    if len(text) > TAGS_MAX:
        raise ValidationError(f"{label} are longer than {TAGS_MAX} characters.")
    return text


@dataclass(frozen=True)
class FieldRule:
    label: str
    clean: Callable[[str, object], object]


# Every field a PM edits, in the order the table shows them.
FIELDS: dict[str, FieldRule] = {
    "name": FieldRule("Name", _text(NAME_MAX)),
    "role": FieldRule("Title or role", _text(SHORT_TEXT_MAX)),
    "department": FieldRule("Department", _text(SHORT_TEXT_MAX)),
    "external": FieldRule("External", _flag),
    "influence": FieldRule("Influence", _score),
    "interest": FieldRule("Interest", _score),
    "attitude": FieldRule("Attitude", _word(ATTITUDES, allow_empty=False)),
    "strategy_override": FieldRule("Strategy", _strategy),
    "needs": FieldRule("Needs from product management", _text(None)),
    "deliverables": FieldRule("Key deliverables", _text(None)),
    "channel": FieldRule("Channel", _text(SHORT_TEXT_MAX)),
    "cadence": FieldRule("Cadence", _text(SHORT_TEXT_MAX)),
    "owner": FieldRule("Owner", _text(SHORT_TEXT_MAX)),
    "last_contact": FieldRule("Last contact", lambda label, value: parse_date(value, label)),
    "next_touchpoint": FieldRule("Next touchpoint", lambda label, value: parse_date(value, label)),
    "notes": FieldRule("Notes", _text(None)),
    "tags": FieldRule("Tags", _tags),
}


def clean_value(field: str, value: object) -> Any:
    """The stored form of ``value`` for ``field``, or ValidationError saying what is wrong."""
    rule = FIELDS.get(field)
    if rule is None:
        raise ValidationError(f"A stakeholder has no field called “{field}”.")
    cleaned = rule.clean(rule.label, value)
    if field == "name" and not cleaned:
        raise ValidationError("A stakeholder needs a name.")
    return cleaned


def existing_names(session: Session) -> dict[str, str]:
    """Lower-cased name -> id of every stakeholder (names are unique, ignoring case)."""
    rows = session.execute(select(Stakeholder.name, Stakeholder.id)).all()
    return {name.lower(): record_id for name, record_id in rows}


def _check_unique_name(session: Session, name: str, own_id: str | None) -> None:
    clash = session.scalar(
        select(Stakeholder.id).where(func.lower(Stakeholder.name) == name.lower())
    )
    if clash is not None and clash != own_id:
        raise ValidationError(f"There is already a stakeholder called “{name}”.")


def clean_fields(values: Mapping[str, object]) -> dict[str, Any]:
    cleaned = {field: clean_value(field, value) for field, value in values.items()}
    if "department" in cleaned and "external" not in values:
        cleaned["external"] = cleaned["department"] in EXTERNAL_DEPARTMENTS
    return cleaned


def create(session: Session, values: Mapping[str, object]) -> str:
    """Add one stakeholder; returns its id. ``values`` may hold an ``id`` to reuse (redo)."""
    return create_many(session, [values])[0]


def create_many(session: Session, rows: Iterable[Mapping[str, object]]) -> list[str]:
    """Add stakeholders all together or none of them (a CSV import is one step)."""
    prepared: list[dict[str, Any]] = []
    seen: set[str] = set()
    for row in rows:
        values = dict(row)
        record_id = str(values.pop("id", "") or new_id())
        cleaned = clean_fields(values)
        if "name" not in cleaned:
            raise ValidationError("A stakeholder needs a name.")
        if cleaned["name"].lower() in seen:
            raise ValidationError(f"“{cleaned['name']}” appears twice.")
        seen.add(cleaned["name"].lower())
        _check_unique_name(session, cleaned["name"], None)
        prepared.append({"id": record_id, **cleaned})
    session.add_all(Stakeholder(**values) for values in prepared)
    try:
        session.commit()
    except Exception:
        session.rollback()
        raise
    return [values["id"] for values in prepared]


def set_field(session: Session, stakeholder_id: str, field: str, value: object) -> Any:
    """Change one field; returns the previous value (for undo)."""
    cleaned = clean_value(field, value)
    if field == "name":
        _check_unique_name(session, cleaned, stakeholder_id)
    return records.set_fields(session, Stakeholder, stakeholder_id, **{field: cleaned})[field]


def move(session: Session, stakeholder_id: str, influence: int, interest: int) -> tuple[int, int]:
    """Place a stakeholder on the grid; returns the old (influence, interest)."""
    new_influence = _score("Influence", influence)
    new_interest = _score("Interest", interest)
    before = records.set_fields(
        session, Stakeholder, stakeholder_id, influence=new_influence, interest=new_interest
    )
    return before["influence"], before["interest"]


def delete(session: Session, stakeholder_ids: Iterable[str]) -> records.Removal:
    """Remove stakeholders with their relationships, interactions and snapshot positions."""
    ids = list(stakeholder_ids)
    for record_id in ids:
        records.get(session, Stakeholder, record_id)
    return records.remove(session, Stakeholder, ids)


def add_relationship(
    session: Session,
    source_id: str,
    target_id: str,
    kind: str,
    note: str = "",
    relationship_id: str | None = None,
) -> str:
    """Draw a line between two stakeholders; returns the relationship's id."""
    source = records.get(session, Stakeholder, source_id)
    target = records.get(session, Stakeholder, target_id)
    if source_id == target_id:
        raise ValidationError("A stakeholder cannot have a relationship with themselves.")
    kind = str(_word(RELATIONSHIP_KINDS, allow_empty=False)("The relationship", kind))
    duplicate = session.scalar(
        select(StakeholderRelationship.id).where(
            StakeholderRelationship.source_id == source_id,
            StakeholderRelationship.target_id == target_id,
            StakeholderRelationship.kind == kind,
        )
    )
    if duplicate is not None:
        raise ValidationError(f"{source.name} already {RELATIONSHIP_KINDS[kind]} {target.name}.")
    relationship = StakeholderRelationship(
        id=relationship_id or new_id(),
        source_id=source_id,
        target_id=target_id,
        kind=kind,
        note=note.strip(),
    )
    session.add(relationship)
    session.commit()
    return relationship.id


def remove_relationship(session: Session, relationship_id: str) -> records.Removal:
    records.get(session, StakeholderRelationship, relationship_id)
    return records.remove(session, StakeholderRelationship, [relationship_id])


@dataclass(frozen=True)
class StakeholderMap:
    """Everything the maps draw, read with one query per kind."""

    stakeholders: list[Stakeholder]
    relationships: list[StakeholderRelationship]


def load_map(session: Session) -> StakeholderMap:
    people = list(session.scalars(select(Stakeholder).order_by(func.lower(Stakeholder.name))))
    links = list(
        session.scalars(select(StakeholderRelationship).order_by(StakeholderRelationship.id))
    )
    return StakeholderMap(people, links)


def record_rule(values: Mapping[str, object]) -> None:
    """Raise ``ValidationError`` when a stakeholder record from a file breaks these rules."""
    clean_fields({name: values[name] for name in FIELDS if name in values})
