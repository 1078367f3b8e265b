"""Requirements and customer inputs from and to CSV.

An import reads the file, guesses which column fills which field (the PM can change it), and
previews every row with the reasons a bad one will be skipped; nothing is written before the PM
confirms. Issue-tracker exports repeat a column once per value ("Labels", "Labels", "Labels"):
every one of those columns feeds the tags, not only the last.

Reading reuses the generic helpers of :mod:`csv_table` (delimiter sniffing, field specs, atomic
writing); the table itself is read here because ``csv_table`` refuses repeated column names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmdesk.domain.base import new_id
from pmdesk.errors import ValidationError
from pmdesk.interchange.csv_table import (
    CsvTable,
    FieldSpec,
    read_csv_bytes,
    read_csv_file,
    write_csv,
)
from pmdesk.workspaces.requirements import edit, query
from pmdesk.workspaces.requirements.links import roadmap_item_titles
from pmdesk.workspaces.requirements.model import (
    IMPACT_SCALE,
    MOSCOW,
    SOURCES,
    STATUSES,
    CustomerInput,
    Requirement,
    join_tags,
    split_tags,
)
from pmdesk.workspaces.stakeholders.model import Stakeholder

ColumnMap = dict[str, list[int]]  # field key -> the columns that fill it (several only for tags)
MULTI_COLUMN_FIELDS = frozenset({"tags"})

# -- reading the file ----------------------------------------------------------------------------


def read_table(path: Path) -> CsvTable:
    return read_csv_file(path, repeated_headers=True)


def table_from_bytes(data: bytes, source: str) -> CsvTable:
    """Split CSV bytes into headers and rows, keeping repeated column names."""
    return read_csv_bytes(data, source, repeated_headers=True)


# -- what each kind of record reads --------------------------------------------------------------


def _spec(key: str, label: str, *aliases: str, required: bool = False) -> FieldSpec:
    return FieldSpec(key, label, required, aliases)


REQUIREMENT_FIELDS: list[FieldSpec] = [
    _spec("title", "Title", "summary", "requirement", "name", "issue", required=True),
    _spec("reference", "Key", "issue key", "key", "id", "issue id", "reference", "ticket"),
    _spec("statement", "The product does", "description", "statement", "user story"),
    _spec("rationale", "Rationale", "why", "reason", "justification"),
    _spec("acceptance_criteria", "Acceptance criteria", "acceptance", "definition of done"),
    _spec("status", "Status", "state", "resolution status"),
    _spec("moscow", "MoSCoW", "priority", "moscow priority"),
    _spec("reach", "Reach"),
    _spec("impact", "Impact"),
    _spec("confidence", "Confidence", "confidence %"),
    _spec("effort", "Effort", "effort (person-months)", "person-months"),
    _spec("owner", "Owner", "assignee", "responsible"),
    _spec("tags", "Tags", "labels", "label", "tag"),
]

INPUT_FIELDS: list[FieldSpec] = [
    _spec(
        "quote",
        "Quote",
        "what the customer said",
        "feedback",
        "verbatim",
        "comment",
        "response",
        required=True,
    ),
    _spec("stakeholder", "Stakeholder", "said by", "contact"),
    _spec("customer", "Customer", "company", "account", "organisation", "organization"),
    _spec("segment", "Segment", "tier", "plan", "customer segment"),
    _spec("source", "Source", "channel", "type"),
    _spec("received_on", "Date", "received", "created", "submitted", "date received"),
    _spec("tags", "Tags", "labels", "label", "tag", "topics"),
]

# Words issue trackers use, turned into ours. Anything else is refused with the allowed list.
TRACKER_STATUSES = {
    "to do": "proposed",
    "todo": "proposed",
    "open": "proposed",
    "new": "proposed",
    "backlog": "proposed",
    "idea": "proposed",
    "selected for development": "accepted",
    "approved": "accepted",
    "ready": "accepted",
    "planned": "in_roadmap",
    "in progress": "in_roadmap",
    "in development": "in_roadmap",
    "in review": "in_roadmap",
    "done": "shipped",
    "closed": "shipped",
    "resolved": "shipped",
    "released": "shipped",
    "won't do": "declined",
    "won't fix": "declined",
    "rejected": "declined",
    "cancelled": "declined",
    "canceled": "declined",
    "duplicate": "declined",
}
TRACKER_PRIORITIES = {
    "highest": "must",
    "blocker": "must",
    "critical": "must",
    "high": "should",
    "major": "should",
    "medium": "could",
    "normal": "could",
    "low": "could",
    "minor": "could",
    "lowest": "wont",
    "trivial": "wont",
}


def _tracker_word(words: Mapping[str, str], text: str) -> str:
    return words.get(re.sub(r"\s+", " ", text.strip().lower().replace("’", "'")), text)


# -- the preview ---------------------------------------------------------------------------------


@dataclass
class RowPreview:
    line: int
    raw: dict[str, str]  # field key -> the text that fills it
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class ImportPreview:
    kind: str  # "requirements" or "inputs"
    table: CsvTable
    fields: list[FieldSpec]
    mapping: ColumnMap
    rows: list[RowPreview]
    missing: list[str]  # labels of required fields no column fills

    @property
    def good_rows(self) -> list[RowPreview]:
        return [] if self.missing else [row for row in self.rows if row.ok]

    @property
    def bad_rows(self) -> list[RowPreview]:
        return [row for row in self.rows if not row.ok]

    def summary(self) -> str:
        if self.missing:
            names = ", ".join(f"“{label}”" for label in self.missing)
            return (
                f"No column of the file maps to {names}; choose the column to use, "
                "or nothing can be imported."
            )
        good, bad = len(self.good_rows), len(self.bad_rows)
        noun = "requirement" if self.kind == "requirements" else "customer input"
        text = f"{good} {noun}{'s' if good != 1 else ''} ready to import"
        if bad:
            text += f"; {bad} row{'s' if bad != 1 else ''} with problems will be skipped"
        return text + "."


def guess_columns(headers: Sequence[str], fields: Sequence[FieldSpec]) -> ColumnMap:
    """Each field's columns by name; tags take every matching column, others the first."""
    mapping: ColumnMap = {}
    used: set[int] = set()
    for spec in fields:
        matching = [i for i, h in enumerate(headers) if i not in used and spec.matches(h)]
        chosen = matching if spec.key in MULTI_COLUMN_FIELDS else matching[:1]
        used.update(chosen)
        mapping[spec.key] = chosen
    return mapping


