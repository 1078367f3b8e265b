"""Decisions whose revisit date has come, for the app-wide overdue list."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from pmdesk.domain.overdue import Overdue
from pmdesk.workspaces.decisions.query import due_for_revisit, load_log


def overdue(session: Session, today: date) -> list[Overdue]:
    """Decisions in force to be looked at again by today (not the ones coming up)."""
    return [
        Overdue(
            "decisions",
            "Decision to revisit",
            entry.decision.question,
            entry.decision.revisit_on,
            entry.decision.id,
        )
        for entry in due_for_revisit(load_log(session), today, within_days=0)
        if entry.decision.revisit_on is not None
    ]
