"""Launches: a go-to-market launch, its readiness tasks per department, and the templates
that seed a launch's checklist for its tier.

A launch day is not copied into the tasks: each task stores how many days before launch day it
is due ("L−14" is ``offset_days = -14``), and the launch day itself follows the linked roadmap
release or milestone (see ``readiness.launch_day``). Moving the item on the roadmap therefore
re-dates every task without writing a row here, and the roadmap's own undo step undoes it.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pmdesk.domain.base import Record

# key -> how a PM says it. A major launch gets the full checklist, a silent one ships quietly.
TIERS: dict[str, str] = {"major": "Major", "minor": "Minor", "silent": "Silent"}

# The departments a launch needs ready, in the order the readiness grid shows them.
DEPARTMENTS: dict[str, str] = {
    "marketing": "Marketing",
    "sales": "Sales",
    "support": "Support and service",
    "operations": "Operations",
    "finance": "Finance",
    "engineering": "Engineering",
    "legal": "Legal",
}

# A task's progress, in the order of the grid's columns. "Not needed" counts as ready.
STATUSES: dict[str, str] = {
    "to_do": "To do",
    "in_progress": "In progress",
    "blocked": "Blocked",
    "done": "Done",
    "not_needed": "Not needed",
}
READY_STATUSES = frozenset({"done", "not_needed"})

# The go/no-go meeting's outcome.
DECISIONS: dict[str, str] = {"pending": "Not decided", "go": "Go", "no_go": "No-go"}

NAME_MAX = 200
# A launch plan reaches back at most a year before launch day: anything earlier is a slip.
OFFSET_MIN = -365
DEFAULT_GO_NO_GO = -7


class Launch(Record):
    """A go-to-market launch: what ships, when, how loud, and who answers for it."""

    __tablename__ = "launches"
    __label__ = "launches"
    __singular__ = "launch"

    name: Mapped[str] = mapped_column(String(NAME_MAX))
    tier: Mapped[str] = mapped_column(String(20), default="minor")
    # SET NULL, not CASCADE: deleting a release from the roadmap must not throw away the launch
    # plan; the launch keeps its own target date and says it no longer follows an item.
    roadmap_item_id: Mapped[str | None] = mapped_column(
        ForeignKey("roadmap_items.id", ondelete="SET NULL"), nullable=True, default=None
    )
    # Launch day when no dated roadmap item sets it, and the date kept if the item goes away.
    target_date: Mapped[date] = mapped_column(Date)
    # The go/no-go meeting, in days relative to launch day (-7 = a week before), so it moves too.
    go_no_go_offset: Mapped[int] = mapped_column(Integer, default=DEFAULT_GO_NO_GO)
    decision: Mapped[str] = mapped_column(String(20), default="pending")
    owner_id: Mapped[str | None] = mapped_column(
        ForeignKey("stakeholders.id", ondelete="SET NULL"), nullable=True, default=None
    )
    # The goal it serves, in words for now; a link to a goal record belongs beside it once
    # the project keeps goals (a nullable ``goal_id`` with SET NULL, this text as its note).
    goal: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")


class LaunchTask(Record):
    """One thing a department must have ready, due a number of days before launch day."""

    __tablename__ = "launch_tasks"
    __label__ = "launch readiness tasks"
    __singular__ = "readiness task"

    launch_id: Mapped[str] = mapped_column(ForeignKey("launches.id", ondelete="CASCADE"))
    department: Mapped[str] = mapped_column(String(20), default="marketing")
    title: Mapped[str] = mapped_column(String(NAME_MAX))
    offset_days: Mapped[int] = mapped_column(Integer, default=0)  # 0 = launch day, -14 = L−14
    status: Mapped[str] = mapped_column(String(20), default="to_do")
    owner_id: Mapped[str | None] = mapped_column(
        ForeignKey("stakeholders.id", ondelete="SET NULL"), nullable=True, default=None
    )
    note: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class LaunchTemplate(Record):
    """The checklist a new launch of one tier starts from; the PM edits it per project."""

    __tablename__ = "launch_templates"
    __label__ = "launch templates"
    __singular__ = "launch template"

    # One per tier is what the app makes; should a file hold two, the first by id is used.
    tier: Mapped[str] = mapped_column(String(20))


class LaunchTemplateTask(Record):
    """One line of a template: a department's task and when it is due relative to launch day."""

    __tablename__ = "launch_template_tasks"
    __label__ = "launch template tasks"
    __singular__ = "template task"

    template_id: Mapped[str] = mapped_column(ForeignKey("launch_templates.id", ondelete="CASCADE"))
    department: Mapped[str] = mapped_column(String(20), default="marketing")
    title: Mapped[str] = mapped_column(String(NAME_MAX))
    offset_days: Mapped[int] = mapped_column(Integer, default=0)
    position: Mapped[int] = mapped_column(Integer, default=0)
