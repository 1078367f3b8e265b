"""The roadmap: the timeline, upcoming milestones, and what is at risk or slipped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from pmdesk.export.section import OptionSpec, SectionContext
from pmdesk.export.text import counted
from pmdesk.export.writer import BriefingDocument, Column
from pmdesk.workspaces.roadmap.baselines import Slip, baseline_dates, slips
from pmdesk.workspaces.roadmap.chart.figure import roadmap_figure
from pmdesk.workspaces.roadmap.model import MARKER_KINDS, STATUSES
from pmdesk.workspaces.roadmap.plan import Item, Roadmap, is_late, load_roadmap

FIRST = OptionSpec("from", "From", "date", "", hint="Empty: from the first dated item")
LAST = OptionSpec("to", "To", "date", "", hint="Empty: to the last dated item")
LANES = OptionSpec("lanes", "Lanes to include", "names", [], hint="Lane names; empty: all")
ZOOM = OptionSpec(
    "zoom",
    "Timeline scale",
    "choice",
    "quarter",
    choices=(("month", "Months"), ("quarter", "Quarters"), ("half", "Half-years")),
)
BASELINE = OptionSpec("baseline", "Compare with the latest baseline", "bool", True)
UPCOMING_DAYS = 120  # "upcoming" milestones: the next four months
LANES_UNCHOSEN = 8
ROWS_MAX = 8  # per table: the three tables share one page


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


class RoadmapSection:
    key = "roadmap"
    options = (FIRST, LAST, LANES, ZOOM, BASELINE)
    empty_message = "No roadmap lanes or items have been planned yet."

    def collect(self, context: SectionContext) -> RoadmapContent | None:
        session, today = context.session, context.today
        roadmap = load_roadmap(session)
        if not roadmap.lanes or not roadmap.items:
            return None
        wanted = {name.casefold() for name in context.option(LANES)}
        lanes = [lane for lane in roadmap.lanes if not wanted or lane.name.casefold() in wanted]
        if not wanted and len(lanes) > LANES_UNCHOSEN:
            context.warnings.append(
                f"The roadmap shows the first {LANES_UNCHOSEN} of {len(lanes)} lanes. "
                "Choose lanes in the section's options."
            )
            lanes = lanes[:LANES_UNCHOSEN]
        if not lanes:
            context.warnings.append("None of the chosen roadmap lanes exist; all are shown.")
            lanes = roadmap.lanes[:LANES_UNCHOSEN]
        lane_ids = {lane.id for lane in lanes}
        first, last = context.option(FIRST), context.option(LAST)
        if first and last and last < first:
            context.warnings.append("The roadmap's date range ends before it starts; ignored.")
            first = last = None
        items = [item for item in roadmap.items if item.lane_id in lane_ids]
        names = {lane.id: lane.name for lane in lanes}
        latest = roadmap.baselines[0] if roadmap.baselines and context.option(BASELINE) else None
        slipped = []
        if latest is not None:
            slipped = [
                slip
                for slip in slips(session, latest.id)
                if slip.change == "slipped" and _in(slip.item_id, items)
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
        )

    def highlights(self, content: RoadmapContent) -> list[tuple[str, str]]:
        noun = "roadmap item" if len(content.at_risk) == 1 else "roadmap items"
        return [(f"{len(content.at_risk):,}", f"{noun} at risk or late")]

    def landscape(self, content: RoadmapContent) -> bool:
        return True

    def write(
        self, content: RoadmapContent, out: BriefingDocument, context: SectionContext
    ) -> None:
        today = context.today
        out.lead(
            f"{counted(len(content.upcoming), 'milestone')} in the next "
            f"{UPCOMING_DAYS // 30} months; "
            f"{counted(len(content.at_risk), 'item')} at risk, blocked or late"
            + (f"; {len(content.slipped):,} slipped." if content.baseline_name else "."),
            "Roadmap › Summary",
        )
        figure = roadmap_figure(
            content.roadmap,
            today,
            zoom=context.option(ZOOM),
            first=content.first,
            last=content.last,
            lane_ids=content.lane_ids,
            baseline=content.baseline,
        )
        caption = (
            f"Pale bars show the dates of the baseline “{content.baseline_name}”."
            if content.baseline
            else ""
        )
        out.figure(
            figure,
            caption=caption,
            max_height=out.content_height * 0.8,
            alt_text=_describe_timeline(content),
        )
        lanes = {lane.id: lane.name for lane in content.roadmap.lanes}
        # The tables read best upright: a portrait page holds all three.
        if not out.start_portrait():
            out.page_break()
        out.heading("Upcoming milestones", 2)
        if content.upcoming:
            out.table(
                [
                    Column("Date", 1.0),
                    Column("Milestone", 3.2),
                    Column("Where", 1.6),
                    Column("Status", 1.0),
                ],
                [[_day(u.day), u.name, u.what, u.status] for u in content.upcoming[:ROWS_MAX]],
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
                    _day(item.end),
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
                    [slip.title, _day(slip.baseline_end), _day(slip.end), counted(slip.days, "day")]
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


def _describe_timeline(content: RoadmapContent) -> str:
    """The timeline in a sentence: "Roadmap timeline, 46 items in 5 lanes, Oct 2026 – Dec
    2027"."""
    items = [item for item in content.roadmap.items if item.lane_id in content.lane_ids]
    days = [day for item in items for day in (item.start, item.end) if day is not None]
    first = content.first or (min(days) if days else None)
    last = content.last or (max(days) if days else None)
    text = (
        f"Roadmap timeline, {counted(len(items), 'item')} in "
        f"{counted(len(content.lane_ids), 'lane')}"
    )
    if first and last:
        text += f", {first:%b %Y} – {last:%b %Y}"
    return text + "."


def _more(out: BriefingDocument, total: int) -> None:
    if total > ROWS_MAX:
        out.note(f"…and {total - ROWS_MAX:,} more in the Roadmap workspace.")


def _in(item_id: str | None, items: list[Item]) -> bool:
    return any(item.id == item_id for item in items)


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


def _day(day: date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else ""


SECTION = RoadmapSection()
