"""Reading business cases for the page, the chart and the briefing, figures computed once.

A case is read with one query per kind of record and handed over as plain rows, with each
scenario's :class:`~pmdesk.workspaces.business_case.figures.Outcome` and the fiscal quarter
labels the project uses, so the qt layer never touches SQLAlchemy and never computes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from pmdesk.domain.project import currency
from pmdesk.workspaces.business_case.edit import initiative_key
from pmdesk.workspaces.business_case.figures import (
    Outcome,
    development_cost,
    scenario_outcome,
)
from pmdesk.workspaces.business_case.model import (
    HORIZON_MAX,
    SCENARIOS,
    BusinessCase,
    OneOffCost,
    PriceTier,
    Scenario,
)
from pmdesk.workspaces.launches.model import Launch
from pmdesk.workspaces.roadmap.edit import fiscal_year_start
from pmdesk.workspaces.roadmap.fiscal import add_months, quarter_label, quarter_start
from pmdesk.workspaces.roadmap.model import KINDS, RoadmapItem

# Roadmap items a business case is usually for come first in the chooser.
CASE_KINDS = ("initiative", "release", "epic", "milestone", "feature")


@dataclass(frozen=True)
class CostRow:
    id: str
    name: str
    amount: float


@dataclass(frozen=True)
class TierRow:
    id: str
    name: str
    monthly_price: float
    mix_percent: float
    source: str
    as_of: date | None


@dataclass(frozen=True)
class ScenarioView:
    id: str
    kind: str
    label: str
    customers_added: float
    churn_percent: float
    price_percent: float
    source: str
    as_of: date | None
    outcome: Outcome


@dataclass(frozen=True)
class CaseView:
    id: str
    title: str
    roadmap_item_id: str | None
    roadmap_item: str  # its title, empty when none
    launch_id: str | None
    initiative: str  # what the case is for, as the PM reads it; empty when for nothing
    first_quarter: date
    horizon: int
    people: float
    months: float
    monthly_rate: float
    margin_percent: float
    source: str
    as_of: date | None
    notes: str
    currency: str
    fiscal_start: int
    costs: list[CostRow]
    tiers: list[TierRow]
    scenarios: list[ScenarioView]
    quarter_labels: list[str]

    @property
    def initiative_key(self) -> str | None:
        if self.launch_id:
            return initiative_key("launch", self.launch_id)
        return initiative_key("roadmap", self.roadmap_item_id) if self.roadmap_item_id else None

    @property
    def team_cost(self) -> float:
        return self.people * self.months * self.monthly_rate

    @property
    def cost(self) -> float:
        return development_cost(
            self.people, self.months, self.monthly_rate, [c.amount for c in self.costs]
        )

    @property
    def mix_total(self) -> float:
        return sum(tier.mix_percent for tier in self.tiers)

    def break_even_label(self, scenario: ScenarioView) -> str:
        index = scenario.outcome.break_even
        return self.quarter_labels[index] if index is not None else ""

    def warnings(self) -> list[str]:
        """What makes the figures less than the PM may think, in the PM's words."""
        found: list[str] = []
        if not self.tiers:
            found.append("No price tiers yet: the forecast earns nothing.")
        elif abs(self.mix_total - 100.0) > 0.01:
            found.append(
                f"The tier mix adds up to {self.mix_total:g} %, not 100 %: "
                "the shares are used as weights."
            )
        if self.cost <= 0:
            found.append("No development cost yet: payback and ROI mean nothing without it.")
        return found


def cases(session: Session) -> list[tuple[str, str]]:
    """(id, title) of every case, by title."""
    query = select(BusinessCase.id, BusinessCase.title).order_by(
        func.lower(BusinessCase.title), BusinessCase.id
    )
    return [(row_id, title) for row_id, title in session.execute(query)]


