"""Where everything on the roadmap timeline goes: lanes, bars packed into rows, milestones,
dependency arrows, markers and the today line.

One Qt-free function, :func:`layout_timeline`, decides every position; the app's
``QGraphicsScene`` and the exported matplotlib figure both draw from its result. Coordinates are
pixels at 100 %: x = 0 is the first day shown, y = 0 the top of the first lane (the two header
rows sit above it, at negative y).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date

from pmdesk.workspaces.roadmap.chart.scale import (
    ZOOMS,
    Band,
    TimeScale,
    header_bands,
    minor_lines,
    visible_range,
)
from pmdesk.workspaces.roadmap.chart.style import (
    BAR_HEIGHT,
    COLLAPSED_HEIGHT,
    GHOST_GAP,
    GHOST_HEIGHT,
    LABEL_GAP,
    LANE_PADDING,
    MILESTONE_SIZE,
    MIN_LANE_HEIGHT,
    PACK_GAP,
    ROW_HEIGHT,
    item_color,
    text_width,
)
from pmdesk.workspaces.roadmap.plan import (
    Dependency,
    Item,
    Lane,
    Marker,
    Roadmap,
    broken_dependencies,
    is_late,
)

BaselineDates = Mapping[str, tuple[date | None, date | None]]
LABEL_PADDING = 6  # inside a bar, left of its label


@dataclass
class Bar:
    item: Item
    lane_id: str
    x0: float
    x1: float
    y: float  # top of the bar (or of the milestone's diamond)
    height: float
    color: str
    late: bool
    broken: bool  # starts before a predecessor ends, or ends after a successor starts
    label_inside: bool
    show_label: bool
    ghost: tuple[float, float] | None = None  # the baseline's x0, x1

    @property
    def milestone(self) -> bool:
        return self.item.kind == "milestone"

    @property
    def label(self) -> str:
        return label_of(self.item, self.late)

    @property
    def mid_y(self) -> float:
        return self.y + self.height / 2

    @property
    def label_x(self) -> float:
        return self.x0 + LABEL_PADDING if self.label_inside else self.x1 + LABEL_GAP

    @property
    def ghost_y(self) -> float:
        return self.y + self.height + GHOST_GAP


@dataclass
class LaneBand:
    lane: Lane
    y: float
    height: float
    rows: int
    dated: int  # items drawn in the lane
    parked: int  # items of the lane without dates


@dataclass
class Arrow:
    dependency_id: str
    predecessor_id: str
    successor_id: str
    points: list[tuple[float, float]]
    broken: bool


@dataclass
class TimelineLayout:
    scale: TimeScale
    zoom: str
    first: date
    last: date
    width: float
    height: float  # of the lanes, header excluded
    upper: list[Band]
    lower: list[Band]
    minor: list[float]
    lanes: list[LaneBand] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    arrows: list[Arrow] = field(default_factory=list)
    markers: list[tuple[Marker, float]] = field(default_factory=list)
    today_x: float | None = None
    parked: list[Item] = field(default_factory=list)
    # What the layout was made from, for :func:`relayout`; not part of the picture.
    inputs: tuple[object, ...] = field(default=(), compare=False, repr=False)
    index: Index | None = field(default=None, compare=False, repr=False)  # see relayout
    # The ids of the bars :func:`relayout` placed anew or dropped (None: every bar is new).
    placed: frozenset[str] | None = field(default=None, compare=False, repr=False)
    # The ids of the dependencies whose arrow :func:`relayout` routed again (None: every one).
    rerouted: frozenset[str] | None = field(default=None, compare=False, repr=False)

    def bar_of(self, item_id: str) -> Bar | None:
        return next((bar for bar in self.bars if bar.item.id == item_id), None)


@dataclass
class Index:
    """Lookups a layout keeps so that :func:`relayout` never walks every bar."""

    bars: dict[str, Bar]  # by item id
    lanes: dict[str, list[Bar]]  # by lane id, in the layout's order
    links: dict[str, list[Dependency]]  # by item id, both ends
    dependencies: list[Dependency]  # the roadmap's own list, to know it is unchanged
    broken_ids: set[str]
    broken_links: set[str]
    max_end: date | None
    # Where each dependency's arrow sits in the layout's arrows, to replace one in place.
    arrow_at: dict[str, int] = field(default_factory=dict)


def label_of(item: Item, late: bool) -> str:
    """What a bar says: its title, and that it is late when it is."""
    return f"{item.title}  · late" if late else item.title


def row_height(with_baseline: bool) -> float:
    return ROW_HEIGHT + (GHOST_HEIGHT + GHOST_GAP if with_baseline else 0)


def layout_timeline(
    roadmap: Roadmap,
    zoom: str,
    today: date,
    *,
    colour_by: str = "status",
    lane_ids: Collection[str] | None = None,
    first: date | None = None,
    last: date | None = None,
    baseline: BaselineDates | None = None,
    squeeze: float = 1.0,
) -> TimelineLayout:
    """Place every lane, item, arrow and marker of ``roadmap`` at a zoom level.

    ``lane_ids`` keeps only those lanes; ``first``/``last`` fix the span (an export's date
    range), otherwise it covers every dated item and today, in whole fiscal quarters.
    ``baseline`` (item id -> dates) adds a ghost bar under each item. ``squeeze`` (at most 1)
    narrows the days, so a printed page holds a slightly longer period at the same text size.
    """
    whole = lane_ids is None and first is None and last is None  # what relayout can follow
    lanes = [lane for lane in roadmap.lanes if lane_ids is None or lane.id in lane_ids]
    shown_lanes = {lane.id for lane in lanes}
    items = [item for item in roadmap.items if item.lane_id in shown_lanes]
    dated = [item for item in items if item.dated]
    if first is None or last is None:
        auto_first, auto_last = visible_range(
            min((item.start for item in dated), default=None),  # type: ignore[type-var]
            max((item.end for item in dated), default=None),  # type: ignore[type-var]
            today,
            roadmap.fiscal_start,
        )
        first, last = first or auto_first, last or auto_last
    scale = TimeScale(first, ZOOMS[zoom].px_per_day * min(1.0, squeeze))
    width = scale.x_after(last)
    upper, lower = header_bands(scale, first, last, zoom, roadmap.fiscal_start)
    result = TimelineLayout(scale, zoom, first, last, width, 0.0, upper, lower, [])
    result.minor = minor_lines(scale, first, last, zoom)
    result.parked = [item for item in items if not item.dated]
    in_range = [item for item in dated if item.end >= first and item.start <= last]  # type: ignore[operator]

    broken_ids: set[str] = set()
    broken_links: set[str] = set()
    for link in broken_dependencies(roadmap):
        broken_ids.update((link.predecessor.id, link.successor.id))
        broken_links.add(link.dependency.id)

    by_lane: dict[str, list[Item]] = {lane.id: [] for lane in lanes}
    for item in in_range:
        by_lane[item.lane_id].append(item)
    parked_count: dict[str, int] = {}
    for item in result.parked:
        parked_count[item.lane_id] = parked_count.get(item.lane_id, 0) + 1

    step = row_height(baseline is not None)
    y = 0.0
    for lane in lanes:
        bars, band = lay_lane(
            lane, by_lane[lane.id], y, scale, today, colour_by, baseline, broken_ids, step
        )
        band.parked = parked_count.get(lane.id, 0)
        result.bars.extend(bars)
        result.lanes.append(band)
        y += band.height
    result.height = y

    result.arrows = route_arrows(roadmap, result, lanes, broken_links)
    place_markers(result, roadmap, today)
    if whole:
        result.inputs = layout_inputs(roadmap, zoom, today, colour_by, baseline)
        result.index = build_index(roadmap, result, broken_ids, broken_links)
    return result


def build_index(
    roadmap: Roadmap, result: TimelineLayout, broken_ids: set[str], broken_links: set[str]
) -> Index:
    """The lookups :func:`~pmdesk.workspaces.roadmap.chart.relayout.relayout` starts from."""
    lanes: dict[str, list[Bar]] = {band.lane.id: [] for band in result.lanes}
    for bar in result.bars:
        lanes[bar.lane_id].append(bar)
    links: dict[str, list[Dependency]] = {}
    for dependency in roadmap.dependencies:
        links.setdefault(dependency.predecessor_id, []).append(dependency)
        links.setdefault(dependency.successor_id, []).append(dependency)
    ends = [item.end for item in roadmap.items if item.dated]
    return Index(
        {bar.item.id: bar for bar in result.bars},
        lanes,
        links,
        roadmap.dependencies,
        broken_ids,
        broken_links,
        max(ends, default=None),  # type: ignore[type-var]
        arrow_positions(result.arrows),
    )


def arrow_positions(arrows: list[Arrow]) -> dict[str, int]:
    return {arrow.dependency_id: n for n, arrow in enumerate(arrows)}


def layout_inputs(
    roadmap: Roadmap, zoom: str, today: date, colour_by: str, baseline: BaselineDates | None
) -> tuple[object, ...]:
    """What a whole-roadmap layout depends on besides the items: a later layout may start
    from it (:func:`~pmdesk.workspaces.roadmap.chart.relayout.relayout`) only when these agree."""
    return (
        zoom,
        today,
        colour_by,
        dict(baseline) if baseline is not None else None,
        roadmap.fiscal_start,
    )


def lay_lane(
    lane: Lane,
    lane_items: list[Item],
    y: float,
    scale: TimeScale,
    today: date,
    colour_by: str,
    baseline: BaselineDates | None,
    broken_ids: Collection[str],
    step: float,
) -> tuple[list[Bar], LaneBand]:
    """One lane's bars, packed into rows, and its band, with its top at ``y``."""
    bars = []
    if lane.collapsed:
        height = float(COLLAPSED_HEIGHT + 2 * 4)
        for item in lane_items:
            bar = _bar(item, lane, scale, y + 4, COLLAPSED_HEIGHT - 8, today, colour_by)
            bar.broken = item.id in broken_ids
            bar.show_label = False
            bars.append(bar)
        return bars, LaneBand(lane, y, height, 1, len(lane_items), 0)
    rows = _pack(lane_items, scale, baseline, today)
    count = max(rows.values(), default=-1) + 1
    height = max(float(MIN_LANE_HEIGHT), count * step + 2 * LANE_PADDING)
    for item in lane_items:
        top = y + LANE_PADDING + rows[item.id] * step + (ROW_HEIGHT - BAR_HEIGHT) / 2
        bar = _bar(item, lane, scale, top, BAR_HEIGHT, today, colour_by)
        bar.broken = item.id in broken_ids
        if baseline is not None and item.id in baseline:
            bar.ghost = _ghost(baseline[item.id], scale)
        bars.append(bar)
    return bars, LaneBand(lane, y, height, count, len(lane_items), 0)


