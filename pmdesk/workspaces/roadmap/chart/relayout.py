"""Laying the roadmap timeline out again after an edit, from the picture shown.

:func:`relayout` gives exactly what :func:`~pmdesk.workspaces.roadmap.chart.layout.
layout_timeline` gives, but touches only the lanes of the items an edit names, so one drag
costs about the same on a roadmap of 40 items or 4,000. Qt-free, like the layout itself.
"""

from __future__ import annotations

import copy
from collections.abc import Collection, Iterable
from dataclasses import replace
from datetime import date
from itertools import chain

from pmdesk.workspaces.roadmap.chart.layout import (
    Arrow,
    Bar,
    BaselineDates,
    Index,
    TimelineLayout,
    arrow_of,
    arrow_positions,
    lay_lane,
    layout_inputs,
    place_markers,
    route_arrows,
    row_height,
)
from pmdesk.workspaces.roadmap.chart.scale import visible_range
from pmdesk.workspaces.roadmap.plan import Item, Roadmap, item_order


def relayout(
    previous: TimelineLayout,
    roadmap: Roadmap,
    changed: Collection[str],
    today: date,
    *,
    colour_by: str = "status",
    baseline: BaselineDates | None = None,
) -> TimelineLayout | None:
    """What :func:`layout_timeline` gives for ``roadmap`` at ``previous``'s zoom, built from
    ``previous`` when only the items ``changed`` differ from what it shows.

    Only their lanes are packed again; the bars of other lanes are kept (moved down or up when
    a lane above changed height), and only the arrows whose ends moved are routed again, so an
    edit of one item costs about the same with 40 items or 4,000. Returns None when the edit
    reaches further (the span, the lanes, the links, the fiscal year or the options changed,
    or the previous layout was of chosen lanes or dates): lay out afresh then.
    """
    old = previous.index
    zoom = previous.zoom
    if old is None or previous.inputs != layout_inputs(roadmap, zoom, today, colour_by, baseline):
        return None
    lanes = roadmap.lanes
    if roadmap.dependencies is not old.dependencies or len(lanes) != len(previous.lanes):
        return None
    # The lanes are most often the very objects shown: comparing those spares their fields.
    if any(
        band.lane is not lane and band.lane != lane
        for band, lane in zip(previous.lanes, lanes, strict=True)
    ):
        return None
    touched = set(changed)
    fresh = roadmap.items_of(touched)
    parked_before = {item.id: item for item in previous.parked}
    before = {key: old.bars[key].item for key in touched if key in old.bars}
    before.update((key, parked_before[key]) for key in touched if key in parked_before)
    span = _span(roadmap, old, before.values(), fresh, today)
    if span != (previous.first, previous.last):
        return None
    first, last = span
    scale = previous.scale
    affected = {item.lane_id for item in before.values()} | {item.lane_id for item in fresh}

    # Which links break or mend: only those of the edited items can.
    now = {item.id: item for item in fresh}
    broken_links, broken_ids = set(old.broken_links), set(old.broken_ids)
    ends: set[str] = set()
    for key in touched:
        for dependency in old.links.get(key, ()):
            ends.update((dependency.predecessor_id, dependency.successor_id))
            pred = _item_of(dependency.predecessor_id, now, old, parked_before)
            succ = _item_of(dependency.successor_id, now, old, parked_before)
            if _breaks(pred, succ):
                broken_links.add(dependency.id)
            else:
                broken_links.discard(dependency.id)
    for key in ends:
        if any(link.id in broken_links for link in old.links.get(key, ())):
            broken_ids.add(key)
        else:
            broken_ids.discard(key)
    flipped = (broken_ids ^ old.broken_ids) - touched
    # The lanes holding a bar whose flag flipped, found from those bars: asking every bar of
    # every lane would walk the whole roadmap on each drag.
    flipped_lanes = {old.bars[key].item.lane_id for key in flipped if key in old.bars}

    result = TimelineLayout(
        scale,
        zoom,
        first,
        last,
        previous.width,
        0.0,
        previous.upper,
        previous.lower,
        previous.minor,
    )
    parked = [item for item in previous.parked if item.id not in touched]
    parked.extend(item for item in fresh if not item.dated)
    parked.sort(key=item_order)
    result.parked = parked
    index = Index(
        dict(old.bars),
        dict(old.lanes),
        old.links,
        old.dependencies,
        broken_ids,
        broken_links,
        _max_end(roadmap, old, before.values(), fresh),
    )
    for key in touched:
        index.bars.pop(key, None)
    placed: set[str] = set(touched)
    step = row_height(baseline is not None)
    # The lanes above the first one the edit touched are as shown, and so are those below the
    # last one once nothing above them moved: only the lanes between are walked.
    position = {lane.id: n for n, lane in enumerate(lanes)}
    marks = sorted(position[key] for key in affected | flipped_lanes if key in position)
    start = marks[0] if marks else len(lanes)
    result.lanes = previous.lanes[:start]
    y = previous.lanes[start].y if start < len(lanes) else previous.height
    for n in range(start, len(lanes)):
        lane, band = lanes[n], previous.lanes[n]
        if n > marks[-1] and y == band.y:
            result.lanes.extend(previous.lanes[n:])
            y = previous.height
            break
        if lane.id in affected:
            lane_items = [bar.item for bar in old.lanes[lane.id] if bar.item.id not in touched]
            lane_items.extend(i for i in fresh if i.lane_id == lane.id and i.dated)
            lane_items.sort(key=item_order)
            bars, band = lay_lane(
                lane, lane_items, y, scale, today, colour_by, baseline, broken_ids, step
            )
            band.parked = sum(1 for item in parked if item.lane_id == lane.id)
            placed.update(bar.item.id for bar in bars if bar is not old.bars.get(bar.item.id))
        else:
            shift = y - band.y
            bars = old.lanes[lane.id]
            if shift or lane.id in flipped_lanes:
                bars = [_moved(bar, shift, broken_ids, flipped) for bar in bars]
                placed.update(bar.item.id for bar in bars)
            if shift:
                band = replace(band, y=y)
        index.lanes[lane.id] = bars
        if bars is not old.lanes[lane.id]:  # a lane kept as it was is indexed already
            for bar in bars:
                if bar.item.id in placed:
                    index.bars[bar.item.id] = bar
        y += band.height
        result.lanes.append(band)
    result.bars = list(chain.from_iterable(index.lanes[lane.id] for lane in lanes))
    result.height = y
    followed = _follow_arrows(previous, old, index, placed)
    if followed is not None:
        result.arrows, result.rerouted = followed
        index.arrow_at = old.arrow_at
    else:
        old_arrows = {arrow.dependency_id: arrow for arrow in previous.arrows}
        result.arrows = route_arrows(
            roadmap, result, lanes, broken_links, reuse=(old.bars, index.bars, old_arrows)
        )
        index.arrow_at = arrow_positions(result.arrows)
    place_markers(result, roadmap, today)
    result.inputs = previous.inputs
    result.index = index
    result.placed = frozenset(placed)
    return result


