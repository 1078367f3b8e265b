"""The business case's arithmetic: cost, blended price, the forecast, payback, ROI, break-even.

Plain numbers in, plain numbers out (no database, no Qt), so every figure the page, the chart
and the briefing show comes from here and is tested on hand-computed examples.

The model, stated once so that a PM can check it by hand:

* development cost = people × months × monthly rate per person + the one-off costs, all spent
  before the first forecast quarter;
* the blended price is the tiers' monthly prices weighted by their mix, times three for a
  quarter, times the share of list price the scenario expects to achieve;
* each quarter, customers = last quarter's customers × (1 − churn) + customers added, and
  revenue = customers × quarterly price; what the initiative earns is revenue × gross margin;
* the cumulative position starts at minus the cost; the break-even quarter is the first whose
  cumulative position is not below zero, and the payback period is the time until then, with
  the crossing quarter counted in proportion (in months);
* ROI = (everything earned over the horizon − cost) / cost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MONTHS_A_QUARTER = 3


@dataclass(frozen=True)
class QuarterFigures:
    index: int  # 0 = the first forecast quarter
    customers: float
    revenue: float
    earned: float  # revenue × margin
    cumulative: float  # earned so far minus the cost


@dataclass(frozen=True)
class Outcome:
    cost: float
    quarters: tuple[QuarterFigures, ...]
    payback_months: float | None  # None: it does not pay back within the horizon
    roi: float | None  # None when nothing was spent (a return on nothing is meaningless)
    break_even: int | None  # index of the break-even quarter

    @property
    def revenue(self) -> float:
        return sum(quarter.revenue for quarter in self.quarters)

    @property
    def earned(self) -> float:
        return sum(quarter.earned for quarter in self.quarters)


def development_cost(
    people: float, months: float, monthly_rate: float, one_offs: Sequence[float] = ()
) -> float:
    return people * months * monthly_rate + sum(one_offs)


def blended_monthly_price(tiers: Sequence[tuple[float, float]]) -> float:
    """(monthly price, mix %) pairs -> the average a new customer pays a month.

    The mix is used as weights, so a mix that does not add up to 100 % still gives a sensible
    average (the page says when it does not add up).
    """
    weight = sum(mix for _price, mix in tiers)
    if weight <= 0:
        return 0.0
    return sum(price * mix for price, mix in tiers) / weight


def forecast(
    customers_added: float, churn_percent: float, quarterly_price: float, quarters: int
) -> list[tuple[float, float]]:
    """(customers, revenue) for each quarter."""
    rows: list[tuple[float, float]] = []
    customers = 0.0
    # The rules keep churn within 0-100 %; clamped here too, so that no stored value can make
    # the customer count negative.
    keep = min(max(1.0 - churn_percent / 100.0, 0.0), 1.0)
    for _ in range(quarters):
        customers = customers * keep + customers_added
        rows.append((customers, customers * quarterly_price))
    return rows


def outcome(cost: float, margin_percent: float, rows: Sequence[tuple[float, float]]) -> Outcome:
    """Payback, ROI and break-even of spending ``cost`` for the forecast ``rows``."""
    margin = margin_percent / 100.0
    cumulative = -cost
    quarters: list[QuarterFigures] = []
    break_even: int | None = None
    payback: float | None = None
    if cost <= 0:
        break_even, payback = (0, 0.0) if rows else (None, None)
    for index, (customers, revenue) in enumerate(rows):
        earned = revenue * margin
        before = cumulative
        cumulative += earned
        if break_even is None and cumulative >= 0 and earned > 0:
            break_even = index
            payback = (index + (-before) / earned) * MONTHS_A_QUARTER
        quarters.append(QuarterFigures(index, customers, revenue, earned, cumulative))
    total = sum(quarter.earned for quarter in quarters)
    roi = (total - cost) / cost if cost > 0 else None
    return Outcome(cost, tuple(quarters), payback, roi, break_even)


def scenario_outcome(
    cost: float,
    margin_percent: float,
    tiers: Sequence[tuple[float, float]],
    customers_added: float,
    churn_percent: float,
    price_percent: float,
    quarters: int,
) -> Outcome:
    """The whole chain for one scenario: blended price, forecast, outcome."""
    quarterly = blended_monthly_price(tiers) * MONTHS_A_QUARTER * price_percent / 100.0
    rows = forecast(customers_added, churn_percent, quarterly, quarters)
    return outcome(cost, margin_percent, rows)
