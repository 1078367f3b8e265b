"""The open project as the Qt layer sees it: the store document, its undo stack, its signal.

Every user gesture becomes one :class:`EditCommand`. Its redo and undo call domain functions,
which commit to the working copy; then the controller emits ``changed`` naming what changed, and
every view refreshes from that. Views never write to the database themselves.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from pmdesk.errors import PmdeskError
from pmdesk.gui.text import TypingBursts

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

READ_ONLY_MESSAGE = (
    "This project is open read-only, so it cannot be changed. Use Save As to edit a copy."
)


def everything() -> Change:
    """A change naming every kind of record: after a rollback, every view redraws."""
    from pmdesk import registry

    return Change(frozenset(registry.metadata().tables) | {ANY_KIND})


def union(first: Change, second: Change) -> Change:
    return Change(first.kinds | second.kinds, first.ids | second.ids)


class EditCommand(QUndoCommand):
    """One undoable edit, done and undone through domain functions.

    Commands with the same ``merge_key`` that follow each other merge into one undo step (a
    typing burst in one field, one drag): the first keeps its undo, the last gives its redo.
    A redo that fails makes the command obsolete (Qt then drops it); an undo that fails leaves
    the command done, and the stack is put back where it was.
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

    @property
    def change(self) -> Change:
        """Everything this command touched, over all the edits merged into it."""
        return self._change

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        change = self._controller.run(self.text(), self._redo)
        if change is None:
            self.setObsolete(True)
            return
        self._change = union(self._change, change)
        self._controller.changed.emit(self._change)

    def undo(self) -> None:
        change = self._controller.run(self.text(), self._undo)
        if change is None:
            # Qt has already decided to step back; step forward again without redoing.
            self._done = True
            QTimer.singleShot(0, self._controller.undo_stack.redo)
            return
        self._change = union(self._change, change)
        self._controller.changed.emit(self._change)

    def id(self) -> int:
        return _MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or other.merge_key != self.merge_key:
            return False
        self._redo = other._redo
        self._change = union(self._change, other._change)
        return True


class DocumentController(QObject):
    """Owns one open :class:`Document` and the undo stack of its edits.

    This is the one road every edit takes: it refuses edits while the project is read-only,
    names the change from what the edit actually wrote, and turns any exception into a
    rolled-back session and a sentence for the user.
    """

    changed = Signal(object)  # Change
    failed = Signal(str)  # a sentence for the user when an edit is refused
    crashed = Signal(str, str)  # a sentence and the technical details of an unexpected error
    # A view asks the window to show another workspace: its key, and the record's id or None.
    open_requested = Signal(str, object)

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.undo_stack = QUndoStack(self)
        # Text fields ask it for their merge keys, so typing undoes a word at a time.
        self.typing = TypingBursts()

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
        change: Change | None = None,
        merge_key: Hashable | None = None,
    ) -> bool:
        """Apply an edit and put it on the undo stack; False (and ``failed``) if refused.

        ``change`` adds record ids the views should know about; the kinds of record touched are
        found from what ``redo`` wrote.
        """
        if self.read_only:
            self.failed.emit(READ_ONLY_MESSAGE)
            self.changed.emit(everything())  # views drop whatever the gesture showed
            return False
        done = self.run(text, redo)
        if done is None:
            return False
        if change is not None:
            done = union(done, change)
        self.changed.emit(done)
        self.undo_stack.push(EditCommand(self, text, redo, undo, done, merge_key))
        return True

    def run(self, text: str, action: Callable[[], None]) -> Change | None:
        """Run one do or undo; what it wrote, or None after rolling back and telling the user."""
        try:
            with self.document.touches.recording() as touched:
                action()
        except PmdeskError as error:
            self._roll_back()
            self.failed.emit(str(error))
            return None
        except Exception as error:
            self._roll_back()
            self.crashed.emit(
                f"“{text}” could not be done because of an unexpected error, so nothing was "
                "changed. Please report it with the details below.",
                "".join(traceback.format_exception(error)),
            )
            return None
        return Change(frozenset(touched.tables), frozenset(touched.ids))

    def _roll_back(self) -> None:
        self.session.rollback()
        self.session.expire_all()
        self.changed.emit(everything())  # views redraw from what the file holds

    def close(self) -> None:
        self.undo_stack.clear()
        self.document.close()
