"""Cell editors of the task and template tables: lists for departments and statuses, the shared
owner box for owners, a plain line for "L−14" (or a date), several lines for a note."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from pmdesk.gui.owner_picker import OwnerPicker
from pmdesk.workspaces.launches.model import DEPARTMENTS, STATUSES

AnyIndex = QModelIndex | QPersistentModelIndex


class ChoiceDelegate(QStyledItemDelegate):
    """Edits word columns with a list and notes with several lines; ``field_of`` names the
    field a column shows and ``people`` lists who can own a task."""

    def __init__(
        self,
        field_of: Callable[[int], str],
        people: Callable[[], list[tuple[str, str]]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._field_of = field_of
        self._people = people

    def _choices(self, field: str) -> list[tuple[str, str]] | None:
        if field == "department":
            return list(DEPARTMENTS.items())
        if field == "status":
            return list(STATUSES.items())
        return None

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        field = self._field_of(index.column())
        if field == "owner_id":  # typed into with completion, as every owner is
            return OwnerPicker([(name, key) for key, name in self._people()], parent=parent)
        choices = self._choices(field)
        if choices is not None:
            combo = QComboBox(parent)
            for key, label in choices:
                combo.addItem(label, key)
            return combo
        if field == "note":
            text = QPlainTextEdit(parent)
            text.setTabChangesFocus(True)  # Tab commits; Enter starts a new line
            return text
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, OwnerPicker):
            editor.set_owner_id(index.data(Qt.ItemDataRole.EditRole) or None)
            editor.lineEdit().selectAll()
            return
        if isinstance(editor, QComboBox):
            found = editor.findData(index.data(Qt.ItemDataRole.EditRole) or "")
            editor.setCurrentIndex(max(found, 0))
            return
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, OwnerPicker):  # the table keeps "" for nobody
            model.setData(index, editor.owner_id() or "", Qt.ItemDataRole.EditRole)
            return
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        if isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        if isinstance(editor, QPlainTextEdit):
            rect = option.rect  # type: ignore[attr-defined]
            editor.setGeometry(rect.x(), rect.y(), max(rect.width(), 260), max(rect.height(), 96))
            return
        super().updateEditorGeometry(editor, option, index)
