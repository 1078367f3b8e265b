"""The dialog that adds or edits a board note. It checks the note before closing, so a note
that is refused (too long, a character that cannot be stored) keeps every word typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from pmdesk.errors import PmdeskError
from pmdesk.gui import theme
from pmdesk.workspaces.strategy.model import NOTE_COLOURS

Link = tuple[str, str] | None


class NoteDialog(QDialog):
    def __init__(
        self,
        title: str,
        text: str,
        colour: str,
        links: list[tuple[str, Link]],
        link: Link,
        check: Callable[[str, str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self._check = check
        self.text = QPlainTextEdit(text)
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText("What goes on the note")
        self.colour = QComboBox()
        for key, shade in NOTE_COLOURS.items():
            swatch = QPixmap(14, 14)
            swatch.fill(QColor(shade))
            self.colour.addItem(QIcon(swatch), key.capitalize(), key)
        self.colour.setCurrentIndex(max(0, self.colour.findData(colour)))
        self.link = QComboBox()
        for label, value in links:
            self.link.addItem(label, value)
        found = next((i for i, (_label, value) in enumerate(links) if value == link), 0)
        self.link.setCurrentIndex(found)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(theme.css("color: #b42318;"))
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Note", self.text)
        form.addRow("Colour", self.colour)
        form.addRow("Links to", self.link)
        form.addRow(self.problem)
        form.addRow(buttons)

    def values(self) -> tuple[str, str, Link]:
        return self.text.toPlainText(), self.colour.currentData(), self.link.currentData()

    def accept(self) -> None:
        text, colour, _link = self.values()
        try:
            self._check(text, colour)
        except PmdeskError as error:
            self.problem.setText(str(error))
            self.problem.show()
            return  # stay open: the PM's text is still there to fix
        super().accept()
