"""Reading CSV files from spreadsheets, checking them row by row, and writing them back.

Generic: any workspace that imports a CSV describes its fields with :class:`FieldSpec`, lets
:func:`guess_mapping` match them to the file's columns (the PM may change the mapping), and
gets a :class:`Preview` in which every bad row carries its reasons, so nothing is imported
before the PM has seen and confirmed it.

Files may be UTF-8 with or without a byte-order mark (Excel's "CSV UTF-8" has one), or UTF-16
with a mark (Excel's "Unicode text"), separated by commas, semicolons (European Excel) or tabs;
Excel's "sep=;" first line is honoured. Messages name the line where a row starts.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pmdesk.collector import collection_paused
from pmdesk.errors import InterchangeError
from pmdesk.interchange.column_rows import ColumnRows
from pmdesk.store.atomic import write_text_atomically
from pmdesk.store.fileformat import quoted

MAX_BYTES = 20 * 1024 * 1024  # a stakeholder list this big is a wrong file, not a list
DELIMITERS = (",", ";", "\t")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
PROGRESS_EVERY = 1_000  # rows checked between two reports to a progress dialog


@dataclass(frozen=True)
class CsvTable:
    """A CSV file's column names and rows, as text."""

    headers: list[str]
    rows: Sequence[list[str]]  # a CSV file read in is kept as its columns (ColumnRows)
    lines: list[int]  # the file line each row starts on, for messages
    delimiter: str
    encoding: str

    def describe(self) -> str:
        count = len(self.rows)
        return (
            f"{count} row{'s' if count != 1 else ''}, {len(self.headers)} columns, "
            f"{DELIMITER_NAMES[self.delimiter]}-separated, {self.encoding}"
        )


def read_csv_file(path: Path, *, repeated_headers: bool = False) -> CsvTable:
    """Read a CSV file; ``repeated_headers`` keeps columns whose names repeat (issue trackers
    export one "Labels" column per label) instead of refusing them."""
    name = quoted(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InterchangeError(f"{name} is too large for a CSV import ({size:,} bytes).")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InterchangeError(f"{name} does not exist.") from None
    except IsADirectoryError:
        raise InterchangeError(f"{name} is a folder, not a CSV file.") from None
    except OSError as error:
        raise InterchangeError(f"{name} cannot be read: {error.strerror}.") from None
    return read_csv_bytes(data, name, repeated_headers=repeated_headers)


def read_csv_bytes(data: bytes, source: str, *, repeated_headers: bool = False) -> CsvTable:
    """Decode and split CSV bytes; ``source`` names the file in messages."""
    text, encoding = _decode(data, source)
    if not text.strip():
        raise InterchangeError(f"{source} is empty: there is nothing to import.")
    text, delimiter, skipped = _excel_separator(text)
    delimiter = delimiter or sniff_delimiter(text)
    with collection_paused():
        lines, rows = _split(text, delimiter, source, skipped)
        if not rows:
            raise InterchangeError(f"{source} is empty: there is nothing to import.")
        headers = rows[0]
        named = [h for h in headers if h]
        if not repeated_headers and len({h.lower() for h in named}) < len(named):
            lowered = [x.lower() for x in headers]
            repeated = sorted({h for h in headers if lowered.count(h.lower()) > 1})
            raise InterchangeError(f"{source} has the column “{repeated[0]}” more than once.")
        del rows[0], lines[0]
        if not rows:
            raise InterchangeError(f"{source} has column names but no rows to import.")
        kept: Sequence[list[str]] = rows
        if ColumnRows.fits(rows, len(headers)):
            kept = ColumnRows(rows, len(headers))
        del rows  # the row lists go before the collector is back (see ColumnRows)
    return CsvTable(headers, kept, lines, delimiter, encoding)


def _excel_separator(text: str) -> tuple[str, str | None, int]:
    """Excel's "sep=;" first line names the separator: the text without it, the separator and
    the number of lines removed (0 and None without one)."""
    first, _newline, rest = text.partition("\n")
    line = first.strip().strip('"')
    if line.lower().startswith("sep=") and len(line) == 5:
        return rest, line[4], 1
    return text, None, 0


def _split(
    text: str, delimiter: str, source: str, skipped: int
) -> tuple[list[int], list[list[str]]]:
    """The line each row that holds something starts on (a quoted value may span lines), and
    its cells, stripped.

    A quote that is never closed would swallow the rest of the file into one value: that is
    refused, naming the line where its row starts, instead of importing nothing from there on.
    """
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        return _rows(reader, skipped)
    except _BadRowError as bad:
        start = bad.start
        if "unexpected end of data" in str(bad.error) or bad.lines > 1:
            raise InterchangeError(
                f"{source} has a quote on line {start} that is never closed, so everything "
                "after it would be read as one value. Close the quote, or remove it, and "
                "import again."
            ) from None
    # Another oddity of quoting (text after a closing quote): read it as spreadsheets do.
    try:
        return _rows(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), skipped)
    except _BadRowError as bad:
        raise InterchangeError(
            f"{source} is not a well-formed CSV file (line {bad.start}: {bad.error})."
        ) from None