def roadmap_choices(session: Session) -> list[tuple[str, str]]:
    """(id, "Title (kind)") of every roadmap item, initiatives and releases first."""
    order = case({kind: index for index, kind in enumerate(CASE_KINDS)}, value=RoadmapItem.kind)
    query = select(RoadmapItem.id, RoadmapItem.title, RoadmapItem.kind).order_by(
        order, func.lower(RoadmapItem.title)
    )
    return [
        (row_id, f"{title} ({KINDS.get(kind, kind).lower()})")
        for row_id, title, kind in session.execute(query)
    ]


def initiative_choices(session: Session) -> list[tuple[str, str]]:
    """("kind:id", label) of everything a case can be for: launches, soonest first by name,
    then roadmap items as :func:`roadmap_choices` orders them."""
    launches = session.execute(select(Launch.id, Launch.name).order_by(func.lower(Launch.name)))
    return [(initiative_key("launch", row_id), f"{name} (launch)") for row_id, name in launches] + [
        (initiative_key("roadmap", row_id), label) for row_id, label in roadmap_choices(session)
    ]


def load_case(session: Session, case_id: str) -> CaseView | None:
    record = session.get(BusinessCase, case_id)
    if record is None:
        return None
    code = currency(session)
    start = fiscal_year_start(session)
    # Edits keep the horizon within 1..HORIZON_MAX; a file changed by other means may not, and
    # must still open: the figures are computed over the nearest horizon that means something.
    horizon = min(max(record.horizon_quarters, 1), HORIZON_MAX)
    costs = [
        CostRow(row.id, row.name, row.amount)
        for row in session.scalars(
            select(OneOffCost).where(OneOffCost.case_id == case_id).order_by(OneOffCost.position)
        )
    ]
    tiers = [
        TierRow(row.id, row.name, row.monthly_price, row.mix_percent, row.source, row.as_of)
        for row in session.scalars(
            select(PriceTier).where(PriceTier.case_id == case_id).order_by(PriceTier.position)
        )
    ]
    item_title = ""
    if record.roadmap_item_id:
        item_title = (
            session.scalar(
                select(RoadmapItem.title).where(RoadmapItem.id == record.roadmap_item_id)
            )
            or ""
        )
    launch_name = ""
    if record.launch_id:
        launch_name = session.scalar(select(Launch.name).where(Launch.id == record.launch_id)) or ""
    cost = development_cost(
        record.people, record.months, record.monthly_rate, [c.amount for c in costs]
    )
    prices = [(tier.monthly_price, tier.mix_percent) for tier in tiers]
    found = {
        row.kind: row
        for row in session.scalars(select(Scenario).where(Scenario.case_id == case_id))
    }
    scenarios = [
        ScenarioView(
            row.id,
            kind,
            label,
            row.customers_added,
            row.churn_percent,
            row.price_percent,
            row.source,
            row.as_of,
            scenario_outcome(
                cost,
                record.margin_percent,
                prices,
                row.customers_added,
                row.churn_percent,
                row.price_percent,
                horizon,
            ),
        )
        for kind, label in SCENARIOS.items()
        if (row := found.get(kind)) is not None
    ]
    labels = [
        quarter_label(add_months(record.first_quarter, 3 * index), start)
        for index in range(horizon)
    ]
    return CaseView(
        record.id,
        record.title,
        record.roadmap_item_id,
        item_title,
        record.launch_id,
        f"the {launch_name} launch" if launch_name else item_title,
        record.first_quarter,
        horizon,
        record.people,
        record.months,
        record.monthly_rate,
        record.margin_percent,
        record.source,
        record.as_of,
        record.notes,
        code,
        start,
        costs,
        tiers,
        scenarios,
        labels,
    )


def quarter_choices(
    session: Session, around: date, before: int = 4, after: int = 16
) -> list[tuple[date, str]]:
    """(first day, label) of fiscal quarters around ``around``, for choosing a first quarter."""
    start = fiscal_year_start(session)
    first = add_months(quarter_start(around, start), -3 * before)
    return [
        (day, quarter_label(day, start))
        for day in (add_months(first, 3 * index) for index in range(before + after + 1))
    ]
