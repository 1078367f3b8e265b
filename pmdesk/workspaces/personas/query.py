"""Reading personas for the page and the briefing, with a few set-based queries each.

Views ask here and get plain rows back, so the qt layer never touches SQLAlchemy. A persona
may have thousands of linked inputs: lists of them are read once, counts are grouped in SQL.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import Select, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from pmdesk.workspaces.competition.model import Competitor, Criterion, Rating
from pmdesk.workspaces.goals.model import CheckIn, KeyResult
from pmdesk.workspaces.personas.edit import positioning_row
from pmdesk.workspaces.personas.model import (
    EVIDENCE_KINDS,
    POSITIONING_PARTS,
    KeyMessage,
    Persona,
    PersonaInput,
    PersonaRequirement,
    ProofPoint,
)
from pmdesk.workspaces.requirements.model import CustomerInput, Requirement, RequirementEvidence

QUOTE_SHOWN = 90  # characters of a quote in a one-line label


class LinkRow(NamedTuple):
    link_id: str  # empty for a suggestion
    target_id: str
    label: str
    detail: str  # segment, customer or status: what tells rows apart


class ProofRow(NamedTuple):
    id: str
    text: str
    kind: str
    evidence_id: str | None
    evidence: str  # how the evidence reads, or why there is none
    missing: bool  # it had evidence, which has been deleted


@dataclass
class MessageRow:
    id: str
    text: str
    proofs: list[ProofRow] = field(default_factory=list)


def short(text: str, limit: int = QUOTE_SHOWN) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def personas(session: Session) -> list[Persona]:
    return list(session.scalars(select(Persona).order_by(Persona.position, Persona.name)))


def link_counts(session: Session) -> dict[str, tuple[int, int]]:
    """Persona id -> (linked inputs, linked requirements), counted in SQL."""
    inputs = {
        persona_id: number
        for persona_id, number in session.execute(
            select(PersonaInput.persona_id, func.count()).group_by(PersonaInput.persona_id)
        )
    }
    needs = {
        persona_id: number
        for persona_id, number in session.execute(
            select(PersonaRequirement.persona_id, func.count()).group_by(
                PersonaRequirement.persona_id
            )
        )
    }
    return {key: (inputs.get(key, 0), needs.get(key, 0)) for key in set(inputs) | set(needs)}


# A list row needs four columns of an input, not its whole record: big lists read only these.
INPUT_COLUMNS = (
    CustomerInput.id,
    CustomerInput.customer,
    CustomerInput.segment,
    CustomerInput.quote,
)


def _input_row(link_id: str, input_id: str, customer: str, segment: str, quote: str) -> LinkRow:
    who = customer or segment or "Unnamed customer"
    return LinkRow(link_id, input_id, short(quote), who)


def linked_inputs(session: Session, persona_id: str) -> list[LinkRow]:
    query = (
        select(PersonaInput.id, *INPUT_COLUMNS)
        .join(CustomerInput, CustomerInput.id == PersonaInput.input_id)
        .where(PersonaInput.persona_id == persona_id)
        .order_by(CustomerInput.received_on.desc(), CustomerInput.id)
    )
    return [_input_row(*row) for row in session.execute(query)]


def suggested_inputs(session: Session, persona_id: str) -> list[LinkRow]:
    """Inputs tagged with the persona's segment that are not linked to it yet."""
    query = _suggested_inputs(session, persona_id, *INPUT_COLUMNS)
    return [] if query is None else [_input_row("", *row) for row in session.execute(query)]


def suggested_input_ids(session: Session, persona_id: str) -> list[str]:
    """:func:`suggested_inputs` as ids only: the page says how many there are and links them
    all, and a big segment suggests thousands."""
    query = _suggested_inputs(session, persona_id, CustomerInput.id)
    return [] if query is None else list(session.scalars(query))


def _suggested_inputs(
    session: Session, persona_id: str, *columns: InstrumentedAttribute[Any]
) -> Select[Any] | None:
    persona = session.get(Persona, persona_id)
    if persona is None or not persona.segment:
        return None
    linked = select(PersonaInput.input_id).where(PersonaInput.persona_id == persona_id)
    return (
        select(*columns)
        .where(func.lower(CustomerInput.segment) == persona.segment.lower())
        .where(CustomerInput.id.not_in(linked))
        .order_by(CustomerInput.received_on.desc(), CustomerInput.id)
    )


