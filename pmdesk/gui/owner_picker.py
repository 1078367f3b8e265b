"""Choosing who owns something, the same way in every workspace: a list of the project's
stakeholders to pick from, typed into with completion; where the record keeps a name rather
than a stakeholder, any other name typed is kept as written."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QComboBox, QCompleter, QWidget

NOBODY = "Nobody"


class OwnerPicker(QComboBox):
    """Stakeholders by name. With ``free_text`` the box is typed into and :meth:`owner_text`
    is what stands in it; without, :meth:`owner_id` is the stakeholder chosen (None for
    nobody). ``editing_finished`` tells when the PM leaves the box, presses Enter or picks a
    name from the list: the moment to store what stands in it."""

    editing_finished = Signal()

    def __init__(
        self,
        people: Sequence[tuple[str, str]],
        free_text: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ownerPicker")
        self.free_text = free_text
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.set_people(people)
        self._typed = False  # typed into since the last editing_finished
        self.lineEdit().textEdited.connect(self._mark_typed)
        self.lineEdit().returnPressed.connect(self._finish)
        self.activated.connect(lambda _index: self._finish())
        # With the completion list open the list holds the focus, so the box itself may never
        # see the focus leave: watch where the focus goes instead.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        if free_text:
            self.lineEdit().setPlaceholderText("A stakeholder, or any name")
        self.setToolTip(
            "Pick a stakeholder or type any name"
            if free_text
            else "Pick a stakeholder from the map (type to find one)"
        )

    def _mark_typed(self, _text: str) -> None:
        self._typed = True

    def _finish(self) -> None:
        self._typed = False
        self.editing_finished.emit()

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not self._typed or new is None:
            return
        popup = self.completer().popup() if self.completer() else None
        if new in (self, self.lineEdit(), popup, self.view()):
            return
        self._finish()

    def people(self) -> list[tuple[str, str]]:
        return [(self.itemText(i), self.itemData(i)) for i in range(1, self.count())]

    def set_people(self, people: Sequence[tuple[str, str]]) -> None:
        """Offer these (name, stakeholder id); what stands in the box stays."""
        text = self.currentText()
        self.blockSignals(True)
        self.clear()
        self.addItem("" if self.free_text else NOBODY, None)
        for name, key in people:
            self.addItem(name, key)
        completer = QCompleter([name for name, _key in people], self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        if self.free_text:
            self.setEditText(text)
        self.blockSignals(False)

    def set_owner_id(self, owner_id: str | None) -> None:
        self.setCurrentIndex(max(self.findData(owner_id), 0) if owner_id else 0)

    def set_owner_text(self, text: str) -> None:
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            self.setCurrentIndex(index)
        self.setEditText(text)

    def owner_text(self) -> str:
        return self.currentText().strip()

    def owner_id(self) -> str | None:
        """The stakeholder whose name stands in the box (as typed, in any case), or None."""
        text = self.owner_text()
        if not text or text == NOBODY:
            return None
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:
            # Not a stakeholder's name: keep what was chosen before rather than guess.
            return self.currentData()
        return self.itemData(index)
