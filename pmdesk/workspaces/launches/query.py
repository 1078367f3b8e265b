"""What the Launches page, the briefing and the CSV export read: each launch with its roadmap
item, its tasks and their readiness, in a few set-based queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmdesk.workspaces.launches.model import Launch, LaunchTask
from pmdesk.workspaces.launches.readiness import Readiness, item_day, readiness, task_order
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
    result.sort(key=lambda p: (p.readiness.launch_day, p.launch.name.casefold(), p.launch.id))
    return result


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
