"""Links from requirements to the roadmap items that deliver them (many-to-many).

Removing either end removes the link rows with it (CASCADE), so :func:`records.remove` takes
them along and :func:`records.restore` brings them back in the same undo step.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from pmdesk.domain import records
from pmdesk.domain.base import Record, new_id
from pmdesk.errors import ValidationError
from pmdesk.workspaces.requirements.model import Requirement
from pmdesk.workspaces.roadmap.model import STATUSES as ITEM_STATUSES
from pmdesk.workspaces.roadmap.model import RoadmapItem


class RequirementRoadmapLink(Record):
    """One roadmap item delivering (part of) one requirement."""

    __tablename__ = "requirement_roadmap_links"
    __label__ = "requirement-roadmap links"
    __singular__ = "link between a requirement and a roadmap item"
    __table_args__ = (UniqueConstraint("requirement_id", "item_id"),)

    requirement_id: Mapped[str] = mapped_column(ForeignKey("requirements.id", ondelete="CASCADE"))
    # The unique pair indexes requirement_id first; this index serves "requirements of an item".
    item_id: Mapped[str] = mapped_column(
        ForeignKey("roadmap_items.id", ondelete="CASCADE"), index=True
    )


def roadmap_item_titles(session: Session) -> dict[str, str]:
    """Roadmap item id -> its title, dated items first in date order, then the parking lot."""
    rows = session.execute(
        select(RoadmapItem.id, RoadmapItem.title).order_by(
            RoadmapItem.start.is_(None), RoadmapItem.start, RoadmapItem.title
        )
    ).all()
    return dict(rows)  # type: ignore[arg-type]


def roadmap_item_notes(session: Session) -> dict[str, str]:
    """Roadmap item id -> when it starts and its state, as a PM reads them ("Oct 2026 · Done")."""
    rows = session.execute(select(RoadmapItem.id, RoadmapItem.start, RoadmapItem.status)).all()
    notes = {}
    for item_id, start, status in rows:
        when = f"{start:%b %Y}" if start is not None else "Not scheduled"
        notes[item_id] = f"{when} · {ITEM_STATUSES.get(status, status)}"
    return notes


def link_roadmap_item(
    session: Session, requirement_id: str, item_id: str, link_id: str | None = None
) -> str:
    """Record that a roadmap item delivers a requirement; returns the link's id."""
    records.get(session, Requirement, requirement_id)
    records.get(session, RoadmapItem, item_id)
    existing = session.scalar(
        select(func.count())
        .select_from(RequirementRoadmapLink)
        .where(
            RequirementRoadmapLink.requirement_id == requirement_id,
            RequirementRoadmapLink.item_id == item_id,
        )
    )
    if existing:
        raise ValidationError("That roadmap item already delivers this requirement.")
    link = RequirementRoadmapLink(
        id=link_id or new_id(), requirement_id=requirement_id, item_id=item_id
    )
    session.add(link)
    session.commit()
    return link.id


def unlink_roadmap_item(session: Session, requirement_id: str, item_id: str) -> records.Removal:
    link_ids = session.scalars(
        select(RequirementRoadmapLink.id).where(
            RequirementRoadmapLink.requirement_id == requirement_id,
            RequirementRoadmapLink.item_id == item_id,
        )
    ).all()
    if not link_ids:
        raise ValidationError("That roadmap item no longer delivers this requirement.")
    return records.remove(session, RequirementRoadmapLink, link_ids)
