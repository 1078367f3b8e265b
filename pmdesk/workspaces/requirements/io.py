"""Requirements and customer inputs from and to CSV (and spreadsheets read as tables).

An import reads the file, guesses which column fills which field from the column names trackers
use in six languages (the PM can change it), lists the distinct values of every constrained
column with the value each becomes (the PM can change that too), and previews every row with
the reasons a bad one will be skipped; nothing is written before the PM confirms.

Issue-tracker exports repeat a column once per value ("Labels", "Labels", "Labels"): every one
of those columns feeds the field, not only the last. What a tracker knows and a requirement has
no field for (issue type, parent or epic, sprint, fix version, due date, estimate) is kept as a
tag a PM can filter on ("type:Story", "epic:FL-1", "sprint:Sprint 4", "release:2.1",
"due:2026-03-31", "points:5"); tracker markup becomes plain text. A key already in the project
is an update of that requirement when the import asks for it (``update_existing``), otherwise a
reason to skip the row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmdesk.collector import collection_paused
from pmdesk.domain import records
from pmdesk.domain.base import utc_now
from pmdesk.domain.values import NumberFormat
from pmdesk.errors import ValidationError
from pmdesk.interchange import remembered
from pmdesk.interchange.bulk import new_ids
from pmdesk.interchange.columns import MISSING, LazyRows, TableColumns
from pmdesk.interchange.csv_table import CsvTable, read_csv_bytes, write_csv
from pmdesk.interchange.numbers import DetectedFormat, detect_number_format
from pmdesk.interchange.tables import read_table as read_any_table
from pmdesk.interchange.trackers import source_kind
from pmdesk.store.touched import insert_columns, new_row_values
from pmdesk.workspaces.requirements import edit, query
from pmdesk.workspaces.requirements.io_fields import (
    INPUT_FIELDS,
    MULTI_COLUMN_FIELDS,
    REQUIREMENT_FIELDS,
    VOCABULARIES,
    Cleaning,
)
from pmdesk.workspaces.requirements.io_preview import (
    NUMBER_FIELDS,
    ImportPreview,
    Progress,
    guess_columns,
    keys_in_project,
    preview_inputs,
    preview_requirements,
    value_maps_for,
)
from pmdesk.workspaces.requirements.links import roadmap_item_titles
from pmdesk.workspaces.requirements.model import (
    IMPACT_SCALE,
    MOSCOW,
    SOURCES,
    STATUSES,
    CustomerInput,
    Requirement,
)
from pmdesk.workspaces.stakeholders.query import ids_by_lowercase_name, names_by_id

# -- reading the file ----------------------------------------------------------------------------


def read_table(path: Path, sheet: str | None = None) -> CsvTable:
    """A CSV file or a workbook's sheet; other kinds of file are refused in one sentence."""
    return read_any_table(path, repeated_headers=True, sheet=sheet, what="as requirements")


def table_from_bytes(data: bytes, source: str) -> CsvTable:
    """Split CSV bytes into headers and rows, keeping repeated column names."""
    return read_csv_bytes(data, source, repeated_headers=True)


class CheckedRows(LazyRows[dict[str, Any]]):
    """New records a preview has cleaned already, column by column, each with its id fixed:
    :func:`import_rows` writes the columns as they are. Read as rows, each is a dict of its
    values (defaults included) and its id."""

    def __init__(self, ids: list[str], columns: dict[str, list[Any]]) -> None:
        # Not a method of its own: that would be a cycle, which keeps 50,000 ids and every
        # column until the collector's next full pass, walked at each of its passes meanwhile.
        super().__init__(range(len(ids)), partial(_record, ids, columns))
        self.ids = ids
        self.columns = columns  # field -> the value each record stores

    @classmethod
    def of(cls, preview: ImportPreview, table: Any) -> CheckedRows:
        """The preview's good new rows, with ``table``'s defaults where a cell is empty."""
        indexes = preview.new_indexes
        defaults = new_row_values(table, None)
        if preview.checked:
            columns = {
                key: column.stored(indexes, defaults[key])
                for key, column in preview.checked.items()
            }
        else:  # checked row by row
            rows = [preview.rows[index].values for index in indexes]
            names = dict.fromkeys(name for values in rows for name in values)
            columns = {n: [values.get(n, defaults[n]) for values in rows] for n in names}
        return cls(new_ids(len(indexes)), columns)


def _record(ids: list[str], columns: dict[str, list[Any]], index: int) -> dict[str, Any]:
    return {"id": ids[index], **{k: v[index] for k, v in columns.items()}}


