"""Key results waiting for a check-in longer than their cadence, for the app-wide overdue list."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from pmdesk.domain.overdue import Overdue
from pmdesk.workspaces.goals.query import load_goals


def overdue(session: Session, today: date) -> list[Overdue]:
    """Stale key results of active objectives; the check-in was due one cadence after the
    last one (or after the period began, when there is none)."""
    found: list[Overdue] = []
    for objective in load_goals(session, today).objectives:
        if objective.status != "active":
            continue
        for result in objective.key_results:
            if not result.judgement.stale:
                continue
            since = result.check_ins[-1].on_date if result.check_ins else objective.period_start
            due = since + timedelta(days=result.cadence_days)
            found.append(Overdue("goals", "Key result check-in", result.metric, due, result.id))
    return found
