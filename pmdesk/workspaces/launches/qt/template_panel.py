"""The checklist templates, one per tier: what a new launch of that tier starts with. Until the
PM changes a tier's template it shows PM Desk's default; the first change stores it in the
project (with that change, as one undo step)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.gui.document import Change, DocumentController
from pmdesk.gui.hidden_changes import on_change
from pmdesk.workspaces.launches import templates
from pmdesk.workspaces.launches.model import DEPARTMENTS, TIERS, LaunchTemplateTask
from pmdesk.workspaces.launches.qt import actions
from pmdesk.workspaces.launches.qt.delegates import ChoiceDelegate
from pmdesk.workspaces.launches.readiness import format_offset

AnyIndex = QModelIndex | QPersistentModelIndex
FIELDS = ("department", "title", "offset_days")
TITLES = ("Department", "Task", "Due")
KIND = LaunchTemplateTask.__tablename__


class TemplateModel(QAbstractTableModel):
    def __init__(self, controller: DocumentController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.tier = "major"
        self._lines: list[templates.TemplateLine] = []
        self.reload(reset=True)

    def reload(self, *, reset: bool = False) -> None:
        """Read the tier's lines again; a repaint in place when only values changed, so an
        editor the PM is tabbing through survives the edit it just made."""
        lines = templates.template_lines(self.controller.session, self.tier)
        if reset or len(lines) != len(self._lines):
            self.beginResetModel()
            self._lines = lines
            self.endResetModel()
            return
        self._lines = lines
        if lines:
            self.dataChanged.emit(self.index(0, 0), self.index(len(lines) - 1, len(FIELDS) - 1))

    def set_tier(self, tier: str) -> None:
        self.tier = tier
        self.reload(reset=True)

    def stored(self) -> bool:
        return templates.stored_template(self.controller.session, self.tier) is not None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIELDS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(TITLES):
            return TITLES[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags if self.controller.read_only else flags | Qt.ItemFlag.ItemIsEditable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        field = FIELDS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if field == "department":
                return DEPARTMENTS.get(line.department, line.department)
            if field == "offset_days":
                return format_offset(line.offset_days)
            return line.title
        if role == Qt.ItemDataRole.EditRole:
            return (
                format_offset(line.offset_days) if field == "offset_days" else getattr(line, field)
            )
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        if self.data(index, Qt.ItemDataRole.EditRole) == value:
            return False
        field = FIELDS[index.column()]
        return actions.set_template_task_field(
            self.controller, self.tier, index.row(), field, value
        )


class TemplatePanel(QWidget):
    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = TemplateModel(controller, self)
        self.tier = QComboBox()
        for key, label in TIERS.items():
            self.tier.addItem(f"{label} launch", key)
        self.tier.currentIndexChanged.connect(self._tier_changed)
        self.origin = QLabel()
        self.origin.setObjectName("pageSummary")
        self.origin.setWordWrap(True)
        self.department = QComboBox()
        for key, label in DEPARTMENTS.items():
            self.department.addItem(label, key)
        self.add_button = QToolButton()
        self.add_button.setText("Add Task")
        self.add_button.clicked.connect(self.add_line)
        self.remove_button = QToolButton()
        self.remove_button.setText("Delete Task")
        self.remove_button.clicked.connect(self.remove_selected)
        for button in (self.add_button, self.remove_button):
            button.setEnabled(not controller.read_only)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(
            ChoiceDelegate(lambda column: FIELDS[column], lambda: [], self.table)
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName("Template tasks")
        for column, width in enumerate((150, 340, 90)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        if controller.read_only:
            self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        bar = QHBoxLayout()
        bar.addWidget(QLabel("Template for"))
        bar.addWidget(self.tier)
        bar.addStretch(1)
        bar.addWidget(self.department)
        bar.addWidget(self.add_button)
        bar.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.origin)
        layout.addWidget(self.table, 1)
        on_change(controller, self, self._on_changed)
        self._show_origin()

    def _tier_changed(self) -> None:
        self.model.set_tier(str(self.tier.currentData()))
        self._show_origin()

    def _show_origin(self) -> None:
        self.origin.setText(
            "Stored in this project; new launches of this tier start with these tasks."
            if self.model.stored()
            else "PM Desk's default; your first change keeps a copy in this project."
        )

    def _on_changed(self, change: Change) -> None:
        if change.touches(KIND) or change.touches("launch_templates"):
            self.model.reload()
            self._show_origin()

    def add_line(self) -> bool:
        tier = str(self.tier.currentData())
        added = actions.add_template_task(self.controller, tier, str(self.department.currentData()))
        if added is None:
            return False
        index = self.model.index(self.model.rowCount() - 1, 1)
        self.table.setCurrentIndex(index)
        self.table.edit(index)
        return True

    def remove_selected(self) -> bool:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return False
        return actions.delete_template_task(
            self.controller, str(self.tier.currentData()), rows[0].row()
        )
