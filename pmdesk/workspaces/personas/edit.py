"""Rules for changing personas, their links, the positioning statement, messages and proof points.

Every function validates first (raising :class:`ValidationError` with a sentence for the PM),
then writes and commits, and returns what an undo needs. Removals go through
:func:`pmdesk.domain.records.remove`, so an undo puts back exactly what went.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pmdesk.domain import records
from pmdesk.errors import ValidationError
from pmdesk.workspaces.competition.model import Rating
from pmdesk.workspaces.goals.model import CheckIn
from pmdesk.workspaces.personas.model import (
    BUYING_ROLES,
    EVIDENCE_COLUMNS,
    EVIDENCE_KINDS,
    NAME_MAX,
    POSITIONING_PARTS,
    SHORT_TEXT_MAX,
    KeyMessage,
    Persona,
    PersonaInput,
    PersonaRequirement,
    Positioning,
    ProofPoint,
)
from pmdesk.workspaces.requirements.model import CustomerInput, Requirement

EVIDENCE_MODELS: dict[str, type] = {"input": CustomerInput, "rating": Rating, "check_in": CheckIn}
MESSAGE_MAX = 2000
# label, longest length (None: any), for every persona field a PM edits
PERSONA_FIELDS: dict[str, tuple[str, int | None]] = {
    "name": ("Name", NAME_MAX),
    "role": ("Role", SHORT_TEXT_MAX),
    "buying_role": ("Buying role", None),
    "segment": ("Segment", SHORT_TEXT_MAX),
    "goals": ("Goals", None),
    "pains": ("Pains", None),
    "jobs": ("Jobs to be done", None),
}
POSITIONING_FIELDS = frozenset(part for part, _lead, _hint in POSITIONING_PARTS)


def _text(label: str, value: object, limit: int | None, strip: bool = True) -> str:
    text = "" if value is None else str(value)
    # Text saved as it is typed, key by key, keeps its spaces: stripping "word " would glue
    # the next word on. One-line fields are committed whole and are trimmed.
    text = text.strip() if strip else text
    if limit is not None and len(text) > limit:
        raise ValidationError(f"{label} is longer than {limit} characters.")
    return text


def clean_persona_value(field: str, value: object) -> Any:
    """The stored form of ``value`` for a persona's ``field``, or a sentence saying why not."""
    if field not in PERSONA_FIELDS:
        raise ValidationError(f"A persona has no field called “{field}”.")
    label, limit = PERSONA_FIELDS[field]
    if field == "buying_role":
        text = _text(label, value, None).lower()
        for key, shown in BUYING_ROLES.items():
            if text in (key, shown.lower()):
                return key
        allowed = ", ".join(shown.lower() for shown in BUYING_ROLES.values())
        raise ValidationError(f"The buying role must be one of {allowed}, not “{value}”.")
    text = _text(label, value, limit, strip=limit is not None)
    if field == "name" and not text:
        raise ValidationError("A persona needs a name.")
    return text


def _check_unique_name(session: Session, name: str, own_id: str | None) -> None:
    clash = session.execute(
        select(Persona.id, Persona.name).where(func.lower(Persona.name) == name.lower())
    ).first()
    if clash is not None and clash[0] != own_id:
        raise ValidationError(f"There is already a persona called “{clash[1]}”.")


# -- personas ------------------------------------------------------------------------------------


def add_persona(session: Session, values: Mapping[str, object], persona_id: str) -> str:
    cleaned = {field: clean_persona_value(field, value) for field, value in values.items()}
    if "name" not in cleaned:
        raise ValidationError("A persona needs a name.")
    _check_unique_name(session, cleaned["name"], None)
    last = session.scalar(select(func.max(Persona.position)))
    session.add(Persona(id=persona_id, position=(last or 0) + 1, **cleaned))
    session.commit()
    return persona_id


def set_persona_field(session: Session, persona_id: str, field: str, value: object) -> Any:
    """Change one field; returns the previous value (for undo)."""
    cleaned = clean_persona_value(field, value)
    if field == "name":
        _check_unique_name(session, cleaned, persona_id)
    return records.set_fields(session, Persona, persona_id, **{field: cleaned})[field]


def remove_persona(session: Session, persona_id: str) -> records.Removal:
    """Remove a persona with its links, messages and proof points."""
    records.get(session, Persona, persona_id)
    return records.remove(session, Persona, [persona_id])


# -- links to inputs and requirements ------------------------------------------------------------


def link_inputs(session: Session, persona_id: str, links: Mapping[str, str]) -> None:
    """Tie customer inputs to a persona; ``links`` maps input id -> the new link's id.

    All together or none: an input that is gone or already linked refuses the whole step.
    """
    records.get(session, Persona, persona_id)
    wanted = list(links)
    found = _existing(session, CustomerInput.id, wanted)
    if len(found) != len(set(wanted)):
        raise ValidationError("One of those customer inputs no longer exists.")
    already = _existing_links(session, PersonaInput.input_id, PersonaInput.persona_id, persona_id)
    if already & set(wanted):
        raise ValidationError("That customer input is already linked to this persona.")
    session.add_all(
        PersonaInput(id=link_id, persona_id=persona_id, input_id=input_id)
        for input_id, link_id in links.items()
    )
    session.commit()


