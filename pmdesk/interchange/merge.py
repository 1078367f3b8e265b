"""Importing chosen records from another copy of a project, undoably."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session

from pmdesk.domain.base import Record
from pmdesk.interchange.diff import RecordChange, sections
from pmdesk.interchange.records import columns, from_json


@dataclass
class ImportResult:
    """What an import did, so that :func:`undo_import` can take it back exactly."""

    inserted: list[tuple[Table, str]] = field(default_factory=list)  # parents first
    replaced: list[tuple[Table, str, dict[str, Any]]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.inserted) + len(self.replaced)


def import_records(
    session: Session, theirs: dict[str, Any], chosen: list[RecordChange]
) -> ImportResult:
    """Bring the chosen added and changed records of ``theirs`` into this project.

    An added record that points at a record this project lacks brings that record along, so no
    link is left dangling. Removed records are not imported: removing is done in the workspace.
    """
    records = {
        record["id"]: (model, record) for _name, model, rows in sections(theirs) for record in rows
    }
    result = ImportResult()
    done: set[str] = set()

    def bring(record_id: str) -> None:
        if record_id in done or record_id not in records:
            return
        done.add(record_id)
        model, record = records[record_id]
        values = _values(model, record)
        table: Table = model.__table__  # type: ignore[assignment]
        for column in columns(model):
            target = values.get(column.key)
            if column.foreign_keys and target and not _exists(session, column, target):
                bring(target)
        existing = session.execute(select(table).where(table.c.id == record_id)).mappings().first()
        if existing is None:
            session.execute(insert(table), [values])
            result.inserted.append((table, record_id))
        else:
            session.execute(update(table).where(table.c.id == record_id).values(values))
            result.replaced.append((table, record_id, dict(existing)))

    for change in chosen:
        if change.kind != "removed":
            bring(change.record_id)
    session.commit()
    session.expire_all()
    return result


def undo_import(session: Session, result: ImportResult) -> None:
    for table, record_id, before in reversed(result.replaced):
        session.execute(update(table).where(table.c.id == record_id).values(before))
    for table, record_id in reversed(result.inserted):
        session.execute(delete(table).where(table.c.id == record_id))
    session.commit()
    session.expire_all()


def _values(model: type[Record], record: dict[str, Any]) -> dict[str, Any]:
    return {column.key: from_json(column, record.get(column.key))[0] for column in columns(model)}


def _exists(session: Session, column: Any, value: str) -> bool:
    target = next(iter(column.foreign_keys)).column
    return session.execute(select(target).where(target == value)).first() is not None
