"""The content rules of a project file, derived from the models, checked with set-based SQL.

Every table of ``registry.metadata()`` is held to what its model declares: the columns it has,
the type, emptiness, length and allowed values of each (``pmdesk.domain.allowed``), unique
fields, and references that point at a record that is there. Then each workspace's own rule
(``registry.record_rules()``) runs on every record of its kind. Opening a file and ``pmdesk
check`` run these on the private working copy, so a new workspace is covered the day it lands.

Each table costs one scan for its values (the first bad row and field), one per unique key and
one indexed lookup per reference, so a 50× project is checked in a fraction of a second.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable, Collection, Iterator, Mapping
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Column, Table

from pmdesk import registry
from pmdesk.domain.allowed import Limits, limits_of
from pmdesk.domain.base import LABEL_FIELDS
from pmdesk.domain.history import RecordHistory
from pmdesk.errors import NotAProjectError, ValidationError

# Appended to every refusal: what the PM can do about a file broken outside PM Desk.
ADVICE = "Restore a backup, or ask whoever sent it for a fresh copy."


def check_content(
    connection: sqlite3.Connection,
    name: str,
    *,
    newer: bool = False,
    also: Callable[[], None] | None = None,
    second: Callable[[], sqlite3.Connection] | None = None,
    rows_read_later: Collection[str] = (),
) -> None:
    """Refuse a file whose records break the rules of the current models.

    Args:
        connection: a hardened connection to the (private copy of the) file.
        name: the file as messages quote it.
        newer: the file is of a newer format this version may read: extra columns are allowed.
        also: a further check of the rows (in Python), run after the workspaces' rules.
        second: opens another connection to the file: the set-based SQL then runs on it in a
            thread (SQLite works without the GIL) while the Python checks run here, and the
            tables it has not reached when they are done are shared out between the two.
        rows_read_later: tables whose fields are checked but not their rows: their readers
            leave out the rows that break the rules (``rows_breaking_rules``).

    Raises:
        NotAProjectError: naming the file, the kind of record, the record and the field.
    """
    present = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_schema WHERE type='table'")
    }
    tables = [table for table in registry.metadata().sorted_tables if table.name in present]
    for table in tables:
        _check_columns(connection, name, table, newer)
    tables = [table for table in tables if table.name not in rows_read_later]

    set_based = _SetBased(name, tables, present)

    def in_python() -> None:
        _check_rules(connection, name, tables)
        if also is not None:
            also()

    if second is None:
        set_based.run(connection)
        set_based.raise_first()
        in_python()
        return

    def run() -> None:
        try:
            other = second()
        except BaseException as error:
            set_based.failed(0, error)
            return
        try:
            set_based.run(other)
        finally:
            other.close()

    worker = threading.Thread(target=run, name="pmdesk-content-check")
    worker.start()
    try:
        in_python()
    except Exception as error:
        set_based.run(connection, from_end=True)
        worker.join()
        # A bad value can trip a rule in an unplanned way: the value's own sentence comes first.
        set_based.raise_first()
        raise error from None
    # The tables the thread has not reached yet are shared out: this side takes them from the
    # end, so the two meet wherever the Python checks left off.
    set_based.run(connection, from_end=True)
    worker.join()
    set_based.raise_first()


class _SetBased:
    """The set-based SQL checks of each table (values, unique keys, references), taken table
    by table by one or two connections. The failure raised is the first in table order, as if
    the tables had been checked one after another: a table after a known failure is skipped."""

    def __init__(self, name: str, tables: list[Table], present: set[str]) -> None:
        self._name = name
        self._tables = tables
        self._present = present
        self._lock = threading.Lock()
        self._front = 0  # the next table from the front
        self._back = len(tables)  # one past the next table from the end
        self._failures: dict[int, BaseException] = {}

    def run(self, connection: sqlite3.Connection, *, from_end: bool = False) -> None:
        while (index := self._take(from_end)) is not None:
            table = self._tables[index]
            try:
                _check_values(connection, self._name, table)
                _check_unique(connection, self._name, table)
                _check_references(connection, self._name, table, self._present)
            except BaseException as error:
                self.failed(index, error)

    def failed(self, index: int, error: BaseException) -> None:
        with self._lock:
            self._failures[index] = error

    def raise_first(self) -> None:
        if self._failures:
            raise self._failures[min(self._failures)]

    def _take(self, from_end: bool) -> int | None:
        with self._lock:
            # No table after a known failure: the first failure in table order is raised.
            end = min(self._back, min(self._failures, default=self._back))
            if self._front >= end:
                return None
            if from_end:
                self._back = end - 1
                return self._back
            self._front += 1
            return self._front - 1


def singular(table_name: str) -> str:
    """What a refusal calls one record of the table: "stakeholder", "record history"."""
    return getattr(_models().get(table_name), "__singular__", "record")


def _models() -> dict[str, Any]:
    # The merge history is no workspace's record, but a refusal names it all the same.
    return {model.__tablename__: model for model in (*registry.record_models(), RecordHistory)}


def _refuse(name: str, sentence: str) -> NotAProjectError:
    return NotAProjectError(f"{name} cannot be opened: {sentence} {ADVICE}")


def _record(connection: sqlite3.Connection, table: Table, record_id: object) -> str:
    """A record as a refusal names it: its kind, its name where it has one, and its id."""
    if not isinstance(record_id, str):
        return f"a {singular(table.name)} without an id"
    label = ""
    for field in LABEL_FIELDS:
        if field in table.columns:
            with contextlib.suppress(sqlite3.Error):
                row = connection.execute(
                    f'SELECT "{field}" FROM "{table.name}" WHERE "id" = ?', (record_id,)
                ).fetchone()
                if row and isinstance(row[0], str) and row[0].strip():
                    label = f" {_described(row[0])}"
            break
    return f"a {singular(table.name)}{label} (id {record_id[:36]})"


def _check_columns(connection: sqlite3.Connection, name: str, table: Table, newer: bool) -> None:
    found = {
        str(row[1]): int(row[5]) for row in connection.execute(f'PRAGMA table_info("{table.name}")')
    }
    for column in table.columns:
        if column.key not in found:
            raise _refuse(
                name,
                f"its {singular(table.name)} records lack the field “{column.key}” (the file was "
                "changed outside PM Desk).",
            )
    if found.get("id") != 1 or sum(1 for pk in found.values() if pk) != 1:
        raise _refuse(name, f"its {singular(table.name)} records are not identified by their id.")
    extra = sorted(set(found) - {column.key for column in table.columns})
    if extra and not newer:
        raise _refuse(
            name,
            f"its {singular(table.name)} records have a field “{extra[0][:40]}” that is not part "
            "of a PM Desk project.",
        )


@cache
def _value_tests(table: Table) -> tuple[list[tuple[Column[Any], str]], str]:
    """Per column, SQL true where its value is bad; and the one query finding the first such."""
    tests = _column_tests(table)
    cases = " ".join(f"WHEN {test} THEN {index}" for index, (_c, test) in enumerate(tests))
    where = rows_breaking_rules(table)
    return tests, f'SELECT "id", CASE {cases} END FROM "{table.name}" WHERE {where} LIMIT 1'


@cache
def _column_tests(table: Table) -> list[tuple[Column[Any], str]]:
    return [(column, _bad(f'"{column.key}"', limits_of(column))) for column in table.columns]


@cache
def rows_breaking_rules(table: Table) -> str:
    """SQL true for a row of ``table`` with a value its column does not allow (text that is
    not UTF-8 aside: SQL cannot tell it)."""
    return " OR ".join(f"({test})" for _column, test in _column_tests(table))


def _check_values(connection: sqlite3.Connection, name: str, table: Table) -> None:
    tests, query = _value_tests(table)
    row = connection.execute(query).fetchone()
    if row is None:
        return
    column = tests[row[1]][0]
    field = f'"{column.key}"'
    # Text is fetched as bytes: the bad value may be text that is not UTF-8.
    kind, value = connection.execute(
        f"SELECT typeof({field}), CASE WHEN typeof({field}) = 'text' "
        f'THEN CAST({field} AS BLOB) ELSE {field} END FROM "{table.name}" WHERE "id" IS ?',
        (row[0],),
    ).fetchone()
    if kind == "text":
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            value = _NOT_UTF8
    raise _refuse(
        name,
        f"{_record(connection, table, row[0])} has “{column.key}” {_described(value)}, which "
        f"{_expected(limits_of(column))}.",
    )


def _bad(field: str, limits: Limits) -> str:
    """SQL that is true where ``field`` breaks ``limits``."""
    if limits.kind == "bool":
        test = f"typeof({field}) != 'integer' OR {field} NOT IN (0, 1)"
    elif limits.kind == "int":
        test = f"typeof({field}) != 'integer' OR {field} NOT BETWEEN {limits.low} AND {limits.high}"
    elif limits.kind == "float":
        test = (
            f"typeof({field}) NOT IN ('integer', 'real') "
            f"OR {field} NOT BETWEEN {limits.low!r} AND {limits.high!r}"
        )
    elif limits.kind == "date":
        # As SQLAlchemy writes them: "2026-01-31". julianday() is SQLite's fast parser; only
        # days past the 28th need the slower check that the day exists in its month. Parts
        # are compared with substr(): a DATE column's affinity would turn '0001' into 1.
        # SQLite's text functions stop at a NUL byte, Python does not: the length is in bytes.
        test = (
            f"typeof({field}) != 'text' OR {_bytes(field)} != 10 "
            f"OR substr({field}, 5, 1) != '-' "
            f"OR julianday({field}) IS NULL OR substr({field}, 1, 4) = '0000' "
            f"OR (substr({field}, 9, 2) > '28' "
            f"AND date({field}, '+0 days') IS NOT {field})"
        )
    elif limits.kind == "datetime":
        # As SQLAlchemy writes them: "2026-01-31 09:30:00.000000" (or without the fraction).
        # The shape fixes every separator, julianday() the digits and ranges. SQLite also
        # reads a time without seconds, a shorter fraction, or a zone, padded with spaces to
        # the same length ("10:00   "), which Python refuses: the seconds' place is held by
        # the shape, and a last character that is a digit leaves no room for the rest.
        day = f"substr({field}, 1, 10)"
        test = (
            f"typeof({field}) != 'text' OR {_bytes(field)} NOT IN (19, 26) "
            f"OR NOT ({field} LIKE '____-__-__ __:__:__.______' "
            f"OR {field} LIKE '____-__-__ __:__:__') "
            f"OR julianday({field}) IS NULL OR {field} < '0001' "  # year 0000
            f"OR substr({field}, -1) NOT BETWEEN '0' AND '9' OR substr({field}, 12, 2) > '23' "
            f"OR (substr({field}, 9, 2) > '28' AND date({day}, '+0 days') IS NOT {day})"
        )
    elif limits.identity:  # a UUID: its length says all that a maximum would
        assert limits.max_length is not None and limits.max_length >= 36
        test = f"typeof({field}) != 'text' OR length({field}) != 36"
    else:
        test = f"typeof({field}) != 'text' OR length({field}) > {limits.max_length}"
        if limits.choices is not None:
            allowed = ", ".join(_sql_text(choice) for choice in limits.choices)
            test += f" OR {field} NOT IN ({allowed})"
        if limits.glob is not None:  # every shape is of ASCII characters, and GLOB stops at NUL
            test += f" OR {field} NOT GLOB {_sql_text(limits.glob)} "
            test += f"OR {_bytes(field)} != length({field})"
    if limits.nullable:
        return f"{field} IS NOT NULL AND ({test})"
    return f"{field} IS NULL OR {test}"


def _bytes(field: str) -> str:
    """The length of a text in bytes: SQLite's length() counts characters up to a NUL byte."""
    return f"length(CAST({field} AS BLOB))"


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


