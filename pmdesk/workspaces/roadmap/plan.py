"""The roadmap as plain values, read in one query per kind, and what follows from it: which
items are late, which dependencies are broken, and where each item sits on Now / Next / Later.

Views and charts work from a :class:`Roadmap` snapshot rather than ORM objects, so a timeline
of thousands of items is drawn from a few fast reads and nothing lazy-loads while painting.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pmdesk.workspaces.roadmap.edit import fiscal_year_start
from pmdesk.workspaces.roadmap.fiscal import add_months, quarter_start
from pmdesk.workspaces.roadmap.model import (
    RoadmapBaseline,
    RoadmapDependency,
    RoadmapItem,
    RoadmapLane,
    RoadmapMarker,
    split_tags,
)


@dataclass(frozen=True)
class Lane:
    id: str
    name: str
    color: str
    position: int
    collapsed: bool
    description: str = ""


@dataclass(frozen=True)
class Item:
    id: str
    lane_id: str
    title: str
    kind: str = "feature"
    start: date | None = None
    end: date | None = None
    status: str = "planned"
    confidence: str = "medium"
    progress: int = 0
    tags: str = ""
    horizon: str = "later"
    description: str = ""
    owner_id: str | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None and self.end is not None

    @property
    def milestone(self) -> bool:
        return self.kind == "milestone"

    @property
    def tag_list(self) -> list[str]:
        return split_tags(self.tags)


@dataclass(frozen=True)
class Dependency:
    id: str
    predecessor_id: str
    successor_id: str


@dataclass(frozen=True)
class Marker:
    id: str
    name: str
    on_date: date
    kind: str


@dataclass(frozen=True)
class Baseline:
    id: str
    name: str
    taken_at: object  # datetime


@dataclass
class Roadmap:
    lanes: list[Lane] = field(default_factory=list)  # top to bottom
    items: list[Item] = field(default_factory=list)
    dependencies: list[Dependency] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    baselines: list[Baseline] = field(default_factory=list)  # newest first
    fiscal_start: int = 1
    # The items by id, built on first use and carried over by :func:`reload_items`, so that
    # finding the few items an edit names never walks thousands. Never passed in: a copy made
    # with ``replace`` (other items) starts without it.
    _by_id: dict[str, Item] | None = field(default=None, init=False, compare=False, repr=False)

    def item_by_id(self) -> dict[str, Item]:
        return {item.id: item for item in self.items}

    def items_of(self, ids: Collection[str]) -> list[Item]:
        """The items among ``ids``, in :attr:`items`' order; ids of no item are left out."""
        if self._by_id is None:
            self._by_id = self.item_by_id()
        found = [self._by_id[key] for key in ids if key in self._by_id]
        if len(found) > 1:
            found.sort(key=lambda item: _position(self.items, item))
        return found


_ITEM_COLUMNS = tuple(
    getattr(RoadmapItem, name)
    for name in (
        "id",
        "lane_id",
        "title",
        "kind",
        "start",
        "end",
        "status",
        "confidence",
        "progress",
        "tags",
        "horizon",
        "description",
        "owner_id",
    )
)


def load_roadmap(session: Session) -> Roadmap:
    """Everything the roadmap views draw, in one query per kind of record."""
    lanes = [
        Lane(*row)
        for row in session.execute(
            select(
                RoadmapLane.id,
                RoadmapLane.name,
                RoadmapLane.color,
                RoadmapLane.position,
                RoadmapLane.collapsed,
                RoadmapLane.description,
            ).order_by(RoadmapLane.position, RoadmapLane.name)
        )
    ]
    items = [
        Item(*row)
        for row in session.execute(
            select(*_ITEM_COLUMNS).order_by(RoadmapItem.start, RoadmapItem.title)
        )
    ]
    dependencies = [
        Dependency(*row)
        for row in session.execute(
            select(
                RoadmapDependency.id,
                RoadmapDependency.predecessor_id,
                RoadmapDependency.successor_id,
            )
        )
    ]
    markers = [
        Marker(*row)
        for row in session.execute(
            select(
                RoadmapMarker.id, RoadmapMarker.name, RoadmapMarker.on_date, RoadmapMarker.kind
            ).order_by(RoadmapMarker.on_date)
        )
    ]
    baselines = [
        Baseline(*row)
        for row in session.execute(
            select(RoadmapBaseline.id, RoadmapBaseline.name, RoadmapBaseline.taken_at).order_by(
                RoadmapBaseline.taken_at.desc(), RoadmapBaseline.name
            )
        )
    ]
    return Roadmap(lanes, items, dependencies, markers, baselines, fiscal_year_start(session))


