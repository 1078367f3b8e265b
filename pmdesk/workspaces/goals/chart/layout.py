"""Where everything of one key result's trend chart sits, in pixels: no Qt, no matplotlib.

The page draws this layout into a ``QGraphicsScene`` and the briefing into a matplotlib
``Figure`` (``figure.py``), so the app and the document always show the same picture: the
actual values, the straight line from baseline to target over the period, the target and today.

Thousands of check-ins would draw as a solid smear and cost a pixel's worth of work each; when
there are more points than pixel columns, each column keeps only its lowest and highest value
(in the order they happened), which draws the same picture from at most two points a column.
:class:`TrendColumns` keeps those columns, so that adding a check-in to a long record redoes
its own column only, not all 10,000.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
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
    y_low: float = 0.0  # the values at the bottom and the top of the y axis
    y_high: float = 1.0


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
    layout, _columns = trend_columns(
        check_ins, baseline, target, first, last, today, state, unit, width, height
    )
    return layout


def trend_columns(
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
) -> tuple[TrendLayout, TrendColumns | None]:
    """The trend's layout, and for a long record the columns that :meth:`TrendColumns.add`
    updates when a check-in comes (None when every point is drawn)."""
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

    decimated = len(check_ins) > 2 * max(right - left, 1)
    # Inlined arithmetic: this runs once per check-in, 10,000 times for a long record.
    points = (
        []
        if decimated
        else [
            (left + x_scale * (day.toordinal() - start), bottom - y_scale * (value - low))
            for day, value in check_ins
        ]
    )
    ticks = []
    count = round((high - low) / step)
    for index in range(count + 1):
        value = low + index * step
        ticks.append((y_of(value), _tick(value, step, unit)))
    layout = TrendLayout(
        width=width,
        height=height,
        left=left,
        top=top,
        right=right,
        bottom=bottom,
        actual=tuple(points),
        markers=len(check_ins) <= MARKERS_UP_TO,
        plan=((left, y_of(baseline)), (right, y_of(target))),
        target_y=y_of(target),
        target_label=f"Target {amount(target, unit)}",
        today_x=x_of(today) if first <= today <= last else None,
        y_ticks=tuple(ticks),
        x_ticks=tuple(_month_ticks(first, last, x_of)),
        color=STATE_COLORS.get(state, STATE_COLORS["no_data"]),
        points=len(check_ins),
        y_low=low,
        y_high=high,
    )
    if not decimated:
        return layout, None
    columns = TrendColumns(layout, check_ins, first, last)
    return columns.layout(state), columns


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


class TrendColumns:
    """A decimated trend kept column by column, so that adding check-ins updates only theirs.

    Made by :func:`trend_columns` for a long record (more points than twice the columns);
    :meth:`add` takes new check-ins in the same frame and says False when one falls outside it
    (a value beyond the y axis, a date outside the period: the axes change, so the caller lays
    the chart out again).
    """

    def __init__(
        self,
        layout: TrendLayout,
        check_ins: Sequence[tuple[date, float]],
        first: date,
        last: date,
    ) -> None:
        self.template = layout
        self.first, self.last = first, last
        span_days = max((last - first).days, 1)
        self._start = first.toordinal()
        self._x_scale = (layout.right - layout.left) / span_days
        self._low = layout.y_low
        self._y_scale = (layout.bottom - layout.top) / (layout.y_high - layout.y_low)
        self.count = 0
        # column -> [high point, its order, low point, its order]; order = (day, arrival)
        self.columns: dict[int, list] = {}
        self._arrival = 0
        self._add_points(check_ins)

    def _point(self, day: date, value: float) -> Point:
        return (
            self.template.left + self._x_scale * (day.toordinal() - self._start),
            self.template.bottom - self._y_scale * (value - self._low),
        )

    def _add_points(self, check_ins: Sequence[tuple[date, float]]) -> None:
        columns = self.columns
        for day, value in check_ins:
            point = self._point(day, value)
            self._arrival += 1
            order = (day.toordinal(), self._arrival)
            column = int(point[0])
            kept = columns.get(column)
            if kept is None:
                columns[column] = [point, order, point, order]
                continue
            if point[1] < kept[0][1] or (point[1] == kept[0][1] and order < kept[1]):
                kept[0], kept[1] = point, order
            if point[1] > kept[2][1] or (point[1] == kept[2][1] and order < kept[3]):
                kept[2], kept[3] = point, order
        self.count += len(check_ins)

    def add(self, check_ins: Sequence[tuple[date, float]]) -> bool:
        """Take new check-ins into their columns; False (nothing taken) when one falls outside
        the frame, so the whole chart must be laid out again."""
        low, high = self.template.y_low, self.template.y_high
        for day, value in check_ins:
            if not (self.first <= day <= self.last and low <= value <= high):
                return False
        self._add_points(check_ins)
        return True

    def layout(self, state: str) -> TrendLayout:
        actual: list[Point] = []
        for column in sorted(self.columns):
            high, high_at, low, low_at = self.columns[column]
            actual.extend((high, low) if high_at <= low_at else (low, high))
        return replace(
            self.template,
            actual=tuple(actual),
            color=STATE_COLORS.get(state, STATE_COLORS["no_data"]),
            points=self.count,
        )
