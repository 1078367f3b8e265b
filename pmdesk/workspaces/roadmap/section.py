"""The roadmap: the timeline, upcoming milestones, and what is at risk or slipped."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from pmdesk.export.audience import DETAIL, Audience
from pmdesk.export.blocks import MIN_CHART_TEXT_PT, Column
from pmdesk.export.section import OptionSpec, SectionContext
from pmdesk.export.text import clipped, counted
from pmdesk.workspaces.roadmap.baselines import Slip, baseline_dates, slips
from pmdesk.workspaces.roadmap.chart.figure import (
    POINTS_PER_PX,
    SMALLEST_TEXT_PX,
    figure_pixels,
    roadmap_figure,
)
from pmdesk.workspaces.roadmap.chart.layout import TimelineLayout, layout_timeline
from pmdesk.workspaces.roadmap.chart.scale import Band, visible_range
from pmdesk.workspaces.roadmap.fiscal import add_months, quarter_start
from pmdesk.workspaces.roadmap.model import MARKER_KINDS, STATUSES
from pmdesk.workspaces.roadmap.plan import Item, Roadmap, is_late, load_roadmap

if TYPE_CHECKING:  # the Word writer loads only when a briefing is written
    from pmdesk.export.writer import BriefingDocument

FIRST = OptionSpec("from", "From", "date", "", hint="Empty: from the first dated item")
LAST = OptionSpec("to", "To", "date", "", hint="Empty: to the last dated item")
LANES = OptionSpec(
    "lanes",
    "Lanes to include",
    "names",
    [],
    hint="None ticked: all",
    names_in=lambda session: [lane.name for lane in load_roadmap(session).lanes],
)
ZOOM = OptionSpec(
    "zoom",
    "Timeline scale",
    "choice",
    "quarter",
    choices=(("month", "Months"), ("quarter", "Quarters"), ("half", "Half-years")),
)
BASELINE = OptionSpec("baseline", "Compare with the latest baseline", "bool", True)
PAGES = OptionSpec(
    "pages",
    "Timeline pages at most",
    "int",
    6,
    minimum=1,
    hint="Lanes beyond them are summarised in a table",
)
UPCOMING_DAYS = 120  # "upcoming" milestones: the next four months
ROWS_MAX = 8  # per table: the three tables share one page
CHART_ROOM = 0.8  # of a landscape page's height: the heading and caption take the rest
# The least a timeline may be shrunk: its smallest text must stay readable on paper.
MIN_SCALE = MIN_CHART_TEXT_PT / (SMALLEST_TEXT_PX * POINTS_PER_PX) + 0.01
PX_PER_INCH = 96
SQUEEZE_MIN = 0.8  # days narrower than this and a quarter's header label no longer fits
# The longest period a briefing's timeline draws, and how much of it lies before today: a plan
# reaching from the year 500 to 9500 is drawn over these years and says so, instead of taking
# minutes and gigabytes to draw nine thousand years nobody can read.
TIMELINE_YEARS_MAX = {"month": 2, "quarter": 4, "half": 8}
YEARS_BEFORE_TODAY = 1


@dataclass(frozen=True)
class TimelinePage:
    """One picture of the timeline: a group of lanes over one period."""

    lane_ids: tuple[str, ...]
    first: date
    last: date
    squeeze: float = 1.0  # see layout_timeline


@dataclass(frozen=True)
class Upcoming:
    day: date
    name: str
    what: str
    status: str


@dataclass(frozen=True)
class RoadmapContent:
    roadmap: Roadmap
    lane_ids: set[str]
    first: date | None
    last: date | None
    baseline_name: str
    baseline: dict[str, Any] | None
    upcoming: list[Upcoming]
    at_risk: list[Item]
    slipped: list[Slip]
    zoom: str = "quarter"
    pages_max: int = 6
    # When the plan spans more than the timeline draws: the plan's whole span, and the items
    # reaching beyond what is drawn (their bars stop at the edge).
    clamped_from: tuple[date, date] | None = None
    beyond: tuple[Item, ...] = ()


class RoadmapSection:
    key = "roadmap"
    options = (FIRST, LAST, LANES, ZOOM, BASELINE, PAGES)
    empty_message = "No roadmap lanes or items have been planned yet."

    def collect(self, context: SectionContext) -> RoadmapContent | None:
        session, today = context.session, context.today
        roadmap = load_roadmap(session)
        if not roadmap.lanes or not roadmap.items:
            return None
        wanted = {name.casefold() for name in context.option(LANES)}
        lanes = [lane for lane in roadmap.lanes if not wanted or lane.name.casefold() in wanted]
        if not lanes:
            context.warnings.append("None of the chosen roadmap lanes exist; all are shown.")
            lanes = roadmap.lanes
        lane_ids = {lane.id for lane in lanes}
        first, last = context.option(FIRST), context.option(LAST)
        if first and last and last < first:
            context.warnings.append("The roadmap's date range ends before it starts; ignored.")
            first = last = None
        items = [item for item in roadmap.items if item.lane_id in lane_ids]
        years = TIMELINE_YEARS_MAX[context.option(ZOOM)]
        first, last, clamped_from, beyond = _bounded_range(
            items, first, last, today, roadmap.fiscal_start, years
        )
        names = {lane.id: lane.name for lane in lanes}
        latest = roadmap.baselines[0] if roadmap.baselines and context.option(BASELINE) else None
        slipped = []
        if latest is not None:
            item_ids = {item.id for item in items}
            slipped = [
                slip
                for slip in slips(session, latest.id)
                if slip.change == "slipped" and slip.item_id in item_ids
            ]
        return RoadmapContent(
            roadmap,
            lane_ids,
            first,
            last,
            latest.name if latest else "",
            baseline_dates(session, latest.id) if latest else None,
            _upcoming(roadmap, items, names, today),
            [
                item
                for item in items
                if item.status in ("at_risk", "blocked") or is_late(item, today)
            ],
            slipped,
            context.option(ZOOM),
            context.option(PAGES),
            clamped_from,
            tuple(beyond),
        )

    def highlights(self, content: RoadmapContent) -> list[tuple[str, str]]:
        noun = "roadmap item" if len(content.at_risk) == 1 else "roadmap items"
        return [(f"{len(content.at_risk):,}", f"{noun} at risk or late")]

    def landscape(self, content: RoadmapContent) -> bool:
        return True

    def write(
        self, content: RoadmapContent, out: BriefingDocument, context: SectionContext
    ) -> None:
        today, readers = context.today, context.audience
        out.lead(
            f"{counted(len(content.upcoming), 'milestone')} in the next "
            f"{UPCOMING_DAYS // 30} months; "
            f"{counted(len(content.at_risk), 'item')} at risk, blocked or late"
            + (f"; {len(content.slipped):,} slipped." if content.baseline_name else "."),
            "Roadmap › Summary",
        )
        pages, left_out = plan_timeline(content, out.content_width, out.content_height, today)
        order = [lane.id for lane in content.roadmap.lanes if lane.id in content.lane_ids]
        self._clamp_note(content, pages, out, readers)
        drawn_order = [lane_id for lane_id in order if lane_id not in set(left_out)]
        for page in pages:
            figure = roadmap_figure(
                content.roadmap,
                today,
                zoom=content.zoom,
                first=page.first,
                last=page.last,
                lane_ids=set(page.lane_ids),
                baseline=content.baseline,
                squeeze=page.squeeze,
            )
            where = ""
            if len(pages) > 1:
                first_lane = drawn_order.index(page.lane_ids[0]) + 1
                last_lane = first_lane + len(page.lane_ids) - 1
                span = (
                    f"lane {first_lane}"
                    if first_lane == last_lane
                    else (f"lanes {first_lane}–{last_lane}")
                )
                of = (
                    f"of {len(order):,}"
                    if not left_out
                    else f"of the {len(drawn_order):,} drawn (of {len(order):,})"
                )
                where = f"Timeline, {span} {of}, {_period(page.first, page.last)}."
            ghost = (
                f"Pale bars show the dates of the baseline “{clipped(content.baseline_name, 60)}”."
                if content.baseline
                else ""
            )
            out.figure(
                figure,
                caption=" ".join(part for part in (where, ghost) if part),
                max_height=out.content_height * CHART_ROOM,
                alt_text=_describe_timeline(content, page),
            )
        lanes = {lane.id: lane.name for lane in content.roadmap.lanes}
        if left_out:
            drawn = len(drawn_order)
            listed = "in the Roadmap workspace" if readers.hides(DETAIL) else "in the appendix"
            out.note(
                f"The first {drawn:,} of {len(order):,} lanes are drawn, as many as the "
                f"section's page limit holds readably; the other {len(left_out):,} are {listed}."
            )
            context.warnings.append(
                f"The roadmap timeline draws {drawn:,} of {len(order):,} lanes on "
                f"{counted(len(pages), 'page')}; the other {len(left_out):,} are summarised "
                "in a table. Choose lanes or more pages in the section's options."
            )
            if not readers.hides(DETAIL):
                context.appendix.append(
                    (
                        "Roadmap lanes not drawn",
                        lambda out: self._other_lanes(content, left_out, out, today, readers),
                    )
                )
        # The tables follow on the timeline's last page: turning to portrait for them would
        # leave that page half empty and alternate the orientation.
        out.heading("Upcoming milestones", 2)
        if content.upcoming:
            out.table(
                [
                    Column("Date", 1.0),
                    Column("Milestone", 3.2),
                    Column("Where", 1.6),
                    Column("Status", 1.0),
                ],
                [
                    [readers.day(u.day), u.name, u.what, u.status]
                    for u in content.upcoming[:ROWS_MAX]
                ],
                "Roadmap › Milestones",
            )
            _more(out, len(content.upcoming))
        else:
            out.note(f"No milestone falls in the next {UPCOMING_DAYS} days.")
        out.heading("At risk, blocked or late", 2)
        if content.at_risk:
            rows = [
                [
                    item.title,
                    lanes.get(item.lane_id, ""),
                    "Late"
                    if is_late(item, today) and item.status not in ("at_risk", "blocked")
                    else STATUSES.get(item.status, item.status),
                    readers.day(item.end),
                    item.confidence.capitalize(),
                ]
                for item in content.at_risk[:ROWS_MAX]
            ]
            out.table(
                [
                    Column("Item", 3.0),
                    Column("Lane", 1.5),
                    Column("Status", 1.0),
                    Column("Ends", 1.0),
                    Column("Confidence", 1.0),
                ],
                rows,
                "Roadmap › Items",
            )
            _more(out, len(content.at_risk))
        else:
            out.note("Nothing is at risk, blocked or late.")
        if content.baseline_name:
            out.heading(f"Slipped since “{content.baseline_name}”", 2, field="Roadmap › Baseline")
            if content.slipped:
                rows = [
                    [
                        slip.title,
                        readers.day(slip.baseline_end),
                        readers.day(slip.end),
                        counted(slip.days, "day"),
                    ]
                    for slip in content.slipped[:ROWS_MAX]
                ]
                out.table(
                    [
                        Column("Item", 3.4),
                        Column("Was due", 1.1),
                        Column("Now due", 1.1),
                        Column("Slip", 0.9, numeric=True),
                    ],
                    rows,
                    "Roadmap › Items",
                )
                _more(out, len(content.slipped))
            else:
                out.note("Nothing has slipped since the baseline.")

    def _clamp_note(
        self,
        content: RoadmapContent,
        pages: list[TimelinePage],
        out: BriefingDocument,
        readers: Audience,
    ) -> None:
        """Say which period the timeline draws when the plan reaches further."""
        if content.clamped_from is None or not pages:
            return
        shown_first = min(page.first for page in pages)
        shown_last = max(page.last for page in pages)
        whole_first, whole_last = content.clamped_from
        beyond = [
            item
            for item in content.beyond
            if item.start is not None
            and item.end is not None
            and (item.start < shown_first or item.end > shown_last)
        ]
        names = ", ".join(f"“{clipped(item.title, 60)}”" for item in beyond[:3])
        more = f" and {len(beyond) - 3:,} more" if len(beyond) > 3 else ""
        out.note(
            f"The timeline draws {_period(shown_first, shown_last)}; the plan reaches from "
            f"{whole_first.year} to {whole_last.year}"
            + (
                f", so {counted(len(beyond), 'item')} ({names}{more}) "
                + ("continues" if len(beyond) == 1 else "continue")
                + " past its edges."
                if beyond
                else "."
            )
        )

    def _other_lanes(
        self,
        content: RoadmapContent,
        lane_ids: list[str],
        out: BriefingDocument,
        today: date,
        readers: Audience,
    ) -> None:
        """The lanes no timeline page had room for, one row each, so none goes unmentioned
        (in the appendix: its heading is written there)."""
        by_lane: dict[str, list[Item]] = {lane_id: [] for lane_id in lane_ids}
        for item in content.roadmap.items:
            if item.lane_id in by_lane:
                by_lane[item.lane_id].append(item)
        names = {lane.id: lane.name for lane in content.roadmap.lanes}
        rows = []
        for lane_id in lane_ids:
            items = by_lane[lane_id]
            ends = [item.end for item in items if item.end is not None]
            troubled = sum(
                1 for item in items if item.status in ("at_risk", "blocked") or is_late(item, today)
            )
            rows.append(
                [
                    names.get(lane_id, ""),
                    f"{len(items):,}",
                    f"{troubled:,}",
                    readers.day(max(ends)) if ends else "",
                ]
            )
        out.table(
            [
                Column("Lane", 3.0),
                Column("Items", 0.8, numeric=True),
                Column("At risk or late", 1.2, numeric=True),
                Column("Last item ends", 1.3),
            ],
            rows,
            "Roadmap › Lanes",
            keep_empty=True,
        )


def plan_timeline(
    content: RoadmapContent, page_width: float, page_height: float, today: date
) -> tuple[list[TimelinePage], list[str]]:
    """Split the timeline into pictures whose smallest text stays readable at the page's
    width: periods as long as a page is wide, lanes as many as a page is tall, lane group
    by lane group, up to the section's page limit. Returns the pages and the lanes left out.

    A single lane taller than a page still gets a page of its own (shrunk to fit).
    """
    full = layout_timeline(
        content.roadmap,
        content.zoom,
        today,
        lane_ids=content.lane_ids,
        first=content.first,
        last=content.last,
        baseline=content.baseline,
    )
    # Periods: whole header cells (quarters at the quarter scale), as few as the page's width
    # allows once the days are squeezed as far as the header's labels let them be.
    room_px = page_width * PX_PER_INCH / MIN_SCALE - figure_pixels(0, 0)[0]
    cells = full.lower or []
    count = max(1, math.ceil(full.width * SQUEEZE_MIN / room_px))
    periods = _periods(full, cells, min(count, len(cells) or 1), room_px)
    # Header cells differ in width: add a period until none has to be squeezed too far.
    while count < len(cells) and min(squeeze for _f, _l, squeeze in periods) < SQUEEZE_MIN:
        count += 1
        periods = _periods(full, cells, count, room_px)
    # However long the period, a lane group gets no more pictures than the page limit: the
    # rest of the period is left out and the section says which period is drawn.
    periods = periods[: content.pages_max]
    # Lane groups: as many lanes as the page's height holds at the least scale allowed.
    tallest_px = page_height * CHART_ROOM * PX_PER_INCH / MIN_SCALE
    chrome = figure_pixels(0, 0)[1]
    groups: list[list[str]] = []
    used = 0.0
    for band in full.lanes:
        if groups and used + band.height + chrome <= tallest_px:
            groups[-1].append(band.lane.id)
            used += band.height
        else:
            groups.append([band.lane.id])
            used = band.height
    pages: list[TimelinePage] = []
    left_out: list[str] = []
    for group in groups:
        if pages and len(pages) + len(periods) > content.pages_max:
            left_out.extend(group)
            continue
        pages.extend(
            TimelinePage(tuple(group), first, last, squeeze) for first, last, squeeze in periods
        )
    return pages, left_out


def _periods(
    full: TimelineLayout, cells: list[Band], count: int, room_px: float
) -> list[tuple[date, date, float]]:
    """``count`` periods of about as many header cells each: (first day, last day, squeeze)."""
    periods: list[tuple[date, date, float]] = []
    for index in range(count):
        start, stop = index * len(cells) // count, (index + 1) * len(cells) // count
        chunk = cells[start:stop]
        if count == 1 or not chunk:
            first, last, width = full.first, full.last, full.width
        elif index == count - 1:
            first, last, width = chunk[0].start, full.last, full.width - chunk[0].x0
        else:
            first, last = chunk[0].start, cells[stop].start - timedelta(days=1)
            width = cells[stop].x0 - chunk[0].x0
        periods.append((first, last, min(1.0, room_px / width) if width else 1.0))
    return periods


# A timeline widens its end by half a year: a plan ending in 9999 must not overflow the calendar.
_LAST_DRAWABLE = date(9990, 12, 31)


def _bounded_range(
    items: list[Item],
    first: date | None,
    last: date | None,
    today: date,
    fiscal_start: int,
    years: int,
) -> tuple[date | None, date | None, tuple[date, date] | None, list[Item]]:
    """The period the timeline draws: the chosen one (or the items' own), cut to
    ``years`` years (:data:`TIMELINE_YEARS_MAX`) from a year before today when it is longer. Returns
    (first, last, the whole span when it was cut, the items reaching beyond the cut)."""
    dated = [item for item in items if item.start is not None and item.end is not None]
    ends = [min(item.end, _LAST_DRAWABLE) for item in dated]  # type: ignore[type-var]
    whole_first, whole_last = visible_range(
        min((item.start for item in dated), default=None),  # type: ignore[type-var]
        max(ends, default=None),
        min(today, _LAST_DRAWABLE),
        fiscal_start,
    )
    whole_first, whole_last = first or whole_first, last or whole_last
    if add_months(whole_first, 12 * years) > whole_last:
        return first, last, None, []
    earliest = quarter_start(
        add_months(today, -12 * YEARS_BEFORE_TODAY) if today.year > 1 else today, fiscal_start
    )
    earliest = min(earliest, add_months(_LAST_DRAWABLE, -12 * years))
    start = max(whole_first, earliest)
    end = min(whole_last, add_months(start, 12 * years) - timedelta(days=1))
    if end < start:  # a chosen period entirely before "a year ago": keep its own start
        start = whole_first
        end = add_months(start, 12 * years) - timedelta(days=1)
    beyond = [item for item in dated if item.start < start or item.end > end]  # type: ignore[operator]
    # What the plan (or the chosen period) really spans, unwidened, for the note.
    starts = [first] if first else [item.start for item in dated]
    ends = [last] if last else [item.end for item in dated]
    reach = (min(starts, default=whole_first), max(ends, default=whole_last))  # type: ignore[type-var]
    return start, end, reach, beyond


def _period(first: date, last: date) -> str:
    return (
        f"{first:%b %Y}"
        if (first.year, first.month) == (last.year, last.month)
        else (f"{first:%b %Y} – {last:%b %Y}")
    )


def _describe_timeline(content: RoadmapContent, page: TimelinePage) -> str:
    """The picture in a sentence: "Roadmap timeline, 46 items in 5 lanes, Oct 2026 – Dec
    2027"."""
    lane_ids = set(page.lane_ids)
    items = [
        item
        for item in content.roadmap.items
        if item.lane_id in lane_ids
        and item.start is not None
        and item.end is not None
        and item.end >= page.first
        and item.start <= page.last
    ]
    return (
        f"Roadmap timeline, {counted(len(items), 'item')} in "
        f"{counted(len(lane_ids), 'lane')}, {_period(page.first, page.last)}."
    )


def _more(out: BriefingDocument, total: int) -> None:
    if total > ROWS_MAX:
        out.note(f"…and {total - ROWS_MAX:,} more in the Roadmap workspace.")


def _upcoming(
    roadmap: Roadmap, items: list[Item], lanes: dict[str, str], today: date
) -> list[Upcoming]:
    horizon = today + timedelta(days=UPCOMING_DAYS)
    # A milestone is a day: the end when it has one, else the start (an item of kind
    # Milestone may carry only one of the two dates).
    found = [
        Upcoming(day, item.title, lanes.get(item.lane_id, ""), STATUSES.get(item.status, ""))
        for item in items
        if item.milestone
        for day in [item.end or item.start]
        if day is not None and today <= day <= horizon
    ]
    found += [
        Upcoming(marker.on_date, marker.name, MARKER_KINDS.get(marker.kind, marker.kind), "")
        for marker in roadmap.markers
        if today <= marker.on_date <= horizon
    ]
    return sorted(found, key=lambda upcoming: (upcoming.day, upcoming.name))


SECTION = RoadmapSection()
