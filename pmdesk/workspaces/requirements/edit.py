"""Rules for changing customer inputs, requirements and the links between them.

Every function validates first (raising :class:`ValidationError` with a sentence for the PM),
then writes and commits, and returns what an undo needs. Values may arrive as typed in a table
cell or a CSV file ("80 %", "High", "Must"); the cleaners turn them into what a record stores,
or say why they cannot.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pmdesk.domain import records
from pmdesk.domain.base import new_id, utc_now
from pmdesk.domain.values import parse_number as number_from
from pmdesk.errors import ValidationError
from pmdesk.workspaces.requirements.model import (
    CONFIDENCE_MAX,
    IMPACT_SCALE,
    MOSCOW,
    REFERENCE_MAX,
    SHORT_TEXT_MAX,
    SOURCES,
    STATUSES,
    TAGS_MAX,
    TITLE_MAX,
    CustomerInput,
    Requirement,
    RequirementEvidence,
    join_tags,
    split_tags,
)

Cleaner = Callable[[str, object], object]

# Dates as people and tools write them; ISO first. Day-first and month-first numeric forms
# ("03/04/2026") are ambiguous, so they are refused rather than guessed.
DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d %b %Y",
    "%d %B %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d/%b/%y %I:%M %p",  # issue-tracker exports: 25/Nov/26 10:00 AM
    "%d/%b/%y",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
)


def _shown(value: object) -> str:
    return "nothing" if value is None or value == "" else f"“{value}”"


class TextRule:
    """A text field: stripped, at most ``limit`` characters, maybe required."""

    def __init__(self, limit: int | None, required: bool = False) -> None:
        self.limit = limit
        self.required = required

    def __call__(self, label: str, value: object) -> object:
        text = "" if value is None else str(value).strip()
        if self.required and not text:
            raise ValidationError(f"{label} cannot be empty.")
        if self.limit is not None and len(text) > self.limit:
            raise ValidationError(f"{label} is longer than {self.limit} characters.")
        return text

    def column(self, texts: Sequence[str]) -> list[str] | None:
        """Every one of ``texts`` as stored, all at once (a column of 50,000 titles); None when
        one is blank or too long, for the rule to say so one by one."""
        if not all(texts):  # an empty cell (an owner left blank): no need to strip them all
            return None
        stored = list(map(str.strip, texts))
        if not all(stored):
            return None
        if self.limit is not None and max(map(len, stored), default=0) > self.limit:
            return None
        return stored


_text = TextRule


def _tags(label: str, value: object) -> object:
    if isinstance(value, list | tuple):
        text = join_tags([str(tag) for tag in value])
    else:
        text = join_tags(split_tags("" if value is None else str(value)))
    if len(text) > TAGS_MAX:
        raise ValidationError(f"{label} are longer than {TAGS_MAX} characters together.")
    return text


def _word(choices: Mapping[str, str], extra: Mapping[str, str] | None = None) -> Cleaner:
    def key_of(text: str) -> str:
        return re.sub(r"[\s_\-/']+", "", text.lower())

    lookup = {key_of(key): key for key in choices}
    lookup.update({key_of(shown): key for key, shown in choices.items()})
    lookup.update({key_of(alias): key for alias, key in (extra or {}).items()})

    def clean(label: str, value: object) -> object:
        text = "" if value is None else str(value).strip()
        found = lookup.get(key_of(text))
        if found is None:
            allowed = ", ".join(choices.values())
            raise ValidationError(f"{label} must be one of {allowed}; {_shown(text)} is not.")
        return found

    return clean


def parse_number(label: str, value: object) -> float | None:
    """A number as typed ("1,200", "80 %", "2.5") or None for blank; refuses anything else,
    "1,5" included (one and a half to a European, so never fifteen). An import hands its
    file's numbers over already read in the file's own format."""
    return number_from(value, label, signs="%")


def _reach(label: str, value: object) -> object:
    number = parse_number(label, value)
    if number is not None and number < 0:
        raise ValidationError(f"{label} counts people or events, so it cannot be negative.")
    return number


_IMPACT_NAMES = {shown.lower(): score for score, shown in IMPACT_SCALE.items()}


def _impact(label: str, value: object) -> object:
    if isinstance(value, str) and value.strip().lower() in _IMPACT_NAMES:
        return _IMPACT_NAMES[value.strip().lower()]
    number = parse_number(label, value)
    if number is not None and number not in IMPACT_SCALE:
        steps = ", ".join(f"{score:g} {shown.lower()}" for score, shown in IMPACT_SCALE.items())
        raise ValidationError(
            f"{label} must be a step of the RICE scale ({steps}), not {number:g}."
        )
    return number


def _confidence(label: str, value: object) -> object:
    number = parse_number(label, value)
    if number is None:
        return None
    if number > CONFIDENCE_MAX:
        raise ValidationError(
            f"{label} is a percentage and cannot be above 100 %; {number:g} % was entered."
        )
    if number < 0:
        raise ValidationError(f"{label} is a percentage from 0 to 100 %, not {number:g} %.")
    return number


def _effort(label: str, value: object) -> object:
    number = parse_number(label, value)
    if number is not None and number <= 0:
        raise ValidationError(
            f"{label} must be more than zero person-months (RICE divides by it); "
            f"{number:g} was entered."
        )
    return number


def parse_date(label: str, value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = "" if value is None else str(value).strip()
    if not text:
        raise ValidationError(f"{label} cannot be empty.")
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValidationError(f"{label} must be a date like 2026-01-31, not {_shown(text)}.")


def _date(label: str, value: object) -> object:
    return parse_date(label, value)


def _optional_id(label: str, value: object) -> object:
    text = "" if value is None else str(value).strip()
    return text or None


# field -> (label in messages, cleaner)
INPUT_FIELDS: dict[str, tuple[str, Cleaner]] = {
    "quote": ("The quote", _text(None, required=True)),
    "stakeholder_id": ("The stakeholder", _optional_id),
    "customer": ("The customer", _text(SHORT_TEXT_MAX)),
    "segment": ("The segment", _text(SHORT_TEXT_MAX)),
    "source": ("The source", _word(SOURCES, {"ticket": "support_ticket", "call": "sales_call"})),
    "received_on": ("The date", _date),
    "tags": ("The tags", _tags),
}

REQUIREMENT_FIELDS: dict[str, tuple[str, Cleaner]] = {
    "title": ("The title", _text(TITLE_MAX, required=True)),
    "reference": ("The reference", _text(REFERENCE_MAX)),
    "statement": ("The “product does” statement", _text(None)),
    "rationale": ("The rationale", _text(None)),
    "acceptance_criteria": ("The acceptance criteria", _text(None)),
    "status": ("The status", _word(STATUSES, {"roadmap": "in_roadmap", "done": "shipped"})),
    "moscow": (
        "The MoSCoW priority",
        _word(MOSCOW, {"m": "must", "s": "should", "c": "could", "w": "wont", "won't": "wont"}),
    ),
    "reach": ("Reach", _reach),
    "impact": ("Impact", _impact),
    "confidence": ("Confidence", _confidence),
    "effort": ("Effort", _effort),
    "owner": ("The owner", _text(SHORT_TEXT_MAX)),
    "tags": ("The tags", _tags),
}


def _clean(fields: Mapping[str, tuple[str, Cleaner]], values: Mapping[str, object]) -> dict:
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        if name not in fields:
            raise ValidationError(f"There is no field called “{name}”.")
        label, cleaner = fields[name]
        cleaned[name] = cleaner(label, value)
    return cleaned


def clean_input_values(values: Mapping[str, object]) -> dict[str, Any]:
    return _clean(INPUT_FIELDS, values)


def clean_requirement_values(values: Mapping[str, object]) -> dict[str, Any]:
    return _clean(REQUIREMENT_FIELDS, values)


def _check_stakeholder(session: Session, stakeholder_id: str | None) -> None:
    if stakeholder_id is None:
        return
    from pmdesk import registry  # the stakeholders table, whoever defines it

    table = registry.metadata().tables["stakeholders"]
    found = session.execute(select(table.c.id).where(table.c.id == stakeholder_id)).first()
    if found is None:
        raise ValidationError("That stakeholder no longer exists.")


def _check_who(stakeholder_id: str | None, customer: str) -> None:
    if stakeholder_id is None and not customer:
        raise ValidationError(
            "Say who said it: pick a stakeholder or type the customer's name "
            "(a survey can be named after its segment)."
        )


# -- customer inputs -----------------------------------------------------------------------------


def add_input(session: Session, values: Mapping[str, object], record_id: str | None = None) -> str:
    """Add a customer input; ``record_id`` lets redo bring back the very same record."""
    cleaned = clean_input_values({"received_on": utc_now().date(), **values})
    _check_who(cleaned.get("stakeholder_id"), cleaned.get("customer", ""))
    _check_stakeholder(session, cleaned.get("stakeholder_id"))
    record = CustomerInput(id=record_id or new_id(), **cleaned)
    session.add(record)
    session.commit()
    return record.id


def update_input(session: Session, input_id: str, **values: object) -> dict[str, Any]:
    """Change fields of an input; returns their previous values for undo."""
    cleaned = clean_input_values(values)
    record = records.get(session, CustomerInput, input_id)
    stakeholder_id = cleaned.get("stakeholder_id", record.stakeholder_id)
    _check_who(stakeholder_id, cleaned.get("customer", record.customer))
    if "stakeholder_id" in cleaned:
        _check_stakeholder(session, stakeholder_id)
    return records.set_fields(session, CustomerInput, input_id, **cleaned)


# -- requirements --------------------------------------------------------------------------------


def add_requirement(
    session: Session, values: Mapping[str, object], record_id: str | None = None
) -> str:
    cleaned = clean_requirement_values(values)
    if "title" not in cleaned:
        raise ValidationError("The title cannot be empty.")
    record = Requirement(id=record_id or new_id(), **cleaned)
    session.add(record)
    session.commit()
    return record.id


def update_requirement(session: Session, requirement_id: str, **values: object) -> dict[str, Any]:
    """Change fields of a requirement; returns their previous values for undo."""
    cleaned = clean_requirement_values(values)
    return records.set_fields(session, Requirement, requirement_id, **cleaned)


# -- links ---------------------------------------------------------------------------------------


def link_evidence(
    session: Session, input_id: str, requirement_id: str, link_id: str | None = None
) -> str:
    """Record that a customer input supports a requirement; returns the link's id."""
    records.get(session, CustomerInput, input_id)
    records.get(session, Requirement, requirement_id)
    existing = session.scalar(
        select(func.count())
        .select_from(RequirementEvidence)
        .where(
            RequirementEvidence.input_id == input_id,
            RequirementEvidence.requirement_id == requirement_id,
        )
    )
    if existing:
        raise ValidationError("That customer input is already evidence for this requirement.")
    link = RequirementEvidence(
        id=link_id or new_id(), input_id=input_id, requirement_id=requirement_id
    )
    session.add(link)
    session.commit()
    return link.id


def unlink_evidence(session: Session, input_id: str, requirement_id: str) -> records.Removal:
    link_ids = session.scalars(
        select(RequirementEvidence.id).where(
            RequirementEvidence.input_id == input_id,
            RequirementEvidence.requirement_id == requirement_id,
        )
    ).all()
    if not link_ids:
        raise ValidationError("That customer input is no longer linked to this requirement.")
    return records.remove(session, RequirementEvidence, link_ids)


# -- removal -------------------------------------------------------------------------------------


def remove_inputs(session: Session, ids: Iterable[str]) -> records.Removal:
    return records.remove(session, CustomerInput, ids)


def remove_requirements(session: Session, ids: Iterable[str]) -> records.Removal:
    return records.remove(session, Requirement, ids)


def record_rule(values: Mapping[str, object]) -> None:
    """Raise ``ValidationError`` when a requirement from a file breaks these rules."""
    clean_requirement_values({name: values[name] for name in REQUIREMENT_FIELDS if name in values})
