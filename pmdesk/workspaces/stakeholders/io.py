"""Stakeholders from and to CSV: a preview with reasons per bad row, then an all-or-nothing
import of the good rows; an export whose columns the import reads back."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from pmdesk.domain.base import new_id
from pmdesk.errors import ValidationError
from pmdesk.interchange.csv_table import (
    CsvTable,
    FieldSpec,
    Preview,
    build_preview,
    guess_mapping,
    write_csv,
)
from pmdesk.workspaces.stakeholders import edit
from pmdesk.workspaces.stakeholders.model import ATTITUDES, STRATEGIES

_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("stakeholder", "full name", "person", "contact"),
    "role": ("title", "job title", "position", "role"),
    "department": ("organisation", "organization", "dept", "team", "company", "group"),
    "external": ("internal/external", "is external"),
    "influence": ("power", "influence (power)", "power/influence"),
    "interest": ("interest level",),
    "attitude": ("stance", "sentiment", "support"),
    "strategy_override": ("engagement strategy", "engagement"),
    "needs": ("needs", "needs from pm", "what they need"),
    "deliverables": ("key deliverables", "outcomes", "deliverables/outcomes"),
    "channel": ("communication channel",),
    "cadence": ("frequency",),
    "owner": ("relationship owner",),
    "last_contact": ("last contacted", "last touchpoint"),
    "next_touchpoint": ("next contact", "next meeting", "next touch point"),
    "notes": ("comments",),
    "tags": ("labels", "tag"),
}
REQUIRED = ("name", "influence", "interest")

FIELDS: list[FieldSpec] = [
    FieldSpec(key, rule.label, key in REQUIRED, _ALIASES.get(key, ()))
    for key, rule in edit.FIELDS.items()
]


def default_mapping(table: CsvTable) -> dict[str, int | None]:
    return guess_mapping(table.headers, FIELDS)


def check_row(raw: Mapping[str, str]) -> tuple[dict[str, Any], list[str]]:
    """The values to store for one row, and every reason it cannot be imported."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    for key, text in raw.items():
        if key not in REQUIRED and not text.strip():
            continue  # an empty optional cell keeps the default
        try:
            values[key] = edit.clean_value(key, text)
        except ValidationError as error:
            problems.append(str(error).rstrip("."))
    if "department" in values and "external" not in values:
        values.update(edit.clean_fields({"department": values["department"]}))
    return values, problems


def preview(
    session: Session, table: CsvTable, mapping: Mapping[str, int | None] | None = None
) -> Preview:
    """What importing ``table`` would do; nothing is written."""
    chosen = dict(mapping) if mapping is not None else default_mapping(table)
    taken = list(edit.existing_names(session))
    return build_preview(table, FIELDS, chosen, check_row, unique="name", taken=taken)


def import_rows(session: Session, checked: Preview) -> list[str]:
    """Add the preview's good rows as new stakeholders, all together or none."""
    rows = checked.good_rows
    if not rows:
        raise ValidationError("There are no rows without problems to import.")
    return edit.create_many(session, [row.values for row in rows])


def export(session: Session, path: Path) -> int:
    """Write every stakeholder to ``path``; returns how many."""
    people = edit.load_map(session).stakeholders
    headers = [spec.label for spec in FIELDS]
    rows = [[_cell(key, getattr(person, key)) for key in edit.FIELDS] for person in people]
    write_csv(path, headers, rows)
    return len(people)


def _cell(key: str, value: object) -> object:
    if key == "attitude":
        return ATTITUDES.get(str(value), value)
    if key == "strategy_override":
        return STRATEGIES.get(str(value), "")
    if key == "external":
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return value


class ImportReview:
    """A CSV file on its way in: its column mapping and the preview that mapping gives.

    The preview dialog changes the mapping; the page imports ``preview.good_rows`` once the PM
    confirms. Nothing is written until then.
    """

    def __init__(self, session: Session, table: CsvTable, source: str) -> None:
        self.session = session
        self.table = table
        self.source = source
        self.mapping = default_mapping(table)
        self.preview = preview(session, table, self.mapping)

    def remap(self, key: str, column: int | None) -> None:
        self.mapping[key] = column
        self.preview = preview(self.session, self.table, self.mapping)

    def rows_to_create(self) -> list[dict[str, Any]]:
        """The good rows as new records, each with its id fixed (so redo recreates the same)."""
        return [{"id": new_id(), **row.values} for row in self.preview.good_rows]
