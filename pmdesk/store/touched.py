"""What an edit actually wrote: the tables and record ids its statements touched.

The app's undo commands name the change they made from this, so a removal that cascades to
three other kinds of record refreshes the views of all four without anyone listing them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

from sqlalchemy import Engine, Table, event
from sqlalchemy.orm import Session

_SESSION_KEY = "pmdesk.touches"


@dataclass
class Touched:
    """Tables written and, where the ORM knew them, the ids of the records written."""

    tables: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)


class TouchRecorder:
    """Listens to one engine and session; :meth:`recording` collects what a block wrote."""

    def __init__(self, engine: Engine, session: Session) -> None:
        self._active: list[Touched] = []
        event.listen(engine, "after_cursor_execute", self._after_execute)
        event.listen(session, "before_flush", self._before_flush)
        session.info[_SESSION_KEY] = self  # for writes that bypass the ORM: insert_many()

    @contextmanager
    def recording(self) -> Iterator[Touched]:
        touched = Touched()
        self._active.append(touched)
        try:
            yield touched
        finally:
            self._active.remove(touched)

    def note(self, table: str, ids: Iterable[str]) -> None:
        """A write the listeners cannot see (a driver-level executemany) told directly."""
        if not self._active:
            return
        written = set(ids)
        for touched in self._active:
            touched.tables.add(table)
            touched.ids |= written

    def _after_execute(self, *args: Any) -> None:
        context = args[4]
        if not self._active or context is None:
            return
        if not (context.isinsert or context.isupdate or context.isdelete):
            return
        compiled = context.compiled
        table = getattr(getattr(compiled, "statement", None), "table", None)
        name = getattr(table, "name", None)
        if name:
            for touched in self._active:
                touched.tables.add(name)

    def _before_flush(self, session: Session, *_args: Any) -> None:
        if not self._active:
            return
        for record in (*session.new, *session.dirty, *session.deleted):
            record_id = getattr(record, "id", None)
            if isinstance(record_id, str):
                for touched in self._active:
                    touched.ids.add(record_id)


def insert_many(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert many rows with one driver ``executemany`` in the session's transaction.

    Values are converted by the columns' own types (a date is stored exactly as the ORM stores
    it), each distinct value once, with none of the per-row statement work of a Core insert:
    50,000 imported rows go in at about the speed of plain ``sqlite3``. The edit's recorder is
    told the table and every id, so views still learn what changed. Every column must be given.
    """
    if not rows:
        return
    names = [column.name for column in table.columns]
    insert_columns(session, table, {name: [row[name] for row in rows] for name in names})


def insert_columns(
    session: Session,
    table: Table,
    columns: Mapping[str, Sequence[Any]],
    shared: Mapping[str, Any] | None = None,
) -> None:
    """Insert rows given column by column (``columns``: name -> one value per row), and
    ``shared`` values every row has (a default, the time stamps), with one driver
    ``executemany``, as :func:`insert_many` does. A shared value, or a column with the same
    value in every row, is written into the statement once rather than bound to every row:
    binding is most of executemany's own time. Every
    column of ``table`` must be in one of the two."""
    shared = shared or {}
    count = len(next(iter(columns.values()))) if columns else 0
    if not count:
        return
    dialect = session.get_bind().dialect
    names: list[str] = []  # bound columns
    bound: list[Sequence[Any]] = []
    literal_names: list[str] = []
    literals: list[str] = []  # the shared values, as SQL
    for column in table.columns:
        process = column.type.dialect_impl(dialect).bind_processor(dialect)
        if column.name in columns:
            values = columns[column.name]
            if not _same_in_every_row(values):
                names.append(column.name)
                bound.append(values if process is None else _converted(values, process))
                continue
            value = values[0]  # every row the same (a template's text): written as if shared
        elif column.name in shared:
            value = shared[column.name]
        else:
            raise ValueError(f"No value for {table.name}.{column.name}")
        if process is not None and value is not None:
            value = process(value)
        literal = _sql_literal(value)
        if literal is None:  # not plainly written in SQL: bound to every row after all
            names.append(column.name)
            bound.append([value] * count)
        else:
            literal_names.append(column.name)
            literals.append(literal)
    marks = ", ".join(["?"] * len(bound) + literals)
    statement = f"INSERT INTO {table.name} ({', '.join(names + literal_names)}) VALUES ({marks})"
    connection = session.connection()  # begins the session's transaction, if need be
    with _pages_kept(connection):
        # The driver's own cursor takes the rows one at a time from the columns: a list of
        # 50,000 rows made and freed around the call (which SQLAlchemy's needs) cost a sixth
        # of the insert. The recorder, which that call would have told, is told below.
        cursor = connection.connection.cursor()
        try:
            cursor.executemany(statement, zip(*bound, strict=True))
        finally:
            cursor.close()
    note_written(session, table.name, map(str, columns.get("id", ())))


