"""Small widgets of the decision log's detail panel."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit


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
