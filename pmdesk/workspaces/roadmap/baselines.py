"""Baselines: a named copy of every item's dates, and what slipped since.

A PM saves a baseline when a plan is agreed (“Q4 plan as approved”). Later the timeline draws
each item's baseline position under it, and the slip list says what moved and by how much.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from pmdesk.domain import records
from pmdesk.domain.base import new_id, utc_now
from pmdesk.errors import ValidationError
from pmdesk.workspaces.roadmap.model import (
    TITLE_MAX,
    RoadmapBaseline,
    RoadmapBaselineItem,
    RoadmapItem,
)


def save_baseline(session: Session, name: str) -> str:
    """Record every item's current dates under ``name``; returns the baseline's id."""
    name = (name or "").strip()
    if not name:
        raise ValidationError("A baseline needs a name, such as “Q4 plan as approved”.")
    if len(name) > TITLE_MAX:
        raise ValidationError(f"A baseline name is longer than {TITLE_MAX} characters.")
    baseline = RoadmapBaseline(name=name, taken_at=utc_now())
    session.add(baseline)
    session.flush()
    rows = [
        {
            "id": new_id(),
            "baseline_id": baseline.id,
            "item_id": item_id,
            "title": title,
            "start": start,
            "end": end,
            "created_at": baseline.taken_at,
            "updated_at": baseline.taken_at,
        }
        for item_id, title, start, end in session.execute(
            select(RoadmapItem.id, RoadmapItem.title, RoadmapItem.start, RoadmapItem.end)
        )
    ]
    if rows:
        session.execute(insert(RoadmapBaselineItem), rows)
    session.commit()
    return baseline.id


def rename_baseline(session: Session, baseline_id: str, name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError("A baseline needs a name.")
    if len(name) > TITLE_MAX:
        raise ValidationError(f"A baseline name is longer than {TITLE_MAX} characters.")
    return records.set_fields(session, RoadmapBaseline, baseline_id, name=name)["name"]


def baseline_dates(
    session: Session, baseline_id: str
) -> dict[str, tuple[date | None, date | None]]:
    """item id -> (start, end) as the baseline recorded them: the timeline's ghost bars."""
    rows = session.execute(
        select(
            RoadmapBaselineItem.item_id, RoadmapBaselineItem.start, RoadmapBaselineItem.end
        ).where(
            RoadmapBaselineItem.baseline_id == baseline_id,
            RoadmapBaselineItem.item_id.is_not(None),
        )
    )
    return {item_id: (start, end) for item_id, start, end in rows}


# How an item changed since the baseline, as the slip list says it.
CHANGES = {
    "slipped": "Slipped",
    "pulled_in": "Pulled in",
    "moved": "Moved",  # same end, different start
    "unchanged": "Unchanged",
    "added": "Added since",
    "removed": "Removed since",
    "unscheduled": "Lost its dates",
    "scheduled": "Got dates",
}


@dataclass(frozen=True)
class Slip:
    title: str
    change: str  # a key of CHANGES
    days: int  # how many days later the item now ends (negative: earlier)
    item_id: str | None
    baseline_start: date | None
    baseline_end: date | None
    start: date | None
    end: date | None

    def sentence(self) -> str:
        if self.change == "slipped":
            return f"“{self.title}” slipped {_days(self.days)}."
        if self.change == "pulled_in":
            return f"“{self.title}” was pulled in {_days(-self.days)}."
        return f"“{self.title}”: {CHANGES[self.change].lower()}."


def _days(count: int) -> str:
    if count % 7 == 0 and count >= 14:
        return f"{count // 7} weeks"
    return f"{count} day{'s' if count != 1 else ''}"


def slips(session: Session, baseline_id: str) -> list[Slip]:
    """How every item changed since the baseline: biggest slips first, then the rest.

    The end date decides slip (a launch that moves later is what executives ask about); an
    item whose end stayed but whose start moved is ``moved``.
    """
    records.get(session, RoadmapBaseline, baseline_id)
    rows = list(
        session.scalars(
            select(RoadmapBaselineItem).where(RoadmapBaselineItem.baseline_id == baseline_id)
        )
    )
    recorded = {row.item_id: row for row in rows if row.item_id is not None}
    removed = [row for row in rows if row.item_id is None]
    result: list[Slip] = []
    for item_id, title, start, end in session.execute(
        select(RoadmapItem.id, RoadmapItem.title, RoadmapItem.start, RoadmapItem.end)
    ):
        before = recorded.get(item_id)
        if before is None:
            result.append(Slip(title, "added", 0, item_id, None, None, start, end))
            continue
        result.append(_compare(title, item_id, before.start, before.end, start, end))
    for row in removed:
        result.append(Slip(row.title, "removed", 0, None, row.start, row.end, None, None))
    order = list(CHANGES)
    result.sort(key=lambda slip: (order.index(slip.change), -abs(slip.days), slip.title))
    return result


def _compare(
    title: str,
    item_id: str,
    was_start: date | None,
    was_end: date | None,
    start: date | None,
    end: date | None,
) -> Slip:
    if was_end is None and end is None:
        change, days = "unchanged", 0
    elif was_end is None:
        change, days = "scheduled", 0
    elif end is None:
        change, days = "unscheduled", 0
    else:
        days = (end - was_end).days
        if days > 0:
            change = "slipped"
        elif days < 0:
            change = "pulled_in"
        else:
            change = "moved" if start != was_start else "unchanged"
    return Slip(title, change, days, item_id, was_start, was_end, start, end)
