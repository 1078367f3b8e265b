"""Generic record operations every workspace uses: change fields, remove with dependents, restore.

Workspace modules add their own rules (ranges, allowed words) and then call these, so that every
edit commits at once and every removal can be undone exactly, including the rows that pointed
at what was removed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy import delete as delete_rows
from sqlalchemy.orm import Session

from pmdesk.domain.base import Record, utc_now
from pmdesk.errors import ValidationError
from pmdesk.store.driver_rows import typed_rows
from pmdesk.store.touched import update_columns

R = TypeVar("R", bound=Record)


def get(session: Session, model: type[R], record_id: str) -> R:
    record = session.get(model, record_id)
    if record is None:
        raise ValidationError(f"That {getattr(model, '__singular__', 'record')} no longer exists.")
    return record


def set_fields(session: Session, model: type[R], record_id: str, **values: Any) -> dict[str, Any]:
    """Change fields of one record, commit, and return their previous values (for undo)."""
    record = get(session, model, record_id)
    previous = {name: getattr(record, name) for name in values}
    for name, value in values.items():
        setattr(record, name, value)
    session.commit()
    return previous


def set_many(
    session: Session, model: type[Record], changes: Sequence[tuple[str, Mapping[str, Any]]]
) -> list[dict[str, Any]]:
    """Change fields of many records, all in one commit or none, and return each one's
    previous values of the fields it was given (for undo), in the order of ``changes``.

    What :func:`set_fields` does record by record, in a few statements: the previous values
    are read with one query, and each set of fields is written with one executemany, so a
    tracker export of 50,000 issues imported again updates its requirements in a fraction of
    a second instead of many. A record whose values are already those given is not written
    (nor its time stamp moved), as the ORM leaves an unchanged record alone.
    """
    try:
        before = write_many(session, model, changes)
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.expire_all()  # records the session holds read their new values again
    return before


def write_many(
    session: Session, model: type[Record], changes: Sequence[tuple[str, Mapping[str, Any]]]
) -> list[dict[str, Any]]:
    """:func:`set_many` without its commit, for an edit that writes more in the same one;
    records the session holds are stale until it expires them."""
    table: Table = model.__table__  # type: ignore[assignment]
    names = list(dict.fromkeys(name for _record_id, values in changes for name in values))
    if not changes or not names:
        return [{} for _change in changes]
    wanted = (record_id for record_id, _values in changes)
    found = {row[0]: row[1:] for row in typed_rows(session, table, ["id", *names], ids=wanted)}
    every = tuple(names)
    position = {name: index for index, name in enumerate(names)}
    before: list[dict[str, Any]] = []
    writes: dict[tuple[str, ...], list[tuple[str, Mapping[str, Any]]]] = {}  # fields -> rows
    for record_id, values in changes:
        stored = found.get(record_id)
        if stored is None:
            raise ValidationError(
                f"That {getattr(model, '__singular__', 'record')} no longer exists."
            )
        fields = tuple(values)
        if fields == every:  # the usual case, an import's rows: compared as tuples, at C speed
            held = dict(zip(every, stored, strict=True))
            changed = tuple(stored) != tuple(values.values())
        else:
            held = {name: stored[position[name]] for name in fields}
            changed = any(held[name] != value for name, value in values.items())
        before.append(held)
        if changed:
            writes.setdefault(fields, []).append((record_id, values))
    stamp = {"updated_at": utc_now()} if "updated_at" in table.c else {}
    for fields, rows in writes.items():
        ids = [record_id for record_id, _values in rows]
        columns = {name: [values[name] for _id, values in rows] for name in fields}
        update_columns(session, table, ids, columns, stamp)
    return before


@dataclass
class ClearedLink:
    """A nullable link that a removal emptied, with each row's value before."""

    table: Table
    column: str
    before: dict[str, Any]  # row id -> value


@dataclass
class Removal:
    """Everything one removal took away, so that :func:`restore` can put it back exactly."""

    rows: list[tuple[Table, list[dict[str, Any]]]] = field(default_factory=list)  # parents first
    cleared: list[ClearedLink] = field(default_factory=list)

    def count(self, table: Table) -> int:
        return sum(len(rows) for t, rows in self.rows if t is table)


def remove(session: Session, model: type[Record], ids: Iterable[str]) -> Removal:
    """Delete records and what depends on them, following the schema's ``ondelete`` rules.

    Rows whose foreign key says CASCADE go with them; columns that say SET NULL are cleared.
    A foreign key without a rule is a schema mistake and raises, rather than guessing.
    """
    removal = Removal()
    _collect(session, model.__table__, set(ids), removal)  # type: ignore[arg-type]
    for link in removal.cleared:
        table = link.table
        for part in _chunks(list(link.before)):
            session.execute(update(table).where(table.c.id.in_(part)).values({link.column: None}))
    for table, rows in reversed(removal.rows):  # children first
        for part in _chunks([row["id"] for row in rows]):
            session.execute(delete_rows(table).where(table.c.id.in_(part)))
    session.commit()
    session.expire_all()
    return removal


