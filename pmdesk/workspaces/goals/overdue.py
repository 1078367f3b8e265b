"""Key results waiting for a check-in longer than their cadence, for the app-wide overdue list."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmdesk.domain.overdue import Overdue
from pmdesk.workspaces.goals.model import KeyResult, Objective
from pmdesk.workspaces.goals.progress import is_stale
from pmdesk.workspaces.goals.values import latest_check_ins, safe_cadence


def overdue(session: Session, today: date) -> list[Overdue]:
    """Stale key results of active objectives; the check-in was due one cadence after the
    last one (or after the period began, when there is none).

    Reads the few columns this needs rather than every goal with its links and judgements:
    the Overview asks just after its first paint.
    """
    periods = {
        row.id: (row.period_start, row.period_end)
        for row in session.execute(
            select(Objective.id, Objective.period_start, Objective.period_end).where(
                Objective.status == "active"
            )
        )
    }
    latest = latest_check_ins(session)
    found: list[Overdue] = []
    rows = session.execute(
        select(KeyResult.id, KeyResult.objective_id, KeyResult.metric, KeyResult.cadence_days)
    )
    for key, objective_id, metric, cadence in rows:
        if objective_id not in periods:
            continue
        first, last = periods[objective_id]
        cadence = safe_cadence(cadence)
        since = latest.get(key)
        if not is_stale([(since, 0.0)] if since else [], first, last, today, cadence):
            continue
        due = (since or first) + timedelta(days=cadence)
        found.append(Overdue("goals", "Key result check-in", metric, due, key))
    return found
