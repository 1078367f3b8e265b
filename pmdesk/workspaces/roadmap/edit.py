"""Rules for changing the roadmap: settings, lanes, items and date markers.

Every function validates first (raising :class:`ValidationError` with a sentence for the PM),
then writes and commits, and returns what an undo needs. Values may arrive as typed in a table
cell ("2027-03-31", "At risk", "40%"); :func:`clean_item_value` turns them into what the record
stores, or says why it cannot.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pmdesk.domain import records
from pmdesk.errors import ValidationError
from pmdesk.workspaces.roadmap.model import (
    CONFIDENCES,
    HORIZONS,
    KINDS,
    LANE_COLORS,
    MARKER_KINDS,
    STATUSES,
    TAGS_MAX,
    TITLE_MAX,
    RoadmapItem,
    RoadmapLane,
    RoadmapMarker,
    RoadmapSettings,
    split_tags,
)

# A roadmap looks a few years ahead and back; anything outside this is a typing slip.
FIRST_YEAR = 1990
LAST_YEAR = 2100
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
ITEM_FIELDS = frozenset(
    {
        "title",
        "description",
        "lane_id",
        "kind",
        "start",
        "end",
        "status",
        "confidence",
        "progress",
        "tags",
        "horizon",
        "owner_id",
        "factor_id",
        "board_note_id",
        "criterion_id",
    }
)
LANE_FIELDS = frozenset({"name", "color", "collapsed", "description"})
MARKER_FIELDS = frozenset({"name", "on_date", "kind"})


def format_day(day: date) -> str:
    """A date as a PM reads it in a sentence: 5 Mar 2027."""
    return f"{day.day} {day:%b %Y}"


# -- settings ------------------------------------------------------------------------------------


def fiscal_year_start(session: Session) -> int:
    """The month (1-12) the fiscal year starts in; 1 when nobody has set it."""
    month = session.scalar(select(RoadmapSettings.fiscal_year_start_month).limit(1))
    return month if month and 1 <= month <= 12 else 1


def set_fiscal_year_start(session: Session, month: int) -> int:
    """Set the fiscal-year start month and return the previous one."""
    if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
        raise ValidationError(f"The fiscal year must start in a month from 1 to 12, not {month}.")
    settings = session.scalars(select(RoadmapSettings)).first()
    if settings is None:
        settings = RoadmapSettings(fiscal_year_start_month=1)
        session.add(settings)
    previous = settings.fiscal_year_start_month
    settings.fiscal_year_start_month = month
    session.commit()
    return previous


# -- values ----------------------------------------------------------------------------------------


def check_day(label: str, value: object) -> date | None:
    """A date (or nothing) within the years a roadmap can show."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            value = date.fromisoformat(text)
        except ValueError:
            raise ValidationError(
                f"{label} must be a date like 2027-03-31, not “{text}”."
            ) from None
    if not isinstance(value, date):
        raise ValidationError(f"{label} must be a date like 2027-03-31.")
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            f"{label} ({value.isoformat()}) is outside the years a roadmap can show "
            f"({FIRST_YEAR} to {LAST_YEAR})."
        )
    return value


def _word(label: str, value: object, choices: Mapping[str, str]) -> str:
    text = "" if value is None else str(value).strip()
    key = text.lower().replace(" ", "_").replace("-", "_")
    for choice, shown in choices.items():
        if key in (choice, shown.lower().replace(" ", "_")):
            return choice
    words = ", ".join(shown.lower() for shown in choices.values())
    raise ValidationError(f"{label} must be one of {words}; “{text}” is not.")


def _title(label: str, value: object) -> str:
    text = "" if value is None else str(value).strip()
    if not text:
        raise ValidationError(f"{label} cannot be empty.")
    if len(text) > TITLE_MAX:
        raise ValidationError(f"{label} is longer than {TITLE_MAX} characters.")
    return text


def _progress(value: object) -> int:
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and value.strip().rstrip("%").strip().isdigit():
        number = int(value.strip().rstrip("%"))
    if number is None or not 0 <= number <= 100:
        raise ValidationError(f"Progress must be a percentage from 0 to 100, not “{value}”.")
    return number


