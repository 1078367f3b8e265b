"""Editors of the roadmap table's lane and owner cells: a list of the lanes, and the owner
picker every workspace uses."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from pmdesk.gui.owner_picker import OwnerPicker
from pmdesk.workspaces.roadmap.qt.table_model import COLUMN_KEYS, VALUE_ROLE, RoadmapTableModel

AnyIndex = QModelIndex | QPersistentModelIndex


class LaneOwnerDelegate(QStyledItemDelegate):
    def __init__(self, model: RoadmapTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        key = COLUMN_KEYS[index.column()]
        if key == "lane":
            combo = QComboBox(parent)
            for lane_id, name in self.model.lane_names.items():
                combo.addItem(name, lane_id)
            return combo
        if key == "owner":
            people = sorted(
                ((name, key) for key, name in self.model.owners.items()), key=lambda p: p[0]
            )
            return OwnerPicker(people, parent=parent)
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        value = index.data(VALUE_ROLE)
        if isinstance(editor, OwnerPicker):
            editor.set_owner_id(value)
            editor.lineEdit().selectAll()
            return
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, OwnerPicker):
            model.setData(index, editor.owner_id(), Qt.ItemDataRole.EditRole)
            return
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)
