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

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmdesk.domain import records
from pmdesk.domain.base import new_id, utc_now
from pmdesk.domain.values import POINT_DECIMAL, NumberFormat
from pmdesk.errors import ValidationError
from pmdesk.interchange import remembered
from pmdesk.interchange.bulk import collection_paused
from pmdesk.interchange.csv_table import (
    CsvTable,
    FieldSpec,
    read_csv_bytes,
    write_csv,
)
from pmdesk.interchange.numbers import DetectedFormat, detect_number_format, in_plain_digits
from pmdesk.interchange.tables import read_table as read_any_table
from pmdesk.interchange.trackers import plain_text, source_kind, tracker_date
from pmdesk.interchange.value_map import ValueMap, count_mapping
from pmdesk.store.touched import insert_many, new_row_values
from pmdesk.workspaces.requirements import edit, query
from pmdesk.workspaces.requirements.io_fields import (
    INPUT_FIELDS,
    MARKUP_FIELDS,
    MULTI,
    MULTI_COLUMN_FIELDS,
    REQUIREMENT_FIELDS,
    TAG_FIELDS,
    VOCABULARIES,
    Cleaning,
    cleaned,
    kept_as_tags,
)
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

ColumnMap = dict[str, list[int]]  # field key -> the columns that fill it (several for some)
Progress = Callable[[int, int], None]  # (rows checked, rows in all); raises to cancel
PROGRESS_EVERY = 2_000
NUMBER_FIELDS = ("reach", "impact", "confidence", "effort")  # read in the file's number format


# -- reading the file ----------------------------------------------------------------------------


def read_table(path: Path, sheet: str | None = None) -> CsvTable:
    """A CSV file or a workbook's sheet; other kinds of file are refused in one sentence."""
    return read_any_table(path, repeated_headers=True, sheet=sheet, what="as requirements")


def table_from_bytes(data: bytes, source: str) -> CsvTable:
    """Split CSV bytes into headers and rows, keeping repeated column names."""
    return read_csv_bytes(data, source, repeated_headers=True)


# -- the preview ---------------------------------------------------------------------------------


@dataclass
class RowPreview:
    line: int
    raw: dict[str, str]  # field key -> the text that fills it
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    existing_id: str | None = None  # the requirement this row updates (same key)

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
    value_maps: dict[str, ValueMap] = field(default_factory=dict)

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
        updates = sum(1 for row in self.good_rows if row.existing_id)
        noun = "requirement" if self.kind == "requirements" else "customer input"
        text = f"{good} {noun}{'s' if good != 1 else ''} ready to import"
        if updates:
            text += f" ({updates} update{'s' if updates != 1 else ''} of the same key)"
        mapped = count_mapping(self.value_maps.values()).sentence()
        if mapped:
            text += f"; {mapped}"
        if bad:
            text += f"; {bad} row{'s' if bad != 1 else ''} with problems will be skipped"
        return text + "."


def guess_columns(headers: Sequence[str], fields: Sequence[FieldSpec]) -> ColumnMap:
    """Each field's columns by name; some take every matching column, others the best one
    (the column matching the field's earliest name, so "Issue key" wins over "Issue id")."""
    mapping: ColumnMap = {}
    used: set[int] = set()
    for spec in fields:
        names = (spec.key, spec.label, *spec.aliases)
        ranked = []
        for index, header in enumerate(headers):
            if index in used or not header:
                continue
            rank = next((r for r, name in enumerate(names) if _same(name, header)), None)
            if rank is not None:
                ranked.append((rank, index))
        if spec.key in MULTI_COLUMN_FIELDS:
            chosen = sorted(index for _rank, index in ranked)
        else:
            chosen = [min(ranked)[1]] if ranked else []
        used.update(chosen)
        mapping[spec.key] = chosen
    return mapping


def _same(name: str, header: str) -> bool:
    return FieldSpec("", name).matches(header)


def _raw(cells: list[str], columns: list[int], key: str) -> str:
    texts = [cells[c] for c in columns if c < len(cells) and cells[c]]
    if key in MULTI_COLUMN_FIELDS:
        return join_tags(split_tags(", ".join(texts)))
    return texts[0] if texts else ""


def column_texts(table: CsvTable, columns: Iterable[int]) -> Iterable[str]:
    """Every cell of ``columns``, row after row (for the distinct values of a column)."""
    wanted = list(columns)
    for cells in table.rows:
        for column in wanted:
            if column < len(cells):
                yield cells[column]


def value_maps_for(
    kind: str, table: CsvTable, fields: Sequence[FieldSpec], mapping: ColumnMap
) -> dict[str, ValueMap]:
    labels = {spec.key: spec.label for spec in fields}
    return {
        key: ValueMap.of(key, labels[key], vocabulary, column_texts(table, mapping[key]))
        for key, vocabulary in VOCABULARIES.get(kind, {}).items()
        if mapping.get(key)
    }


