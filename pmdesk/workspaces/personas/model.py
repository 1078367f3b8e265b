"""Personas and messaging: who buys and uses the product, and what we tell each of them.

A persona (or segment) names a role in the buying decision and is tied to the customer inputs
and requirements that came from people like them. The positioning statement is the project's
one sentence of who we are for; key messages are per persona, and each proof point behind a
message points at its evidence: a customer input or a competitor rating.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pmdesk.domain.base import Record

# Who a persona is in a purchase. The order is the order of menus and of the briefing.
BUYING_ROLES: dict[str, str] = {"buyer": "Buyer", "user": "User", "influencer": "Influencer"}

# What a proof point rests on. Empty: a claim without evidence yet (shown as such).
EVIDENCE_KINDS: dict[str, str] = {
    "input": "Customer input",
    "rating": "Competitor rating",
    "check_in": "Goal check-in",
}
# kind -> the proof point's column that links evidence of that kind (exactly one is set).
EVIDENCE_COLUMNS: dict[str, str] = {
    "input": "input_id",
    "rating": "rating_id",
    "check_in": "check_in_id",
}

# The classic positioning statement, in the order it is read aloud.
POSITIONING_PARTS: tuple[tuple[str, str, str], ...] = (
    ("target", "For", "the target customer"),
    ("need", "who", "the need or opportunity"),
    ("category", "the product is", "the product category"),
    ("benefit", "that", "the key benefit, the reason to buy"),
    ("alternative", "unlike", "the primary alternative"),
    ("difference", "we", "the primary difference"),
)

NAME_MAX = 200
SHORT_TEXT_MAX = 200


class Persona(Record):
    """A kind of person we sell to or build for."""

    __tablename__ = "personas"
    __label__ = "personas"
    __singular__ = "persona"

    name: Mapped[str] = mapped_column(String(NAME_MAX))
    role: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), default="")
    buying_role: Mapped[str] = mapped_column(String(20), default="user")
    # The segment tag on customer inputs that people like this one carry (suggests links).
    segment: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), default="")
    goals: Mapped[str] = mapped_column(Text, default="")
    pains: Mapped[str] = mapped_column(Text, default="")
    jobs: Mapped[str] = mapped_column(Text, default="")  # the jobs they hire the product for
    position: Mapped[int] = mapped_column(Integer, default=0)


class PersonaInput(Record):
    """A customer input that came from this persona."""

    __tablename__ = "persona_inputs"
    __label__ = "persona-input links"
    __singular__ = "link between a persona and an input"
    __table_args__ = (UniqueConstraint("persona_id", "input_id"),)

    persona_id: Mapped[str] = mapped_column(ForeignKey("personas.id", ondelete="CASCADE"))
    input_id: Mapped[str] = mapped_column(
        ForeignKey("customer_inputs.id", ondelete="CASCADE"), index=True
    )


class PersonaRequirement(Record):
    """A requirement written for this persona."""

    __tablename__ = "persona_requirements"
    __label__ = "persona-requirement links"
    __singular__ = "link between a persona and a requirement"
    __table_args__ = (UniqueConstraint("persona_id", "requirement_id"),)

    persona_id: Mapped[str] = mapped_column(ForeignKey("personas.id", ondelete="CASCADE"))
    requirement_id: Mapped[str] = mapped_column(
        ForeignKey("requirements.id", ondelete="CASCADE"), index=True
    )


class Positioning(Record):
    """The project's one positioning statement (for / who / the product is / that / unlike / we)."""

    __tablename__ = "positioning"
    __label__ = "positioning statements"
    __singular__ = "positioning statement"

    target: Mapped[str] = mapped_column(Text, default="")
    need: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(Text, default="")
    benefit: Mapped[str] = mapped_column(Text, default="")
    alternative: Mapped[str] = mapped_column(Text, default="")
    difference: Mapped[str] = mapped_column(Text, default="")


class KeyMessage(Record):
    """One thing we tell a persona."""

    __tablename__ = "persona_messages"
    __label__ = "key messages"
    __singular__ = "key message"

    persona_id: Mapped[str] = mapped_column(ForeignKey("personas.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)


class ProofPoint(Record):
    """Why a message is true, and the evidence that shows it.

    ``evidence_kind`` says what the proof point was linked to. When that evidence is deleted the
    link is emptied (the proof point's own words are kept) and the kind stays, so the page and
    the briefing can say that its evidence is gone rather than pretend it never had any.
    """

    __tablename__ = "proof_points"
    __label__ = "proof points"
    __singular__ = "proof point"

    message_id: Mapped[str] = mapped_column(ForeignKey("persona_messages.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    evidence_kind: Mapped[str] = mapped_column(String(20), default="")
    input_id: Mapped[str | None] = mapped_column(
        ForeignKey("customer_inputs.id", ondelete="SET NULL"), nullable=True, default=None
    )
    rating_id: Mapped[str | None] = mapped_column(
        ForeignKey("competitor_ratings.id", ondelete="SET NULL"), nullable=True, default=None
    )
    # A measured result ("churn fell to 2.1 % in March") backs a message like a quote does.
    check_in_id: Mapped[str | None] = mapped_column(
        ForeignKey("goal_check_ins.id", ondelete="SET NULL"), nullable=True, default=None
    )
    position: Mapped[int] = mapped_column(Integer, default=0)

    @property
    def evidence_id(self) -> str | None:
        column = EVIDENCE_COLUMNS.get(self.evidence_kind)
        return getattr(self, column) if column else None

    @property
    def evidence_missing(self) -> bool:
        """It was linked to evidence that has since been deleted."""
        return bool(self.evidence_kind) and self.evidence_id is None
