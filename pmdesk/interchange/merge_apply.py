"""Putting a merged project into the open one as one undoable step (the app's merge)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session

from pmdesk import registry
from pmdesk.interchange.diff import diff_projects
from pmdesk.interchange.history import DUMP_KEY, History, last_saved, read_history, write_history
from pmdesk.interchange.merge import ImportResult, import_records, undo_import
from pmdesk.interchange.project_json import dump_project


@dataclass
class Applied:
    """What applying a merge did, so that :func:`undo_merge` takes it back exactly."""

    imported: ImportResult
    removed: list[tuple[Table, dict[str, Any]]] = field(default_factory=list)  # children first
    history: History | None = None  # the history before, when the merge brought the other's

    @property
    def count(self) -> int:
        return self.imported.count + len(self.removed)


def apply_merge(session: Session, merged: dict[str, Any]) -> Applied:
    """Make the project hold ``merged``: bring its added and changed records, then remove what
    it no longer holds (after, so nothing still pointing at a removed record is swept along)."""
    changes = diff_projects(dump_project(session), merged)
    imported = import_records(session, merged, [c for c in changes if c.kind != "removed"])
    gone = {change.record_id for change in changes if change.kind == "removed"}
    applied = Applied(imported)
    if gone:
        for table in reversed(registry.metadata().sorted_tables):  # children before parents
            if "id" not in table.c:
                continue
            rows = session.execute(select(table).where(table.c.id.in_(gone))).mappings().all()
            if rows:
                applied.removed.extend((table, dict(row)) for row in rows)
                session.execute(delete(table).where(table.c.id.in_([r["id"] for r in rows])))
        session.commit()
        session.expire_all()
    if merged.get(DUMP_KEY):
        # The other copy's history comes along (as ``pmdesk merge`` writes it), so a later
        # merge of the same copies knows what they shared. Kept dated at the last save, so
        # that the next save still hashes what changed since, the merge included.
        applied.history = read_history(session)
        write_history(session, merged[DUMP_KEY], saved_at=_old(session))
        session.commit()
    return applied


def _old(session: Session) -> datetime:
    return last_saved(session) or datetime(1970, 1, 1)  # never saved: every record is new


def undo_merge(session: Session, applied: Applied) -> None:
    if applied.history is not None:
        write_history(session, applied.history, saved_at=_old(session))
    for table, row in reversed(applied.removed):  # parents first
        session.execute(insert(table), [row])
    session.commit()
    undo_import(session, applied.imported)
