"""Any table a PM brings, as a :class:`CsvTable`: a CSV file or a sheet of an Excel workbook.

:func:`read_table` looks at what the file is first (:mod:`detect`), reads CSV through
:mod:`csv_table` and ``.xlsx`` through openpyxl (read-only, values not formulas), and refuses
every other kind with one sentence. A workbook with several sheets that hold data needs the PM
to choose one (:class:`SheetChoiceError` lists them); merged cells in the header row are
refused, as nobody can tell which column such a name belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from pmdesk.errors import InterchangeError
from pmdesk.interchange.csv_table import MAX_BYTES, CsvTable, read_csv_file
from pmdesk.interchange.detect import detect, refuse
from pmdesk.store.fileformat import quoted

MAX_CELLS = 5_000_000  # a workbook this big is a data dump, not a list a PM keeps


class ImportCancelledError(Exception):
    """The PM cancelled a long import while it was being read; nothing was changed."""


class SheetChoiceError(InterchangeError):
    """The workbook has several sheets with data; the PM chooses which to import."""

    def __init__(self, message: str, sheets: list[str]) -> None:
        super().__init__(message)
        self.sheets = sheets


@dataclass(frozen=True)
class SheetTable(CsvTable):
    """A table read from one sheet of a workbook."""

    sheet: str = ""

    def describe(self) -> str:
        count = len(self.rows)
        return (
            f"{count} row{'s' if count != 1 else ''}, {len(self.headers)} columns, "
            f"sheet “{self.sheet}” of an Excel workbook"
        )


def read_table(
    path: Path, *, repeated_headers: bool = False, sheet: str | None = None, what: str = "here"
) -> CsvTable:
    """The table in ``path``, whatever kind of table file it is.

    Args:
        repeated_headers: keep columns whose names repeat (trackers repeat "Labels").
        sheet: the workbook sheet to read; None when the file has one, or to be told the choice.
        what: how the importer names itself in a refusal ("as requirements").
    """
    kind = detect(path)
    if kind.key == "csv":
        return read_csv_file(path, repeated_headers=repeated_headers)
    if kind.key == "xlsx":
        return read_xlsx(path, sheet=sheet, repeated_headers=repeated_headers)
    raise refuse(path, kind, what)


def read_xlsx(path: Path, *, sheet: str | None = None, repeated_headers: bool = False) -> CsvTable:
    name = quoted(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise InterchangeError(f"{name} cannot be read: {error.strerror}.") from None
    if size > MAX_BYTES:
        raise InterchangeError(f"{name} is too large to import ({size:,} bytes).")
    import openpyxl  # only when a workbook is imported: it costs a moment to load

    try:
        # Not read-only mode: merged cells are only known to a fully loaded sheet.
        book = openpyxl.load_workbook(path, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for damaged files
        raise InterchangeError(f"{name} is not a readable Excel workbook ({error}).") from None
    try:
        used = [ws.title for ws in book.worksheets if ws.max_row > 1 or ws.max_column > 1]
        if sheet is None:
            if len(used) > 1:
                names = ", ".join(f"“{title}”" for title in used)
                raise SheetChoiceError(
                    f"{name} has {len(used)} sheets with data ({names}); choose the one to import.",
                    used,
                )
            sheet = used[0] if used else book.worksheets[0].title
        if sheet not in book.sheetnames:
            raise InterchangeError(f"{name} has no sheet called “{sheet}”.")
        return _sheet_table(book[sheet], name, sheet, repeated_headers)
    finally:
        book.close()


def _sheet_table(ws: Any, name: str, sheet: str, repeated_headers: bool) -> SheetTable:
    if ws.max_row * ws.max_column > MAX_CELLS:
        raise InterchangeError(f"{name} is too large to import ({ws.max_row:,} rows).")
    records: list[tuple[int, list[str]]] = []
    for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
        cells = [_text(value) for value in values]
        while cells and not cells[-1]:
            cells.pop()
        if any(cells):
            records.append((number, cells))
    if not records:
        raise InterchangeError(
            f"The sheet “{sheet}” of {name} is empty: there is nothing to import."
        )
    header_line, headers = records[0]
    for merged in ws.merged_cells.ranges:
        if merged.min_row <= header_line <= merged.max_row and merged.min_col != merged.max_col:
            raise InterchangeError(
                f"The sheet “{sheet}” of {name} has merged cells in its header row "
                f"({merged.coord}); unmerge them so that every column has its own name."
            )
    named = [h.lower() for h in headers if h]
    if not repeated_headers and len(set(named)) < len(named):
        repeated = next(h for h in headers if h and named.count(h.lower()) > 1)
        raise InterchangeError(f"{name} has the column “{repeated}” more than once.")
    width = len(headers)
    rows = [cells + [""] * (width - len(cells)) for _line, cells in records[1:]]
    if not rows:
        raise InterchangeError(f"{name} has column names but no rows to import.")
    lines = [line for line, _cells in records[1:]]
    return SheetTable(headers, rows, lines, ",", "xlsx", sheet)


def _text(value: object) -> str:
    """A cell as the text a PM sees: dates as ISO, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