def route_arrows(
    roadmap: Roadmap,
    result: TimelineLayout,
    lanes: list[Lane],
    broken_links: Collection[str],
    reuse: tuple[dict[str, Bar], dict[str, Bar], dict[str, Arrow]] | None = None,
) -> list[Arrow]:
    """An arrow for each dependency between two bars shown in open lanes; with ``reuse`` (the
    previous bars, these bars, the previous arrows) an arrow whose ends did not move is kept."""
    bars = reuse[1] if reuse is not None else {bar.item.id: bar for bar in result.bars}
    collapsed = {lane.id for lane in lanes if lane.collapsed}
    arrows = []
    for dependency in roadmap.dependencies:
        arrow = arrow_of(dependency, bars, collapsed, broken_links, reuse)
        if arrow is not None:
            arrows.append(arrow)
    return arrows


def arrow_of(
    dependency: Dependency,
    bars: Mapping[str, Bar],
    collapsed: Collection[str],
    broken_links: Collection[str],
    reuse: tuple[Mapping[str, Bar], Mapping[str, Bar], Mapping[str, Arrow]] | None = None,
) -> Arrow | None:
    """The arrow of one dependency between ``bars`` (None when an end is not drawn or lies in
    a folded lane); with ``reuse`` as :func:`route_arrows` takes it, the old one if its ends
    did not move."""
    before = bars.get(dependency.predecessor_id)
    after = bars.get(dependency.successor_id)
    if before is None or after is None or {before.lane_id, after.lane_id} & collapsed:
        return None
    broken = dependency.id in broken_links
    if reuse is not None:
        old_bars, _bars, old_arrows = reuse
        old = old_arrows.get(dependency.id)
        if (
            old is not None
            and old.broken == broken
            and old_bars.get(dependency.predecessor_id) is before
            and old_bars.get(dependency.successor_id) is after
        ):
            return old
    return Arrow(
        dependency.id,
        dependency.predecessor_id,
        dependency.successor_id,
        _route(before, after),
        broken,
    )


