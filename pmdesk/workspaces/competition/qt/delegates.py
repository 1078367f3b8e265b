"""The editor each rating kind needs: a score picker, yes/partial/no, a price, free text."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from pmdesk.workspaces.competition.model import SCORE_MAX, SCORE_MIN, YES_NO_VALUES
from pmdesk.workspaces.competition.qt.matrix_model import KIND_ROLE

Index = QModelIndex | QPersistentModelIndex
NOT_RATED = "Not rated"


class RatingDelegate(QStyledItemDelegate):
    """Scores get an editable list 0–5 (halves can be typed), yes/no a fixed list, prices and
    text a line. Whatever is chosen is checked by the domain, which explains a refusal."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        kind = index.data(KIND_ROLE)
        if kind == "score":
            combo = QComboBox(parent)
            combo.setEditable(True)
            combo.addItem(NOT_RATED, "")
            for score in range(SCORE_MIN, SCORE_MAX + 1):
                combo.addItem(str(score), str(score))
            combo.setObjectName("scoreEditor")
            return combo
        if kind == "yes_no":
            combo = QComboBox(parent)
            combo.addItem(NOT_RATED, "")
            for key, shown in YES_NO_VALUES.items():
                combo.addItem(shown, key)
            combo.setObjectName("yesNoEditor")
            return combo
        line = QLineEdit(parent)
        if kind == "price":
            line.setPlaceholderText("Price, e.g. 49")
            line.setObjectName("priceEditor")
        elif kind == "text":
            line.setObjectName("textEditor")
        return line

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QComboBox):
            found = editor.findData(value)
            if found >= 0:
                editor.setCurrentIndex(found)
            elif editor.isEditable():
                editor.setEditText(str(value))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            text = editor.currentText()
            value = editor.currentData() if editor.findText(text) >= 0 else text
            if text == NOT_RATED:
                value = ""
            model.setData(index, value, Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
