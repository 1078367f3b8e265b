"""Rules for changing launches, their readiness tasks and the tier templates.

Every function validates first (raising :class:`ValidationError` with a sentence for the PM),
then writes and commits, and returns what an undo needs. Values may arrive as typed in a table
cell ("L−14", "In progress", "2027-04-14"); the ``clean_*`` functions turn them into what the
record stores. The ``*_rule`` functions guard records that arrive from a file with the same
checks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from pmdesk.domain import records
from pmdesk.domain.values import parse_date
from pmdesk.errors import ValidationError
from pmdesk.workspaces.launches.model import (
    DECISIONS,
    DEPARTMENTS,
    NAME_MAX,
    OFFSET_MIN,
    STATUSES,
    TIERS,
    Launch,
    LaunchTask,
    LaunchTemplate,
    LaunchTemplateTask,
)
from pmdesk.workspaces.launches.readiness import format_offset, item_day
from pmdesk.workspaces.launches.templates import seed_template, stored_template
from pmdesk.workspaces.roadmap.model import RoadmapItem
from pmdesk.workspaces.stakeholders.model import Stakeholder

FIRST_YEAR = 1990
LAST_YEAR = 2100
LINKABLE_KINDS = ("release", "milestone")
LAUNCH_FIELDS = frozenset(
    {"name", "tier", "target_date", "go_no_go_offset", "decision", "owner_id", "goal", "note"}
)
TASK_FIELDS = frozenset({"title", "department", "offset_days", "status", "owner_id", "note"})
TEMPLATE_TASK_FIELDS = frozenset({"title", "department", "offset_days"})
# "L-14", "L−14" (a real minus), "L–14" (an en dash from a word processor), "L+0", "L", "L-day",
# or a bare number of days ("-14"). Spaces anywhere are allowed.
_OFFSET = re.compile(r"^(?:l\s*(?:-\s*day|day)?)?\s*([-+]?)\s*(\d+)?$")
_DASHES = str.maketrans({"−": "-", "–": "-", "—": "-"})


# -- values ----------------------------------------------------------------------------------


def clean_name(label: str, value: object) -> str:
    text = "" if value is None else str(value).strip()
    if not text:
        raise ValidationError(f"{label} cannot be empty.")
    if len(text) > NAME_MAX:
        raise ValidationError(f"{label} is longer than {NAME_MAX} characters.")
    return text


def clean_word(label: str, value: object, choices: Mapping[str, str]) -> str:
    """A key of ``choices`` from the key or the label as shown, in any case."""
    text = "" if value is None else str(value).strip()
    folded = text.casefold().replace("-", " ").replace("_", " ")
    for key, shown in choices.items():
        if folded in (key.replace("_", " "), shown.casefold().replace("-", " ")):
            return key
    words = ", ".join(shown.lower() for shown in choices.values())
    raise ValidationError(f"{label} must be one of {words}; “{text}” is not.")


def clean_day(label: str, value: object) -> date:
    """A date a launch can have: refuses no date, typing slips and far-off years."""
    day = parse_date(value, label)
    if day is None:
        raise ValidationError(f"{label} is needed: a launch must have a date.")
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValidationError(
            f"{label} ({day.isoformat()}) is outside the years a plan can show "
            f"({FIRST_YEAR} to {LAST_YEAR})."
        )
    return day


def parse_offset(value: object, label: str, launch_day: date | None = None) -> int:
    """Days relative to launch day from "L−14", "-14", a number or, with ``launch_day``, a date."""
    if isinstance(value, bool):
        raise ValidationError(f"{label} must be written like L−14, not “{value}”.")
    if isinstance(value, int):
        return value
    text = ("" if value is None else str(value)).strip()
    if launch_day is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return (clean_day(label, text) - launch_day).days
    match = _OFFSET.match(text.translate(_DASHES).casefold())
    if not text or match is None or (match.group(1) and match.group(2) is None):
        raise ValidationError(
            f"{label} must be written like L−14 (14 days before launch day), L-day or a date, "
            f"not “{text}”."
        )
    sign, digits = match.groups()
    if digits is None:  # "L" or "L-day"
        return 0
    return -int(digits) if sign == "-" else int(digits)


def check_offset(title: str, offset: int, what: str = "due") -> int:
    """A task's offset: on or before launch day, and not more than a year ahead of it."""
    if offset > 0:
        days = "day" if offset == 1 else "days"
        raise ValidationError(
            f"“{title}” would be {what} {offset} {days} after launch day "
            f"({format_offset(offset)}); a readiness task must be done on or before launch day."
        )
    if offset < OFFSET_MIN:
        raise ValidationError(
            f"“{title}” would be {what} {-offset} days before launch day; a launch plan reaches "
            f"back at most {-OFFSET_MIN} days (L{OFFSET_MIN})."
        )
    return offset