def _color(value: object) -> str:
    text = "" if value is None else str(value).strip()
    if not _COLOR.match(text):
        raise ValidationError(f"A lane colour must look like #3a6ea5, not “{text}”.")
    return text.lower()


def clean_item_value(session: Session, field: str, value: object) -> Any:
    """The stored value for one item field, as typed or chosen; raises with a sentence."""
    if field == "title":
        return _title("The title", value)
    if field == "description":
        return "" if value is None else str(value)
    if field == "kind":
        return _word("The kind", value, KINDS)
    if field == "status":
        return _word("The status", value, STATUSES)
    if field == "confidence":
        return _word("The confidence", value, CONFIDENCES)
    if field == "horizon":
        return _word("The horizon", value, HORIZONS)
    if field == "progress":
        return _progress(value)
    if field in ("start", "end"):
        return check_day("The start date" if field == "start" else "The end date", value)
    if field == "tags":
        text = ", ".join(split_tags("" if value is None else str(value)))
        if len(text) > TAGS_MAX:
            raise ValidationError(f"The tags are longer than {TAGS_MAX} characters.")
        return text
    if field == "lane_id":
        records.get(session, RoadmapLane, str(value))
        return str(value)
    if field in ("owner_id", "factor_id", "board_note_id", "criterion_id"):
        return value or None
    raise ValidationError(f"A roadmap item has no field called “{field}”.")


def check_dates(title: str, kind: str, start: date | None, end: date | None) -> None:
    if kind == "milestone":
        if start != end:
            raise ValidationError(f"The milestone “{title}” has one date, not a start and an end.")
        return
    if (start is None) != (end is None):
        raise ValidationError(
            f"“{title}” needs both a start and an end date, or neither to park it undated."
        )
    if start is not None and end is not None and end < start:
        raise ValidationError(
            f"“{title}” would end ({format_day(end)}) before it starts ({format_day(start)})."
        )


# -- lanes -------------------------------------------------------------------------------------


def lane_ids_in_order(session: Session) -> list[str]:
    return list(
        session.scalars(select(RoadmapLane.id).order_by(RoadmapLane.position, RoadmapLane.name))
    )


def add_lane(session: Session, name: str, color: str | None = None) -> str:
    """Add a lane at the bottom of the roadmap; returns its id."""
    name = _title("A lane name", name)
    count = session.scalar(select(func.count()).select_from(RoadmapLane)) or 0
    color = _color(color) if color else LANE_COLORS[count % len(LANE_COLORS)]
    bottom = session.scalar(select(func.max(RoadmapLane.position)))
    lane = RoadmapLane(name=name, color=color, position=(bottom or 0) + 1 if count else 0)
    session.add(lane)
    session.commit()
    return lane.id


def update_lane(session: Session, lane_id: str, **values: object) -> dict[str, Any]:
    """Change a lane's name, colour, collapsed state or description; returns previous values."""
    cleaned: dict[str, Any] = {}
    for field, value in values.items():
        if field == "name":
            cleaned[field] = _title("A lane name", value)
        elif field == "color":
            cleaned[field] = _color(value)
        elif field == "collapsed":
            cleaned[field] = bool(value)
        elif field == "description":
            cleaned[field] = "" if value is None else str(value)
        else:
            raise ValidationError(f"A lane has no field called “{field}”.")
    return records.set_fields(session, RoadmapLane, lane_id, **cleaned)


def set_lane_order(session: Session, lane_ids: list[str]) -> list[str]:
    """Put the lanes in this order (top to bottom); returns the previous order."""
    previous = lane_ids_in_order(session)
    if sorted(previous) != sorted(lane_ids):
        raise ValidationError("The lanes changed meanwhile; try moving the lane again.")
    lanes = {lane.id: lane for lane in session.scalars(select(RoadmapLane))}
    for position, lane_id in enumerate(lane_ids):
        lanes[lane_id].position = position
    session.commit()
    return previous


def move_lane_items(session: Session, from_lane: str, to_lane: str) -> list[str]:
    """Move every item of one lane to another (before the first is deleted); returns their
    ids."""
    records.get(session, RoadmapLane, to_lane)
    ids = list(session.scalars(select(RoadmapItem.id).where(RoadmapItem.lane_id == from_lane)))
    set_items_lane(session, ids, to_lane)
    return ids


