"""The readiness list as CSV: every task of every launch (or one launch) with its real due
date, for a status meeting's spreadsheet or a department's own tracker."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from pmdesk.interchange.csv_table import write_csv
from pmdesk.workspaces.launches.model import DEPARTMENTS, STATUSES, TIERS
from pmdesk.workspaces.launches.query import LaunchPlan, people, plans
from pmdesk.workspaces.launches.readiness import format_offset

HEADERS = (
    "Launch",
    "Tier",
    "Launch day",
    "Department",
    "Task",
    "Due",
    "Relative to launch day",
    "Status",
    "Owner",
    "Late",
    "Blocks go/no-go",
    "Note",
)


def readiness_rows(
    session: Session, today: date, launch_ids: Iterable[str] | None = None
) -> list[list[object]]:
    """One row per task, launches by launch day and tasks by due date."""
    wanted = None if launch_ids is None else set(launch_ids)
    names = dict(people(session))
    rows: list[list[object]] = []
    for plan in plans(session, today):
        if wanted is None or plan.launch.id in wanted:
            rows.extend(_rows(plan, names))
    return rows


def _rows(plan: LaunchPlan, names: dict[str, str]) -> Iterable[list[object]]:
    launch, state = plan.launch, plan.readiness
    notes = {task.id: task.note for task in plan.tasks}
    for task in state.tasks:
        yield [
            launch.name,
            TIERS.get(launch.tier, launch.tier),
            state.launch_day.isoformat(),
            DEPARTMENTS.get(task.department, task.department),
            task.title,
            task.due.isoformat(),
            format_offset(task.offset_days),
            STATUSES.get(task.status, task.status),
            names.get(task.owner_id or "", ""),
            "yes" if task.late else "",
            "yes" if task.blocks else "",
            notes.get(task.id, ""),
        ]


def export_readiness(
    session: Session, path: Path, today: date, launch_ids: Iterable[str] | None = None
) -> int:
    """Write the readiness list to ``path`` (atomically); how many tasks it holds."""
    rows = readiness_rows(session, today, launch_ids)
    write_csv(path, HEADERS, rows)
    return len(rows)