def unlinked_inputs(session: Session, persona_id: str) -> list[LinkRow]:
    """Every input not linked to the persona, for choosing by hand."""
    linked = select(PersonaInput.input_id).where(PersonaInput.persona_id == persona_id)
    query = (
        select(*INPUT_COLUMNS)
        .where(CustomerInput.id.not_in(linked))
        .order_by(CustomerInput.received_on.desc(), CustomerInput.id)
    )
    return [_input_row("", *row) for row in session.execute(query)]


def linked_requirements(session: Session, persona_id: str) -> list[LinkRow]:
    query = (
        select(PersonaRequirement.id, Requirement.id, Requirement.title, Requirement.status)
        .join(Requirement, Requirement.id == PersonaRequirement.requirement_id)
        .where(PersonaRequirement.persona_id == persona_id)
        .order_by(func.lower(Requirement.title))
    )
    return [LinkRow(*row) for row in session.execute(query)]


def suggested_requirements(session: Session, persona_id: str) -> list[LinkRow]:
    """Requirements resting on the persona's inputs or its segment's, not linked yet."""
    persona = session.get(Persona, persona_id)
    if persona is None:
        return []
    from_inputs = select(PersonaInput.input_id).where(PersonaInput.persona_id == persona_id)
    sources = select(RequirementEvidence.requirement_id).where(
        RequirementEvidence.input_id.in_(from_inputs)
    )
    if persona.segment:
        in_segment = select(CustomerInput.id).where(
            func.lower(CustomerInput.segment) == persona.segment.lower()
        )
        sources = sources.union(
            select(RequirementEvidence.requirement_id).where(
                RequirementEvidence.input_id.in_(in_segment)
            )
        )
    linked = select(PersonaRequirement.requirement_id).where(
        PersonaRequirement.persona_id == persona_id
    )
    query = (
        select(Requirement.id, Requirement.title, Requirement.status)
        .where(Requirement.id.in_(sources))
        .where(Requirement.id.not_in(linked))
        .order_by(func.lower(Requirement.title))
    )
    return [LinkRow("", *row) for row in session.execute(query)]


def unlinked_requirements(session: Session, persona_id: str) -> list[LinkRow]:
    linked = select(PersonaRequirement.requirement_id).where(
        PersonaRequirement.persona_id == persona_id
    )
    query = (
        select(Requirement.id, Requirement.title, Requirement.status)
        .where(Requirement.id.not_in(linked))
        .order_by(func.lower(Requirement.title))
    )
    return [LinkRow("", *row) for row in session.execute(query)]


def rating_labels(session: Session, ids: set[str] | None = None) -> dict[str, str]:
    """Rating id -> "Rival · Criterion: value (source, date)", for choosing and showing evidence."""
    if ids is not None and not ids:  # nothing asked for: no need to ask the file
        return {}
    query = (
        select(
            Rating.id, Competitor.name, Criterion.name, Rating.value, Rating.source, Rating.as_of
        )
        .join(Competitor, Competitor.id == Rating.competitor_id)
        .join(Criterion, Criterion.id == Rating.criterion_id)
        .order_by(func.lower(Competitor.name), func.lower(Criterion.name))
    )
    if ids is not None:
        query = query.where(Rating.id.in_(ids))
    labels: dict[str, str] = {}
    for rating_id, competitor, criterion, value, source, as_of in session.execute(query):
        where = ", ".join(part for part in (source, as_of.isoformat() if as_of else "") if part)
        labels[rating_id] = f"{competitor} · {criterion}: {value or '–'}" + (
            f" ({where})" if where else ""
        )
    return labels


def input_labels(session: Session, ids: set[str] | None = None) -> dict[str, str]:
    """Input id -> “quote” — who, when."""
    if ids is not None and not ids:  # nothing asked for: no need to ask the file
        return {}
    query = select(CustomerInput).order_by(CustomerInput.received_on.desc(), CustomerInput.id)
    if ids is not None:
        query = query.where(CustomerInput.id.in_(ids))
    labels: dict[str, str] = {}
    for item in session.scalars(query):
        who = item.customer or item.segment
        tail = ", ".join(part for part in (who, item.received_on.isoformat()) if part)
        labels[item.id] = f"“{short(item.quote, 70)}” — {tail}"
    return labels