def set_items_lane(session: Session, item_ids: list[str], lane_id: str) -> None:
    # Through the records themselves, so their updated time and history follow.
    for item in session.scalars(select(RoadmapItem).where(RoadmapItem.id.in_(item_ids))):
        item.lane_id = lane_id
    session.commit()


# -- items -------------------------------------------------------------------------------------


def add_item(session: Session, lane_id: str, title: str, **values: object) -> str:
    """Add an item to a lane; returns its id. A milestone given only ``start`` lands on it."""
    item = RoadmapItem(lane_id=clean_item_value(session, "lane_id", lane_id))
    item.title = clean_item_value(session, "title", title)
    defaults: dict[str, object] = {
        "kind": "feature",
        "status": "planned",
        "confidence": "medium",
        "progress": 0,
        "tags": "",
        "description": "",
        "horizon": "later",
    }
    for field, value in {**defaults, **values}.items():
        if field not in ITEM_FIELDS or field in ("lane_id", "title"):
            raise ValidationError(f"A roadmap item has no field called “{field}”.")
        setattr(item, field, clean_item_value(session, field, value))
    if item.kind == "milestone" and item.end is None:
        item.end = item.start
    check_dates(item.title, item.kind, item.start, item.end)
    session.add(item)
    session.commit()
    return item.id


def check_item(session: Session, item_id: str, **values: object) -> dict[str, Any]:
    """The cleaned values an edit of an item would store, checked together; writes nothing.

    Turning an item into a milestone collapses it onto its end date, so one edit stays valid.
    """
    item = records.get(session, RoadmapItem, item_id)
    cleaned = {field: clean_item_value(session, field, value) for field, value in values.items()}
    kind = cleaned.get("kind", item.kind)
    start = cleaned.get("start", item.start)
    end = cleaned.get("end", item.end)
    if kind == "milestone":
        if "kind" in cleaned and item.kind != "milestone" and "start" not in cleaned:
            start = end
        elif "start" in cleaned and "end" not in cleaned:
            end = start
        elif "end" in cleaned and "start" not in cleaned:
            start = end
        cleaned["start"], cleaned["end"] = start, end
    check_dates(cleaned.get("title", item.title), kind, start, end)
    return cleaned


def update_item(session: Session, item_id: str, **values: object) -> dict[str, Any]:
    """Change fields of an item, checking the dates it ends up with; returns previous values."""
    cleaned = check_item(session, item_id, **values)
    return records.set_fields(session, RoadmapItem, item_id, **cleaned)


def set_item_dates(
    session: Session, item_id: str, start: date | None, end: date | None
) -> tuple[date | None, date | None]:
    """Move or resize an item (one row written); returns its previous dates.

    Breaking a dependency is allowed: the timeline flags it instead of refusing the drag.
    """
    previous = update_item(session, item_id, start=start, end=end)
    return previous["start"], previous["end"]


# -- markers -----------------------------------------------------------------------------------


def check_marker(**values: object) -> dict[str, Any]:
    """The cleaned values of a marker edit; writes nothing, raises with a sentence."""
    cleaned: dict[str, Any] = {}
    for field, value in values.items():
        if field == "name":
            cleaned[field] = _title("A marker name", value)
        elif field == "on_date":
            cleaned[field] = _marker_day(value)
        elif field == "kind":
            cleaned[field] = _word("The marker kind", value, MARKER_KINDS)
        else:
            raise ValidationError(f"A date marker has no field called “{field}”.")
    return cleaned


def add_marker(session: Session, name: str, on_date: object, kind: str = "deadline") -> str:
    marker = RoadmapMarker(**check_marker(name=name, on_date=on_date, kind=kind))
    session.add(marker)
    session.commit()
    return marker.id


def update_marker(session: Session, marker_id: str, **values: object) -> dict[str, Any]:
    return records.set_fields(session, RoadmapMarker, marker_id, **check_marker(**values))


def _marker_day(value: object) -> date:
    day = check_day("The marker date", value)
    if day is None:
        raise ValidationError("A date marker needs a date.")
    return day


def record_rule(values: Mapping[str, object]) -> None:
    """Raise ``ValidationError`` when a roadmap item from a file has impossible dates."""
    check_dates(values["title"], values["kind"], values["start"], values["end"])  # type: ignore[arg-type]
