"""The open project as the Qt layer sees it: the store document, its undo stack, its signal.

Every user gesture becomes one :class:`EditCommand`. Its redo and undo call domain functions,
which commit to the working copy; then the controller emits ``changed`` naming what changed, and
every view refreshes from that. Views never write to the database themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from pmdesk.errors import PmdeskError

if TYPE_CHECKING:  # SQLAlchemy loads after the first paint, not at start-up
    from sqlalchemy.orm import Session

    from pmdesk.store.document import Document


ANY_KIND = "*"  # for edits that may touch every kind of record (an import, say)


@dataclass(frozen=True)
class Change:
    """What an edit touched: record kinds (table names) and, where known, record ids."""

    kinds: frozenset[str]
    ids: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, *kinds: str, ids: Iterable[str] = ()) -> Change:
        return cls(frozenset(kinds), frozenset(ids))

    def touches(self, kind: str) -> bool:
        return kind in self.kinds or ANY_KIND in self.kinds


# Qt asks for an int per mergeable command class; the merge key decides what actually merges.
_MERGE_ID = 0x504D


class EditCommand(QUndoCommand):
    """One undoable edit, done and undone through domain functions.

    Commands with the same ``merge_key`` that follow each other merge into one undo step (a
    typing burst in one field, one drag): the first keeps its undo, the last gives its redo.
    """

    def __init__(
        self,
        controller: DocumentController,
        text: str,
        redo: Callable[[], None],
        undo: Callable[[], None],
        change: Change,
        merge_key: Hashable | None = None,
    ) -> None:
        super().__init__(text)
        self._controller = controller
        self._redo = redo
        self._undo = undo
        self._change = change
        self.merge_key = merge_key
        self._done = True  # the controller applied it before pushing

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._redo()
        self._controller.changed.emit(self._change)

    def undo(self) -> None:
        self._undo()
        self._controller.changed.emit(self._change)

    def id(self) -> int:
        return _MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or other.merge_key != self.merge_key:
            return False
        self._redo = other._redo
        self._change = Change(
            self._change.kinds | other._change.kinds, self._change.ids | other._change.ids
        )
        return True


class DocumentController(QObject):
    """Owns one open :class:`Document` and the undo stack of its edits."""

    changed = Signal(object)  # Change
    failed = Signal(str)  # a sentence for the user when an edit is refused

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.undo_stack = QUndoStack(self)

    @property
    def session(self) -> Session:
        return self.document.session

    @property
    def read_only(self) -> bool:
        return self.document.read_only

    def edit(
        self,
        text: str,
        redo: Callable[[], None],
        undo: Callable[[], None],
        change: Change,
        merge_key: Hashable | None = None,
    ) -> bool:
        """Apply an edit and put it on the undo stack; False (and ``failed``) if refused."""
        try:
            redo()
        except PmdeskError as error:
            self.session.rollback()
            self.failed.emit(str(error))
            self.changed.emit(change)  # views drop whatever the refused gesture showed
            return False
        self.changed.emit(change)
        self.undo_stack.push(EditCommand(self, text, redo, undo, change, merge_key))
        return True

    def close(self) -> None:
        self.undo_stack.clear()
        self.document.close()