_NOT_UTF8 = object()  # a stored text that is not UTF-8


def _described(value: object) -> str:
    if value is None:
        return "empty"
    if value is _NOT_UTF8:
        return "holding text that is not valid UTF-8"
    if isinstance(value, bytes):
        return "holding binary data"
    if isinstance(value, str):
        # A control character (a NUL byte, say) would not show in the sentence.
        flat = "".join("�" if ord(c) < 32 else c for c in " ".join(value.split()))
        shown = flat if len(flat) <= 40 else flat[:39] + "…"
        return f"“{shown}”" if len(value) <= 1000 else f"of {len(value):,} characters"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _expected(limits: Limits) -> str:
    if limits.kind == "bool":
        return "must be yes or no"
    if limits.kind in ("int", "float"):
        kind = "a whole number" if limits.kind == "int" else "a number"
        return f"must be {kind} from {_number(limits.low)} to {_number(limits.high)}"
    if limits.kind == "date":
        return "must be a date like 2026-01-31"
    if limits.kind == "datetime":
        return "must be a time like 2026-01-31 09:30:00"
    if limits.choices is not None:
        shown = ", ".join(f"“{choice}”" for choice in limits.choices if choice)
        return f"must be one of {shown}" + (" or empty" if "" in limits.choices else "")
    if limits.glob is not None:
        return f"must be {limits.shape}"
    if limits.identity:
        return "must be a record id"
    return f"must be text of at most {limits.max_length:,} characters"


