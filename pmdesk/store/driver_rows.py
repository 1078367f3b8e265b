"""Reading many rows through the SQLite driver, typed as the ORM would type them.

SQLAlchemy's row objects cost more than the values when a read is tens of thousands of rows
(a briefing's snapshot of a big project, the requirements an import updates). These reads
take the driver's tuples, and only the columns whose type converts what SQLite holds (a date,
a flag) go through that type's own conversion, each distinct value once.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session


def typed_rows(
    session: Session,
    table: Table,
    names: Sequence[str],
    *,
    ids: Iterable[str] | None = None,
    by_id: bool = False,
) -> Iterator[list[Any]]:
    """Each row's values of the columns ``names``, in that order: every row, or those whose
    id is among ``ids``; in id order with ``by_id``. Read in the session's transaction."""
    connection = session.connection()
    dialect = connection.dialect
    quote = dialect.identifier_preparer.quote
    converters: list[tuple[int, Callable[[Any], Any]]] = []
    for index, name in enumerate(names):
        processor = table.c[name].type.dialect_impl(dialect).result_processor(dialect, None)
        if processor is not None:
            converters.append((index, _memoized(processor)))
    statement = (
        f"SELECT {', '.join(quote(table.c[name].name) for name in names)} FROM {quote(table.name)}"
    )
    parameters: tuple[str, ...] = ()
    if ids is not None:
        # One JSON list, bound as one value whatever its length (SQLite caps bound values).
        statement += f" WHERE {quote(table.c.id.name)} IN (SELECT value FROM json_each(?))"
        parameters = (json.dumps(list(ids)),)
    if by_id:
        statement += f" ORDER BY {quote(table.c.id.name)}"
    raw = connection.connection.driver_connection.execute(statement, parameters)
    if not converters:
        yield from map(list, raw)
        return
    for values in raw:
        row = list(values)
        for index, convert in converters:
            row[index] = convert(row[index])
        yield row


def _memoized(processor: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``processor``, run once for each distinct stored value (a few hundred dates, two flags,
    among 50,000 rows)."""
    memo: dict[Any, Any] = {None: None}

    def convert(value: Any) -> Any:
        found = memo.get(value, memo)
        if found is memo:
            found = memo[value] = processor(value)
        return found

    return convert
