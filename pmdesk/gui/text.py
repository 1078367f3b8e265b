"""Small helpers for text widgets shared by the workspaces."""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


def show_line(editor: QLineEdit, value: str) -> None:
    """Show ``value`` unless the field already holds it, from its start: a long text reads
    from how it begins, and a refresh never moves the cursor of someone typing."""
    if editor.text() != value:
        editor.setText(value)
        if not editor.hasFocus():
            editor.setCursorPosition(0)


def show_plain_text(editor: QPlainTextEdit, value: str) -> None:
    """Show ``value`` without emitting an edit, keeping the cursor where the user had it.

    Views call this when the document changed, so a refresh never becomes a new undo step and
    never throws the cursor of someone typing back to the start.
    """
    if editor.toPlainText() == value:
        return
    position = editor.textCursor().position()
    editor.blockSignals(True)
    editor.setPlainText(value)
    editor.blockSignals(False)
    cursor = editor.textCursor()
    cursor.setPosition(min(position, len(value)))
    editor.setTextCursor(cursor)


class NoteEdit(QPlainTextEdit):
    """Multi-line text that reports one finished edit when focus leaves it (Tab leaves it).

    A long text (a statement, a quote, a decision's reasons) is stored once per visit to the
    field, not once per keystroke, so one undo step takes back one round of writing.
    """

    editing_finished = Signal()

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editing_finished.emit()


# A pause this long ends a typing burst: the next keystroke starts a new undo step.
TYPING_PAUSE = 1.0  # seconds


@dataclass
class _Burst:
    number: int
    at: float
    text: str
    typing: bool  # typing, or deleting


class TypingBursts:
    """Merge keys that cut a text field's typing into word-sized undo steps.

    Edits of one field merge while the user keeps typing; a pause, a new word (a space or a
    line break typed after a letter), a switch between typing and deleting, or a replaced
    selection starts the next step. An edit that does not continue the last one (an undo
    happened, the field was refreshed) starts a new step too.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._bursts: dict[Hashable, _Burst] = {}
        self._count = 0

    def key(self, field: Hashable, old: str, new: str) -> Hashable:
        """The merge key for changing ``field`` from ``old`` to ``new``."""
        now = self._clock()
        at, typed, deleted = _difference(old, new)
        typing = bool(typed)
        burst = self._bursts.get(field)
        fresh = (
            burst is None
            or old != burst.text
            or now - burst.at > TYPING_PAUSE
            or (typed and deleted)
            or typing != burst.typing
            or (typed[:1].isspace() and at > 0 and not old[at - 1].isspace())
        )
        if fresh:
            self._count += 1
            burst = _Burst(self._count, now, new, typing)
            self._bursts[field] = burst
        assert burst is not None
        burst.at, burst.text = now, new
        return (field, burst.number)


def _difference(old: str, new: str) -> tuple[int, str, str]:
    """Where two texts differ, what was typed there and what was deleted (one edited place)."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old -= 1
        end_new -= 1
    return start, new[start:end_new], old[start:end_old]


_TEXT_WIDGETS = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)
_HISTORY_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


class ProjectUndoKeys(QObject):
    """One undo history: Undo and Redo keys in a text field go to the project's stack.

    Qt's text widgets claim Ctrl+Z and its kin for their own undo, which knows nothing of the
    project's: it could wipe a paragraph that Edit › Redo then cannot bring back. Each text
    field that takes the focus gets its own history switched off and this filter, which lets
    those keys through to the window's Undo and Redo actions. (Watching focus changes costs
    nothing per event, unlike a filter on the whole application.)
    """

    def __init__(self, application: QApplication) -> None:
        super().__init__(application)
        application.focusChanged.connect(self._focused)

    def _focused(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not isinstance(new, _TEXT_WIDGETS) or new.property("projectUndo"):
            return
        new.setProperty("projectUndo", True)
        new.installEventFilter(self)
        if isinstance(new, (QPlainTextEdit, QTextEdit)):
            new.setUndoRedoEnabled(False)
            new.viewport().installEventFilter(self)  # a right-click arrives at the viewport

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if any(event.matches(key) for key in _HISTORY_KEYS):
                event.ignore()  # not the field's: the window's shortcut takes it
                return True
        elif event.type() == QEvent.Type.ContextMenu:
            field = watched if isinstance(watched, _MENU_WIDGETS) else watched.parent()
            if isinstance(field, _MENU_WIDGETS):
                assert isinstance(event, QContextMenuEvent)
                _show_menu_with_project_history(field, event)
                return True
        return False


# Fields whose right-click menu Qt builds with their own Undo and Redo (a spin box's menu has
# none, and a one-line field without a project window keeps Qt's menu).
_MENU_WIDGETS = (QLineEdit, QPlainTextEdit, QTextEdit)


def _window_history_actions(field: QWidget) -> dict[QKeySequence.StandardKey, QAction]:
    """The window's Undo and Redo actions, found by the keys they answer to."""
    found: dict[QKeySequence.StandardKey, QAction] = {}
    for action in field.window().findChildren(QAction):
        for key in _HISTORY_KEYS:
            if key not in found and QKeySequence(key) in action.shortcuts():
                found[key] = action
    return found


def _show_menu_with_project_history(field: QWidget, event: QContextMenuEvent) -> None:
    """The field's own right-click menu, with the project's Undo and Redo in place of the
    field's (which the field no longer keeps, or which would undo behind the project's back)."""
    if isinstance(field, QLineEdit):
        menu = field.createStandardContextMenu()
    else:
        menu = field.createStandardContextMenu(event.pos())  # type: ignore[union-attr]
    project = _window_history_actions(field)
    names = {"edit-undo": QKeySequence.StandardKey.Undo, "edit-redo": QKeySequence.StandardKey.Redo}
    for own in menu.actions():
        key = names.get(own.objectName())
        if key is None:
            continue
        if key in project:
            menu.insertAction(own, project[key])
        menu.removeAction(own)
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    menu.popup(event.globalPos())


def use_project_undo_keys(application: QApplication) -> None:
    """Make Undo and Redo in every text field of ``application`` the project's (once)."""
    if application.findChild(ProjectUndoKeys) is None:
        ProjectUndoKeys(application)