def _number(value: float | None) -> str:
    assert value is not None
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"


@cache
def _unique_keys(table: Table) -> tuple[tuple[Column[Any], ...], ...]:
    return tuple(_find_unique_keys(table))


def _find_unique_keys(table: Table) -> Iterator[tuple[Column[Any], ...]]:
    for constraint in table.constraints:
        columns = tuple(constraint.columns)  # type: ignore[attr-defined]
        # The primary key needs no scan: its column was checked to be the table's key.
        if columns and type(constraint).__name__ == "UniqueConstraint":
            yield columns
    for column in table.columns:
        if column.unique:
            yield (column,)


def _check_unique(connection: sqlite3.Connection, name: str, table: Table) -> None:
    for columns in _unique_keys(table):
        fields = ", ".join(f'"{column.key}"' for column in columns)
        not_null = " AND ".join(f'"{column.key}" IS NOT NULL' for column in columns)
        row = connection.execute(
            f'SELECT min("id") FROM "{table.name}" WHERE {not_null} GROUP BY {fields} '
            "HAVING count(*) > 1 LIMIT 1"
        ).fetchone()
        if row is not None:
            shown = " and ".join(f"“{column.key}”" for column in columns)
            raise _refuse(
                name, f"{_record(connection, table, row[0])} repeats the {shown} of another."
            )