def link_requirements(session: Session, persona_id: str, links: Mapping[str, str]) -> None:
    """Tie requirements to a persona; ``links`` maps requirement id -> the new link's id."""
    records.get(session, Persona, persona_id)
    wanted = list(links)
    if len(_existing(session, Requirement.id, wanted)) != len(set(wanted)):
        raise ValidationError("One of those requirements no longer exists.")
    already = _existing_links(
        session, PersonaRequirement.requirement_id, PersonaRequirement.persona_id, persona_id
    )
    if already & set(wanted):
        raise ValidationError("That requirement is already linked to this persona.")
    session.add_all(
        PersonaRequirement(id=link_id, persona_id=persona_id, requirement_id=requirement_id)
        for requirement_id, link_id in links.items()
    )
    session.commit()


def _existing(session: Session, column: Any, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), 500):  # stay far below SQLite's bound-parameter limit
        found.update(session.scalars(select(column).where(column.in_(ids[start : start + 500]))))
    return found


def _existing_links(session: Session, target: Any, owner: Any, owner_id: str) -> set[str]:
    return set(session.scalars(select(target).where(owner == owner_id)))


def unlink(session: Session, model: type[PersonaInput | PersonaRequirement], ids: Iterable[str]):
    """Remove persona links by their ids (the inputs and requirements themselves stay)."""
    return records.remove(session, model, list(ids))


# -- positioning ---------------------------------------------------------------------------------


def positioning_row(session: Session) -> Positioning | None:
    return session.scalars(select(Positioning).order_by(Positioning.created_at)).first()


def set_positioning(session: Session, part: str, value: object) -> str:
    """Change one part of the positioning statement; returns the previous text."""
    if part not in POSITIONING_FIELDS:
        raise ValidationError(f"The positioning statement has no part called “{part}”.")
    text = _text("That part of the positioning statement", value, MESSAGE_MAX, strip=False)
    row = positioning_row(session)
    if row is None:
        row = Positioning()
        session.add(row)
    previous = getattr(row, part) or ""
    setattr(row, part, text)
    session.commit()
    return previous


# -- messages and proof points -------------------------------------------------------------------


def _message_text(value: object, what: str = "A key message") -> str:
    text = _text(what, value, MESSAGE_MAX)
    if not text:
        raise ValidationError(f"{what} cannot be empty.")
    return text


def add_message(session: Session, persona_id: str, text: object, message_id: str) -> str:
    records.get(session, Persona, persona_id)
    cleaned = _message_text(text)
    last = session.scalar(
        select(func.max(KeyMessage.position)).where(KeyMessage.persona_id == persona_id)
    )
    session.add(
        KeyMessage(id=message_id, persona_id=persona_id, text=cleaned, position=(last or 0) + 1)
    )
    session.commit()
    return message_id


def set_message_text(session: Session, message_id: str, text: object) -> str:
    return records.set_fields(session, KeyMessage, message_id, text=_message_text(text))["text"]


def _evidence(session: Session, kind: str, evidence_id: str | None) -> dict[str, Any]:
    """The proof point columns for evidence of ``kind``; refuses evidence that is not there."""
    columns: dict[str, Any] = {column: None for column in EVIDENCE_COLUMNS.values()}
    if not kind:
        return {"evidence_kind": "", **columns}
    if kind not in EVIDENCE_KINDS:
        raise ValidationError(
            "Evidence must be a customer input, a competitor rating or a goal's check-in, "
            f"not {kind}."
        )
    model = EVIDENCE_MODELS[kind]
    if evidence_id is None or session.get(model, evidence_id) is None:
        raise ValidationError(f"That {model.__singular__} no longer exists.")
    columns[EVIDENCE_COLUMNS[kind]] = evidence_id
    return {"evidence_kind": kind, **columns}


def add_proof_point(
    session: Session,
    message_id: str,
    text: object,
    proof_id: str,
    kind: str = "",
    evidence_id: str | None = None,
) -> str:
    records.get(session, KeyMessage, message_id)
    cleaned = _message_text(text, "A proof point")
    last = session.scalar(
        select(func.max(ProofPoint.position)).where(ProofPoint.message_id == message_id)
    )
    session.add(
        ProofPoint(
            id=proof_id,
            message_id=message_id,
            text=cleaned,
            position=(last or 0) + 1,
            **_evidence(session, kind, evidence_id),
        )
    )
    session.commit()
    return proof_id


def set_proof_text(session: Session, proof_id: str, text: object) -> str:
    cleaned = _message_text(text, "A proof point")
    return records.set_fields(session, ProofPoint, proof_id, text=cleaned)["text"]


def set_evidence(
    session: Session, proof_id: str, kind: str, evidence_id: str | None
) -> dict[str, Any]:
    """Point a proof point at other evidence (or none); returns the previous columns."""
    return records.set_fields(
        session, ProofPoint, proof_id, **_evidence(session, kind, evidence_id)
    )


def restore_evidence(session: Session, proof_id: str, before: Mapping[str, Any]) -> None:
    """Undo :func:`set_evidence` exactly, a deleted evidence's empty link included."""
    records.set_fields(session, ProofPoint, proof_id, **before)


# -- rules a file's records must keep ------------------------------------------------------------


def persona_rule(values: Mapping[str, object]) -> None:
    for field in PERSONA_FIELDS:
        if field in values:
            clean_persona_value(field, values[field])


def proof_point_rule(values: Mapping[str, object]) -> None:
    kind = values.get("evidence_kind") or ""
    if kind and kind not in EVIDENCE_KINDS:
        raise ValidationError(f"A proof point's evidence cannot be of the kind “{kind}”.")
    for other, column in EVIDENCE_COLUMNS.items():
        if values.get(column) and kind != other:
            what = EVIDENCE_KINDS[other].lower()
            raise ValidationError(f"A proof point links a {what} but names other evidence.")