def reload_items(session: Session, roadmap: Roadmap, item_ids: Collection[str]) -> Roadmap | None:
    """``roadmap`` with the items ``item_ids`` read again (changed, added or removed), in
    :func:`load_roadmap`'s order; lanes, links, markers and baselines are kept as they are.

    One query over those ids and a count, whatever the size of the roadmap. Returns None when
    the items table holds other changes too (rows written without naming their ids): load the
    whole roadmap then.
    """
    wanted = set(item_ids)
    fresh = [
        Item(*row)
        for row in session.execute(select(*_ITEM_COLUMNS).where(RoadmapItem.id.in_(wanted)))
    ]
    items = list(roadmap.items)
    old = roadmap.items_of(wanted)
    # Take the old rows out where they sit (found by their order, not by walking the list),
    # last first so that the positions found stay true.
    for position in sorted((_position(items, item) for item in old), reverse=True):
        del items[position]
    total = session.scalar(select(func.count()).select_from(RoadmapItem))
    if total != len(items) + len(fresh):
        return None
    assert roadmap._by_id is not None  # built by items_of
    by_id = dict(roadmap._by_id)
    for item in old:
        del by_id[item.id]
    for item in fresh:  # the rest stays in order: put each one where the query would
        bisect.insort(items, item, key=item_order)
        by_id[item.id] = item
    result = replace(roadmap, items=items)
    result._by_id = by_id
    return result


def _position(items: list[Item], item: Item) -> int:
    """Where ``item`` (the very object) sits in ``items``, which are in :func:`item_order`:
    found by halving, then among the items of the same order."""
    key = item_order(item)
    position = bisect.bisect_left(items, key, key=item_order)
    while position < len(items) and item_order(items[position]) == key:
        if items[position] is item:
            return position
        position += 1
    # Not in order after all (a list built by hand): walk it.
    return next(n for n, other in enumerate(items) if other is item)


def item_order(item: Item) -> tuple[bool, date, str]:
    """The sort key of :func:`load_roadmap`'s order (start, then title; undated first)."""
    return (item.start is not None, item.start or date.min, item.title)


def is_late(item: Item, today: date) -> bool:
    """Past its end and not done: the timeline colours it late without anyone marking it."""
    return item.end is not None and item.end < today and item.status != "done"


@dataclass(frozen=True)
class BrokenDependency:
    """A successor that starts on or before the day its predecessor ends."""

    dependency: Dependency
    predecessor: Item
    successor: Item

    @property
    def overlap_days(self) -> int:
        assert self.predecessor.end is not None and self.successor.start is not None
        return (self.predecessor.end - self.successor.start).days + 1

    def sentence(self) -> str:
        days = self.overlap_days
        return (
            f"“{self.successor.title}” starts {days} day{'s' if days != 1 else ''} before "
            f"“{self.predecessor.title}”, which it depends on, ends."
        )


def broken_dependencies(roadmap: Roadmap) -> list[BrokenDependency]:
    """Finish-to-start links whose dates disagree; undated items break nothing."""
    items = roadmap.item_by_id()
    broken: list[BrokenDependency] = []
    for dependency in roadmap.dependencies:
        before = items.get(dependency.predecessor_id)
        after = items.get(dependency.successor_id)
        if before is None or after is None or before.end is None or after.start is None:
            continue
        if after.start <= before.end:
            broken.append(BrokenDependency(dependency, before, after))
    return broken


def broken_for_item(roadmap: Roadmap, item_id: str) -> list[BrokenDependency]:
    return [
        link
        for link in broken_dependencies(roadmap)
        if item_id in (link.predecessor.id, link.successor.id)
    ]


HORIZON_ORDER = ("now", "next", "later")


def horizon_of(item: Item, today: date, fiscal_start: int = 1) -> str | None:
    """Where an item sits on Now / Next / Later, or None when it is done and behind us.

    Now is the fiscal quarter containing today (and anything under way or overdue), Next the
    quarter after, Later everything beyond. Undated items sit where the PM put them.
    """
    if not item.dated:
        return item.horizon if item.horizon in HORIZON_ORDER else "later"
    assert item.start is not None and item.end is not None
    if item.status == "done" and item.end < today:
        return None
    next_starts = add_months(quarter_start(today, fiscal_start), 3)
    later_starts = add_months(next_starts, 3)
    if item.start < next_starts or item.status == "in_progress" or item.end < today:
        return "now"
    if item.start < later_starts:
        return "next"
    return "later"


def now_next_later(roadmap: Roadmap, today: date) -> dict[str, list[Item]]:
    """Items per horizon, each column in lane order then by date."""
    lane_rank = {lane.id: index for index, lane in enumerate(roadmap.lanes)}
    columns: dict[str, list[Item]] = {key: [] for key in HORIZON_ORDER}
    for item in roadmap.items:
        horizon = horizon_of(item, today, roadmap.fiscal_start)
        if horizon is not None:
            columns[horizon].append(item)
    for entries in columns.values():
        entries.sort(
            key=lambda item: (
                lane_rank.get(item.lane_id, 1 << 30),
                item.start or date.max,
                item.title,
            )
        )
    return columns