def _raw(cells: list[str], columns: list[int], key: str) -> str:
    texts = [cells[c] for c in columns if c < len(cells) and cells[c]]
    return (
        join_tags(split_tags(", ".join(texts)))
        if key in MULTI_COLUMN_FIELDS
        else (texts[0] if texts else "")
    )


def _preview(
    kind: str,
    table: CsvTable,
    fields: list[FieldSpec],
    mapping: ColumnMap,
    check: Callable[[dict[str, str]], tuple[dict[str, Any], list[str]]],
) -> ImportPreview:
    missing = [spec.label for spec in fields if spec.required and not mapping.get(spec.key)]
    rows = []
    for line, cells in zip(table.lines, table.rows, strict=True):
        raw = {key: _raw(cells, columns, key) for key, columns in mapping.items() if columns}
        values, problems = check(raw)
        rows.append(RowPreview(line, raw, values, problems))
    return ImportPreview(kind, table, fields, dict(mapping), rows, missing)


def _cleaned(
    rules: Mapping[str, tuple[str, Callable[[str, object], object]]], raw: Mapping[str, str]
) -> tuple[dict[str, Any], list[str]]:
    values: dict[str, Any] = {}
    problems: list[str] = []
    for key, text in raw.items():
        if key not in rules or not text.strip():
            continue  # an empty cell keeps the field's default
        label, clean = rules[key]
        try:
            values[key] = clean(label, text)
        except ValidationError as error:
            problems.append(str(error).rstrip("."))
    return values, problems