class ImportReview:
    """A file on its way in, as requirements or as customer inputs: its column mapping, the
    value mapping of its constrained columns, and the preview they give. Nothing is written
    until :meth:`rows_to_create`'s rows are handed to :func:`import_rows`.

    The choices of an earlier import from the same kind of source (a Jira export, a Linear one)
    are applied first; :meth:`remember` keeps this import's for the next.
    """

    def __init__(
        self,
        session: Session,
        table: CsvTable,
        source: str,
        kind: str,
        *,
        update_existing: bool = False,
        recall: bool = True,
        progress: Progress | None = None,
    ) -> None:
        """``progress`` hears of the first preview's rows (a large file takes seconds) and may
        raise (``tables.ImportCancelledError``) to stop. The project is read here only: the
        review can outlive the session it was made with (a worker thread's)."""
        if kind not in ("requirements", "inputs"):
            raise ValueError(kind)
        self.session = session
        self._taken = keys_in_project(session) if kind == "requirements" else {}
        self._people = ids_by_lowercase_name(session) if kind == "inputs" else {}
        self.table = table
        self.source = source
        self.kind = kind
        self.update_existing = update_existing
        self.source_kind = source_kind(table.headers)
        self.default_source = "survey"
        self.fields = REQUIREMENT_FIELDS if kind == "requirements" else INPUT_FIELDS
        self.columns = TableColumns(table)  # cut out once, for every preview of the review
        self.mapping = guess_columns(table.headers, self.fields)
        memory = remembered.recall(kind, self.source_kind) if recall else {}
        self._apply_remembered_columns(memory.get("columns", {}))
        self.value_maps = value_maps_for(kind, self.columns, self.fields, self.mapping)
        for key, choices in memory.get("values", {}).items():
            if key in self.value_maps:
                self.value_maps[key].apply_overrides(choices)
        self.numbers = self._detect_numbers()
        self._numbers_chosen = False  # the PM's choice stays when columns change
        self.preview = self._build(progress)

    def _detect_numbers(self) -> DetectedFormat:
        columns = [c for key in NUMBER_FIELDS for c in self.mapping.get(key, [])]
        return detect_number_format(self.columns.texts(columns), self.table.delimiter)

    @property
    def number_format(self) -> NumberFormat:
        return self.numbers.number_format

    @property
    def has_numbers(self) -> bool:
        """Whether a numeric field is filled from the file (then its format matters)."""
        return any(self.mapping.get(key) for key in NUMBER_FIELDS)

    def set_number_format(self, number_format: NumberFormat) -> None:
        """The PM's choice of decimal mark, applied to every numeric field of every row."""
        self.numbers = DetectedFormat(number_format, None)
        self._numbers_chosen = True
        self.preview = self._build()

    def _apply_remembered_columns(self, columns: Mapping[str, list[str]]) -> None:
        headers = [header.strip().lower() for header in self.table.headers]
        known = {spec.key for spec in self.fields}
        for key, names in columns.items():
            wanted = [headers.index(n.lower()) for n in names if n.lower() in headers]
            if key in known and wanted:  # a column this file lacks keeps the guess
                self.mapping[key] = wanted if key in MULTI_COLUMN_FIELDS else wanted[:1]

    def _build(self, progress: Progress | None = None) -> ImportPreview:
        markup = self.source_kind != "csv"
        if self.kind == "requirements":
            return preview_requirements(
                self.session,
                self.table,
                self.mapping,
                self.value_maps,
                markup=markup,
                update_existing=self.update_existing,
                taken=self._taken,
                progress=progress,
                number_format=self.number_format,
                columns=self.columns,
            )
        return preview_inputs(
            self.session,
            self.table,
            self.mapping,
            self.default_source,
            markup=markup,
            people=self._people,
            progress=progress,
        )

    def remap(self, key: str, columns: list[int]) -> None:
        self.mapping[key] = list(columns)
        if key in NUMBER_FIELDS and not self._numbers_chosen:
            self.numbers = self._detect_numbers()
        if key in VOCABULARIES.get(self.kind, {}):
            previous = self.value_maps.get(key)
            self.value_maps = value_maps_for(self.kind, self.columns, self.fields, self.mapping)
            if previous is not None and key in self.value_maps:
                self.value_maps[key].apply_overrides(previous.overrides())
        self.preview = self._build()

    def choose_value(self, key: str, text: str, value: str | None) -> None:
        """The PM's choice: ``text`` in ``key``'s column becomes ``value`` (None: the default)."""
        self.value_maps[key].choose(text, value)
        self.preview = self._build()

    def set_default_source(self, source: str) -> None:
        self.default_source = source
        self.preview = self._build()

    def remember(self) -> None:
        """Keep this import's column and value choices for the next file of the same kind."""
        headers = self.table.headers
        columns = {key: [headers[c] for c in chosen] for key, chosen in self.mapping.items()}
        values = {key: vm.overrides() for key, vm in self.value_maps.items() if vm.overrides()}
        remembered.remember(self.kind, self.source_kind, columns, values)

    def rows_to_create(self) -> CheckedRows:
        """The good new rows as records, each with its id fixed (so redo recreates the same)."""
        model = Requirement if self.kind == "requirements" else CustomerInput
        with collection_paused():
            return CheckedRows.of(self.preview, model.__table__)

    def rows_to_update(self) -> list[tuple[str, dict[str, Any]]]:
        """Requirements already in the project (same key) and the values the file gives them;
        values checked column by column (:class:`CheckedUpdates`) are taken from the columns,
        without making each row's preview."""
        preview = self.preview
        updates = [index for index in preview.good_indexes if index in preview.existing]
        if not preview.checked:
            return [(preview.existing[index], preview.rows[index].values) for index in updates]
        columns = {key: column.stored(updates, MISSING) for key, column in preview.checked.items()}
        checked = CheckedUpdates()
        for position, index in enumerate(updates):
            given = {
                key: cells[position]
                for key, cells in columns.items()
                if cells[position] is not MISSING
            }
            checked.append((preview.existing[index], given))
        return checked


