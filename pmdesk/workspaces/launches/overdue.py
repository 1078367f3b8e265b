"""Launch readiness tasks past their due date, for the app-wide overdue list."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from pmdesk.domain.overdue import Overdue
from pmdesk.workspaces.launches.model import DEPARTMENTS
from pmdesk.workspaces.launches.query import late_tasks


def overdue(session: Session, today: date) -> list[Overdue]:
    """Open readiness tasks whose due day (relative to launch day) has passed."""
    return [
        Overdue(
            "launches",
            "Readiness task",
            f"{task.title} ({DEPARTMENTS.get(task.department, task.department)}, "
            f"{task.launch_name})",
            task.due,
            task.launch_id,
        )
        for task in late_tasks(session, today)
    ]
