"""Choosing who owns something, the same way in every workspace: the project's stakeholders
in a :class:`RecordPicker`; where the record keeps a name rather than a stakeholder, any other
name typed is kept as written."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from pmdesk.gui.record_picker import RecordPicker

NOBODY = "Nobody"


class OwnerPicker(RecordPicker):
    """Stakeholders by name. With ``free_text`` the box is typed into and :meth:`owner_text`
    is what stands in it; without, :meth:`owner_id` is the stakeholder chosen (None for
    nobody)."""

    def __init__(
        self,
        people: Sequence[tuple[str, str]],
        free_text: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            people,
            none_label="" if free_text else NOBODY,
            placeholder="A stakeholder, or any name" if free_text else "",
            noun="stakeholder",
            parent=parent,
        )
        self.free_text = free_text
        self.setObjectName("ownerPicker")
        self.setToolTip(
            "Pick a stakeholder or type any name"
            if free_text
            else "Pick a stakeholder from the map (type to find one)"
        )

    def people(self) -> list[tuple[str, str]]:
        return [(str(label), str(key)) for label, key in self.choices()]

    def set_people(self, people: Sequence[tuple[str, str]]) -> None:
        """Offer these (name, stakeholder id); what stands in the box stays."""
        text = self.currentText()
        self.set_choices(people)
        if self.free_text:
            self.setEditText(text)

    def set_owner_id(self, owner_id: str | None) -> None:
        self.set_key(owner_id)

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

    def _unmatched(self, text: str) -> str:
        if self.free_text:  # any name is kept as written
            return ""
        return super()._unmatched(text)
