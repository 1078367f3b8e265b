"""Rules for changing the decision log, and the rule a decision from a file must keep.

Every function validates first (raising :class:`ValidationError` with a sentence for the PM),
then writes and commits, and returns what an undo needs. Values may arrive as typed in a
field ("2027-01-15", "Decided") or from a file; :func:`clean_value` turns them into what the
record stores, or says why it cannot.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmdesk.domain import records
from pmdesk.domain.base import new_id
from pmdesk.domain.values import parse_date
from pmdesk.errors import ValidationError
from pmdesk.workspaces.decisions.model import (
    QUESTION_MAX,
    SHORT_TEXT_MAX,
    STATUSES,
    Decision,
    LinkKind,
)
from pmdesk.workspaces.stakeholders.model import Stakeholder


def _text(limit: int | None, strip: bool = True) -> Callable[[str, object], object]:
    def clean(label: str, value: object) -> object:
        text = "" if value is None else str(value)
        text = text.strip() if strip else text.rstrip()
        if limit is not None and len(text) > limit:
            raise ValidationError(f"{label} is longer than {limit} characters.")
        return text

    return clean


def _status(label: str, value: object) -> object:
    text = "" if value is None else str(value).strip()
    for key, shown in STATUSES.items():
        if text.lower() in (key, shown.lower()):
            return key
    words = ", ".join(shown.lower() for shown in STATUSES.values())
    raise ValidationError(f"{label} must be one of {words}; “{text}” is not.")


def _required_date(label: str, value: object) -> object:
    day = parse_date(value, label)
    if day is None:
        raise ValidationError(f"{label} is needed: when was it decided (or asked)?")
    return day


def _optional_date(label: str, value: object) -> object:
    return parse_date(value, label)


def _optional_id(label: str, value: object) -> object:
    return str(value) if value else None


@dataclass(frozen=True)
class FieldRule:
    label: str
    clean: Callable[[str, object], object]


# Every field a PM edits, in the order the detail panel shows them.
FIELDS: dict[str, FieldRule] = {
    "question": FieldRule("The question", _text(QUESTION_MAX)),
    "decided_on": FieldRule("The date", _required_date),
    "status": FieldRule("The status", _status),
    "options": FieldRule("The options considered", _text(None, strip=False)),
    "outcome": FieldRule("What was decided", _text(None, strip=False)),
    "rationale": FieldRule("Why", _text(None, strip=False)),
    "decided_by": FieldRule("Who decided", _text(SHORT_TEXT_MAX)),
    "decided_by_id": FieldRule("Who decided", _optional_id),
    "revisit_on": FieldRule("The revisit date", _optional_date),
    "notes": FieldRule("The notes", _text(None, strip=False)),
}


def clean_value(field: str, value: object) -> Any:
    """The stored form of ``value`` for ``field``, or ValidationError saying what is wrong."""
    rule = FIELDS.get(field)
    if rule is None:
        raise ValidationError(f"A decision has no field called “{field}”.")
    cleaned = rule.clean(rule.label, value)
    if field == "question" and not cleaned:
        raise ValidationError("A decision needs its question, for example “Which market first?”.")
    return cleaned


def check_dates(decided_on: date | None, revisit_on: date | None) -> None:
    """A decision is revisited after it was taken, never before."""
    if decided_on is not None and revisit_on is not None and revisit_on < decided_on:
        raise ValidationError(
            f"The revisit date {revisit_on.isoformat()} is before the decision's date "
            f"{decided_on.isoformat()}; a decision can only be revisited after it was taken."
        )


def clean_fields(values: Mapping[str, object]) -> dict[str, Any]:
    cleaned = {field: clean_value(field, value) for field, value in values.items()}
    check_dates(cleaned.get("decided_on"), cleaned.get("revisit_on"))
    return cleaned


def create(session: Session, values: Mapping[str, object]) -> str:
    """Add one decision; returns its id. ``values`` may hold an ``id`` to reuse (redo)."""
    return create_many(session, [values])[0]


def create_many(session: Session, rows: Iterable[Mapping[str, object]]) -> list[str]:
    """Add decisions all together or none of them (an upgrade's conversion is one step)."""
    prepared: list[dict[str, Any]] = []
    for row in rows:
        values = dict(row)
        record_id = str(values.pop("id", "") or new_id())
        cleaned = clean_fields(values)
        for field in ("question", "decided_on"):
            if field not in cleaned:
                clean_value(field, None)  # raises the field's own sentence
        if cleaned.get("decided_by_id"):
            records.get(session, Stakeholder, cleaned["decided_by_id"])
        prepared.append({"id": record_id, **cleaned})
    session.add_all(Decision(**values) for values in prepared)
    try:
        session.commit()
    except Exception:
        session.rollback()
        raise
    return [values["id"] for values in prepared]


def set_field(session: Session, decision_id: str, field: str, value: object) -> Any:
    """Change one field; returns the previous value (for undo)."""
    decision = records.get(session, Decision, decision_id)
    cleaned = clean_value(field, value)
    if field == "decided_on":
        check_dates(cleaned, decision.revisit_on)
    elif field == "revisit_on":
        check_dates(decision.decided_on, cleaned)
    elif field == "decided_by_id":
        raise ValidationError("Choose who decided with set_decider, which keeps the name too.")
    return records.set_fields(session, Decision, decision_id, **{field: cleaned})[field]


def set_decider(
    session: Session, decision_id: str, stakeholder_id: str | None, name: str
) -> tuple[str | None, str]:
    """Say who decided: a stakeholder (whose name is kept as text too) or free text.

    Returns the previous (stakeholder id, text), for undo.
    """
    text = str(clean_value("decided_by", name))
    if stakeholder_id:
        text = records.get(session, Stakeholder, stakeholder_id).name
    before = records.set_fields(
        session, Decision, decision_id, decided_by_id=stakeholder_id or None, decided_by=text
    )
    return before["decided_by_id"], before["decided_by"]


def delete(session: Session, decision_ids: Iterable[str]) -> records.Removal:
    """Remove decisions with their links (the linked records themselves stay)."""
    ids = list(decision_ids)
    for record_id in ids:
        records.get(session, Decision, record_id)
    return records.remove(session, Decision, ids)


def link(
    session: Session, kind: LinkKind, decision_id: str, record_id: str, link_id: str | None = None
) -> str:
    """Record that a decision concerns a record of another workspace; the link's id."""
    records.get(session, Decision, decision_id)
    target = session.get(kind.target, record_id)
    if target is None:
        raise ValidationError(f"That {kind.singular} no longer exists, so it cannot be linked.")
    model: Any = kind.link
    existing = session.scalar(
        select(model.id).where(model.decision_id == decision_id, model.record_id == record_id)
    )
    if existing is not None:
        title = getattr(target, kind.title_field)
        raise ValidationError(f"This decision is already linked to “{title}”.")
    link_id = link_id or new_id()
    session.add(model(id=link_id, decision_id=decision_id, record_id=record_id))
    session.commit()
    return link_id


def unlink(session: Session, kind: LinkKind, decision_id: str, record_id: str) -> records.Removal:
    model: Any = kind.link
    ids = list(
        session.scalars(
            select(model.id).where(model.decision_id == decision_id, model.record_id == record_id)
        )
    )
    if not ids:
        raise ValidationError(f"This decision is no longer linked to that {kind.singular}.")
    return records.remove(session, kind.link, ids)


def record_rule(values: Mapping[str, object]) -> None:
    """Raise ``ValidationError`` when a decision from a file breaks these rules."""
    clean_fields({name: values[name] for name in FIELDS if name in values})
    if "question" not in values:
        clean_value("question", "")
