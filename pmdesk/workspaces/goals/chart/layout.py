"""Where everything of one key result's trend chart sits, in pixels: no Qt, no matplotlib.

The page draws this layout into a ``QGraphicsScene`` and the briefing into a matplotlib
``Figure`` (``figure.py``), so the app and the document always show the same picture: the
actual values, the straight line from baseline to target over the period, the target and today.

Thousands of check-ins would draw as a solid smear and cost a pixel's worth of work each; when
there are more points than pixel columns, each column keeps only its lowest and highest value
(in the order they happened), which draws the same picture from at most two points a column.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pmdesk.workspaces.goals.progress import amount

Point = tuple[float, float]

STATE_COLORS = {
    "on_track": "#2e7d32",
    "at_risk": "#b26a00",
    "off_track": "#c62828",
    "no_data": "#757575",
    "unjudged": "#757575",
}
PLAN_COLOR = "#7a869a"
TARGET_COLOR = "#1f5fa8"
TODAY_COLOR = "#9e9e9e"
GRID_COLOR = "#e3e6eb"
TEXT_COLOR = "#44474e"

MARGIN_LEFT = 56.0
MARGIN_RIGHT = 16.0
MARGIN_TOP = 14.0
MARGIN_BOTTOM = 26.0
MARKERS_UP_TO = 60  # more check-ins than this: the line alone, without a dot each
Y_TICKS = 5


@dataclass(frozen=True)
class TrendLayout:
    width: float
    height: float
    left: float
    top: float
    right: float
    bottom: float
    actual: tuple[Point, ...]  # decimated, in time order
    markers: bool  # draw a dot on each actual point
    plan: tuple[Point, Point]  # baseline at the start to target at the end
    target_y: float
    target_label: str
    today_x: float | None  # None when today is outside the period
    y_ticks: tuple[tuple[float, str], ...]
    x_ticks: tuple[tuple[float, str], ...]
    color: str  # the actual line's colour: the judgement's
    points: int  # how many check-ins the line stands for


def trend_layout(
    check_ins: Sequence[tuple[date, float]],
    baseline: float,
    target: float,
    first: date,
    last: date,
    today: date,
    state: str,
    unit: str = "",
    width: float = 520.0,
    height: float = 220.0,
) -> TrendLayout:
    """Lay out one key result's trend in a ``width`` × ``height`` box (check-ins oldest first)."""
    left, top = MARGIN_LEFT, MARGIN_TOP
    right, bottom = width - MARGIN_RIGHT, height - MARGIN_BOTTOM
    span_days = max((last - first).days, 1)
    start = first.toordinal()
    x_scale = (right - left) / span_days

    def x_of(day: date) -> float:
        return left + x_scale * (day.toordinal() - start)

    values = [value for _day, value in check_ins]
    low, high, step = _nice_range(
        min(baseline, target, min(values, default=baseline)),
        max(baseline, target, max(values, default=baseline)),
    )
    y_scale = (bottom - top) / (high - low)

    def y_of(value: float) -> float:
        return bottom - y_scale * (value - low)

    # Inlined arithmetic: this runs once per check-in, 10,000 times for a long record.
    points = [
        (left + x_scale * (day.toordinal() - start), bottom - y_scale * (value - low))
        for day, value in check_ins
    ]
    actual = _decimate(points, right - left)
    ticks = []
    count = round((high - low) / step)
    for index in range(count + 1):
        value = low + index * step
        ticks.append((y_of(value), _tick(value, step, unit)))
    return TrendLayout(
        width=width,
        height=height,
        left=left,
        top=top,
        right=right,
        bottom=bottom,
        actual=tuple(actual),
        markers=len(points) <= MARKERS_UP_TO,
        plan=((left, y_of(baseline)), (right, y_of(target))),
        target_y=y_of(target),
        target_label=f"Target {amount(target, unit)}",
        today_x=x_of(today) if first <= today <= last else None,
        y_ticks=tuple(ticks),
        x_ticks=tuple(_month_ticks(first, last, x_of)),
        color=STATE_COLORS.get(state, STATE_COLORS["no_data"]),
        points=len(points),
    )


def _nice_range(low: float, high: float) -> tuple[float, float, float]:
    """A range a little wider than [low, high], with round tick steps (1, 2 or 5 × 10ⁿ)."""
    if high == low:
        high, low = high + 1, low - 1
    rough = (high - low) / (Y_TICKS - 1)
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= rough)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def _tick(value: float, step: float, unit: str) -> str:
    decimals = max(0, -math.floor(math.log10(step))) if step < 1 else 0
    number = f"{value:.{decimals}f}"
    if unit[:1] in ("$", "€", "£"):
        return f"{unit[0]}{number}{unit[1:]}"
    return f"{number} %" if unit == "%" else number


def _month_ticks(first: date, last: date, x_of) -> list[tuple[float, str]]:
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    every = 1 if months <= 7 else 3 if months <= 24 else 6
    ticks = []
    year, month = first.year, first.month
    index = 0
    while date(year, month, 1) <= last:
        day = date(year, month, 1)
        if day >= first and index % every == 0:
            ticks.append((x_of(day), f"{day:%b} {day:%y}"))
        index += 1
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return ticks


def _decimate(points: list[Point], columns: float) -> list[Point]:
    """At most the lowest and highest point of each pixel column, in time order."""
    if len(points) <= 2 * max(columns, 1):
        return points
    kept: list[Point] = []
    column = int(points[0][0])
    low = high = points[0]  # on screen: low has the largest y, high the smallest
    low_at = high_at = 0
    for index, point in enumerate(points):
        if int(point[0]) != column:
            kept.extend((high, low) if high_at <= low_at else (low, high))
            column, low, high, low_at, high_at = int(point[0]), point, point, index, index
            continue
        if point[1] > low[1]:
            low, low_at = point, index
        if point[1] < high[1]:
            high, high_at = point, index
    kept.extend((high, low) if high_at <= low_at else (low, high))
    return kept
