"""What an edit actually wrote: the tables and record ids its statements touched.

The app's undo commands name the change they made from this, so a removal that cascades to
three other kinds of record refreshes the views of all four without anyone listing them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session


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

    @contextmanager
    def recording(self) -> Iterator[Touched]:
        touched = Touched()
        self._active.append(touched)
        try:
            yield touched
        finally:
            self._active.remove(touched)

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
