"""Questions the Stakeholders views ask of the records, beyond what a map loads.

The Qt layer never builds SQL itself (an import contract holds it to that); what it needs to
know before an edit, or to decide how much to redraw, is asked here.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from pmdesk.workspaces.stakeholders.model import Stakeholder, StakeholderRelationship


def people_by_name(session: Session) -> list[tuple[str, str]]:
    """(name, id) of every stakeholder, in name order whatever the case: what every picker of a
    person lists. Two columns, not the map: a project of thousands reads them in milliseconds."""
    query = select(Stakeholder.name, Stakeholder.id).order_by(
        func.lower(Stakeholder.name), Stakeholder.name
    )
    return [(name, key) for name, key in session.execute(query)]


def names_by_id(session: Session) -> dict[str, str]:
    """Each stakeholder's name by id: how every workspace shows an owner, a source, a sponsor."""
    return dict(session.execute(select(Stakeholder.id, Stakeholder.name)).all())


def ids_by_lowercase_name(session: Session) -> dict[str, str]:
    """Each stakeholder's id by lower-cased name: how an import finds the person a row names."""
    return {name.lower(): key for key, name in names_by_id(session).items()}


def relationships_of(session: Session, stakeholder_ids: Collection[str]) -> list[str]:
    """Ids of the lines from or to any of these stakeholders (they go with a deletion)."""
    query = select(StakeholderRelationship.id).where(
        StakeholderRelationship.source_id.in_(stakeholder_ids)
        | StakeholderRelationship.target_id.in_(stakeholder_ids)
    )
    return list(session.scalars(query))


def current_ids(people: Iterable[Stakeholder]) -> set[str]:
    """Ids of the loaded stakeholders none of whose fields has expired.

    A removal or an undo expires everything in the session; a record still fully loaded was
    edited in place, so a view may redraw from it without reading the table again.
    """
    return {person.id for person in people if not inspect(person).expired_attributes}


def all_current(people: Sequence[Stakeholder]) -> bool:
    """Whether none of the loaded stakeholders has an expired field (see ``current_ids``)."""
    return len(current_ids(people)) == len(people)
