"""Check-ins in and out of CSV files, and from a pasted column of dates and values.

Import reads a spreadsheet's columns into one key result's check-ins through the shared CSV
reader (``interchange.csv_table``), so every bad row carries its reason before anything is
written; export writes every key result's check-ins, one row each, in a file that imports back.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from pmdesk.errors import ValidationError
from pmdesk.interchange.csv_table import (
    CsvTable,
    FieldSpec,
    Preview,
    build_preview,
    guess_mapping,
    read_csv_file,
    write_csv,
)
from pmdesk.workspaces.goals.edit import clean_check_in
from pmdesk.workspaces.goals.query import Goals

CHECK_IN_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("on_date", "Date", required=True, aliases=("day", "measured on", "as of")),
    FieldSpec("value", "Value", required=True, aliases=("actual", "number", "amount")),
    FieldSpec("note", "Note", aliases=("notes", "comment")),
    FieldSpec("source", "Source", aliases=("from", "data source")),
)
EXPORT_HEADERS = ("Objective", "Key result", "Unit", "Date", "Value", "Note", "Source")
PASTE_COLUMNS = ("on_date", "value", "note", "source")


def read_check_ins(path: Path, first: date, last: date, today: date) -> Preview:
    """Every row of a CSV file as a check-in of a key result whose period is first..last."""
    return preview_check_ins(read_csv_file(path), first, last, today)


def preview_check_ins(
    table: CsvTable,
    first: date,
    last: date,
    today: date,
    mapping: Mapping[str, int | None] | None = None,
) -> Preview:
    """The rows as check-ins, reading each field from the column ``mapping`` names (guessed
    from the headers when not given)."""
    if mapping is None:
        mapping = guess_mapping(table.headers, CHECK_IN_FIELDS)

    def check(raw: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
        try:
            return clean_check_in(raw, first, last, today), []
        except ValidationError as error:
            return {}, [str(error)]

    return build_preview(table, CHECK_IN_FIELDS, mapping, check)


class CheckInReview:
    """A CSV file of check-ins on its way into one key result: which column fills which field,
    and the preview that gives. The shared import preview changes the mapping; nothing is
    written until the page adds ``preview.good_rows`` once the PM confirms."""

    def __init__(self, table: CsvTable, source: str, first: date, last: date, today: date):
        self.table, self.source = table, source
        self.value_maps: dict[str, Any] = {}  # no field of a check-in is value-mapped
        self.period, self.today = (first, last), today
        self.mapping: dict[str, int | None] = dict(guess_mapping(table.headers, CHECK_IN_FIELDS))
        self.preview = preview_check_ins(table, first, last, today, self.mapping)

    def remap(self, key: str, column: int | None) -> None:
        self.mapping[key] = column
        self.preview = preview_check_ins(self.table, *self.period, self.today, self.mapping)

    def summary(self) -> str:
        return self.preview.summary()


def review_check_ins(path: Path, first: date, last: date, today: date) -> CheckInReview:
    """A CSV file read for the import preview (raises ``PmdeskError`` when it cannot be read)."""
    return CheckInReview(read_csv_file(path), path.name, first, last, today)


def export_check_ins(path: Path, goals: Goals) -> int:
    """Write every check-in of every key result; the number of rows written."""
    rows = [
        (
            objective.title,
            result.metric,
            result.unit,
            check_in.on_date.isoformat(),
            f"{check_in.value:g}",
            check_in.note,
            check_in.source,
        )
        for objective in goals.objectives
        for result in objective.key_results
        for check_in in result.check_ins
    ]
    write_csv(path, EXPORT_HEADERS, rows)
    return len(rows)


def parse_pasted(text: str) -> list[dict[str, str]]:
    """Rows of a pasted block: date, value and optionally note and source, tab-separated as a
    spreadsheet copies them. Blank lines are skipped; a header line ("Date  Value") too."""
    rows: list[dict[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if number == 1 and cells[0].lower() in ("date", "day", "on"):
            continue
        if len(cells) < 2:
            raise ValidationError(
                f"Line {number} of the pasted text has no value beside its date: paste two "
                "columns from a spreadsheet, dates and values (a note and a source may follow)."
            )
        rows.append(dict(zip(PASTE_COLUMNS, cells, strict=False)))
    if not rows:
        raise ValidationError("There is nothing to paste: copy dates and values first.")
    return rows
