"""Roadmap items past their end and not done, for the app-wide overdue list."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmdesk.domain.overdue import Overdue
from pmdesk.workspaces.roadmap.model import RoadmapItem


def overdue(session: Session, today: date) -> list[Overdue]:
    """Every item the timeline flags late (``plan.is_late``: past its end and not done).

    Read as three columns filtered in SQL rather than the whole roadmap: the Overview asks
    this just after its first paint.
    """
    rows = session.execute(
        select(RoadmapItem.title, RoadmapItem.end, RoadmapItem.id).where(
            RoadmapItem.end.is_not(None), RoadmapItem.end < today, RoadmapItem.status != "done"
        )
    ).all()
    return [
        Overdue("roadmap", "Roadmap item past its end", title, end, record_id)
        for title, end, record_id in rows
    ]