class CheckedUpdates(list[tuple[str, dict[str, Any]]]):
    """Requirements matched by key, each with the values a preview gave it: checked by the
    edit rules already, column by column, so :func:`update_rows` writes them as they are (as
    :func:`import_rows` writes :class:`CheckedRows`)."""


def update_rows(session: Session, rows: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Give requirements matched by key the file's values, all in one commit or none; returns
    each one's previous values, for undo."""
    return import_file_rows(session, "requirements", [], rows)[1]


def import_rows(
    session: Session, kind: str, rows: CheckedRows | Sequence[Mapping[str, Any]]
) -> list[str]:
    """Add rows as new records, all in one commit or none; returns their ids.

    One driver-level executemany of the rows' columns (:func:`insert_columns`, which tells the
    edit's recorder what it wrote): a 50,000-row tracker export goes in about as fast as SQLite
    takes it. Rows a preview checked (:class:`CheckedRows`) are written as they are; others
    (dicts with their ids) are cleaned by the same rules as an edit first.
    """
    if not rows:
        raise ValidationError("There are no rows without problems to import.")
    return import_file_rows(session, kind, rows, [])[0]


def import_file_rows(
    session: Session,
    kind: str,
    rows: CheckedRows | Sequence[Mapping[str, Any]],
    updates: Sequence[tuple[str, dict[str, Any]]],
) -> tuple[list[str], list[dict[str, Any]]]:
    """What an import writes, in one commit or not at all: the new ``rows`` (as
    :func:`import_rows` adds them) and the ``updates`` of requirements matched by key (as
    :func:`update_rows` gives them). Returns the new ids and each updated requirement's
    previous values, for undo. A requirement gone since the file was read refuses the whole
    import, so no new row is left behind without its undo step."""
    model = Requirement if kind == "requirements" else CustomerInput
    table = model.__table__
    defaults = new_row_values(table, utc_now())
    with collection_paused():
        try:
            ids: list[str] = []
            if rows:
                if not isinstance(rows, CheckedRows):
                    rows = _cleaned_rows(rows, kind, defaults)
                shared = {key: value for key, value in defaults.items() if key not in rows.columns}
                insert_columns(session, table, {"id": rows.ids, **rows.columns}, shared)
                ids = list(rows.ids)
            before: list[dict[str, Any]] = []
            if updates:
                if not isinstance(updates, CheckedUpdates):
                    clean = edit.clean_requirement_values
                    updates = [(record_id, clean(values)) for record_id, values in updates]
                before = records.write_many(session, Requirement, updates)
            session.commit()
        except Exception:
            session.rollback()
            raise
        finally:
            if updates:
                session.expire_all()  # the requirements the session holds read their new values
    return ids, before


def _cleaned_rows(
    rows: Sequence[Mapping[str, Any]], kind: str, defaults: Mapping[str, Any]
) -> CheckedRows:
    """Rows given as dicts, each cleaned strictly by the edit rules (the first problem raises)."""
    cleaning = Cleaning(edit.REQUIREMENT_FIELDS if kind == "requirements" else edit.INPUT_FIELDS)
    records_ = []
    known: set[tuple[str, ...]] = set()  # the rows' field names, checked once per set
    for row in rows:
        names = tuple(row)
        if names not in known:
            unknown = [key for key in names if key != "id" and key not in cleaning.rules]
            if unknown:
                raise ValidationError(f"There is no field called “{unknown[0]}”.")
            known.add(names)
        values = {key: value for key, value in row.items() if key != "id"}
        records_.append(cleaning(values, strict=True)[0])
    fields = dict.fromkeys(name for values in records_ for name in values)
    columns = {name: [values.get(name, defaults[name]) for values in records_] for name in fields}
    return CheckedRows([row["id"] for row in rows], columns)


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
    names = names_by_id(session)
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
