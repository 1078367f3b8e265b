"""Reading requirements for views and reports: table rows, gap views and traceability.

Everything here reads with a few set-based queries (one per kind of record, counts grouped in
SQL), never one query per row, so the views stay quick with thousands of records.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import Select, exists, func, select
from sqlalchemy.orm import Session

from pmdesk.workspaces.requirements.links import (
    RequirementRoadmapLink,
    roadmap_item_notes,
    roadmap_item_titles,
)
from pmdesk.workspaces.requirements.model import (
    OPEN_STATUSES,
    CustomerInput,
    Requirement,
    RequirementEvidence,
    rice_score,
    split_tags,
)
from pmdesk.workspaces.stakeholders.model import Stakeholder


# Rows are named tuples: building ten thousand of them must stay cheap (a frozen dataclass
# sets each field through object.__setattr__, several times slower).
class RequirementRow(NamedTuple):
    id: str
    title: str
    reference: str
    status: str
    moscow: str
    reach: float | None
    impact: float | None
    confidence: float | None
    effort: float | None
    owner: str
    tags: tuple[str, ...]
    evidence_count: int
    roadmap_count: int

    @property
    def score(self) -> float | None:
        return rice_score(self.reach, self.impact, self.confidence, self.effort)


class InputRow(NamedTuple):
    id: str
    quote: str
    who: str  # the stakeholder's name, else the customer's; empty if neither is known
    customer: str
    stakeholder_id: str | None
    segment: str
    source: str
    received_on: date
    tags: tuple[str, ...]
    requirement_count: int


def _counts(session: Session, column: object, ids: Iterable[str] | None = None) -> dict[str, int]:
    query = select(column, func.count()).group_by(column)
    if ids is not None:
        query = query.where(column.in_(list(ids)))  # type: ignore[attr-defined]
    return dict(session.execute(query).all())  # type: ignore[arg-type]


_REQUIREMENT_COLUMNS = (
    Requirement.id,
    Requirement.title,
    Requirement.reference,
    Requirement.status,
    Requirement.moscow,
    Requirement.reach,
    Requirement.impact,
    Requirement.confidence,
    Requirement.effort,
    Requirement.owner,
    Requirement.tags,
)


@lru_cache(maxsize=4096)
def _tag_tuple(text: str) -> tuple[str, ...]:
    """Tags of a row; the same few tag strings repeat across thousands of rows."""
    return tuple(split_tags(text))


# Below this many rows, counts are read for those rows only; above, one grouped read is quicker.
_FEW = 200


def _requirement_rows(session: Session, query: Select) -> list[RequirementRow]:
    fetched = session.execute(query).all()
    ids = [values[0] for values in fetched] if len(fetched) <= _FEW else None
    evidence = _counts(session, RequirementEvidence.requirement_id, ids)
    planned = _counts(session, RequirementRoadmapLink.requirement_id, ids)
    rows = []
    for values in fetched:
        record_id, title, reference, status, moscow, reach, impact, confidence = values[:8]
        effort, owner, tags = values[8:]
        rows.append(
            RequirementRow(
                record_id,
                title,
                reference,
                status,
                moscow,
                reach,
                impact,
                confidence,
                effort,
                owner,
                _tag_tuple(tags),
                evidence.get(record_id, 0),
                planned.get(record_id, 0),
            )
        )
    return rows


def requirement_rows(session: Session) -> list[RequirementRow]:
    """Every requirement with its evidence and roadmap counts, in title order."""
    return _requirement_rows(session, select(*_REQUIREMENT_COLUMNS).order_by(Requirement.title))


_INPUT_COLUMNS = (
    CustomerInput.id,
    CustomerInput.quote,
    Stakeholder.name,
    CustomerInput.customer,
    CustomerInput.stakeholder_id,
    CustomerInput.segment,
    CustomerInput.source,
    CustomerInput.received_on,
    CustomerInput.tags,
)


def _input_rows(session: Session, query: Select) -> list[InputRow]:
    fetched = session.execute(query).all()
    few = len(fetched) <= _FEW
    linked = _counts(
        session, RequirementEvidence.input_id, [values[0] for values in fetched] if few else None
    )
    rows = []
    for values in fetched:
        record_id, quote, name, customer, stakeholder_id, segment, source, received, tags = values
        rows.append(
            InputRow(
                record_id,
                quote,
                name or customer,
                customer,
                stakeholder_id,
                segment,
                source,
                received,
                _tag_tuple(tags),
                linked.get(record_id, 0),
            )
        )
    return rows


def _input_query() -> Select:
    return (
        select(*_INPUT_COLUMNS)
        .outerjoin(Stakeholder, Stakeholder.id == CustomerInput.stakeholder_id)
        .order_by(CustomerInput.received_on.desc(), CustomerInput.id)
    )


def input_rows(session: Session) -> list[InputRow]:
    """Every customer input, newest first, with who said it and how many requirements it backs."""
    return _input_rows(session, _input_query())


def inputs_of_requirement(session: Session, requirement_id: str) -> list[InputRow]:
    """The customer inputs that support one requirement, newest first."""
    linked = select(RequirementEvidence.input_id).where(
        RequirementEvidence.requirement_id == requirement_id
    )
    return _input_rows(session, _input_query().where(CustomerInput.id.in_(linked)))


def requirements_of_input(session: Session, input_id: str) -> list[RequirementRow]:
    """The requirements one customer input supports, in title order."""
    linked = select(RequirementEvidence.requirement_id).where(
        RequirementEvidence.input_id == input_id
    )
    query = (
        select(*_REQUIREMENT_COLUMNS).where(Requirement.id.in_(linked)).order_by(Requirement.title)
    )
    return _requirement_rows(session, query)


def roadmap_item_ids_of_requirement(session: Session, requirement_id: str) -> list[str]:
    """Ids of the roadmap items that deliver a requirement, in roadmap order."""
    linked = set(
        session.scalars(
            select(RequirementRoadmapLink.item_id).where(
                RequirementRoadmapLink.requirement_id == requirement_id
            )
        )
    )
    return [item_id for item_id in roadmap_item_titles(session) if item_id in linked]


def roadmap_items_of_requirement(session: Session, requirement_id: str) -> list[str]:
    """Titles of the roadmap items that deliver a requirement, in roadmap order."""
    titles = roadmap_item_titles(session)
    return [titles[item] for item in roadmap_item_ids_of_requirement(session, requirement_id)]


def _inbox_query() -> Select:
    linked = exists().where(RequirementEvidence.input_id == CustomerInput.id)
    return _input_query().where(~linked)


def _unsupported_query() -> Select:
    supported = exists().where(RequirementEvidence.requirement_id == Requirement.id)
    return select(*_REQUIREMENT_COLUMNS).where(Requirement.status.in_(OPEN_STATUSES), ~supported)


# Statuses that still need a roadmap item; shipped work is done and declined work never will be.
TO_DELIVER = ("proposed", "accepted", "in_roadmap")


def _unplanned_query() -> Select:
    planned = exists().where(RequirementRoadmapLink.requirement_id == Requirement.id)
    return select(*_REQUIREMENT_COLUMNS).where(Requirement.status.in_(TO_DELIVER), ~planned)


def inputs_without_requirements(session: Session) -> list[InputRow]:
    """The inbox: customer inputs no requirement answers yet, newest first."""
    return _input_rows(session, _inbox_query())


def requirements_without_evidence(session: Session) -> list[RequirementRow]:
    """Requirements (not declined) that no customer input supports."""
    return _requirement_rows(session, _unsupported_query().order_by(Requirement.title))


def requirements_not_on_roadmap(session: Session) -> list[RequirementRow]:
    """Requirements still to deliver (proposed, accepted, in roadmap) with no roadmap item."""
    return _requirement_rows(session, _unplanned_query().order_by(Requirement.title))


@dataclass(frozen=True)
class SummaryCounts:
    inputs: int
    requirements: int
    inbox: int
    unsupported: int
    unplanned: int


def summary_counts(session: Session) -> SummaryCounts:
    """How many records, and how many in each gap view, counted in SQL."""

    def count(query: Select) -> int:
        return session.scalar(select(func.count()).select_from(query.subquery())) or 0

    return SummaryCounts(
        inputs=count(select(CustomerInput.id)),
        requirements=count(select(Requirement.id)),
        inbox=count(_inbox_query()),
        unsupported=count(_unsupported_query()),
        unplanned=count(_unplanned_query()),
    )


# -- traceability --------------------------------------------------------------------------------


@dataclass
class Trace:
    """Who links to whom: every input, requirement and roadmap item by id, with their labels.

    Built once with a handful of queries; a view walks it in either direction.
    """

    input_labels: dict[str, str] = field(default_factory=dict)
    requirement_labels: dict[str, str] = field(default_factory=dict)
    item_labels: dict[str, str] = field(default_factory=dict)
    requirements_of_input: dict[str, list[str]] = field(default_factory=dict)
    inputs_of_requirement: dict[str, list[str]] = field(default_factory=dict)
    items_of_requirement: dict[str, list[str]] = field(default_factory=dict)
    requirements_of_item: dict[str, list[str]] = field(default_factory=dict)
    requirement_status: dict[str, str] = field(default_factory=dict)  # id -> status key
    item_notes: dict[str, str] = field(default_factory=dict)  # id -> "Oct 2026 · In progress"


def _quote_label(quote: str, who: str) -> str:
    text = " ".join(quote.split()) if "\n" in quote or "  " in quote else quote.strip()
    if len(text) > 90:
        text = text[:87].rstrip() + "…"
    return f"“{text}” — {who}" if who else f"“{text}”"


def traceability(session: Session) -> Trace:
    """The whole chain input -> requirement -> roadmap item, in both directions."""
    trace = Trace()
    said = (
        select(CustomerInput.id, CustomerInput.quote, Stakeholder.name, CustomerInput.customer)
        .outerjoin(Stakeholder, Stakeholder.id == CustomerInput.stakeholder_id)
        .order_by(CustomerInput.received_on.desc(), CustomerInput.id)
    )
    for record_id, quote, name, customer in session.execute(said):
        trace.input_labels[record_id] = _quote_label(quote, name or customer)
    for record_id, title, status in session.execute(
        select(Requirement.id, Requirement.title, Requirement.status).order_by(Requirement.title)
    ):
        trace.requirement_labels[record_id] = title
        trace.requirement_status[record_id] = status
    trace.item_labels = roadmap_item_titles(session)
    trace.item_notes = roadmap_item_notes(session)
    by_input: defaultdict[str, list[str]] = defaultdict(list)
    by_requirement: defaultdict[str, list[str]] = defaultdict(list)
    for input_id, requirement_id in session.execute(
        select(RequirementEvidence.input_id, RequirementEvidence.requirement_id)
    ):
        by_input[input_id].append(requirement_id)
        by_requirement[requirement_id].append(input_id)
    order = {key: index for index, key in enumerate(trace.requirement_labels)}
    trace.requirements_of_input = {
        key: sorted(values, key=order.__getitem__) for key, values in by_input.items()
    }
    trace.inputs_of_requirement = dict(by_requirement)
    items: defaultdict[str, list[str]] = defaultdict(list)
    planned: defaultdict[str, list[str]] = defaultdict(list)
    for requirement_id, item_id in session.execute(
        select(RequirementRoadmapLink.requirement_id, RequirementRoadmapLink.item_id)
    ):
        items[requirement_id].append(item_id)
        planned[item_id].append(requirement_id)
    item_order = {key: index for index, key in enumerate(trace.item_labels)}
    trace.items_of_requirement = {
        key: sorted(values, key=item_order.__getitem__) for key, values in items.items()
    }
    trace.requirements_of_item = {
        key: sorted(values, key=order.__getitem__) for key, values in planned.items()
    }
    return trace


def requirement_tags(session: Session) -> list[str]:
    """Every tag used on a requirement, in alphabetical order (any case counts once)."""
    seen: dict[str, str] = {}
    texts = select(Requirement.tags).where(Requirement.tags != "").distinct()
    for text in session.scalars(texts):
        for tag in _tag_tuple(text):
            seen.setdefault(tag.lower(), tag)
    return sorted(seen.values(), key=str.lower)


# -- choices for the detail panels --------------------------------------------------------------


def requirement_choices(session: Session) -> list[tuple[str, str, str]]:
    """(id, reference, title) of every requirement in title order, for linking an input."""
    rows = session.execute(
        select(Requirement.id, Requirement.reference, Requirement.title).order_by(Requirement.title)
    )
    return [(key, reference, title) for key, reference, title in rows]


_NUMBERED = re.compile(r"^(.*?)(\d+)$")


def suggest_reference(keys: Iterable[str]) -> str | None:
    """The next key in the project's own style: after "FL-12" and "FL-7", "FL-13"; keeps zero
    padding ("REQ-009" → "REQ-010"). The prefix most keys use wins; None without numbered
    keys."""
    numbers: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for key in keys:
        found = _NUMBERED.match(key.strip())
        if found:
            numbers[found.group(1)].append((int(found.group(2)), len(found.group(2))))
    if not numbers:
        return None
    prefix = max(numbers, key=lambda p: (len(numbers[p]), max(numbers[p])))
    highest, width = max(numbers[prefix])
    return f"{prefix}{highest + 1:0{width}d}"


def next_reference(session: Session) -> str | None:
    """The key to suggest for a new requirement, from the keys the project already uses."""
    taken = set(session.scalars(select(Requirement.reference).where(Requirement.reference != "")))
    suggestion = suggest_reference(taken)
    while suggestion is not None and suggestion in taken:  # "FL-9" and "FL-09" both exist
        suggestion = suggest_reference([*taken, suggestion])
    return suggestion
