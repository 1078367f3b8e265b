"""Decisions whose revisit date has come, for the app-wide overdue list."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmdesk.domain.overdue import Overdue
from pmdesk.workspaces.decisions.model import IN_FORCE, Decision


def overdue(session: Session, today: date) -> list[Overdue]:
    """Decisions in force to be looked at again by today (not the ones coming up).

    Only the three columns the list shows are read, filtered in SQL: the Overview asks this
    just after its first paint, and the whole log with its links costs many times more.
    """
    rows = session.execute(
        select(Decision.question, Decision.revisit_on, Decision.id)
        .where(Decision.status.in_(IN_FORCE), Decision.revisit_on <= today)
        .order_by(Decision.revisit_on, Decision.question)
    ).all()
    return [
        Overdue("decisions", "Decision to revisit", question, revisit_on, record_id)
        for question, revisit_on, record_id in rows
    ]
