"""Competition: the competitors (our own product among them), the criteria they are compared on,
the ratings in the matrix, the positioning map's settings and one battlecard per competitor.

The records and the vocabulary live here; the pure scoring rules are in ``competition_rules``,
and the edits that change records are in ``competition_edit`` (ratings in ``competition_ratings``,
battlecards and settings in ``competition_cards``).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from pmdesk.domain.allowed import between, one_of
from pmdesk.domain.base import Record

NAME_MAX = 200
# The edit, `load` and `check` all read the weight's limit from the column below.
WEIGHT_MAX = 1000.0
SHORT_TEXT_MAX = 200
LINK_MAX = 500
VALUE_MAX = 500

SCORE_MIN = 0
SCORE_MAX = 5

# How a criterion is rated. Every kind but free text turns into points from 0 to SCORE_MAX.
RATING_KINDS: dict[str, str] = {
    "score": "Score 0–5",
    "yes_no": "Yes / partial / no",
    "price": "Price",
    "text": "Free text",
}
YES_NO_VALUES: dict[str, str] = {"yes": "Yes", "partial": "Partial", "no": "No"}

THREAT_LEVELS: dict[str, str] = {
    "": "Not assessed",
    "low": "Low",
    "medium": "Medium",
    "high": "High",
}

# A rating whose as-of date is older than this many days shows as stale unless the PM chose
# another age in the settings.
DEFAULT_STALE_AFTER_DAYS = 180
STALE_AFTER_MAX = 3650  # ten years

# Quadrant labels of a fresh positioning map, as a PM would write them.
DEFAULT_QUADRANTS = {
    "quadrant_top_left": "Niche specialists",
    "quadrant_top_right": "Leaders",
    "quadrant_bottom_left": "Laggards",
    "quadrant_bottom_right": "Generalists",
}


class Competitor(Record):
    """A product a customer may choose instead of ours, or ours itself (``is_us``)."""

    __tablename__ = "competitors"
    __label__ = "competitors"
    __singular__ = "competitor"

    name: Mapped[str] = mapped_column(String(NAME_MAX))
    is_us: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)  # column order in the matrix
    website: Mapped[str] = mapped_column(String(LINK_MAX), default="")
    segment: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    pricing_model: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), default="")
    price_points: Mapped[str] = mapped_column(Text, default="")
    strengths: Mapped[str] = mapped_column(Text, default="")
    weaknesses: Mapped[str] = mapped_column(Text, default="")
    threat_level: Mapped[str] = mapped_column(String(20), default="", info=one_of(THREAT_LEVELS))
    positioning: Mapped[str] = mapped_column(Text, default="")
    as_of: Mapped[date | None] = mapped_column(Date, nullable=True, default=None)


class CriterionCategory(Record):
    """A group of criteria (for example "Scheduling" or "Pricing"); it can be collapsed into one
    score row and used as a positioning map axis."""

    __tablename__ = "criterion_categories"
    __label__ = "criterion categories"
    __singular__ = "category"

    name: Mapped[str] = mapped_column(String(NAME_MAX))
    position: Mapped[int] = mapped_column(Integer, default=0)


class Criterion(Record):
    """A feature, capability or attribute that competitors are compared on."""

    __tablename__ = "criteria"
    __label__ = "criteria"
    __singular__ = "criterion"

    category_id: Mapped[str] = mapped_column(
        ForeignKey("criterion_categories.id", ondelete="CASCADE")
    )
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    description: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[float] = mapped_column(Float, default=1.0, info=between(0, WEIGHT_MAX))
    kind: Mapped[str] = mapped_column(String(20), default="score", info=one_of(RATING_KINDS))
    position: Mapped[int] = mapped_column(Integer, default=0)  # order inside its category


class Rating(Record):
    """How one competitor does on one criterion, with the evidence behind it."""

    __tablename__ = "competitor_ratings"
    __label__ = "ratings"
    __singular__ = "rating"
    __table_args__ = (UniqueConstraint("competitor_id", "criterion_id"),)

    competitor_id: Mapped[str] = mapped_column(ForeignKey("competitors.id", ondelete="CASCADE"))
    criterion_id: Mapped[str] = mapped_column(ForeignKey("criteria.id", ondelete="CASCADE"))
    # Stored as the PM reads it: "4", "3.5", "partial", "49", or free text.
    value: Mapped[str] = mapped_column(String(VALUE_MAX), default="")
    source: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), default="")
    link: Mapped[str] = mapped_column(String(LINK_MAX), default="")
    as_of: Mapped[date | None] = mapped_column(Date, nullable=True, default=None)


class Battlecard(Record):
    """What sales needs in a deal against one competitor. Where we lead and trail is computed
    from the matrix, not stored, so it is never out of date."""

    __tablename__ = "battlecards"
    __label__ = "battlecards"
    __singular__ = "battlecard"

    competitor_id: Mapped[str] = mapped_column(
        ForeignKey("competitors.id", ondelete="CASCADE"), unique=True
    )
    why_we_win: Mapped[str] = mapped_column(Text, default="")
    their_strengths: Mapped[str] = mapped_column(Text, default="")
    objections: Mapped[str] = mapped_column(Text, default="")
    landmines: Mapped[str] = mapped_column(Text, default="")
    proof_points: Mapped[str] = mapped_column(Text, default="")


class CompetitionSettings(Record):
    """The one row of workspace choices: when ratings go stale, and the positioning map's axes
    (a criterion or a whole category each) and quadrant labels."""

    __tablename__ = "competition_settings"
    __label__ = "competition settings"
    __singular__ = "competition setting"

    stale_after_days: Mapped[int] = mapped_column(
        Integer, default=DEFAULT_STALE_AFTER_DAYS, info=between(1, STALE_AFTER_MAX)
    )
    x_criterion_id: Mapped[str | None] = mapped_column(
        ForeignKey("criteria.id", ondelete="SET NULL"), nullable=True, default=None
    )
    x_category_id: Mapped[str | None] = mapped_column(
        ForeignKey("criterion_categories.id", ondelete="SET NULL"), nullable=True, default=None
    )
    y_criterion_id: Mapped[str | None] = mapped_column(
        ForeignKey("criteria.id", ondelete="SET NULL"), nullable=True, default=None
    )
    y_category_id: Mapped[str | None] = mapped_column(
        ForeignKey("criterion_categories.id", ondelete="SET NULL"), nullable=True, default=None
    )
    size_criterion_id: Mapped[str | None] = mapped_column(
        ForeignKey("criteria.id", ondelete="SET NULL"), nullable=True, default=None
    )
    size_category_id: Mapped[str | None] = mapped_column(
        ForeignKey("criterion_categories.id", ondelete="SET NULL"), nullable=True, default=None
    )
    quadrant_top_left: Mapped[str] = mapped_column(
        String(SHORT_TEXT_MAX), default=DEFAULT_QUADRANTS["quadrant_top_left"]
    )
    quadrant_top_right: Mapped[str] = mapped_column(
        String(SHORT_TEXT_MAX), default=DEFAULT_QUADRANTS["quadrant_top_right"]
    )
    quadrant_bottom_left: Mapped[str] = mapped_column(
        String(SHORT_TEXT_MAX), default=DEFAULT_QUADRANTS["quadrant_bottom_left"]
    )
    quadrant_bottom_right: Mapped[str] = mapped_column(
        String(SHORT_TEXT_MAX), default=DEFAULT_QUADRANTS["quadrant_bottom_right"]
    )