def check_in_labels(session: Session, ids: set[str] | None = None) -> dict[str, str]:
    """Check-in id -> "Metric: 2.1 % on 2027-03-31 (source)", newest first."""
    if ids is not None and not ids:  # nothing asked for: no need to ask the file
        return {}
    query = (
        select(CheckIn, KeyResult.metric, KeyResult.unit)
        .join(KeyResult, KeyResult.id == CheckIn.key_result_id)
        .order_by(CheckIn.on_date.desc(), CheckIn.id)
    )
    if ids is not None:
        query = query.where(CheckIn.id.in_(ids))
    labels: dict[str, str] = {}
    for check_in, metric, unit in session.execute(query):
        value = f"{check_in.value:g}" + (f" {unit}" if unit else "")
        tail = f" ({check_in.source})" if check_in.source else ""
        labels[check_in.id] = f"{metric}: {value} on {check_in.on_date.isoformat()}{tail}"
    return labels


def evidence_choices(session: Session) -> dict[str, dict[str, str]]:
    """Evidence kind -> {id: label} of everything a proof point can rest on."""
    return {
        "input": input_labels(session),
        "rating": rating_labels(session),
        "check_in": check_in_labels(session),
    }


def messages(session: Session, persona_ids: list[str]) -> dict[str, list[MessageRow]]:
    """Persona id -> its messages in order, each with its proof points and their evidence."""
    found = list(
        session.scalars(
            select(KeyMessage)
            .where(KeyMessage.persona_id.in_(persona_ids))
            .order_by(KeyMessage.position, KeyMessage.id)
        )
    )
    rows = {message.id: MessageRow(message.id, message.text) for message in found}
    proofs = (
        list(
            session.scalars(
                select(ProofPoint)
                .where(ProofPoint.message_id.in_(list(rows)))
                .order_by(ProofPoint.position, ProofPoint.id)
            )
        )
        if rows  # a persona without messages has no proof points to read
        else []
    )
    labels = {
        "input": input_labels(session, {p.input_id for p in proofs if p.input_id}),
        "rating": rating_labels(session, {p.rating_id for p in proofs if p.rating_id}),
        "check_in": check_in_labels(session, {p.check_in_id for p in proofs if p.check_in_id}),
    }
    for proof in proofs:
        rows[proof.message_id].proofs.append(_proof_row(proof, labels))
    grouped: dict[str, list[MessageRow]] = defaultdict(list)
    for message in found:
        grouped[message.persona_id].append(rows[message.id])
    return grouped


def _proof_row(proof: ProofPoint, labels: dict[str, dict[str, str]]) -> ProofRow:
    if proof.evidence_missing:
        what = EVIDENCE_KINDS[proof.evidence_kind].lower()
        article = "an" if what[0] in "aeiou" else "a"
        shown = f"Its evidence, {article} {what}, has been deleted: link new evidence."
    elif proof.evidence_kind in labels:
        shown = labels[proof.evidence_kind].get(proof.evidence_id or "", "")
    else:
        shown = "No evidence linked yet."
    return ProofRow(
        proof.id, proof.text, proof.evidence_kind, proof.evidence_id, shown, proof.evidence_missing
    )


def positioning(session: Session) -> dict[str, str]:
    """Part -> text of the positioning statement (empty texts when it was never written)."""
    row = positioning_row(session)
    return {part: (getattr(row, part) if row else "") for part, _lead, _hint in POSITIONING_PARTS}


def positioning_sentence(parts: dict[str, str]) -> str:
    """The statement read as one sentence, leaving out the parts not written yet."""
    pieces = [f"{lead} {parts[key]}" for key, lead, _hint in POSITIONING_PARTS if parts.get(key)]
    if not pieces:
        return ""
    sentence = ", ".join(pieces)
    return sentence[0].upper() + sentence[1:] + ("" if sentence.endswith(".") else ".")