def delete(session: Session, model: type[Record], ids: Iterable[str]) -> int:
    """Delete records and what depends on them, as :func:`remove` does, but keep nothing to
    restore: for taking back an import, whose redo writes its rows again. Only the ids of the
    dependants are read, and each statement names its ids as one JSON list, so undoing 50,000
    imported rows costs about what writing them did. Returns how many records of ``model``
    went."""
    found: dict[Table, set[str]] = {}
    cleared: list[tuple[Table, str, set[str]]] = []
    _collect_ids(session, model.__table__, set(ids), found, cleared)  # type: ignore[arg-type]
    for table, column, rows in cleared:
        session.execute(
            update(table).where(_among(table.c.id, _listed(rows))).values({column: None})
        )
    gone = 0
    for table, table_ids in reversed(list(found.items())):  # children first
        result = session.execute(delete_rows(table).where(_among(table.c.id, _listed(table_ids))))
        if table is model.__table__:
            gone = result.rowcount  # type: ignore[attr-defined]
    session.commit()
    session.expire_all()
    return gone


def _collect_ids(
    session: Session,
    table: Table,
    ids: set[str],
    found: dict[Table, set[str]],
    cleared: list[tuple[Table, str, set[str]]],
) -> None:
    """The ids to delete, table by table, following the ondelete rules. An id that is not
    there is harmless (nothing depends on it, and deleting it deletes nothing), so the ids
    asked for are not read back."""
    known = found.setdefault(table, set())
    fresh = ids - known
    if not fresh:
        return
    known |= fresh
    listed = _listed(fresh)
    for other in table.metadata.sorted_tables:
        for key in other.foreign_keys:
            if key.column.table is not table:
                continue
            column = key.parent
            children = set(session.scalars(select(other.c.id).where(_among(column, listed))))
            if not children:
                continue
            rule = (key.ondelete or "").upper()
            if rule == "CASCADE":
                _collect_ids(session, other, children, found, cleared)
            elif rule == "SET NULL":
                cleared.append((other, column.key, children))
            else:
                raise RuntimeError(f"{other.name}.{column.key} needs an ondelete rule")


def _listed(ids: Iterable[str]) -> str:
    """Ids as one JSON list, bound as one value whatever their number: SQLite refuses a
    statement with more than 32,766 values, and a long IN list is slow to compile."""
    return json.dumps(list(ids))


def _among(column: Any, listed: str) -> Any:
    """``column IN`` the ids of ``listed`` (:func:`_listed`)."""
    values = func.json_each(listed).table_valued("value")
    return column.in_(select(values.c.value))


def restore(session: Session, removal: Removal) -> None:
    """Undo :func:`remove`: put rows back parents first, then refill the cleared links."""
    for table, rows in removal.rows:
        session.execute(insert(table), rows)
    for link in removal.cleared:
        table = link.table
        # One statement run for many rows (executemany), not one statement per row.
        refill = (
            update(table)
            .where(table.c.id == bindparam("row_id"))
            .values({link.column: bindparam("before")})
        )
        session.connection().execute(
            refill, [{"row_id": row_id, "before": value} for row_id, value in link.before.items()]
        )
    session.commit()
    session.expire_all()


# SQLite refuses a statement with more than 32,766 values; a removal of 50,000 imported rows
# is asked in parts well below that.
CHUNK = 10_000


def _chunks(ids: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _collect(session: Session, table: Table, ids: set[str], removal: Removal) -> None:
    ids = ids - {row["id"] for t, rows in removal.rows if t is table for row in rows}
    if not ids:
        return
    rows = [
        dict(row)
        for part in _chunks(sorted(ids))
        for row in session.execute(select(table).where(table.c.id.in_(part))).mappings()
    ]
    if not rows:
        return
    removal.rows.append((table, rows))
    for other in table.metadata.sorted_tables:
        for key in other.foreign_keys:
            if key.column.table is not table:
                continue
            column = key.parent
            found = [
                found_row
                for part in _chunks(sorted(ids))
                for found_row in session.execute(
                    select(other.c.id, column).where(column.in_(part))
                ).all()
            ]
            if not found:
                continue
            rule = (key.ondelete or "").upper()
            if rule == "CASCADE":
                _collect(session, other, {row_id for row_id, _value in found}, removal)
            elif rule == "SET NULL":
                before = dict(found)
                removal.cleared.append(ClearedLink(other, column.key, before))
            else:
                raise RuntimeError(f"{other.name}.{column.key} needs an ondelete rule")
