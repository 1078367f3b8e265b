"""The decision log: what was asked, what was decided, why, by whom, and when to look again.

A decision concerns records of other workspaces. Each kind of record it may concern has its
own link table with a real foreign key that says ``ondelete="CASCADE"`` at both ends, rather
than one generic table holding a kind and an id:

- a link can never point at nothing: SQLite removes it with the record it names, and
  ``records.remove`` collects it first, so undoing the removal brings the link back too;
- ``load``, ``check`` and open refuse a link to a record that is not there, with no extra rule;
- a new kind is one more table, which opening a file creates; no existing table
  changes, so older files need no column migration.

Who decided is a stakeholder when the PM picks one (``decided_by_id``), and always also kept as
text (``decided_by``): deleting that stakeholder clears the link (SET NULL) but keeps the name,
so the log still says who decided.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from pmdesk.domain.base import Record
from pmdesk.workspaces.competition.model import Competitor
from pmdesk.workspaces.goals.model import Objective
from pmdesk.workspaces.requirements.model import Requirement
from pmdesk.workspaces.roadmap.model import RoadmapItem
from pmdesk.workspaces.stakeholders.model import Stakeholder

# key -> how a PM says it, in the order of a decision's life.
STATUSES: dict[str, str] = {
    "proposed": "Proposed",
    "decided": "Decided",
    "revisited": "Revisited",
    "reversed": "Reversed",
}
# A decision in force is one a revisit date applies to; a proposed one is still an ask, and a
# reversed one is history.
IN_FORCE: tuple[str, ...] = ("decided", "revisited")

QUESTION_MAX = 300
SHORT_TEXT_MAX = 200


class Decision(Record):
    """One entry of the log: the question, the options, the decision and its reasons."""

    __tablename__ = "decisions"
    __label__ = "decisions"
    __singular__ = "decision"

    # When it was decided; for a proposed decision, when the question was raised.
    decided_on: Mapped[date] = mapped_column(Date)
    question: Mapped[str] = mapped_column(String(QUESTION_MAX))
    options: Mapped[str] = mapped_column(Text, default="")  # the options considered, one a line
    outcome: Mapped[str] = mapped_column(Text, default="")  # what was decided
    rationale: Mapped[str] = mapped_column(Text, default="")  # why
    decided_by_id: Mapped[str | None] = mapped_column(
        ForeignKey("stakeholders.id", ondelete="SET NULL"), nullable=True, default=None
    )
    decided_by: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), default="")
    status: Mapped[str] = mapped_column(String(20), default="proposed")
    revisit_on: Mapped[date | None] = mapped_column(Date, nullable=True, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")


def is_due(status: str, revisit_on: date | None, today: date, within_days: int = 0) -> bool:
    """Whether a decision in force should be looked at again by ``today + within_days``."""
    if status not in IN_FORCE or revisit_on is None:
        return False
    return (revisit_on - today).days <= within_days


class _DecisionLink:
    """What every link shares: the decision end, removed with the decision."""

    __singular__ = "link of a decision"

    @declared_attr
    def decision_id(cls) -> Mapped[str]:  # noqa: N805 (SQLAlchemy's declared_attr takes cls)
        return mapped_column(ForeignKey("decisions.id", ondelete="CASCADE"))

    @declared_attr.directive
    def __table_args__(cls) -> tuple[UniqueConstraint]:  # noqa: N805
        return (UniqueConstraint("decision_id", "record_id"),)


class DecisionRoadmapLink(_DecisionLink, Record):
    """A decision concerns a roadmap item."""

    __tablename__ = "decision_roadmap_links"
    __label__ = "decision-roadmap links"

    record_id: Mapped[str] = mapped_column(
        ForeignKey("roadmap_items.id", ondelete="CASCADE"), index=True
    )


class DecisionRequirementLink(_DecisionLink, Record):
    """A decision concerns a requirement."""

    __tablename__ = "decision_requirement_links"
    __label__ = "decision-requirement links"

    record_id: Mapped[str] = mapped_column(
        ForeignKey("requirements.id", ondelete="CASCADE"), index=True
    )


class DecisionCompetitorLink(_DecisionLink, Record):
    """A decision concerns a competitor (a response to a move, a market to leave)."""

    __tablename__ = "decision_competitor_links"
    __label__ = "decision-competitor links"

    record_id: Mapped[str] = mapped_column(
        ForeignKey("competitors.id", ondelete="CASCADE"), index=True
    )


class DecisionStakeholderLink(_DecisionLink, Record):
    """A decision concerns a stakeholder (who asked for it, who must be told)."""

    __tablename__ = "decision_stakeholder_links"
    __label__ = "decision-stakeholder links"

    record_id: Mapped[str] = mapped_column(
        ForeignKey("stakeholders.id", ondelete="CASCADE"), index=True
    )


class DecisionGoalLink(_DecisionLink, Record):
    """A decision concerns a goal (an objective it serves, or one it gives up).

    Added within format 2: a file of that format saved before it gets the table, empty, when
    it is opened (``store.database.ensure_tables``), so no migration step is needed.
    """

    __tablename__ = "decision_goal_links"
    __label__ = "decision-goal links"

    record_id: Mapped[str] = mapped_column(
        ForeignKey("goal_objectives.id", ondelete="CASCADE"), index=True
    )


@dataclass(frozen=True)
class LinkKind:
    """One kind of record a decision may concern, and where it lives."""

    key: str  # the workspace key, as the filter and the dump's sub-key say it
    workspace: str  # the workspace's title, as navigation shows it
    singular: str
    link: type[Record]
    target: type[Record]
    title_field: str  # the field a person reads the record by


# In navigation order; each kind has its own link table.
LINK_KINDS: tuple[LinkKind, ...] = (
    LinkKind("goals", "Goals", "objective", DecisionGoalLink, Objective, "title"),
    LinkKind(
        "stakeholders", "Stakeholders", "stakeholder", DecisionStakeholderLink, Stakeholder, "name"
    ),
    LinkKind(
        "competition", "Competition", "competitor", DecisionCompetitorLink, Competitor, "name"
    ),
    LinkKind("roadmap", "Roadmap", "roadmap item", DecisionRoadmapLink, RoadmapItem, "title"),
    LinkKind(
        "requirements", "Requirements", "requirement", DecisionRequirementLink, Requirement, "title"
    ),
)


def link_kind(key: str) -> LinkKind:
    for kind in LINK_KINDS:
        if kind.key == key:
            return kind
    raise KeyError(key)