class _BadRowError(Exception):
    def __init__(self, error: csv.Error, start: int, lines: int) -> None:
        super().__init__(str(error))
        self.error = error
        self.start = start  # the line the row starts on
        self.lines = lines  # how many lines the reader took before it gave up


def _rows(reader: Any, skipped: int) -> tuple[list[int], list[list[str]]]:
    lines: list[int] = []
    rows: list[list[str]] = []
    ended = skipped  # the line the previous row ended on
    try:
        for row in reader:
            cells = list(map(str.strip, row))
            if any(cells):
                lines.append(ended + 1)
                rows.append(cells)
            ended = skipped + reader.line_num
    except csv.Error as error:
        raise _BadRowError(error, ended + 1, skipped + reader.line_num - ended) from None
    return lines, rows


def _decode(data: bytes, source: str) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        encoding, label = "utf-8-sig", "UTF-8 with BOM"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, label = "utf-16", "UTF-16"
    else:
        encoding, label = "utf-8", "UTF-8"
    if encoding != "utf-16" and b"\x00" in data[:4096]:
        raise InterchangeError(f"{source} is not a CSV file: it holds binary data.")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise InterchangeError(
            f"{source} is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8” and "
            "import that file."
        ) from None
    if any(ord(ch) < 32 and ch not in "\t\r\n" for ch in text[:4096]):
        raise InterchangeError(f"{source} is not a CSV file: it holds binary data.")
    return text, label


def sniff_delimiter(text: str) -> str:
    """The separator of the header line: whichever of , ; tab occurs most outside quotes."""
    header = _first_logical_line(text)
    counts = {delimiter: 0 for delimiter in DELIMITERS}
    quoted_part = False
    for ch in header:
        if ch == '"':
            quoted_part = not quoted_part
        elif not quoted_part and ch in counts:
            counts[ch] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _first_logical_line(text: str) -> str:
    # Split a growing start of the text, not all of it: a large file's header is in its first
    # few kilobytes. A line the cut may have shortened (the last) counts only once whole.
    limit = 4096
    while True:
        lines = text[:limit].splitlines()
        whole = limit >= len(text)
        for index, line in enumerate(lines):
            if line.strip() and (whole or index < len(lines) - 1):
                return line
        if whole:
            return ""
        limit *= 4


# -- columns, rows and the preview -------------------------------------------------------------


@dataclass(frozen=True)
class FieldSpec:
    """One field an import fills: how the PM reads it, and column names that mean it."""

    key: str
    label: str
    required: bool = False
    aliases: tuple[str, ...] = ()

    def matches(self, header: str) -> bool:
        wanted = _simple(header)
        names = (self.key, self.label, *self.aliases)
        return any(_simple(name) == wanted for name in names)


