"""What the decision log's views and the briefing ask of the records.

The Qt layer never builds SQL itself (an import contract holds it to that): the log with its
links, the records a decision may be linked to, and what is due for a revisit are read here,
with one query per kind of record rather than one per row.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmdesk.workspaces.decisions.model import (
    IN_FORCE,
    LINK_KINDS,
    STATUSES,
    Decision,
    LinkKind,
    is_due,
    link_kind,
)
from pmdesk.workspaces.stakeholders.query import names_by_id

# A decision whose revisit date is this close shows in "Due for revisit" before the day comes.
REVISIT_HORIZON_DAYS = 30


@dataclass(frozen=True)
class Linked:
    """One record a decision concerns, as the log shows it."""

    kind: str  # a LinkKind key
    record_id: str
    title: str


@dataclass(frozen=True)
class DecisionValues:
    """A decision's fields as read, detached from the session.

    Views keep these rather than records: an edit's commit expires every record, a removal
    deletes some, and a view must still paint what it last read without asking the database.
    """

    id: str
    decided_on: date
    question: str
    options: str
    outcome: str
    rationale: str
    decided_by_id: str | None
    decided_by: str
    status: str
    revisit_on: date | None
    notes: str

    def is_due(self, today: date, within_days: int = 0) -> bool:
        return is_due(self.status, self.revisit_on, today, within_days)


FIELD_NAMES = tuple(name for name in DecisionValues.__dataclass_fields__)
_COLUMNS = [Decision.__table__.c[name] for name in FIELD_NAMES]


@dataclass
class LogEntry:
    """A decision with who decided and what it concerns, resolved for showing."""

    decision: DecisionValues
    decider: str
    links: list[Linked] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.decision.id

    def kinds(self) -> set[str]:
        return {link.kind for link in self.links}


def sort_key(entry: LogEntry) -> tuple[int, str, str]:
    """The log's order: newest first, then by question."""
    decision = entry.decision
    return (-decision.decided_on.toordinal(), decision.question, decision.id)


def load_log(session: Session, only: Collection[str] | None = None) -> list[LogEntry]:
    """Every decision (or ``only`` those), newest first, with who decided and its links."""
    chosen = select(*_COLUMNS).order_by(Decision.decided_on.desc(), Decision.question, Decision.id)
    if only is not None:
        chosen = chosen.where(Decision.id.in_(only))
    decisions = [DecisionValues(**row) for row in session.execute(chosen).mappings()]
    people = names_by_id(session)
    entries = {
        decision.id: LogEntry(
            decision,
            people.get(decision.decided_by_id, decision.decided_by)
            if decision.decided_by_id
            else decision.decided_by,
        )
        for decision in decisions
    }
    for kind in LINK_KINDS:
        link: Any = kind.link
        target: Any = kind.target
        linked = (
            select(link.decision_id, link.record_id, getattr(target, kind.title_field))
            .join(target, target.id == link.record_id)
            .order_by(getattr(target, kind.title_field))
        )
        if only is not None:
            linked = linked.where(link.decision_id.in_(only))
        rows = session.execute(linked).all()
        for decision_id, record_id, title in rows:
            entries[decision_id].links.append(Linked(kind.key, record_id, title))
    return list(entries.values())


def concerning(session: Session, kind_key: str, record_id: str) -> list[str]:
    """The decisions that concern one record of another workspace, newest first, each as one
    line ("2026-10-01 · Decided · How do we price …?"): what that workspace's page lists."""
    link: Any = link_kind(kind_key).link
    rows = session.execute(
        select(Decision.decided_on, Decision.status, Decision.question)
        .join(link, link.decision_id == Decision.id)
        .where(link.record_id == record_id)
        .order_by(Decision.decided_on.desc(), Decision.question)
    )
    return [
        f"{day:%Y-%m-%d} · {STATUSES.get(status, status)} · {' '.join(question.split())}"
        for day, status, question in rows
    ]


def linkable(session: Session, kind: LinkKind) -> list[tuple[str, str]]:
    """(id, title) of every record of ``kind`` a decision may be linked to, by title."""
    target: Any = kind.target
    title = getattr(target, kind.title_field)
    return [(str(i), str(t)) for i, t in session.execute(select(target.id, title).order_by(title))]


def due_for_revisit(
    entries: list[LogEntry], today: date, within_days: int = REVISIT_HORIZON_DAYS
) -> list[LogEntry]:
    """Decisions in force whose revisit date has come or comes within ``within_days``,
    soonest (most overdue) first."""
    due = [entry for entry in entries if entry.decision.is_due(today, within_days)]
    return sorted(due, key=lambda entry: (entry.decision.revisit_on, entry.decision.question))


def proposed(session: Session) -> list[Decision]:
    """Decisions still to be taken, oldest question first: the asks of a briefing."""
    query = (
        select(Decision)
        .where(Decision.status == "proposed")
        .order_by(Decision.decided_on, Decision.question, Decision.id)
    )
    return list(session.scalars(query))


def in_force_count(entries: list[LogEntry]) -> int:
    return sum(entry.decision.status in IN_FORCE for entry in entries)


def ask_text(decision: Decision) -> str:
    """How a proposed decision reads as a briefing's ask: "Decide: which market first?".

    A question that already opens with its own lead ("Approve: two engineers", as converted
    briefing lines do) keeps it.
    """
    question = " ".join(decision.question.split())
    first = question.split(" ", 1)[0]
    return question if first.endswith(":") and len(first) > 1 else f"Decide: {question}"


def briefing_asks(session: Session) -> list[str]:
    """The asks of a briefing's "Decisions and asks": every proposed decision, oldest first."""
    return [ask_text(decision) for decision in proposed(session)]