def place_markers(result: TimelineLayout, roadmap: Roadmap, today: date) -> None:
    """The markers and the today line, which depend on the span only."""
    first, last, scale = result.first, result.last, result.scale
    result.markers = [
        (marker, scale.x(marker.on_date) + scale.px_per_day / 2)
        for marker in roadmap.markers
        if first <= marker.on_date <= last
    ]
    if first <= today <= last:
        result.today_x = scale.x(today) + scale.px_per_day / 2


def _bar(
    item: Item, lane: Lane, scale: TimeScale, top: float, height: float, today: date, colour_by: str
) -> Bar:
    assert item.start is not None and item.end is not None
    late = is_late(item, today)
    color = item_color(item.status, item.confidence, lane.color, late, colour_by)
    if item.kind == "milestone":
        centre = scale.x(item.start) + scale.px_per_day / 2
        size = min(MILESTONE_SIZE, height)
        x0, x1 = centre - size / 2, centre + size / 2
        return Bar(
            item, lane.id, x0, x1, top + (height - size) / 2, size, color, late, False, False, True
        )
    x0, x1 = scale.x(item.start), scale.x_after(item.end)
    inside = text_width(label_of(item, late)) + 2 * LABEL_PADDING <= x1 - x0
    return Bar(item, lane.id, x0, x1, top, height, color, late, False, inside, True)


