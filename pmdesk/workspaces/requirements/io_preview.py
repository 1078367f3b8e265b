"""The preview of a requirements or customer-input import: every row as it would come in, with
the reasons a bad one will be skipped; nothing is written.

Requirements are checked column by column (:mod:`pmdesk.interchange.columns`): each distinct
text of a column goes through the value map, the markup reader and the edit rule once, and a
row of the preview is made only when the dialog shows it, so a 50,000-row tracker export is
previewed in a fraction of a second. Customer inputs, whose rules look at several fields of a
row together (a stakeholder or else a customer), are checked row by row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmdesk.collector import collection_paused
from pmdesk.domain.values import POINT_DECIMAL, NumberFormat
from pmdesk.interchange.columns import (
    MISSING,
    CheckedColumn,
    LazyRows,
    TableColumns,
    check_column,
    combined,
)
from pmdesk.interchange.csv_table import CsvTable, FieldSpec
from pmdesk.interchange.numbers import in_plain_digits
from pmdesk.interchange.trackers import plain_text, tracker_date
from pmdesk.interchange.value_map import ValueMap, count_mapping
from pmdesk.workspaces.requirements import edit
from pmdesk.workspaces.requirements.io_fields import (
    INPUT_FIELDS,
    MARKUP_FIELDS,
    MULTI,
    MULTI_COLUMN_FIELDS,
    REQUIREMENT_FIELDS,
    TAG_FIELDS,
    VOCABULARIES,
    cleaned,
    kept_as_tags,
)
from pmdesk.workspaces.requirements.model import Requirement, join_tags, split_tags
from pmdesk.workspaces.stakeholders.query import ids_by_lowercase_name

ColumnMap = dict[str, list[int]]  # field key -> the columns that fill it (several for some)
Progress = Callable[[int, int], None]  # (rows checked, rows in all); raises to cancel
PROGRESS_EVERY = 2_000
NUMBER_FIELDS = ("reach", "impact", "confidence", "effort")  # read in the file's number format


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
    """Every row of the file (``rows``, made as they are read) and what comes of it."""

    kind: str  # "requirements" or "inputs"
    table: CsvTable
    fields: list[FieldSpec]
    mapping: ColumnMap
    rows: Sequence[RowPreview]
    missing: list[str]  # labels of required fields no column fills
    value_maps: dict[str, ValueMap] = field(default_factory=dict)
    problems: Mapping[int, list[str]] = field(default_factory=dict)  # row index -> problems
    existing: Mapping[int, str] = field(default_factory=dict)  # row index -> id it updates
    # Requirements: each field's checked cells, from which the new rows are written.
    checked: Mapping[str, CheckedColumn] = field(default_factory=dict)

    @cached_property
    def good_indexes(self) -> Sequence[int]:
        if self.missing:
            return []
        if not self.problems:
            return range(len(self.rows))
        return [index for index in range(len(self.rows)) if index not in self.problems]

    @cached_property
    def new_indexes(self) -> Sequence[int]:
        """The good rows that add a record (the others update one with the same key)."""
        if not self.existing:
            return self.good_indexes
        return [index for index in self.good_indexes if index not in self.existing]

    @property
    def good_rows(self) -> Sequence[RowPreview]:
        return LazyRows(self.good_indexes, self.rows.__getitem__)

    @property
    def bad_rows(self) -> Sequence[RowPreview]:
        return LazyRows(sorted(self.problems), self.rows.__getitem__)

    def summary(self) -> str:
        if self.missing:
            names = ", ".join(f"“{label}”" for label in self.missing)
            return (
                f"No column of the file maps to {names}; choose the column to use, "
                "or nothing can be imported."
            )
        good, bad = len(self.good_indexes), len(self.problems)
        updates = len(self.good_indexes) - len(self.new_indexes)
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


def _joined(key: str, texts: Iterable[str]) -> str:
    """The text several columns give one field: tags, sprints and fix versions together, else
    the first."""
    filled = [text for text in texts if text]
    if key in MULTI_COLUMN_FIELDS:
        return join_tags(split_tags(", ".join(filled)))
    return filled[0] if filled else ""


@dataclass(frozen=True)
class RawTexts:
    """What the mapped columns give each field, in the order a row's problems are listed:
    fields one column fills first (the column itself), then those several columns fill, whose
    texts are joined only where needed (a row shown, a field checked)."""

    columns: TableColumns
    single: dict[str, Sequence[str]]
    several: dict[str, list[int]]

    @classmethod
    def of(cls, columns: TableColumns, mapping: ColumnMap) -> RawTexts:
        single = {
            key: columns[chosen[0]]
            for key, chosen in mapping.items()
            if len(chosen) == 1 and key not in MULTI
        }
        several = {
            key: list(chosen)
            for key, chosen in mapping.items()
            if chosen and (len(chosen) > 1 or key in MULTI)
        }
        return cls(columns, single, several)

    @property
    def keys(self) -> list[str]:
        return [*self.single, *self.several]

    def row(self, index: int) -> dict[str, str]:
        raw = {key: texts[index] for key, texts in self.single.items()}
        for key, chosen in self.several.items():
            raw[key] = _joined(key, [self.columns[column][index] for column in chosen])
        return raw

    def texts(self, key: str) -> Sequence[str]:
        """``key``'s text in every row."""
        if key in self.single:
            return self.single[key]
        return combined(lambda *cells: _joined(key, cells), *self._cells(key))

    def _cells(self, key: str) -> list[Sequence[str]]:
        """The columns that fill ``key`` (none when no column does)."""
        if key in self.single:
            return [self.single[key]]
        return [self.columns[column] for column in self.several.get(key, ())]

    def tags(self, tag_keys: list[str]) -> list[str]:
        """The tags of every row with the tracker fields kept as tags ("sprint:Sprint 4")."""
        sources = ["tags", *tag_keys]
        cells = [self._cells(key) for key in sources]
        widths = [len(part) for part in cells]

        def tags(*texts: str) -> str:
            given = {}
            start = 0
            for key, width in zip(sources, widths, strict=True):
                given[key] = _joined(key, texts[start : start + width])
                start += width
            text = given.pop("tags")
            if any(given.values()):
                return join_tags([*split_tags(text), *kept_as_tags(given)])
            return text

        return combined(tags, *(column for part in cells for column in part))