def _preview(
    kind: str,
    table: CsvTable,
    fields: list[FieldSpec],
    mapping: ColumnMap,
    check: Callable[[dict[str, str]], tuple[dict[str, Any], list[str]]],
    value_maps: dict[str, ValueMap],
    progress: Progress | None = None,
) -> ImportPreview:
    missing = [spec.label for spec in fields if spec.required and not mapping.get(spec.key)]
    single = [(key, c[0]) for key, c in mapping.items() if len(c) == 1 and key not in MULTI]
    several = [(key, c) for key, c in mapping.items() if c and (len(c) > 1 or key in MULTI)]
    rows = []
    total = len(table.rows)
    joined_memo: dict[tuple[str, tuple[str, ...]], str] = {}  # labels, sprints: few distinct
    for line, cells in zip(table.lines, table.rows, strict=True):
        if progress is not None and len(rows) % PROGRESS_EVERY == 0:
            progress(len(rows), total)  # raises (ImportCancelledError) to stop
        width = len(cells)
        raw = {key: cells[column] if column < width else "" for key, column in single}
        for key, columns in several:
            texts = tuple(cells[c] for c in columns if c < width)
            joined = joined_memo.get((key, texts))
            if joined is None:
                joined = joined_memo[(key, texts)] = _raw(cells, columns, key)
            raw[key] = joined
        values, problems = check(raw)
        rows.append(RowPreview(line, raw, values, problems))
    return ImportPreview(kind, table, fields, dict(mapping), rows, missing, value_maps)


