"""Goals: objectives, their measurable key results, the dated check-ins, and links to the work.

The records and the vocabulary live here; the rules a record keeps are in ``rules``, the
judgement of progress in ``progress`` and the edits in ``edit``.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pmdesk.domain.base import Record

TITLE_MAX = 200
SHORT_TEXT_MAX = 200
UNIT_MAX = 40

OBJECTIVE_STATUSES: dict[str, str] = {
    "active": "Active",
    "achieved": "Achieved",
    "missed": "Missed",
    "dropped": "Dropped",
}

# How a key result's number should move from its baseline.
DIRECTIONS: dict[str, str] = {
    "up": "Increase to",
    "down": "Decrease to",
    "within": "Stay within",
}

CONFIDENCES: dict[str, str] = {"high": "High", "medium": "Medium", "low": "Low"}

# A key result is checked in on monthly unless the PM says otherwise.
DEFAULT_CADENCE_DAYS = 31
CADENCE_MAX_DAYS = 366


class Objective(Record):
    """What the product means to achieve in a period, and why it matters."""

    __tablename__ = "goal_objectives"
    __label__ = "objectives"
    __singular__ = "objective"

    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    why: Mapped[str] = mapped_column(Text, default="")
    # An owner who leaves the stakeholder map leaves the objective ownerless, not deleted.
    owner_id: Mapped[str | None] = mapped_column(
        ForeignKey("stakeholders.id", ondelete="SET NULL"), nullable=True, default=None
    )
    # The period is kept as dates; "FY27 H1" is how it is typed and shown (see ``periods``).
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="active")
    position: Mapped[int] = mapped_column(Integer, default=0)


class KeyResult(Record):
    """A number that says whether the objective is being met: from baseline to target."""

    __tablename__ = "goal_key_results"
    __label__ = "key results"
    __singular__ = "key result"

    objective_id: Mapped[str] = mapped_column(ForeignKey("goal_objectives.id", ondelete="CASCADE"))
    metric: Mapped[str] = mapped_column(String(TITLE_MAX))
    unit: Mapped[str] = mapped_column(String(UNIT_MAX), default="")
    baseline: Mapped[float] = mapped_column(Float)
    target: Mapped[float] = mapped_column(Float)
    direction: Mapped[str] = mapped_column(String(10), default="up")
    confidence: Mapped[str] = mapped_column(String(10), default="medium")
    cadence_days: Mapped[int] = mapped_column(Integer, default=DEFAULT_CADENCE_DAYS)
    position: Mapped[int] = mapped_column(Integer, default=0)


class CheckIn(Record):
    """The value a key result's metric had on a day, and where the number came from."""

    __tablename__ = "goal_check_ins"
    __label__ = "check-ins"
    __singular__ = "check-in"

    key_result_id: Mapped[str] = mapped_column(
        ForeignKey("goal_key_results.id", ondelete="CASCADE")
    )
    on_date: Mapped[date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), default="")


class GoalLink(Record):
    """A roadmap item or a requirement that contributes to a key result (exactly one of them)."""

    __tablename__ = "goal_links"
    __label__ = "goal links"
    __singular__ = "goal link"

    key_result_id: Mapped[str] = mapped_column(
        ForeignKey("goal_key_results.id", ondelete="CASCADE")
    )
    # Work that is deleted no longer contributes: the link goes with it (and comes back on undo).
    roadmap_item_id: Mapped[str | None] = mapped_column(
        ForeignKey("roadmap_items.id", ondelete="CASCADE"), nullable=True, default=None
    )
    requirement_id: Mapped[str | None] = mapped_column(
        ForeignKey("requirements.id", ondelete="CASCADE"), nullable=True, default=None
    )
