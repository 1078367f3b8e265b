"""Cell editors for the stakeholder table: spin boxes for scores, lists for fixed words, a
calendar for dates (with "none"), a department box that suggests but allows free text."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QPlainTextEdit,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from pmdesk.workspaces.stakeholders.model import (
    ATTITUDES,
    DEPARTMENTS,
    SCORE_MAX,
    SCORE_MIN,
    STRATEGIES,
)
from pmdesk.workspaces.stakeholders.qt.table_model import COLUMNS

# QDateEdit cannot be empty: its minimum date stands for "no date" and shows as "None".
NO_DATE = QDate(2000, 1, 1)
AnyIndex = QModelIndex | QPersistentModelIndex
# Free text that may run to several lines: a one-line editor would flatten it on save.
MULTI_LINE = ("needs", "deliverables", "notes")


def _field(index: AnyIndex) -> str:
    return COLUMNS[index.column()].field


class StakeholderDelegate(QStyledItemDelegate):
    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        field = _field(index)
        if field in ("influence", "interest"):
            spin = QSpinBox(parent)
            spin.setRange(SCORE_MIN, SCORE_MAX)
            return spin
        if field in ("attitude", "strategy_override", "department"):
            combo = QComboBox(parent)
            if field == "attitude":
                for key, label in ATTITUDES.items():
                    combo.addItem(label, key)
            elif field == "strategy_override":
                combo.addItem("From quadrant", "")
                for key, label in STRATEGIES.items():
                    combo.addItem(label, key)
            else:
                combo.setEditable(True)
                combo.addItems(list(DEPARTMENTS))
            return combo
        if field in ("last_contact", "next_touchpoint"):
            editor = QDateEdit(parent)
            editor.setCalendarPopup(True)
            editor.setDisplayFormat("yyyy-MM-dd")
            editor.setMinimumDate(NO_DATE)
            editor.setSpecialValueText("None")
            return editor
        if field in MULTI_LINE:
            text = QPlainTextEdit(parent)
            text.setTabChangesFocus(True)  # Tab commits; Enter starts a new line
            return text
        return super().createEditor(parent, option, index)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        if isinstance(editor, QPlainTextEdit):
            rect = option.rect  # type: ignore[attr-defined]
            editor.setGeometry(rect.x(), rect.y(), max(rect.width(), 280), max(rect.height(), 110))
            return
        super().updateEditorGeometry(editor, option, index)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QSpinBox):
            editor.setValue(int(value))
        elif isinstance(editor, QComboBox):
            if editor.isEditable():
                editor.setCurrentText(str(value))
            else:
                editor.setCurrentIndex(max(editor.findData(value), 0))
        elif isinstance(editor, QDateEdit):
            editor.setDate(QDate.fromString(value, "yyyy-MM-dd") if value else NO_DATE)
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(value))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QSpinBox):
            editor.interpretText()
            model.setData(index, editor.value())
        elif isinstance(editor, QComboBox):
            value = editor.currentText() if editor.isEditable() else editor.currentData()
            model.setData(index, value)
        elif isinstance(editor, QDateEdit):
            chosen = editor.date()
            value = "" if chosen == NO_DATE else date(chosen.year(), chosen.month(), chosen.day())
            model.setData(index, value.isoformat() if isinstance(value, date) else value)
        elif isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText())
        else:
            super().setModelData(editor, model, index)