def preview_requirements(
    session: Session, table: CsvTable, mapping: ColumnMap | None = None
) -> ImportPreview:
    """What importing ``table`` as requirements would do; nothing is written."""
    taken = {
        key.lower()
        for key in session.scalars(select(Requirement.reference).where(Requirement.reference != ""))
    }

    def check(raw: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
        raw = dict(raw)
        if raw.get("status"):
            raw["status"] = _tracker_word(TRACKER_STATUSES, raw["status"])
        if raw.get("moscow"):
            raw["moscow"] = _tracker_word(TRACKER_PRIORITIES, raw["moscow"])
        values, problems = _cleaned(edit.REQUIREMENT_FIELDS, raw)
        if not raw.get("title", "").strip():
            problems.insert(0, "The title is empty")
        if values.get("reference", "").lower() in taken:
            problems.append(f"Key {values['reference']} is already in the project")
        return values, problems

    chosen = mapping if mapping is not None else guess_columns(table.headers, REQUIREMENT_FIELDS)
    result = _preview("requirements", table, REQUIREMENT_FIELDS, chosen, check)
    first_line: dict[str, int] = {}  # a key repeated within the file: the first one wins
    for row in result.rows:
        reference = str(row.values.get("reference", "")).lower()
        if not reference or reference in taken:
            continue
        if reference in first_line:
            shown = row.values["reference"]
            row.problems.append(f"Key {shown} is also on line {first_line[reference]}")
        else:
            first_line[reference] = row.line
    return result


def preview_inputs(
    session: Session,
    table: CsvTable,
    mapping: ColumnMap | None = None,
    default_source: str = "survey",
) -> ImportPreview:
    """What importing ``table`` as customer inputs would do; nothing is written."""
    people = {
        name.lower(): record_id
        for record_id, name in session.execute(select(Stakeholder.id, Stakeholder.name))
    }

    def check(raw: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
        rules = {key: rule for key, rule in edit.INPUT_FIELDS.items() if key != "stakeholder_id"}
        values, problems = _cleaned(rules, raw)
        person = raw.get("stakeholder", "").strip()
        if person:
            if person.lower() in people:
                values["stakeholder_id"] = people[person.lower()]
            elif not values.get("customer"):
                values["customer"] = person  # not on the map: keep the name as the customer
        if not raw.get("quote", "").strip():
            problems.insert(0, "The quote is empty")
        if not values.get("stakeholder_id") and not values.get("customer"):
            problems.append("Nobody is named as having said it (no stakeholder or customer)")
        values.setdefault("source", default_source)
        if "received_on" not in values:
            problems.append("The date is empty")
        return values, problems

    chosen = mapping if mapping is not None else guess_columns(table.headers, INPUT_FIELDS)
    return _preview("inputs", table, INPUT_FIELDS, chosen, check)


class ImportReview:
    """A CSV file on its way in, as requirements or as customer inputs: its column mapping and
    the preview that mapping gives. Nothing is written until :meth:`rows_to_create`'s rows are
    handed to :func:`import_rows`."""

    def __init__(self, session: Session, table: CsvTable, source: str, kind: str) -> None:
        if kind not in ("requirements", "inputs"):
            raise ValueError(kind)
        self.session = session
        self.table = table
        self.source = source
        self.kind = kind
        self.default_source = "survey"
        self.fields = REQUIREMENT_FIELDS if kind == "requirements" else INPUT_FIELDS
        self.mapping = guess_columns(table.headers, self.fields)
        self.preview = self._build()

    def _build(self) -> ImportPreview:
        if self.kind == "requirements":
            return preview_requirements(self.session, self.table, self.mapping)
        return preview_inputs(self.session, self.table, self.mapping, self.default_source)

    def remap(self, key: str, columns: list[int]) -> None:
        self.mapping[key] = list(columns)
        self.preview = self._build()

    def set_default_source(self, source: str) -> None:
        self.default_source = source
        self.preview = self._build()

    def rows_to_create(self) -> list[dict[str, Any]]:
        """The good rows as new records, each with its id fixed (so redo recreates the same)."""
        return [{"id": new_id(), **row.values} for row in self.preview.good_rows]


def import_rows(session: Session, kind: str, rows: list[dict[str, Any]]) -> list[str]:
    """Add checked rows as new records, all in one commit or none."""
    if not rows:
        raise ValidationError("There are no rows without problems to import.")
    model = Requirement if kind == "requirements" else CustomerInput
    try:
        for row in rows:
            values = {key: value for key, value in row.items() if key != "id"}
            if model is CustomerInput:
                values = edit.clean_input_values(values)
            else:
                values = edit.clean_requirement_values(values)
            session.add(model(id=row["id"], **values))
        session.commit()
    except ValidationError:
        session.rollback()
        raise
    return [row["id"] for row in rows]


# -- export --------------------------------------------------------------------------------------

REQUIREMENT_EXPORT_HEADERS = [
    "Key",
    "Title",
    "The product does",
    "Rationale",
    "Acceptance criteria",
    "Status",
    "MoSCoW",
    "Reach",
    "Impact",
    "Confidence",
    "Effort",
    "RICE score",
    "Owner",
    "Tags",
    "Customer inputs",
    "Roadmap items",
]
INPUT_EXPORT_HEADERS = [
    "Date",
    "Quote",
    "Stakeholder",
    "Customer",
    "Segment",
    "Source",
    "Tags",
    "Requirements",
]


def _number(value: float | None) -> object:
    if value is None:
        return ""
    return int(value) if value == int(value) else value


def export_requirements(session: Session, path: Path) -> int:
    """Write every requirement, with its score and links, to ``path``; returns how many."""
    rows = session.scalars(select(Requirement).order_by(Requirement.title)).all()
    trace = query.traceability(session)
    items = roadmap_item_titles(session)
    lines = []
    for record in rows:
        score = record.rice_score
        lines.append(
            [
                record.reference,
                record.title,
                record.statement,
                record.rationale,
                record.acceptance_criteria,
                STATUSES.get(record.status, record.status),
                MOSCOW.get(record.moscow, record.moscow),
                _number(record.reach),
                IMPACT_SCALE.get(record.impact, "") if record.impact is not None else "",
                _number(record.confidence),
                _number(record.effort),
                "" if score is None else round(score, 1),
                record.owner,
                record.tags,
                len(trace.inputs_of_requirement.get(record.id, [])),
                "; ".join(items[i] for i in trace.items_of_requirement.get(record.id, [])),
            ]
        )
    write_csv(path, REQUIREMENT_EXPORT_HEADERS, lines)
    return len(lines)


def export_inputs(session: Session, path: Path) -> int:
    """Write every customer input, with the requirements it supports, to ``path``."""
    rows = query.input_rows(session)
    trace = query.traceability(session)
    names = dict(session.execute(select(Stakeholder.id, Stakeholder.name)).all())
    lines = [
        [
            row.received_on.isoformat() if isinstance(row.received_on, date) else "",
            row.quote,
            names.get(row.stakeholder_id, "") if row.stakeholder_id else "",
            row.customer,
            row.segment,
            SOURCES.get(row.source, row.source),
            ", ".join(row.tags),
            "; ".join(
                trace.requirement_labels[r] for r in trace.requirements_of_input.get(row.id, [])
            ),
        ]
        for row in rows
    ]
    write_csv(path, INPUT_EXPORT_HEADERS, lines)
    return len(lines)
