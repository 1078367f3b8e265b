"""Small helpers for text widgets shared by the workspaces."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit


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
