"""The editor of a rating: one line for every kind, typed as in a spreadsheet.

Scores, "Y" / "N" / "Partial", prices and free text are all typed straight in; the domain reads
what was typed for the criterion's kind ("y" is yes, "$1,200" is 1200) and explains a refusal.
A list to pick from would swallow the key that started the edit, or append it to the old value.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from pmdesk.workspaces.competition.model import SCORE_MAX, SCORE_MIN
from pmdesk.workspaces.competition.qt.matrix_model import KIND_ROLE

Index = QModelIndex | QPersistentModelIndex

_HINTS = {
    "score": (f"{SCORE_MIN}–{SCORE_MAX}, halves allowed", "scoreEditor"),
    "yes_no": ("Y, N or Partial", "yesNoEditor"),
    "price": ("Price, e.g. 49", "priceEditor"),
    "text": ("", "textEditor"),
}


class RatingDelegate(QStyledItemDelegate):
    """A line editor whose placeholder says what the cell's kind takes; names and weights
    (which have no kind) get the plain line editor."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        kind = index.data(KIND_ROLE)
        line = QLineEdit(parent)
        line.setFrame(False)
        if kind in _HINTS:
            hint, name = _HINTS[kind]
            line.setPlaceholderText(hint)
            line.setToolTip(hint)
            line.setObjectName(name)
        return line

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QLineEdit):
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
