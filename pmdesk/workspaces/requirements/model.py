"""Requirements: what customers said, what the product does about it, and where that is planned.

A customer input is evidence (a quote, who said it, where and when). A requirement is the
translation into "the product does ...", prioritised by MoSCoW and by a RICE score. Links tie
inputs to requirements (many-to-many) and requirements to roadmap items, so a PM can show why
every roadmap item exists and which customer needs are still unanswered.

The records and the vocabulary live here; ``requirements_edit`` holds the rules that change
them and ``requirements_query`` the gap views and the traceability.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pmdesk.domain.allowed import one_of
from pmdesk.domain.base import Record

# key -> how a PM says it; the order is the order of menus and reports.
SOURCES: dict[str, str] = {
    "interview": "Interview",
    "sales_call": "Sales call",
    "support_ticket": "Support ticket",
    "analyst": "Analyst",
    "win_loss": "Win/loss review",
    "survey": "Survey",
}

STATUSES: dict[str, str] = {
    "proposed": "Proposed",
    "accepted": "Accepted",
    "in_roadmap": "In roadmap",
    "shipped": "Shipped",
    "declined": "Declined",
}
# A declined requirement is a decision, not a gap: gap views leave it out.
OPEN_STATUSES: tuple[str, ...] = ("proposed", "accepted", "in_roadmap", "shipped")

MOSCOW: dict[str, str] = {
    "must": "Must have",
    "should": "Should have",
    "could": "Could have",
    "wont": "Won't have",
}

# RICE impact is a fixed scale (Intercom's): 3 massive ... 0.25 minimal.
IMPACT_SCALE: dict[float, str] = {
    3.0: "Massive",
    2.0: "High",
    1.0: "Medium",
    0.5: "Low",
    0.25: "Minimal",
}
CONFIDENCE_MAX = 100.0  # a percentage

TITLE_MAX = 200
SHORT_TEXT_MAX = 200
TAGS_MAX = 500
REFERENCE_MAX = 64


class CustomerInput(Record):
    """Something a customer said: the evidence a requirement rests on."""

    __tablename__ = "customer_inputs"
    __label__ = "customer inputs"
    __singular__ = "customer input"

    quote: Mapped[str] = mapped_column(Text)
    # Who said it: a stakeholder on the map, or a named customer (or both).
    stakeholder_id: Mapped[str | None] = mapped_column(
        ForeignKey("stakeholders.id", ondelete="SET NULL"), nullable=True, default=None
    )
    customer: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), default="")
    segment: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), default="")
    source: Mapped[str] = mapped_column(String(20), default="interview", info=one_of(SOURCES))
    received_on: Mapped[date] = mapped_column(Date)
    tags: Mapped[str] = mapped_column(String(TAGS_MAX), default="")  # comma-separated

    @property
    def tag_list(self) -> list[str]:
        return split_tags(self.tags)


class Requirement(Record):
    """What the product does, why, how we know it is done, and how much it matters."""

    __tablename__ = "requirements"
    __label__ = "requirements"
    __singular__ = "requirement"

    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    # A key in an issue tracker (e.g. "FL-142"), so a re-import updates rather than duplicates.
    reference: Mapped[str] = mapped_column(String(REFERENCE_MAX), default="")
    statement: Mapped[str] = mapped_column(Text, default="")  # "The product does ..."
    rationale: Mapped[str] = mapped_column(Text, default="")
    acceptance_criteria: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="proposed", info=one_of(STATUSES))
    moscow: Mapped[str] = mapped_column(String(10), default="should", info=one_of(MOSCOW))
    # RICE factors; empty until the PM scores the requirement.
    reach: Mapped[float | None] = mapped_column(Float, nullable=True, default=None)
    impact: Mapped[float | None] = mapped_column(Float, nullable=True, default=None)
    confidence: Mapped[float | None] = mapped_column(Float, nullable=True, default=None)
    effort: Mapped[float | None] = mapped_column(Float, nullable=True, default=None)
    owner: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), default="")
    tags: Mapped[str] = mapped_column(String(TAGS_MAX), default="")  # comma-separated

    @property
    def tag_list(self) -> list[str]:
        return split_tags(self.tags)

    @property
    def rice_score(self) -> float | None:
        return rice_score(self.reach, self.impact, self.confidence, self.effort)


class RequirementEvidence(Record):
    """One customer input supporting one requirement."""

    __tablename__ = "requirement_evidence"
    __label__ = "input-requirement links"
    __singular__ = "link between an input and a requirement"
    __table_args__ = (UniqueConstraint("input_id", "requirement_id"),)

    input_id: Mapped[str] = mapped_column(ForeignKey("customer_inputs.id", ondelete="CASCADE"))
    # The unique pair indexes input_id first; this index serves "evidence of a requirement".
    requirement_id: Mapped[str] = mapped_column(
        ForeignKey("requirements.id", ondelete="CASCADE"), index=True
    )


def rice_score(
    reach: float | None, impact: float | None, confidence: float | None, effort: float | None
) -> float | None:
    """Reach x impact x confidence / effort, with confidence as a percentage.

    None while any factor is missing, or effort is not positive (the edit rules refuse that,
    but a score must never divide by zero whatever the data says).
    """
    if reach is None or impact is None or confidence is None or effort is None or effort <= 0:
        return None
    return reach * impact * (confidence / 100.0) / effort


def split_tags(text: str) -> list[str]:
    """Tags as typed ("a, b;c") -> ["a", "b", "c"], without blanks or repeats (any case)."""
    seen: dict[str, str] = {}
    for part in text.replace(";", ",").split(","):
        tag = part.strip()
        if tag and tag.lower() not in seen:
            seen[tag.lower()] = tag
    return list(seen.values())


def join_tags(tags: list[str]) -> str:
    return ", ".join(tags)
