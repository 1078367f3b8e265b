"""Small widgets of the decision log's detail panel."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget


class NoteEdit(QPlainTextEdit):
    """Multi-line text that reports one finished edit when focus leaves it (Tab leaves it).

    A long text is stored once per visit to the field, not once per keystroke, so one undo
    step takes back one round of writing.
    """

    editing_finished = Signal()

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editing_finished.emit()


def set_line(editor: QLineEdit, value: str) -> None:
    """Show ``value`` without moving the cursor of a field that already shows it."""
    if editor.text() != value:
        editor.setText(value)
        editor.setCursorPosition(0)


def section_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionLabel")
    label.setStyleSheet("font-weight: 600; padding-top: 6px;")
    return label
