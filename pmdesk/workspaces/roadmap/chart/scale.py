"""The roadmap's time axis: zoom levels, the date → x scale, header bands and snapping.

Both the interactive timeline and the exported picture use these, so a quarter starts at the
same x in the app and in the briefing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from pmdesk.workspaces.roadmap.fiscal import (
    add_months,
    fiscal_quarter,
    fiscal_year,
    half_start,
    month_start,
    quarter_start,
    week_start,
    year_label,
    year_start,
)


@dataclass(frozen=True)
class Zoom:
    key: str
    label: str
    px_per_day: float
    snap_days: int  # 1: drags snap to days; 7: to weeks (Mondays)


# Each level shows its own unit about 200-250 px wide: a week, a month, a quarter, ...
ZOOMS: dict[str, Zoom] = {
    zoom.key: zoom
    for zoom in (
        Zoom("week", "Week", 30.0, 1),
        Zoom("month", "Month", 8.0, 1),
        Zoom("quarter", "Quarter", 1.9, 7),
        Zoom("half", "Half-year", 0.95, 7),
        Zoom("year", "Year", 0.5, 7),
    )
}
ZOOM_ORDER = tuple(ZOOMS)


@dataclass(frozen=True)
class TimeScale:
    """Maps days to x. A day covers [x(day), x(day) + px_per_day): an item ending on a day
    reaches the right edge of that day."""

    origin: date
    px_per_day: float

    def x(self, day: date) -> float:
        return (day - self.origin).days * self.px_per_day

    def x_after(self, day: date) -> float:
        """The right edge of ``day``."""
        return self.x(day) + self.px_per_day

    def day_at(self, x: float) -> date:
        """The day under ``x``."""
        return self.origin + timedelta(days=int(x // self.px_per_day))

    def days(self, dx: float) -> int:
        """Whole days in a horizontal distance, rounded to the nearest."""
        return round(dx / self.px_per_day)


@dataclass(frozen=True)
class Band:
    """One cell of a header row: a label over [x0, x1)."""

    x0: float
    x1: float
    label: str
    start: date


def _cells(
    scale: TimeScale,
    first: date,
    last: date,
    begin: date,
    step: Callable[[date], date],
    label: Callable[[date], str],
) -> list[Band]:
    bands: list[Band] = []
    cell = begin
    while cell <= last:
        following = step(cell)
        x0, x1 = scale.x(max(cell, first)), scale.x(min(following, last + timedelta(days=1)))
        bands.append(Band(x0, x1, label(cell), cell))
        cell = following
    return bands


def header_bands(
    scale: TimeScale, first: date, last: date, zoom: str, fiscal_start: int = 1
) -> tuple[list[Band], list[Band]]:
    """The two header rows (upper, lower) across [first, last] for a zoom level."""

    def months(count: int) -> Callable[[date], date]:
        return lambda day: add_months(day, count)

    def fy(day: date) -> str:
        return year_label(fiscal_year(day, fiscal_start), fiscal_start)

    def quarter(day: date) -> str:
        year, number = fiscal_quarter(day, fiscal_start)
        return f"Q{number} {year_label(year, fiscal_start, short=True)}"

    def quarter_with_months(day: date) -> str:
        end = add_months(day, 2)
        span = f"{day:%b}–{end:%b %Y}"
        return (
            f"{quarter(day)}  ·  {span}" if fiscal_start != 1 else f"{quarter(day)}  ·  {span[:7]}"
        )

    def half(day: date) -> str:
        year, number = fiscal_quarter(day, fiscal_start)
        return f"H{(number + 1) // 2} {year_label(year, fiscal_start, short=True)}"

    if zoom == "week":
        upper = _cells(scale, first, last, month_start(first), months(1), lambda d: f"{d:%B %Y}")
        lower = _cells(
            scale,
            first,
            last,
            week_start(first),
            lambda d: d + timedelta(days=7),
            lambda d: f"W{d.isocalendar().week}  ·  {d.day} {d:%b}",
        )
    elif zoom == "month":
        upper = _cells(scale, first, last, quarter_start(first, fiscal_start), months(3), quarter)
        lower = _cells(scale, first, last, month_start(first), months(1), lambda d: f"{d:%B %Y}")
    elif zoom == "quarter":
        upper = _cells(scale, first, last, year_start(first, fiscal_start), months(12), fy)
        lower = _cells(
            scale, first, last, quarter_start(first, fiscal_start), months(3), quarter_with_months
        )
    elif zoom == "half":
        upper = _cells(scale, first, last, year_start(first, fiscal_start), months(12), fy)
        lower = _cells(scale, first, last, half_start(first, fiscal_start), months(6), half)
    else:
        upper = _cells(scale, first, last, year_start(first, fiscal_start), months(12), fy)
        lower = _cells(
            scale,
            first,
            last,
            quarter_start(first, fiscal_start),
            months(3),
            lambda d: f"Q{fiscal_quarter(d, fiscal_start)[1]}",
        )
    return upper, lower


def minor_lines(scale: TimeScale, first: date, last: date, zoom: str) -> list[float]:
    """Faint vertical lines finer than the lower header: days, weeks or months."""
    step: Callable[[date], date]
    if zoom == "week":
        step, begin = (lambda d: d + timedelta(days=1)), first
    elif zoom == "month":
        step, begin = (lambda d: d + timedelta(days=7)), week_start(first)
    elif zoom in ("quarter", "half"):
        step, begin = (lambda d: add_months(d, 1)), month_start(first)
    else:
        return []
    lines: list[float] = []
    day = begin
    while day <= last:
        if day >= first:
            lines.append(scale.x(day))
        day = step(day)
    return lines


def snap(day: date, snap_days: int) -> date:
    """A dragged start date on the grid: any day, or the Monday of its week."""
    return day if snap_days <= 1 else week_start(day + timedelta(days=3))


def visible_range(
    items_first: date | None, items_last: date | None, today: date, fiscal_start: int
) -> tuple[date, date]:
    """The span a timeline covers: the items' dates widened to whole fiscal quarters, with
    today and a quarter of room at the end to drag into."""
    first = min(d for d in (items_first, today) if d is not None)
    last = max(d for d in (items_last, today) if d is not None)
    first = quarter_start(first, fiscal_start)
    last = add_months(quarter_start(last, fiscal_start), 6) - timedelta(days=1)
    return first, last