def _check_references(
    connection: sqlite3.Connection, name: str, table: Table, present: set[str]
) -> None:
    for column in table.columns:
        for key in column.foreign_keys:
            target = key.column.table.name
            field = f'"{column.key}"'
            if target in present:
                lookup = f'NOT EXISTS (SELECT 1 FROM "{target}" t WHERE t."id" = s.{field})'
            else:
                lookup = "1"
            row = connection.execute(
                f'SELECT s."id", s.{field} FROM "{table.name}" s '
                f"WHERE s.{field} IS NOT NULL AND {lookup} LIMIT 1"
            ).fetchone()
            if row is not None:
                target_kind = singular(target)
                record = _record(connection, table, row[0])
                raise _refuse(
                    name,
                    f"{record} has “{column.key}” pointing at a {target_kind} that is not in "
                    "the file.",
                )


def _check_rules(connection: sqlite3.Connection, name: str, tables: list[Table]) -> None:
    """Each workspace's own rule, on every record of its kind, with values typed as in load."""
    rules = registry.record_rules()
    for table in tables:
        rule = rules.get(table.name)
        if rule is None:
            continue
        keys = [column.key for column in table.columns]
        places = {key: place for place, key in enumerate(keys)}
        converters = {
            column.key: convert
            for column in table.columns
            if (convert := _CONVERTERS.get(limits_of(column).kind)) is not None
        }
        fields = ", ".join(f'"{key}"' for key in keys)
        for row in connection.execute(f'SELECT {fields} FROM "{table.name}"'):
            try:
                rule(_TypedRow(row, places, converters))
            except ValidationError as error:
                record = _record(connection, table, row[places["id"]])
                raise _refuse(name, f"{record} is refused: {str(error).rstrip('.')}.") from None


_Converter = Callable[[Any], Any]


class _TypedRow(Mapping[str, Any]):
    """One stored row as a rule reads it: a value is typed when the rule asks for it, so the
    times every record carries (created, updated) and most rules never read cost nothing."""

    __slots__ = ("_converters", "_places", "_row")

    def __init__(
        self, row: tuple[Any, ...], places: dict[str, int], converters: dict[str, _Converter]
    ) -> None:
        self._row = row
        self._places = places
        self._converters = converters

    def __getitem__(self, key: str) -> Any:
        value = self._row[self._places[key]]
        if value is None or (convert := self._converters.get(key)) is None:
            return value
        return convert(value)

    def __contains__(self, key: object) -> bool:
        return key in self._places

    def __iter__(self) -> Iterator[str]:
        return iter(self._places)

    def __len__(self) -> int:
        return len(self._places)


# How a stored value becomes the Python value a rule (and the app) sees; others stay as stored.
_CONVERTERS: dict[str, _Converter] = {
    "bool": bool,
    "float": float,
    "date": date.fromisoformat,
    "datetime": datetime.fromisoformat,
}
