"""Stakeholders: who matters to the product, where they stand, and how the PM engages them.

The records and the vocabulary live here; the rules that change them are in
``stakeholders_edit`` (people and their relationships) and ``stakeholders_log`` (interactions,
snapshots and what is overdue).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pmdesk.domain.allowed import between, one_of
from pmdesk.domain.base import Record

SCORE_MIN = 1
SCORE_MAX = 10
# Scores above this line are "high": the grid's quadrant boundary sits between 5 and 6.
HIGH_FROM = 6

# Product management talks to every department, and outside to customers, partners, analysts
# and press. Free text is allowed; these are offered first and order the communication map.
INTERNAL_DEPARTMENTS: tuple[str, ...] = (
    "Executive team",
    "Project management",
    "Marketing",
    "Sales",
    "Product development",
    "Finance",
    "Operations",
    "Service and support",
)
EXTERNAL_DEPARTMENTS: tuple[str, ...] = ("Customers", "Partners", "Analysts", "Press")
DEPARTMENTS: tuple[str, ...] = INTERNAL_DEPARTMENTS + EXTERNAL_DEPARTMENTS

# key -> how a PM says it. Ordered from most to least favourable.
ATTITUDES: dict[str, str] = {
    "champion": "Champion",
    "supporter": "Supporter",
    "neutral": "Neutral",
    "skeptic": "Skeptic",
    "blocker": "Blocker",
}

# The classic power/interest strategies, one per quadrant.
STRATEGIES: dict[str, str] = {
    "manage_closely": "Manage closely",
    "keep_satisfied": "Keep satisfied",
    "keep_informed": "Keep informed",
    "monitor": "Monitor",
}

RELATIONSHIP_KINDS: dict[str, str] = {
    "reports_to": "reports to",
    "influences": "influences",
    "ally": "ally of",
    "conflict": "in conflict with",
}

NAME_MAX = 200
SHORT_TEXT_MAX = 200


def quadrant_strategy(influence: int, interest: int) -> str:
    """The strategy key a stakeholder's quadrant suggests."""
    high_power = influence >= HIGH_FROM
    high_interest = interest >= HIGH_FROM
    if high_power and high_interest:
        return "manage_closely"
    if high_power:
        return "keep_satisfied"
    if high_interest:
        return "keep_informed"
    return "monitor"


class Stakeholder(Record):
    """A person (or group) product management works with."""

    __tablename__ = "stakeholders"
    __label__ = "stakeholders"
    __singular__ = "stakeholder"

    name: Mapped[str] = mapped_column(String(NAME_MAX))
    role: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), default="")
    department: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), default="")
    external: Mapped[bool] = mapped_column(Boolean, default=False)
    influence: Mapped[int] = mapped_column(Integer, default=5, info=between(SCORE_MIN, SCORE_MAX))
    interest: Mapped[int] = mapped_column(Integer, default=5, info=between(SCORE_MIN, SCORE_MAX))
    attitude: Mapped[str] = mapped_column(String(20), default="neutral", info=one_of(ATTITUDES))
    needs: Mapped[str] = mapped_column(Text, default="")
    deliverables: Mapped[str] = mapped_column(Text, default="")
    # Empty means "follow the quadrant"; a key of STRATEGIES means the PM chose otherwise.
    strategy_override: Mapped[str] = mapped_column(
        String(20), default="", info=one_of(STRATEGIES, empty=True)
    )
    channel: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), default="")
    cadence: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), default="")
    owner: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), default="")
    last_contact: Mapped[date | None] = mapped_column(Date, nullable=True, default=None)
    next_touchpoint: Mapped[date | None] = mapped_column(Date, nullable=True, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[str] = mapped_column(String(500), default="")  # comma-separated

    @property
    def strategy(self) -> str:
        """The engagement strategy in force: the PM's choice, else the quadrant's."""
        return self.strategy_override or quadrant_strategy(self.influence, self.interest)

    @property
    def tag_list(self) -> list[str]:
        return split_tags(self.tags)

    def is_overdue(self, today: date) -> bool:
        return self.next_touchpoint is not None and self.next_touchpoint < today


class StakeholderRelationship(Record):
    """A line between two stakeholders: who reports to, influences, backs or fights whom."""

    __tablename__ = "stakeholder_relationships"
    __label__ = "stakeholder relationships"
    __singular__ = "relationship"

    source_id: Mapped[str] = mapped_column(ForeignKey("stakeholders.id", ondelete="CASCADE"))
    target_id: Mapped[str] = mapped_column(ForeignKey("stakeholders.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(
        String(20), default="influences", info=one_of(RELATIONSHIP_KINDS)
    )
    note: Mapped[str] = mapped_column(Text, default="")


class StakeholderInteraction(Record):
    """One conversation with a stakeholder, and what the PM promised to do after it."""

    __tablename__ = "stakeholder_interactions"
    __label__ = "stakeholder interactions"
    __singular__ = "interaction"

    stakeholder_id: Mapped[str] = mapped_column(ForeignKey("stakeholders.id", ondelete="CASCADE"))
    happened_on: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    follow_up: Mapped[str] = mapped_column(Text, default="")
    follow_up_due: Mapped[date | None] = mapped_column(Date, nullable=True, default=None)
    follow_up_done: Mapped[bool] = mapped_column(Boolean, default=False)


class StakeholderSnapshot(Record):
    """A dated assessment of the whole map, so a PM can show who moved since."""

    __tablename__ = "stakeholder_snapshots"
    __label__ = "stakeholder snapshots"
    __singular__ = "snapshot"

    name: Mapped[str] = mapped_column(String(NAME_MAX))
    taken_on: Mapped[date] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")


class StakeholderPosition(Record):
    """Where one stakeholder stood in one snapshot."""

    __tablename__ = "stakeholder_positions"
    __label__ = "snapshot positions"
    __singular__ = "snapshot position"

    snapshot_id: Mapped[str] = mapped_column(
        ForeignKey("stakeholder_snapshots.id", ondelete="CASCADE")
    )
    stakeholder_id: Mapped[str] = mapped_column(ForeignKey("stakeholders.id", ondelete="CASCADE"))
    influence: Mapped[int] = mapped_column(Integer, info=between(SCORE_MIN, SCORE_MAX))
    interest: Mapped[int] = mapped_column(Integer, info=between(SCORE_MIN, SCORE_MAX))
    attitude: Mapped[str] = mapped_column(String(20), info=one_of(ATTITUDES))


def split_tags(text: str) -> list[str]:
    """Tags as typed ("a, b;c") -> ["a", "b", "c"], without blanks or repeats."""
    seen: dict[str, None] = {}
    for part in text.replace(";", ",").split(","):
        tag = part.strip()
        if tag and tag.lower() not in {t.lower() for t in seen}:
            seen[tag] = None
    return list(seen)


def join_tags(tags: list[str]) -> str:
    return ", ".join(tags)