def check_go_no_go(offset: int) -> int:
    if offset > 0:
        raise ValidationError(
            f"The go/no-go decision would come {offset} day{'s' if offset != 1 else ''} after "
            "launch day; it must be on or before launch day."
        )
    if offset < OFFSET_MIN:
        raise ValidationError(
            f"The go/no-go decision can be at most {-OFFSET_MIN} days before launch day."
        )
    return offset


def _person(session: Session, value: object) -> str | None:
    if value in (None, ""):
        return None
    person = session.get(Stakeholder, str(value))
    if person is None:
        raise ValidationError("That owner is no longer among the stakeholders.")
    return person.id


def linkable_item(session: Session, item_id: str) -> RoadmapItem:
    """A roadmap release or milestone with a date, which a launch can follow."""
    item = session.get(RoadmapItem, item_id)
    if item is None:
        raise ValidationError("That roadmap item no longer exists.")
    if item.kind not in LINKABLE_KINDS:
        raise ValidationError(
            f"“{item.title}” is not a release or a milestone; a launch follows one of those."
        )
    if item_day(item) is None:
        raise ValidationError(
            f"“{item.title}” has no dates on the roadmap yet; give it dates there first, or keep "
            "this launch on its own date."
        )
    return item


# -- launches --------------------------------------------------------------------------------


def clean_launch_value(session: Session, field: str, value: object, launch_day: date) -> Any:
    if field == "name":
        return clean_name("A launch name", value)
    if field == "tier":
        return clean_word("The tier", value, TIERS)
    if field == "target_date":
        return clean_day("The target date", value)
    if field == "go_no_go_offset":
        return check_go_no_go(parse_offset(value, "The go/no-go date", launch_day))
    if field == "decision":
        return clean_word("The go/no-go decision", value, DECISIONS)
    if field == "owner_id":
        return _person(session, value)
    if field in ("goal", "note"):
        return "" if value is None else str(value)
    raise ValidationError(f"A launch has no field called “{field}”.")


def create_launch(
    session: Session,
    values: Mapping[str, Any],
    tasks: Sequence[Mapping[str, Any]],
    seed: tuple[str, str, Sequence[str]] | None = None,
) -> None:
    """Add a launch with its first tasks (ids chosen by the caller) and, with ``seed`` =
    (tier, template id, line ids), store the tier's default template in the same commit."""
    cleaned = dict(values)
    cleaned["name"] = clean_name("A launch name", values.get("name"))
    cleaned["tier"] = clean_word("The tier", values.get("tier", "minor"), TIERS)
    item_id = values.get("roadmap_item_id")
    if item_id:
        cleaned["target_date"] = item_day(linkable_item(session, str(item_id)))
    else:
        cleaned["target_date"] = clean_day("The launch date", values.get("target_date"))
    cleaned["owner_id"] = _person(session, values.get("owner_id"))
    check_go_no_go(int(values.get("go_no_go_offset", -7)))
    session.add(Launch(**cleaned))
    for position, task in enumerate(tasks):
        row = dict(task)
        row.setdefault("position", position)
        _check_task_values(row)
        session.add(LaunchTask(launch_id=cleaned["id"], **row))
    if seed is not None:
        seed_template(session, *seed)
    session.commit()


def update_launch(
    session: Session, launch_id: str, launch_day: date, **values: object
) -> dict[str, Any]:
    """Change fields of a launch; its previous values. ``launch_day`` reads dates typed as L−n."""
    cleaned = {f: clean_launch_value(session, f, v, launch_day) for f, v in values.items()}
    return records.set_fields(session, Launch, launch_id, **cleaned)


def link_item(session: Session, launch_id: str, item_id: str | None) -> dict[str, Any]:
    """Make a launch follow a roadmap release or milestone, or stop following one.

    Linking copies the item's date into the launch's own target date, and unlinking keeps the
    day the launch had, so neither gesture moves the launch. Returns the previous values.
    """
    launch = records.get(session, Launch, launch_id)
    if item_id:
        day = item_day(linkable_item(session, item_id))
    else:
        current = session.get(RoadmapItem, launch.roadmap_item_id or "")
        day = item_day(current) or launch.target_date
    return records.set_fields(
        session, Launch, launch_id, roadmap_item_id=item_id or None, target_date=day
    )