@lru_cache(maxsize=4096)  # every field's names are compared with every column's
def _simple(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


Mapping_ = dict[str, int | None]  # field key -> column index, or None for "not imported"


def guess_mapping(headers: Sequence[str], fields: Sequence[FieldSpec]) -> Mapping_:
    """Match each field to the first column whose name means it."""
    mapping: Mapping_ = {}
    used: set[int] = set()
    for spec in fields:
        column = next(
            (i for i, header in enumerate(headers) if i not in used and spec.matches(header)),
            None,
        )
        if column is not None:
            used.add(column)
        mapping[spec.key] = column
    return mapping


@dataclass
class PreviewRow:
    line: int
    raw: dict[str, str]  # field key -> text in the file
    values: dict[str, Any] = field(default_factory=dict)  # field key -> value to store
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class Preview:
    """Every row of a file as it would be imported, with reasons for each bad one."""

    table: CsvTable
    fields: list[FieldSpec]
    mapping: Mapping_
    rows: list[PreviewRow]
    missing: list[str]  # labels of required fields no column provides

    @property
    def good_rows(self) -> list[PreviewRow]:
        return [] if self.missing else [row for row in self.rows if row.ok]

    @property
    def bad_rows(self) -> list[PreviewRow]:
        return [row for row in self.rows if not row.ok]

    @property
    def can_import(self) -> bool:
        return bool(self.good_rows)

    def summary(self) -> str:
        if self.missing:
            names = ", ".join(f"“{label}”" for label in self.missing)
            plural = "s" if len(self.missing) > 1 else ""
            return f"The file has no column for {names}; choose the column{plural} to use."
        good, bad = len(self.good_rows), len(self.bad_rows)
        text = f"{good} row{'s' if good != 1 else ''} ready to import"
        if bad:
            text += f", {bad} row{'s' if bad != 1 else ''} with problems will be skipped"
        return text + "."


RowCheck = Callable[[dict[str, str]], tuple[dict[str, Any], list[str]]]


def build_preview(
    table: CsvTable,
    fields: Sequence[FieldSpec],
    mapping: Mapping[str, int | None],
    check_row: RowCheck,
    unique: str | None = None,
    taken: Iterable[str] = (),
    progress: Callable[[int, int], None] | None = None,
) -> Preview:
    """Check every row; ``unique`` names a field whose value may appear once (ignoring case),
    neither twice in the file nor already in ``taken``. ``progress(done, total)`` hears of the
    rows checked and may raise to stop (a reading the PM cancels)."""
    by_key = {spec.key: spec for spec in fields}
    missing = [spec.label for spec in fields if spec.required and mapping.get(spec.key) is None]
    taken_lower = {name.lower() for name in taken}
    first_seen: dict[str, int] = {}
    rows: list[PreviewRow] = []
    width = len(table.headers)
    total = len(table.rows)
    for line, cells in zip(table.lines, table.rows, strict=True):
        if progress is not None and len(rows) % PROGRESS_EVERY == 0:
            progress(len(rows), total)
        raw = {
            key: (cells[column] if column is not None and column < len(cells) else "")
            for key, column in mapping.items()
        }
        row = PreviewRow(line, raw)
        if len(cells) > width and any(cells[width:]):
            row.problems.append(f"has {len(cells)} values but the file has {width} columns")
        values, problems = check_row(raw)
        row.values = values
        row.problems.extend(problems)
        if unique is not None and raw.get(unique):
            text = raw[unique].strip()
            label = by_key[unique].label
            if text.lower() in taken_lower:
                row.problems.append(f"{label} “{text}” is already in the project")
            elif text.lower() in first_seen:
                row.problems.append(f"{label} “{text}” is also on line {first_seen[text.lower()]}")
            else:
                first_seen[text.lower()] = line
        rows.append(row)
    return Preview(table, list(fields), dict(mapping), rows, missing)


# -- writing -----------------------------------------------------------------------------------


def csv_text(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text that Excel opens as UTF-8 (it needs the byte-order mark) and others read too."""
    buffer = io.StringIO(newline="")
    # "\n": the text-mode write turns it into the platform's line ending.
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    return "\ufeff" + buffer.getvalue()


def write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write atomically: a failure leaves any existing file as it was."""
    write_text_atomically(path, csv_text(headers, rows))
