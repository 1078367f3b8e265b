"""What differs between two projects, record by record (matched by UUID), field by field."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Date

from pmdesk import registry
from pmdesk.domain.base import LABEL_FIELDS, Record
from pmdesk.domain.project import Project

# Fields that change with every edit and say nothing a reader wants to compare.
IGNORED_FIELDS = frozenset({"updated_at"})
# A record with no label field (a check-in, a link) is named after the records it belongs to and
# its date (:func:`label`). id -> (model, record): where a label finds those records.
Lookup = Callable[[str], "tuple[type[Record], dict[str, Any]] | None"]
Kind = Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class RecordChange:
    section: str  # "project" or "<workspace>.<records>", as in the JSON dump
    model: type[Record]
    record_id: str
    label: str
    kind: Kind
    fields: tuple[tuple[str, Any, Any], ...] = ()  # (field, ours, theirs) for "changed"


def sections(data: dict[str, Any]) -> Iterator[tuple[str, type[Record], list[dict[str, Any]]]]:
    """Every list of records in a dump, with its section name and model."""
    yield "project", Project, [data["project"]]
    for key, group in registry.workspace_records().items():
        for sub, model in group.items():
            yield f"{key}.{sub}", model, data.get(key, {}).get(sub, [])


def lookup_in(*dumps: dict[str, Any]) -> Lookup:
    """Finding a record by id in these dumps (the first that holds it), indexed on first use."""
    index: dict[str, tuple[type[Record], dict[str, Any]]] = {}

    def find(record_id: str) -> tuple[type[Record], dict[str, Any]] | None:
        if not index:
            for data in reversed(dumps):
                for _name, model, records in sections(data):
                    index.update((record["id"], (model, record)) for record in records)
        return index.get(record_id)

    return find


def diff_projects(ours: dict[str, Any], theirs: dict[str, Any]) -> list[RecordChange]:
    """Changes that turn ``ours`` into ``theirs``, in section order, then by label."""
    their_sections = {name: records for name, _model, records in sections(theirs)}
    find = lookup_in(theirs, ours)

    def named(record: dict[str, Any], model: type[Record]) -> str:
        return record_label(record, model, find)

    changes: list[RecordChange] = []
    for name, model, records in sections(ours):
        mine = {record["id"]: record for record in records}
        other = {record["id"]: record for record in their_sections.get(name, [])}
        found: list[RecordChange] = []
        for record_id in other.keys() - mine.keys():
            found.append(
                RecordChange(name, model, record_id, named(other[record_id], model), "added")
            )
        for record_id in mine.keys() - other.keys():
            found.append(
                RecordChange(name, model, record_id, named(mine[record_id], model), "removed")
            )
        for record_id in mine.keys() & other.keys():
            fields = tuple(
                (field, mine[record_id].get(field), value)
                for field, value in sorted(other[record_id].items())
                if field not in IGNORED_FIELDS and mine[record_id].get(field) != value
            )
            if fields:
                found.append(
                    RecordChange(
                        name, model, record_id, named(other[record_id], model), "changed", fields
                    )
                )
        changes.extend(sorted(found, key=lambda change: (change.kind, change.label.lower())))
    return changes


def label(record: dict[str, Any]) -> str:
    """A record's own name (its first label field), or the start of its id."""
    return _own_label(record) or str(record.get("id", ""))[:8]


def record_label(
    record: dict[str, Any], model: type[Record], find: Lookup | None = None, depth: int = 0
) -> str:
    """What a PM calls a record: its own name, else the names of the records its links point
    at (a check-in is its key result's; a link joins both ends) and its date, from its model's
    columns, so a new kind of record is named without being listed here."""
    own = _own_label(record)
    if own or find is None or depth > 2:
        return own or str(record.get("id", ""))[:8]
    owners: list[str] = []
    when = ""
    for column in model.__table__.columns:
        value = record.get(column.key)
        if not value:
            continue
        if column.foreign_keys and column.key != "id":
            found = find(value)
            if found is not None:
                owners.append(record_label(found[1], found[0], find, depth + 1))
        elif isinstance(column.type, Date) and not when:
            when = str(value)
    if not owners:
        return str(record.get("id", ""))[:8]
    named = " — ".join(owners)
    return shorten(f"{named}, {when}" if when else named, 80)


def _own_label(record: dict[str, Any]) -> str:
    for field in LABEL_FIELDS:
        value = record.get(field)
        if isinstance(value, str) and value.strip():
            return shorten(value, 60)
    return ""


def shorten(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def describe(changes: list[RecordChange], ours: str, theirs: str) -> str:
    """The changes as text a person reads top to bottom."""
    if not changes:
        return f"{ours} and {theirs} hold the same project data.\n"
    count = len(changes)
    counted = f"{count} records differ" if count != 1 else "1 record differs"
    lines = [f"From {ours} to {theirs}: {counted}.", ""]
    current = None
    marks = {"added": "+", "removed": "-", "changed": "~"}
    for change in changes:
        if change.section != current:
            current = change.section
            lines.append(change.section)
        line = f"  {marks[change.kind]} {change.label}"
        if change.fields:
            parts = [f"{field}: {_show(old)} → {_show(new)}" for field, old, new in change.fields]
            line += " — " + "; ".join(parts)
        lines.append(line)
    return "\n".join(lines) + "\n"


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"“{shorten(value, 40)}”"
    return "none" if value is None else str(value)