# -- tasks -----------------------------------------------------------------------------------


def clean_task_value(
    session: Session, task: LaunchTask, field: str, value: object, day: date
) -> Any:
    """What a task field stores for ``value``; ``day`` is launch day, to read dates typed."""
    if field == "title":
        return clean_name("A task", value)
    if field == "department":
        return clean_word("The department", value, DEPARTMENTS)
    if field == "offset_days":
        return check_offset(task.title, parse_offset(value, "The due date", day))
    if field == "status":
        return clean_word("The status", value, STATUSES)
    if field == "owner_id":
        return _person(session, value)
    if field == "note":
        return "" if value is None else str(value)
    raise ValidationError(f"A readiness task has no field called “{field}”.")


def add_task(session: Session, values: Mapping[str, Any]) -> None:
    """Add one task (its id and launch chosen by the caller)."""
    row = dict(values)
    records.get(session, Launch, str(row["launch_id"]))
    _check_task_values(row)
    session.add(LaunchTask(**row))
    session.commit()


def update_task(session: Session, task_id: str, day: date, **values: object) -> dict[str, Any]:
    task = records.get(session, LaunchTask, task_id)
    cleaned = {f: clean_task_value(session, task, f, v, day) for f, v in values.items()}
    return records.set_fields(session, LaunchTask, task_id, **cleaned)


def _check_task_values(row: Mapping[str, Any]) -> None:
    title = clean_name("A task", row.get("title"))
    clean_word("The department", row.get("department", "marketing"), DEPARTMENTS)
    clean_word("The status", row.get("status", "to_do"), STATUSES)
    check_offset(title, int(row.get("offset_days", 0)))


# -- templates -------------------------------------------------------------------------------


def materialize_template(
    session: Session, tier: str, template_id: str, line_ids: Sequence[str]
) -> str:
    """The stored template of ``tier``, seeding it from the default first if there is none."""
    existing = stored_template(session, tier)
    if existing is not None:
        return existing.id
    seed_template(session, tier, template_id, line_ids)
    session.commit()
    return template_id


def add_template_task(session: Session, values: Mapping[str, Any]) -> None:
    row = dict(values)
    records.get(session, LaunchTemplate, str(row["template_id"]))
    title = clean_name("A task", row.get("title"))
    clean_word("The department", row.get("department", "marketing"), DEPARTMENTS)
    check_offset(title, int(row.get("offset_days", 0)))
    session.add(LaunchTemplateTask(**row))
    session.commit()


def update_template_task(session: Session, line_id: str, **values: object) -> dict[str, Any]:
    line = records.get(session, LaunchTemplateTask, line_id)
    cleaned: dict[str, Any] = {}
    for field, value in values.items():
        if field == "title":
            cleaned[field] = clean_name("A task", value)
        elif field == "department":
            cleaned[field] = clean_word("The department", value, DEPARTMENTS)
        elif field == "offset_days":
            cleaned[field] = check_offset(line.title, parse_offset(value, "The due date"))
        else:
            raise ValidationError(f"A template task has no field called “{field}”.")
    return records.set_fields(session, LaunchTemplateTask, line_id, **cleaned)


# -- records from a file ---------------------------------------------------------------------


def launch_rule(values: Mapping[str, Any]) -> None:
    """Raise ``ValidationError`` for a launch from a file that the app would refuse."""
    name = clean_name("A launch name", values["name"])
    clean_word(f"The tier of “{name}”", values["tier"], TIERS)
    clean_word(f"The go/no-go decision of “{name}”", values["decision"], DECISIONS)
    if values["target_date"] is None:
        raise ValidationError(f"The launch “{name}” has no date: a launch must have a date.")
    clean_day(f"The target date of “{name}”", values["target_date"])
    check_go_no_go(values["go_no_go_offset"])


def task_rule(values: Mapping[str, Any]) -> None:
    _check_task_values(values)


def template_rule(values: Mapping[str, Any]) -> None:
    clean_word("A template's tier", values["tier"], TIERS)


def template_task_rule(values: Mapping[str, Any]) -> None:
    title = clean_name("A task", values["title"])
    clean_word("The department", values["department"], DEPARTMENTS)
    check_offset(title, values["offset_days"])
