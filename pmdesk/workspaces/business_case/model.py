"""Business cases: per initiative, what it costs to build and what it may earn, by quarter.

A case belongs to one initiative: a roadmap item (an initiative, a release) or a launch. Its
development cost is people × months × a monthly rate plus one-off costs; its revenue comes
from price tiers with an expected mix and, for each of three scenarios (best, expected,
worst), the customers added per quarter, the churn per quarter and the price actually
achieved. Every figure is an assumption: the case, each tier and each scenario say where the
number came from and when. The derived figures (payback, ROI, break-even) are computed in
``figures``, never stored.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pmdesk.domain.base import Record

# key -> how a PM says it, best first (the order of tables, the chart's legend and the briefing).
SCENARIOS: dict[str, str] = {"best": "Best case", "expected": "Expected", "worst": "Worst case"}

# The project's currency (ISO 4217) -> the symbol written before amounts; other codes are
# written as "CHF 1,200".
CURRENCY_SYMBOLS: dict[str, str] = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "CA$"}

HORIZON_MAX = 40  # quarters: ten years is already a guess; further out a forecast means nothing
TITLE_MAX = 200
SHORT_TEXT_MAX = 200


class BusinessCase(Record):
    """The business case of one initiative."""

    __tablename__ = "business_cases"
    __label__ = "business cases"
    __singular__ = "business case"

    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    # At most one of these is set. SET NULL: the case outlives its initiative and says so.
    roadmap_item_id: Mapped[str | None] = mapped_column(
        ForeignKey("roadmap_items.id", ondelete="SET NULL"), nullable=True, default=None
    )
    launch_id: Mapped[str | None] = mapped_column(
        ForeignKey("launches.id", ondelete="SET NULL"), nullable=True, default=None
    )
    # The first day of the first forecast quarter (a fiscal quarter of the project).
    first_quarter: Mapped[date] = mapped_column(Date)
    horizon_quarters: Mapped[int] = mapped_column(Integer, default=12)
    people: Mapped[float] = mapped_column(Float, default=0.0)
    months: Mapped[float] = mapped_column(Float, default=0.0)
    monthly_rate: Mapped[float] = mapped_column(Float, default=0.0)  # per person-month
    margin_percent: Mapped[float] = mapped_column(Float, default=100.0)  # gross margin on revenue
    source: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), default="")
    as_of: Mapped[date | None] = mapped_column(Date, nullable=True, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")


class OneOffCost(Record):
    """A cost paid once (a device lab, a trade-show booth), on top of the team's time."""

    __tablename__ = "business_case_costs"
    __label__ = "one-off costs"
    __singular__ = "one-off cost"

    case_id: Mapped[str] = mapped_column(ForeignKey("business_cases.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX))
    amount: Mapped[float] = mapped_column(Float, default=0.0)
    position: Mapped[int] = mapped_column(Integer, default=0)


class PriceTier(Record):
    """A price a customer pays per month, and the share of new customers expected to choose it."""

    __tablename__ = "business_case_tiers"
    __label__ = "price tiers"
    __singular__ = "price tier"

    case_id: Mapped[str] = mapped_column(ForeignKey("business_cases.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX))
    monthly_price: Mapped[float] = mapped_column(Float)
    mix_percent: Mapped[float] = mapped_column(Float, default=0.0)
    source: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), default="")
    as_of: Mapped[date | None] = mapped_column(Date, nullable=True, default=None)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Scenario(Record):
    """One case of the forecast (best, expected or worst), per quarter."""

    __tablename__ = "business_case_scenarios"
    __label__ = "forecast scenarios"
    __singular__ = "forecast scenario"
    __table_args__ = (UniqueConstraint("case_id", "kind"),)

    case_id: Mapped[str] = mapped_column(ForeignKey("business_cases.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    customers_added: Mapped[float] = mapped_column(Float, default=0.0)  # new customers a quarter
    churn_percent: Mapped[float] = mapped_column(Float, default=0.0)  # customers lost a quarter
    price_percent: Mapped[float] = mapped_column(Float, default=100.0)  # of list price achieved
    source: Mapped[str] = mapped_column(String(SHORT_TEXT_MAX), default="")
    as_of: Mapped[date | None] = mapped_column(Date, nullable=True, default=None)