def _follow_arrows(
    previous: TimelineLayout, old: Index, index: Index, placed: set[str]
) -> tuple[list[Arrow], frozenset[str]] | None:
    """The previous arrows with only those of the links of bars ``placed`` anew routed again
    (only those can move, break or mend), and the ids of those links; None when an arrow
    comes or goes (a bar parked or unparked): the arrows are routed afresh then."""
    candidates = {link.id: link for key in placed for link in old.links.get(key, ())}
    arrows = list(previous.arrows)
    # The lanes are the previous layout's (relayout checked): the same ones are folded.
    collapsed = {band.lane.id for band in previous.lanes if band.lane.collapsed}
    at = old.arrow_at
    shown = {key: arrows[at[key]] for key in candidates if key in at}
    reuse = (old.bars, index.bars, shown)
    for key, link in candidates.items():
        arrow = arrow_of(link, index.bars, collapsed, index.broken_links, reuse)
        if (arrow is None) != (key not in at):
            return None
        if arrow is not None:
            arrows[at[key]] = arrow
    return arrows, frozenset(candidates)


def _item_of(key: str, now: dict[str, Item], old: Index, parked: dict[str, Item]) -> Item | None:
    if key in now:
        return now[key]
    bar = old.bars.get(key)
    return bar.item if bar is not None else parked.get(key)


def _breaks(before: Item | None, after: Item | None) -> bool:
    """:func:`~pmdesk.workspaces.roadmap.plan.broken_dependencies`'s rule for one link."""
    if before is None or after is None or before.end is None or after.start is None:
        return False
    return after.start <= before.end


def _moved(bar: Bar, shift: float, broken_ids: set[str], flipped: set[str]) -> Bar:
    """A copy of ``bar`` moved down by ``shift`` and flagged anew (a shallow copy: thousands
    of them when a lane near the top grows, and ``replace`` costs ten times as much)."""
    moved = copy.copy(bar)
    moved.y += shift
    moved.broken = bar.item.id in broken_ids if bar.item.id in flipped else bar.broken
    return moved


def _max_end(
    roadmap: Roadmap, old: Index, before: Iterable[Item], fresh: list[Item]
) -> date | None:
    """The latest end of a dated item, read again from every item only when an edited item
    was the latest."""
    if any(item.dated and item.end == old.max_end for item in before):
        ends = [item.end for item in roadmap.items if item.dated]
        return max(ends, default=None)  # type: ignore[type-var]
    latest = old.max_end
    for item in fresh:
        if item.dated and (latest is None or item.end > latest):  # type: ignore[operator]
            latest = item.end
    return latest


def _span(
    roadmap: Roadmap, old: Index, before: Iterable[Item], fresh: list[Item], today: date
) -> tuple[date, date]:
    # Items are in start order, undated first: the first dated one starts earliest.
    start = next((item.start for item in roadmap.items if item.dated), None)
    return visible_range(start, _max_end(roadmap, old, before, fresh), today, roadmap.fiscal_start)
