"""What the roadmap's views read from beyond the roadmap itself: the people who can own an item.

The roadmap snapshot (:func:`pmdesk.workspaces.roadmap.plan.load_roadmap`) holds the roadmap's
own records; owners live on the stakeholder map, and the views ask for their names here so
that no Qt module writes a query.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmdesk.workspaces.stakeholders.model import Stakeholder


def owner_names(session: Session) -> dict[str, str]:
    """Stakeholder id -> name, for showing an item's owner."""
    return {key: name for key, name in session.execute(select(Stakeholder.id, Stakeholder.name))}
