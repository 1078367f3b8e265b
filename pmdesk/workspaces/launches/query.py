"""What the Launches page, the briefing and the CSV export read: each launch with its roadmap
item, its tasks and their readiness, in a few set-based queries.

The page's list and the Overview's overdue list read columns, not records (``summaries``,
``late_tasks``): a project fifty times the sample's has thousands of tasks, and making a
record of each cost more than the rest of the page; the launch on show is read in full
(``plan``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmdesk.domain.values import natural_key
from pmdesk.workspaces.launches.model import READY_STATUSES, Launch, LaunchTask
from pmdesk.workspaces.launches.readiness import (
    Readiness,
    is_late,
    item_day,
    launch_day,
    readiness,
    task_order,
)
from pmdesk.workspaces.roadmap.model import RoadmapItem
from pmdesk.workspaces.stakeholders.model import Stakeholder


@dataclass(frozen=True)
class LaunchPlan:
    """One launch as shown: its record, the item it follows, its checklist and readiness."""

    launch: Launch
    item: RoadmapItem | None
    tasks: list[LaunchTask]  # checklist order
    readiness: Readiness

    @property
    def follows(self) -> str:
        """The roadmap item launch day follows, or "" when the launch keeps its own date."""
        return self.item.title if self.item is not None and item_day(self.item) else ""


def plans(session: Session, today: date) -> list[LaunchPlan]:
    """Every launch, soonest launch day first."""
    launches = list(session.scalars(select(Launch).order_by(Launch.id)))
    return _plans(session, launches, today)


def plan(session: Session, launch_id: str, today: date) -> LaunchPlan | None:
    launch = session.get(Launch, launch_id)
    return _plans(session, [launch], today)[0] if launch is not None else None


def _plans(session: Session, launches: list[Launch], today: date) -> list[LaunchPlan]:
    ids = [launch.id for launch in launches]
    tasks: dict[str, list[LaunchTask]] = {launch_id: [] for launch_id in ids}
    if ids:
        for task in session.scalars(select(LaunchTask).where(LaunchTask.launch_id.in_(ids))):
            tasks[task.launch_id].append(task)
    item_ids = {launch.roadmap_item_id for launch in launches if launch.roadmap_item_id}
    items = (
        {i.id: i for i in session.scalars(select(RoadmapItem).where(RoadmapItem.id.in_(item_ids)))}
        if item_ids
        else {}
    )
    result = []
    for launch in launches:
        item = items.get(launch.roadmap_item_id or "")
        ordered = task_order(tasks[launch.id])
        result.append(LaunchPlan(launch, item, ordered, readiness(launch, ordered, item, today)))
    result.sort(key=lambda p: (p.readiness.launch_day, natural_key(p.launch.name), p.launch.id))
    return result


@dataclass(frozen=True)
class LaunchSummary:
    """One launch as the list shows it: its name, tier, day and how many tasks are ready."""

    id: str
    name: str
    tier: str
    launch_day: date
    tasks: int
    ready: int
    late: int


@dataclass(frozen=True)
class _Dated:
    """A launch's columns with its launch day worked out (the linked item's, else its own)."""

    id: str
    name: str
    tier: str
    day: date


def _dated_launches(session: Session) -> list[_Dated]:
    """Every launch with its day, in the order ``plans`` lists them (soonest, then by name
    with numbers by value: "(2)" before "(17)")."""
    rows = session.execute(
        select(
            Launch.id,
            Launch.name,
            Launch.tier,
            Launch.target_date,
            RoadmapItem.title,
            RoadmapItem.start,
            RoadmapItem.end,
        ).outerjoin(RoadmapItem, RoadmapItem.id == Launch.roadmap_item_id)
    ).all()
    # A row has the launch's target_date and the item's title, start and end: launch_day
    # reads it as both (an item's title is never empty, so None means no item linked).
    found = [
        _Dated(row.id, row.name, row.tier, launch_day(row, row if row.title is not None else None))
        for row in rows
    ]
    found.sort(key=lambda launch: (launch.day, natural_key(launch.name), launch.id))
    return found


def summaries(session: Session, today: date) -> list[LaunchSummary]:
    """Every launch as the page's list shows it, in the order of ``plans``."""
    launches = _dated_launches(session)
    counts = {launch.id: [0, 0, 0] for launch in launches}  # tasks, ready, late
    days = {launch.id: launch.day for launch in launches}
    rows = session.execute(select(LaunchTask.launch_id, LaunchTask.status, LaunchTask.offset_days))
    for launch_id, status, offset in rows:
        count = counts[launch_id]
        count[0] += 1
        count[1] += status in READY_STATUSES
        count[2] += is_late(status, days[launch_id] + timedelta(days=offset), today)
    return [
        LaunchSummary(launch.id, launch.name, launch.tier, launch.day, *counts[launch.id])
        for launch in launches
    ]


def summary_of(plan: LaunchPlan, today: date) -> LaunchSummary:
    """One launch's summary, as ``summaries`` counts it, from its plan already read."""
    launch, day = plan.launch, plan.readiness.launch_day
    tasks = plan.tasks
    return LaunchSummary(
        launch.id,
        launch.name,
        launch.tier,
        day,
        len(tasks),
        sum(task.status in READY_STATUSES for task in tasks),
        sum(is_late(task.status, day + timedelta(days=task.offset_days), today) for task in tasks),
    )


@dataclass(frozen=True)
class LateTask:
    """An open readiness task past its due date, with the launch it belongs to."""

    launch_id: str
    launch_name: str
    title: str
    department: str
    due: date


def late_tasks(session: Session, today: date) -> list[LateTask]:
    """Every open task past its due date, of every launch."""
    launches = {launch.id: launch for launch in _dated_launches(session)}
    rows = session.execute(
        select(
            LaunchTask.launch_id, LaunchTask.title, LaunchTask.department, LaunchTask.offset_days
        ).where(LaunchTask.status.not_in(READY_STATUSES))
    )
    found = []
    for launch_id, title, department, offset in rows:
        launch = launches[launch_id]
        due = launch.day + timedelta(days=offset)
        if is_late("", due, today):
            found.append(LateTask(launch_id, launch.name, title, department, due))
    return found


def people(session: Session) -> list[tuple[str, str]]:
    """(id, name) of every stakeholder, by name: who can own a launch or a task."""
    rows = session.execute(select(Stakeholder.id, Stakeholder.name)).all()
    return sorted(((row.id, row.name) for row in rows), key=lambda p: p[1].casefold())


def owners(session: Session) -> list[tuple[str, str, str]]:
    """(id, name, role) of every stakeholder: a briefing that names no one shows the role."""
    rows = session.execute(select(Stakeholder.id, Stakeholder.name, Stakeholder.role))
    return [(row.id, row.name, row.role) for row in rows]


def linkable_items(session: Session) -> list[tuple[str, str, date]]:
    """(id, title, day) of every dated release and milestone, soonest first."""
    query = select(RoadmapItem).where(RoadmapItem.kind.in_(("release", "milestone")))
    found = [(i.id, i.title, item_day(i)) for i in session.scalars(query)]
    dated = [(item_id, title, day) for item_id, title, day in found if day is not None]
    return sorted(dated, key=lambda row: (row[2], row[1].casefold()))