def update_columns(
    session: Session,
    table: Table,
    ids: Sequence[str],
    columns: Mapping[str, Sequence[Any]],
    shared: Mapping[str, Any] | None = None,
) -> None:
    """Give the rows ``ids`` new values, given column by column (``columns``: name -> one
    value per row), and ``shared`` values every one of them takes (a time stamp), with one
    driver ``executemany``: the counterpart of :func:`insert_columns` for rows that exist."""
    if not ids:
        return
    dialect = session.get_bind().dialect
    names: list[str] = []
    bound: list[Iterable[Any]] = []
    for name, value in {**columns, **(shared or {})}.items():
        process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        names.append(name)
        if name in columns:
            values = columns[name]
            bound.append(values if process is None else _converted(values, process))
        else:
            bound.append(repeat(value if process is None or value is None else process(value)))
    sets = ", ".join(f"{name} = ?" for name in names)
    connection = session.connection()  # begins the session's transaction, if need be
    with _pages_kept(connection):
        cursor = connection.connection.cursor()
        try:
            # The shared values repeat without end: the ids say how many rows there are.
            rows = zip(*bound, ids, strict=False)
            cursor.executemany(f"UPDATE {table.name} SET {sets} WHERE id = ?", rows)
        finally:
            cursor.close()
    note_written(session, table.name, ids)


def note_written(session: Session, table: str, ids: Iterable[str]) -> None:
    """Tell the edit being recorded, if any, that ``ids`` of ``table`` were written by a
    statement that named its rows through parameters, which the ORM did not see."""
    recorder = session.info.get(_SESSION_KEY)
    if isinstance(recorder, TouchRecorder):
        recorder.note(table, ids)


BULK_CACHE_KIB = 64 * 1024  # room for the pages of a 50,000-row import, until its commit


@contextmanager
def _pages_kept(connection: Any) -> Iterator[None]:
    """SQLite's page cache made large enough for a bulk insert: with the usual 2 MB, a
    50,000-row insert spills pages to the file before its commit (syncing the journal to do
    so), which costs a fifth of the insert. The usual size returns afterwards."""
    usual = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(usual)}")


def _same_in_every_row(values: Sequence[Any]) -> bool:
    """Whether several rows all hold one value (a single row is bound, so that some column is)."""
    # The ends first: a column of distinct values (titles, ids) is told apart at once.
    first = values[0]
    return len(values) > 1 and first == values[-1] and values.count(first) == len(values)


def _converted(values: Sequence[Any], process: Callable[[Any], Any]) -> list[Any]:
    """``values`` as the column type stores them; repeated values (an import's one time stamp,
    a handful of dates) are converted once."""
    memo: dict[Any, Any] = {None: None}
    out = []
    for value in values:
        found = memo.get(value, memo)
        if found is memo:
            found = memo[value] = process(value)
        out.append(found)
    return out


def _sql_literal(value: Any) -> str | None:
    """``value`` written as SQL, or None for a kind of value not written that way here."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return repr(value)
    if isinstance(value, str) and "\x00" not in value:
        return "'" + value.replace("'", "''") + "'"
    return None


def new_row_values(table: Table, now: object) -> dict[str, Any]:
    """What a new row of ``table`` holds before its own values: each column's default (None
    where the default is computed), with both time stamps ``now``; the id is the caller's."""
    values: dict[str, Any] = {}
    for column in table.columns:
        default = column.default.arg if column.default is not None else None  # type: ignore[attr-defined]
        values[column.name] = None if callable(default) else default
    values.pop("id", None)
    values.update(created_at=now, updated_at=now)
    return values
