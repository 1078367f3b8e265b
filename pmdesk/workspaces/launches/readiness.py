"""How ready a launch is: due dates, the department × status grid, what is late and what blocks
the go/no-go decision. Plain computation over records already read (no session, no Qt).

Due dates are worked out here, at read time, from launch day and each task's offset, and launch
day follows the linked roadmap item. That is the whole answer to "the release moved": nothing is
re-dated row by row, so a move on the roadmap is one undo step there and cannot leave a task
behind, a teammate's merged roadmap change re-dates the launch too, and a file loaded from JSON
cannot hold due dates that disagree with its roadmap.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from pmdesk.workspaces.launches.model import DEPARTMENTS, READY_STATUSES, STATUSES


class LaunchLike(Protocol):
    target_date: date
    go_no_go_offset: int


class ItemLike(Protocol):
    title: str
    start: date | None
    end: date | None


class TaskLike(Protocol):
    id: str
    title: str
    department: str
    status: str
    offset_days: int
    owner_id: str | None
    position: int


def item_day(item: ItemLike | None) -> date | None:
    """The day a roadmap item sets for a launch: a release ships at its end, a milestone is
    one day; an undated (parked) item sets none."""
    if item is None:
        return None
    return item.end or item.start


def launch_day(launch: LaunchLike, item: ItemLike | None) -> date:
    """Launch day: the linked roadmap item's date while it has one, else the launch's own."""
    return item_day(item) or launch.target_date


def format_offset(offset: int) -> str:
    """An offset as a PM writes it: L−14 two weeks before, L-day on the day."""
    if offset == 0:
        return "L-day"
    sign = "−" if offset < 0 else "+"
    return f"L{sign}{abs(offset)}"


def is_late(status: str, due: date, today: date) -> bool:
    """Whether a task is late: still open and its due day has passed."""
    return status not in READY_STATUSES and due < today


@dataclass(frozen=True)
class TaskState:
    """One task as of a day: when it is due and whether it is late or holds up the launch."""

    id: str
    title: str
    department: str
    status: str
    offset_days: int
    due: date
    owner_id: str | None
    late: bool
    blocks: bool

    @property
    def ready(self) -> bool:
        return self.status in READY_STATUSES

    def days_late(self, today: date) -> int:
        return max((today - self.due).days, 0)


@dataclass(frozen=True)
class Readiness:
    """A launch's readiness as the grid, the late list and the go/no-go check show it."""

    launch_day: date
    go_no_go_day: date
    tasks: tuple[TaskState, ...]  # by due date, then department, then the checklist's order

    def grid(self) -> dict[str, dict[str, int]]:
        """Department -> status -> how many tasks, every department and status present."""
        cells = {department: dict.fromkeys(STATUSES, 0) for department in DEPARTMENTS}
        for task in self.tasks:
            row = cells.setdefault(task.department, dict.fromkeys(STATUSES, 0))
            row[task.status] = row.get(task.status, 0) + 1
        return cells

    @property
    def late(self) -> list[TaskState]:
        """Open tasks past their due date, the longest overdue first."""
        return sorted((t for t in self.tasks if t.late), key=lambda t: (t.due, t.title))

    @property
    def blockers(self) -> list[TaskState]:
        """What stands in the way of a "go": blocked tasks, and open ones due by the meeting."""
        return [task for task in self.tasks if task.blocks]

    @property
    def ready_count(self) -> int:
        return sum(task.ready for task in self.tasks)

    def department_ready(self, department: str) -> tuple[int, int]:
        """(ready, all) tasks of one department."""
        own = [task for task in self.tasks if task.department == department]
        return sum(task.ready for task in own), len(own)


def readiness(
    launch: LaunchLike, tasks: Iterable[TaskLike], item: ItemLike | None, today: date
) -> Readiness:
    """Work out every task's due date and state from launch day, as of ``today``."""
    day = launch_day(launch, item)
    go_no_go = day + timedelta(days=launch.go_no_go_offset)
    order = {key: index for index, key in enumerate(DEPARTMENTS)}
    states = []
    for task in tasks:
        due = day + timedelta(days=task.offset_days)
        open_ = task.status not in READY_STATUSES
        states.append(
            TaskState(
                id=task.id,
                title=task.title,
                department=task.department,
                status=task.status,
                offset_days=task.offset_days,
                due=due,
                owner_id=task.owner_id,
                late=is_late(task.status, due, today),
                blocks=task.status == "blocked" or (open_ and due <= go_no_go),
            )
        )
    states.sort(key=lambda t: (t.due, order.get(t.department, len(order)), t.title))
    return Readiness(day, go_no_go, tuple(states))


def task_order(tasks: Sequence[TaskLike]) -> list[TaskLike]:
    """Tasks in their checklist order: by department as the grid lists them, then position."""
    order = {key: index for index, key in enumerate(DEPARTMENTS)}
    return sorted(tasks, key=lambda t: (order.get(t.department, len(order)), t.position, t.title))
