"""Roadmap items past their end and not done, for the app-wide overdue list."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from pmdesk.domain.overdue import Overdue
from pmdesk.workspaces.roadmap.plan import is_late, load_roadmap


def overdue(session: Session, today: date) -> list[Overdue]:
    """Every item the timeline flags late."""
    return [
        Overdue("roadmap", "Roadmap item past its end", item.title, item.end, item.id)
        for item in load_roadmap(session).items
        if is_late(item, today) and item.end is not None
    ]
