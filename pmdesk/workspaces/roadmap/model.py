"""The roadmap: lanes of items on a timeline, their dependencies, date markers and baselines.

The records and the vocabulary live here. The rules that change them are in
``roadmap_edit`` (lanes, items, markers, settings), ``roadmap_links`` (dependencies and the
cycles they may not form) and ``roadmap_plan`` (what is late, what slipped, Now/Next/Later).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pmdesk.domain.allowed import between, hex_colour, one_of
from pmdesk.domain.base import Record, utc_now

# key -> how a PM says it, in the order the item editor offers them.
KINDS: dict[str, str] = {
    "initiative": "Initiative",
    "epic": "Epic",
    "feature": "Feature",
    "release": "Release",
    "milestone": "Milestone",
}
STATUSES: dict[str, str] = {
    "planned": "Planned",
    "in_progress": "In progress",
    "at_risk": "At risk",
    "blocked": "Blocked",
    "done": "Done",
}
CONFIDENCES: dict[str, str] = {"high": "High", "medium": "Medium", "low": "Low"}
MARKER_KINDS: dict[str, str] = {"deadline": "Deadline", "launch": "Launch", "event": "Event"}
# Where an item without dates sits on the Now / Next / Later board (dated items are placed by
# their dates).
HORIZONS: dict[str, str] = {"now": "Now", "next": "Next", "later": "Later"}

TITLE_MAX = 200
TAGS_MAX = 500
COLOR_MAX = 9  # "#rrggbb"
# Lane colours offered in turn to new lanes; chosen to stay apart from the status colours.
LANE_COLORS: tuple[str, ...] = (
    "#3a6ea5",
    "#2e8b7a",
    "#7a5ca8",
    "#c07a2c",
    "#a8475c",
    "#5b7f2f",
    "#4a5a6a",
    "#9a6a3a",
)


class RoadmapSettings(Record):
    """The one row of roadmap-wide settings."""

    __tablename__ = "roadmap_settings"
    __label__ = "roadmap settings"
    __singular__ = "roadmap setting"

    # 1 = the fiscal year is the calendar year; 10 = it starts on 1 October (FY named by its end).
    fiscal_year_start_month: Mapped[int] = mapped_column(Integer, default=1, info=between(1, 12))


class RoadmapLane(Record):
    """A theme, team or product line: one horizontal band of the timeline."""

    __tablename__ = "roadmap_lanes"
    __label__ = "roadmap lanes"
    __singular__ = "roadmap lane"

    name: Mapped[str] = mapped_column(String(TITLE_MAX))
    color: Mapped[str] = mapped_column(String(COLOR_MAX), default=LANE_COLORS[0], info=hex_colour())
    position: Mapped[int] = mapped_column(Integer, default=0)
    collapsed: Mapped[bool] = mapped_column(Boolean, default=False)
    description: Mapped[str] = mapped_column(Text, default="")


class RoadmapItem(Record):
    """Something the product will do or reach: a bar on the timeline, or a diamond."""

    __tablename__ = "roadmap_items"
    __label__ = "roadmap items"
    __singular__ = "roadmap item"

    lane_id: Mapped[str] = mapped_column(ForeignKey("roadmap_lanes.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(20), default="feature", info=one_of(KINDS))
    # Both empty: the item is in the parking lot. A milestone has start == end.
    start: Mapped[date | None] = mapped_column(Date, nullable=True, default=None)
    end: Mapped[date | None] = mapped_column(Date, nullable=True, default=None)
    status: Mapped[str] = mapped_column(String(20), default="planned", info=one_of(STATUSES))
    confidence: Mapped[str] = mapped_column(String(20), default="medium", info=one_of(CONFIDENCES))
    progress: Mapped[int] = mapped_column(Integer, default=0, info=between(0, 100))  # percent
    tags: Mapped[str] = mapped_column(String(TAGS_MAX), default="")  # comma-separated
    # For undated items.
    horizon: Mapped[str] = mapped_column(String(10), default="later", info=one_of(HORIZONS))
    owner_id: Mapped[str | None] = mapped_column(
        ForeignKey("stakeholders.id", ondelete="SET NULL"), nullable=True, default=None
    )
    factor_id: Mapped[str | None] = mapped_column(
        ForeignKey("canvas_factors.id", ondelete="SET NULL"), nullable=True, default=None
    )
    board_note_id: Mapped[str | None] = mapped_column(
        ForeignKey("board_notes.id", ondelete="SET NULL"), nullable=True, default=None
    )
    # A competitive gap: the criterion on which the product trails.
    criterion_id: Mapped[str | None] = mapped_column(
        ForeignKey("criteria.id", ondelete="SET NULL"), nullable=True, default=None
    )

    @property
    def dated(self) -> bool:
        return self.start is not None and self.end is not None

    @property
    def tag_list(self) -> list[str]:
        return split_tags(self.tags)


class RoadmapDependency(Record):
    """Finish-to-start: ``successor`` should not start before ``predecessor`` ends."""

    __tablename__ = "roadmap_dependencies"
    __label__ = "roadmap dependencies"
    __singular__ = "roadmap dependency"

    predecessor_id: Mapped[str] = mapped_column(ForeignKey("roadmap_items.id", ondelete="CASCADE"))
    successor_id: Mapped[str] = mapped_column(ForeignKey("roadmap_items.id", ondelete="CASCADE"))


class RoadmapMarker(Record):
    """A named date drawn across every lane: a deadline, a launch, an event."""

    __tablename__ = "roadmap_markers"
    __label__ = "roadmap markers"
    __singular__ = "roadmap marker"

    name: Mapped[str] = mapped_column(String(TITLE_MAX))
    on_date: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20), default="deadline", info=one_of(MARKER_KINDS))


class RoadmapBaseline(Record):
    """A named copy of every item's dates, to show later what slipped."""

    __tablename__ = "roadmap_baselines"
    __label__ = "roadmap baselines"
    __singular__ = "roadmap baseline"

    name: Mapped[str] = mapped_column(String(TITLE_MAX))
    taken_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)


class RoadmapBaselineItem(Record):
    """One item's dates as a baseline recorded them. The title is kept so that an item deleted
    since still shows up in the slip list by name."""

    __tablename__ = "roadmap_baseline_items"
    __label__ = "roadmap baseline entries"
    __singular__ = "roadmap baseline entry"

    baseline_id: Mapped[str] = mapped_column(ForeignKey("roadmap_baselines.id", ondelete="CASCADE"))
    item_id: Mapped[str | None] = mapped_column(
        ForeignKey("roadmap_items.id", ondelete="SET NULL"), nullable=True, default=None
    )
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    start: Mapped[date | None] = mapped_column(Date, nullable=True, default=None)
    end: Mapped[date | None] = mapped_column(Date, nullable=True, default=None)


def split_tags(text: str) -> list[str]:
    """Tags as a list: comma-separated, trimmed, empty ones and repeats (any case) dropped."""
    tags: list[str] = []
    seen: set[str] = set()
    for part in text.split(","):
        tag = part.strip()
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tags