def preview_requirements(
    session: Session,
    table: CsvTable,
    mapping: ColumnMap | None = None,
    value_maps: dict[str, ValueMap] | None = None,
    *,
    markup: bool = False,
    update_existing: bool = False,
    taken: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    number_format: NumberFormat = POINT_DECIMAL,
) -> ImportPreview:
    """What importing ``table`` as requirements would do; nothing is written.

    ``markup``: the file comes from a tracker, so its text fields are Jira or Markdown markup.
    ``update_existing``: a key already in the project updates that requirement.
    ``taken``: the project's keys (:func:`keys_in_project`), when already read.
    ``number_format``: how the file writes its numbers (reach, impact, confidence, effort).
    """
    taken = keys_in_project(session) if taken is None else taken
    chosen = mapping if mapping is not None else guess_columns(table.headers, REQUIREMENT_FIELDS)
    maps = (
        value_maps
        if value_maps is not None
        else value_maps_for("requirements", table, REQUIREMENT_FIELDS, chosen)
    )

    cleaning = Cleaning(edit.REQUIREMENT_FIELDS)
    tag_memo: dict[tuple[str, ...], str] = {}
    text_memo: dict[str, str] = {}  # a tracker's templates and boilerplate repeat

    mapped: dict[str, dict[str, str]] = {key: {} for key in maps}  # raw word -> stored value
    markup_keys = MARKUP_FIELDS if markup else ()
    tag_keys = [key for key in TAG_FIELDS if chosen.get(key)]  # the others are never in a row

    def check(raw: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
        raw = dict(raw)
        get = raw.get
        for key, value_map in maps.items():
            text = get(key)
            if text and text.strip():
                seen = mapped[key]
                target = seen.get(text)
                if target is None:
                    target = seen[text] = value_map.target(text)
                raw[key] = target
        for key in markup_keys:
            text = get(key)
            if text:
                plain = text_memo.get(text)
                if plain is None:
                    plain = text_memo[text] = plain_text(text)
                raw[key] = plain
        for key in NUMBER_FIELDS:
            if get(key):
                raw[key] = in_plain_digits(raw[key], number_format)
        parts = (get("tags", ""), *[get(key, "") for key in tag_keys])
        if any(parts[1:]):
            tags = tag_memo.get(parts)
            if tags is None:
                tags = tag_memo[parts] = join_tags([*split_tags(parts[0]), *kept_as_tags(raw)])
            raw["tags"] = tags
        values, problems = cleaning(raw)
        if not get("title", "").strip():
            problems.insert(0, "The title is empty")
        if values.get("reference", "").lower() in taken and not update_existing:
            problems.append(f"Key {values['reference']} is already in the project")
        return values, problems

    with collection_paused():
        result = _preview("requirements", table, REQUIREMENT_FIELDS, chosen, check, maps, progress)
    first_line: dict[str, int] = {}  # a key repeated within the file: the first one wins
    for row in result.rows:
        reference = str(row.values.get("reference", "")).lower()
        if not reference:
            continue
        if reference in taken:
            row.existing_id = taken[reference] if update_existing else None
            if not update_existing:
                continue
        if reference in first_line:
            shown = row.values["reference"]
            row.problems.append(f"Key {shown} is also on line {first_line[reference]}")
        else:
            first_line[reference] = row.line
    return result


def keys_in_project(session: Session) -> dict[str, str]:
    """Lower-cased tracker key -> requirement id, for every requirement that has a key."""
    return {
        key.lower(): record_id
        for record_id, key in session.execute(
            select(Requirement.id, Requirement.reference).where(Requirement.reference != "")
        )
    }


def people_in_project(session: Session) -> dict[str, str]:
    """Lower-cased stakeholder name -> id."""
    return {
        name.lower(): record_id
        for record_id, name in session.execute(select(Stakeholder.id, Stakeholder.name))
    }


def preview_inputs(
    session: Session,
    table: CsvTable,
    mapping: ColumnMap | None = None,
    default_source: str = "survey",
    *,
    markup: bool = False,
    people: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> ImportPreview:
    """What importing ``table`` as customer inputs would do; nothing is written."""
    people = people_in_project(session) if people is None else people

    def check(raw: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
        raw = dict(raw)
        if raw.get("received_on"):
            day = tracker_date(raw["received_on"])
            raw["received_on"] = day.isoformat() if day else raw["received_on"]
        if markup and raw.get("quote"):
            raw["quote"] = plain_text(raw["quote"])
        rules = {key: rule for key, rule in edit.INPUT_FIELDS.items() if key != "stakeholder_id"}
        values, problems = cleaned(rules, raw)
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
    return _preview("inputs", table, INPUT_FIELDS, chosen, check, {}, progress)


class CheckedRows(list):
    """Rows a preview has cleaned already: :func:`import_rows` need not clean them again."""


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
        self._people = people_in_project(session) if kind == "inputs" else {}
        self.table = table
        self.source = source
        self.kind = kind
        self.update_existing = update_existing
        self.source_kind = source_kind(table.headers)
        self.default_source = "survey"
        self.fields = REQUIREMENT_FIELDS if kind == "requirements" else INPUT_FIELDS
        self.mapping = guess_columns(table.headers, self.fields)
        memory = remembered.recall(kind, self.source_kind) if recall else {}
        self._apply_remembered_columns(memory.get("columns", {}))
        self.value_maps = value_maps_for(kind, table, self.fields, self.mapping)
        for key, choices in memory.get("values", {}).items():
            if key in self.value_maps:
                self.value_maps[key].apply_overrides(choices)
        self.numbers = self._detect_numbers()
        self._numbers_chosen = False  # the PM's choice stays when columns change
        self.preview = self._build(progress)

    def _detect_numbers(self) -> DetectedFormat:
        columns = [c for key in NUMBER_FIELDS for c in self.mapping.get(key, [])]
        return detect_number_format(column_texts(self.table, columns), self.table.delimiter)

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
            self.value_maps = value_maps_for(self.kind, self.table, self.fields, self.mapping)
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

    def rows_to_create(self) -> list[dict[str, Any]]:
        """The good new rows as records, each with its id fixed (so redo recreates the same)."""
        with collection_paused():
            return CheckedRows(
                {"id": new_id(), **row.values}
                for row in self.preview.good_rows
                if not row.existing_id
            )

    def rows_to_update(self) -> list[tuple[str, dict[str, Any]]]:
        """Requirements already in the project (same key) and the values the file gives them."""
        return [(row.existing_id, row.values) for row in self.preview.good_rows if row.existing_id]


def update_rows(session: Session, rows: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Give requirements matched by key the file's values, all in one commit or none; returns
    each one's previous values, for undo."""
    before = []
    try:
        for record_id, values in rows:
            cleaned = edit.clean_requirement_values(values)
            record = records.get(session, Requirement, record_id)
            before.append({name: getattr(record, name) for name in cleaned})
            for name, value in cleaned.items():
                setattr(record, name, value)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return before


def import_rows(session: Session, kind: str, rows: list[dict[str, Any]]) -> list[str]:
    """Add checked rows as new records, all in one commit or none.

    One driver-level executemany rather than an object per row (:func:`insert_many`, which
    tells the edit's recorder what it wrote): a 50,000-row tracker export goes in about as fast
    as SQLite takes it. Every row is cleaned by the same rules as an edit first.
    """
    if not rows:
        raise ValidationError("There are no rows without problems to import.")
    model = Requirement if kind == "requirements" else CustomerInput
    table = model.__table__
    defaults = new_row_values(table, utc_now())
    cleaning = Cleaning(edit.INPUT_FIELDS if model is CustomerInput else edit.REQUIREMENT_FIELDS)
    with collection_paused():
        try:
            records_ = []
            known: set[tuple[str, ...]] = set()  # the rows' field names, checked once per set
            for row in rows:
                names = tuple(row)
                if names not in known:
                    unknown = [key for key in names if key != "id" and key not in cleaning.rules]
                    if unknown:
                        raise ValidationError(f"There is no field called “{unknown[0]}”.")
                    known.add(names)
                if isinstance(rows, CheckedRows):  # cleaned by the preview: only stamped here
                    records_.append({**defaults, **row})
                    continue
                values = {key: value for key, value in row.items() if key != "id"}
                values, _problems = cleaning(values, strict=True)
                records_.append({**defaults, **values, "id": row["id"]})
            insert_many(session, table, records_)
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
