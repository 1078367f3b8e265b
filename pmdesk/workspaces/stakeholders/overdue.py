"""Touchpoints and follow-ups owed to stakeholders, for the app-wide overdue list."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from pmdesk.domain.overdue import Overdue
from pmdesk.workspaces.stakeholders.log import due_items


def overdue(session: Session, today: date) -> list[Overdue]:
    """What the stakeholder map's own overdue list shows, in the shared shape (past due only:
    a follow-up due today is listed there, and here as due today)."""
    return [
        Overdue(
            "stakeholders",
            item.what,
            f"{item.stakeholder}: {item.detail}" if item.detail else item.stakeholder,
            item.due,
            item.stakeholder_id,
        )
        for item in due_items(session, today)
    ]
