"""What an edit actually wrote: the tables and record ids its statements touched.

The app's undo commands name the change they made from this, so a removal that cascades to
three other kinds of record refreshes the views of all four without anyone listing them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import itemgetter
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
    dialect = session.get_bind().dialect
    plain: list[str] = []
    converted: list[tuple[str, Callable[[Any], Any]]] = []
    for column in table.columns:
        process = column.type.dialect_impl(dialect).bind_processor(dialect)
        if process is None:
            plain.append(column.name)
        else:
            converted.append((column.name, process))
    names = plain + [name for name, _process in converted]
    marks = ", ".join("?" for _ in names)
    statement = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({marks})"
    take = itemgetter(*plain) if len(plain) > 1 else (lambda row: (row[plain[0]],))
    getters = [_converting(name, process) for name, process in converted]
    values = [(*take(row), *[get(row) for get in getters]) for row in rows]
    session.connection().exec_driver_sql(statement, values)
    recorder = session.info.get(_SESSION_KEY)
    if isinstance(recorder, TouchRecorder):
        recorder.note(table.name, (str(row["id"]) for row in rows if "id" in row))


def _converting(name: str, process: Callable[[Any], Any]) -> Callable[[Mapping[str, Any]], Any]:
    """``row[name]`` as the column type stores it; repeated values (an import's one time
    stamp, a handful of dates) are converted once."""
    memo: dict[Any, Any] = {}

    def get(row: Mapping[str, Any]) -> Any:
        value = row[name]
        if value is None:
            return None
        found = memo.get(value)
        if found is None:
            found = memo[value] = process(value)
        return found

    return get


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