def value_maps_for(
    kind: str, columns: TableColumns, fields: Sequence[FieldSpec], mapping: ColumnMap
) -> dict[str, ValueMap]:
    labels = {spec.key: spec.label for spec in fields}
    return {
        key: ValueMap.of(key, labels[key], vocabulary, columns.texts(mapping[key]))
        for key, vocabulary in VOCABULARIES.get(kind, {}).items()
        if mapping.get(key)
    }


def _stages(progress: Progress | None, total: int, stages: int) -> Callable[[], None]:
    """A report to ``progress`` after each of ``stages`` steps, in rows (the dialog counts rows);
    the last step reports every row."""
    done = [0]

    def step() -> None:
        done[0] += 1
        if progress is not None:
            progress(min(total, total * done[0] // stages), total)  # raises to stop

    if progress is not None:
        progress(0, total)
    return step


# -- requirements, column by column ------------------------------------------------------------


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
    columns: TableColumns | None = None,
) -> ImportPreview:
    """What importing ``table`` as requirements would do; nothing is written.

    ``markup``: the file comes from a tracker, so its text fields are Jira or Markdown markup.
    ``update_existing``: a key already in the project updates that requirement.
    ``taken``: the project's keys (:func:`keys_in_project`), when already read.
    ``number_format``: how the file writes its numbers (reach, impact, confidence, effort).
    ``columns``: the table's columns, when already cut out.
    """
    taken = keys_in_project(session) if taken is None else taken
    chosen = mapping if mapping is not None else guess_columns(table.headers, REQUIREMENT_FIELDS)
    columns = TableColumns(table) if columns is None else columns
    maps = (
        value_maps
        if value_maps is not None
        else value_maps_for("requirements", columns, REQUIREMENT_FIELDS, chosen)
    )
    missing = [
        spec.label for spec in REQUIREMENT_FIELDS if spec.required and not chosen.get(spec.key)
    ]
    count = columns.count
    with collection_paused():
        raw = RawTexts.of(columns, chosen)
        step = _stages(progress, count, len(raw.keys) + 2)
        checked = _checked_columns(raw, chosen, maps, markup, number_format, step)
        problems = _problems(raw.texts("title") if chosen.get("title") else None, checked, count)
        step()
        existing = _keys(checked.get("reference"), table.lines, taken, update_existing, problems)
        step()

    lines = table.lines

    def row(index: int) -> RowPreview:
        values = {}
        for key, column in checked.items():
            value = column.value(index)
            if value is not MISSING:
                values[key] = value
        return RowPreview(
            lines[index],
            raw.row(index),
            values,
            list(problems.get(index, ())),
            existing.get(index),
        )

    rows = LazyRows(range(count), row)
    return ImportPreview(
        "requirements",
        table,
        REQUIREMENT_FIELDS,
        dict(chosen),
        rows,
        missing,
        maps,
        problems,
        existing,
        checked,
    )


def _checked_columns(
    raw: RawTexts,
    mapping: ColumnMap,
    maps: Mapping[str, ValueMap],
    markup: bool,
    number_format: NumberFormat,
    step: Callable[[], None],
) -> dict[str, CheckedColumn]:
    """Each field's cells through what the file's words become and the edit rule, in the
    order of ``raw`` (tags last when only the tracker fields kept as tags fill them)."""
    rules = edit.REQUIREMENT_FIELDS
    before: dict[str, Callable[[str], str]] = {}  # what a cell's text becomes before its rule
    for key, value_map in maps.items():
        before[key] = value_map.target
    if markup:
        before.update({key: plain_text for key in MARKUP_FIELDS})
    for key in NUMBER_FIELDS:
        before[key] = lambda text, f=number_format: in_plain_digits(text, f)

    def rule(key: str) -> Callable[[str], Any]:
        label, clean = rules[key]
        change = before.get(key)

        def check(text: str) -> Any:
            if change is not None and text.strip():
                text = change(text)
            if not text.strip():
                return MISSING  # an empty cell keeps the field's default
            return clean(label, text)

        return check

    tag_keys = [key for key in TAG_FIELDS if mapping.get(key)]  # the others are never in a row
    checked: dict[str, CheckedColumn] = {}
    for key in raw.keys:
        if key == "tags" and tag_keys:
            checked[key] = check_column(raw.tags(tag_keys), rule(key))
        elif key in rules:
            at_once = _at_once(rules[key][1], key in before)
            checked[key] = check_column(raw.texts(key), rule(key), at_once)
        step()
    if tag_keys and "tags" not in checked:
        checked["tags"] = check_column(raw.tags(tag_keys), rule("tags"))
    return checked


def _at_once(clean: Any, changed: bool) -> Callable[[Sequence[str]], list[str] | None] | None:
    """A plain text rule checks a column's cells in one go."""
    if changed or not isinstance(clean, edit.TextRule):
        return None
    return clean.column


def _problems(
    titles: Sequence[str] | None, checked: Mapping[str, CheckedColumn], count: int
) -> dict[int, list[str]]:
    """Row index -> its problems: an empty title first, then each refused cell."""
    problems: dict[int, list[str]] = {}
    title = checked.get("title")
    every_title = title is not None and title.values is not None  # none blank, none refused
    if titles is None:
        problems = {index: ["The title is empty"] for index in range(count)}
    elif not every_title and not all(map(str.strip, set(titles))):
        for index, text in enumerate(titles):
            if not text.strip():
                problems[index] = ["The title is empty"]
    for column in checked.values():
        for index, problem in column.problems.items():
            problems.setdefault(index, []).append(problem)
    return problems


def _keys(
    reference: CheckedColumn | None,
    lines: Sequence[int],
    taken: Mapping[str, str],
    update_existing: bool,
    problems: dict[int, list[str]],
) -> dict[int, str]:
    """Keys already in the project (an update, or a reason to skip) and keys a file repeats
    (the first one wins); returns row index -> the requirement it updates."""
    existing: dict[int, str] = {}
    if reference is None:
        return existing
    if _said_once(reference, taken):
        return existing  # every key is new and said once: nothing to report
    keys = ["" if value is MISSING else str(value).lower() for value in reference.every_value()]
    first_line: dict[str, int] = {}
    for index, key in enumerate(keys):
        if not key:
            continue
        if key in taken:
            if not update_existing:
                shown = reference.value(index)
                problems.setdefault(index, []).append(f"Key {shown} is already in the project")
                continue
            existing[index] = taken[key]
        if key in first_line:
            shown = reference.value(index)
            problems.setdefault(index, []).append(f"Key {shown} is also on line {first_line[key]}")
        else:
            first_line[key] = lines[index]
    return existing


def _said_once(reference: CheckedColumn, taken: Mapping[str, str]) -> bool:
    """Whether every key of the file is new to the project and on one row only, ignoring case
    (a large export's usual case, answered without a look at each row)."""
    if reference.values is not None:  # a key on every row
        lowered = set(map(str.lower, reference.values))
        return len(lowered) == len(reference.values) and lowered.isdisjoint(taken)
    keyless = reference.missing  # blank or refused keys: the rows without one
    if len(keyless) > 10:
        return False  # many refused keys: the rows tell
    keys = len(reference.outcome) - len(keyless)
    if keys != len(reference.texts) - sum(map(reference.texts.count, keyless)):
        return False  # a text repeated
    values = reference.outcome.values()
    if keyless:
        values = [value for value in values if value is not MISSING]
    lowered = set(map(str.lower, values))
    return len(lowered) == keys and lowered.isdisjoint(taken)


def keys_in_project(session: Session) -> dict[str, str]:
    """Lower-cased tracker key -> requirement id, for every requirement that has a key."""
    return {
        key.lower(): record_id
        for record_id, key in session.execute(
            select(Requirement.id, Requirement.reference).where(Requirement.reference != "")
        )
    }


# -- customer inputs, row by row ---------------------------------------------------------------


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
    people = ids_by_lowercase_name(session) if people is None else people
    rules = {key: rule for key, rule in edit.INPUT_FIELDS.items() if key != "stakeholder_id"}

    def check(raw: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
        raw = dict(raw)
        if raw.get("received_on"):
            day = tracker_date(raw["received_on"])
            raw["received_on"] = day.isoformat() if day else raw["received_on"]
        if markup and raw.get("quote"):
            raw["quote"] = plain_text(raw["quote"])
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
    missing = [spec.label for spec in INPUT_FIELDS if spec.required and not chosen.get(spec.key)]
    single = [(key, c[0]) for key, c in chosen.items() if len(c) == 1 and key not in MULTI]
    several = [(key, c) for key, c in chosen.items() if c and (len(c) > 1 or key in MULTI)]
    rows = []
    total = len(table.rows)
    for line, cells in zip(table.lines, table.rows, strict=True):
        if progress is not None and len(rows) % PROGRESS_EVERY == 0:
            progress(len(rows), total)  # raises (ImportCancelledError) to stop
        width = len(cells)
        raw = {key: cells[column] if column < width else "" for key, column in single}
        for key, indexes in several:
            raw[key] = _joined(key, (cells[c] for c in indexes if c < width))
        values, problems = check(raw)
        rows.append(RowPreview(line, raw, values, problems))
    bad = {index: row.problems for index, row in enumerate(rows) if row.problems}
    return ImportPreview("inputs", table, INPUT_FIELDS, dict(chosen), rows, missing, {}, bad)
