"""The cumulative cash picture of a business case, laid out once for the app and the briefing.

Each scenario is a line of the cumulative position (earned so far minus the cost) after every
forecast quarter, starting at minus the cost before the first one; where a line crosses zero
the case breaks even. Coordinates are in a unit box (x and y from 0 to 1, y up), so the page's
``QGraphicsScene`` and the briefing's matplotlib figure scale the same layout to their size.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from pmdesk.workspaces.business_case.figures import Outcome
from pmdesk.workspaces.business_case.money import format_money

SCENARIO_COLORS: dict[str, str] = {"best": "#3d9a5e", "expected": "#2f6db5", "worst": "#c0504d"}
ZERO_COLOR = "#1f2933"
GRID_COLOR = "#e3e7ec"
TEXT_COLOR = "#1f2933"
MUTED_TEXT = "#5f6b7a"
LABELS_MAX = 6  # quarter labels under the axis; more would overlap on a laptop or a page


@dataclass(frozen=True)
class Series:
    kind: str
    label: str
    color: str
    points: tuple[tuple[float, float], ...]
    break_even: tuple[float, float] | None  # where the line crosses zero


@dataclass(frozen=True)
class Tick:
    position: float  # 0..1 along its axis
    label: str


@dataclass(frozen=True)
class CashLayout:
    series: tuple[Series, ...]
    zero: float  # the y of the zero line
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    title: str


def nice_step(span: float, count: int = 5) -> float:
    """A round step (1, 2 or 5 × a power of ten) giving about ``count`` ticks over ``span``."""
    if span <= 0:
        return 1.0
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def layout_cash(
    outcomes: Sequence[tuple[str, str, Outcome]], quarter_labels: Sequence[str], currency: str
) -> CashLayout:
    """Lay out (kind, label, outcome) lines over the forecast quarters."""
    quarters = len(quarter_labels)
    values = [0.0]
    for _kind, _label, outcome in outcomes:
        values.append(-outcome.cost)
        values.extend(quarter.cumulative for quarter in outcome.quarters)
    step = nice_step(max(values) - min(values))
    low = math.floor(min(values) / step) * step
    high = math.ceil(max(values) / step) * step
    if high <= low:
        high = low + step
    span = high - low

    def y_of(value: float) -> float:
        return (value - low) / span

    def x_of(index: float) -> float:
        return index / quarters if quarters else 0.0

    series = []
    for kind, label, outcome in outcomes:
        points = [(x_of(0), y_of(-outcome.cost))]
        points.extend(
            (x_of(quarter.index + 1), y_of(quarter.cumulative)) for quarter in outcome.quarters
        )
        crossing = None
        if outcome.payback_months is not None and outcome.cost > 0:
            crossing = (x_of(outcome.payback_months / 3), y_of(0.0))
        series.append(
            Series(kind, label, SCENARIO_COLORS.get(kind, MUTED_TEXT), tuple(points), crossing)
        )
    count = round(span / step)
    y_ticks = tuple(
        Tick(y_of(low + step * n), format_money(low + step * n, currency, short=True))
        for n in range(count + 1)
    )
    every = max(1, math.ceil(quarters / LABELS_MAX))
    # A quarter's label sits under the middle of its stretch of the line.
    x_ticks = tuple(
        Tick(x_of(index + 0.5), quarter_labels[index]) for index in range(0, quarters, every)
    )
    return CashLayout(
        tuple(series), y_of(0.0), y_ticks, x_ticks, f"Cumulative cash position ({currency})"
    )