def _ghost(dates: tuple[date | None, date | None], scale: TimeScale) -> tuple[float, float] | None:
    start, end = dates
    if start is None or end is None:
        return None
    return scale.x(start), scale.x_after(end)


def _extent(
    item: Item, scale: TimeScale, baseline: BaselineDates | None, today: date
) -> tuple[float, float]:
    """The horizontal room an item needs in its row: its bar, its label and its ghost."""
    assert item.start is not None and item.end is not None
    label = label_of(item, is_late(item, today))
    if item.kind == "milestone":
        centre = scale.x(item.start) + scale.px_per_day / 2
        left = centre - MILESTONE_SIZE / 2
        right = centre + MILESTONE_SIZE / 2 + LABEL_GAP + text_width(label)
    else:
        left, right = scale.x(item.start), scale.x_after(item.end)
        if text_width(label) + 2 * LABEL_PADDING > right - left:
            right += LABEL_GAP + text_width(label)
    if baseline is not None and item.id in baseline:
        ghost = _ghost(baseline[item.id], scale)
        if ghost is not None:
            left, right = min(left, ghost[0]), max(right, ghost[1])
    return left, right + PACK_GAP


def _pack(
    items: list[Item], scale: TimeScale, baseline: BaselineDates | None, today: date
) -> dict[str, int]:
    """Row of each item: first fit, earliest first and longest first, so that an initiative
    sits above the work that starts with it and no two labels collide."""
    ordered = sorted(
        items,
        key=lambda item: (item.start, -(item.end - item.start).days, item.title),  # type: ignore[operator]
    )
    row_ends: list[float] = []
    rows: dict[str, int] = {}
    for item in ordered:
        left, right = _extent(item, scale, baseline, today)
        for index, end in enumerate(row_ends):
            if end <= left:
                row_ends[index] = right
                rows[item.id] = index
                break
        else:
            rows[item.id] = len(row_ends)
            row_ends.append(right)
    return rows


STUB = 8.0  # the short horizontal run an arrow leaves and enters a bar with


def _route(before: Bar, after: Bar) -> list[tuple[float, float]]:
    """An elbow line from the end of ``before`` to the start of ``after``."""
    start = (before.x1, before.mid_y)
    end = (after.x0, after.mid_y)
    gap = after.x0 - before.x1
    if gap >= 0:
        turn = after.x0 - STUB if gap >= 2 * STUB else before.x1 + gap / 2
        return [start, (turn, start[1]), (turn, end[1]), end]
    # The successor starts before the end: go out, drop between the rows, come back.
    below = max(before.y + before.height, after.y + after.height) + (ROW_HEIGHT - BAR_HEIGHT) / 2
    if after.mid_y < before.mid_y:
        below = min(before.y, after.y) - (ROW_HEIGHT - BAR_HEIGHT) / 2
    return [
        start,
        (before.x1 + STUB, start[1]),
        (before.x1 + STUB, below),
        (after.x0 - STUB, below),
        (after.x0 - STUB, end[1]),
        end,
    ]
