"""One key result's check-ins as a table: newest first, each cell editable in place.

The model holds plain rows the page hands it (``query.CheckInRow``); an edit goes through
``actions`` and the page hands it the rows again from ``changed``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from pmdesk.workspaces.goals.query import CheckInRow

AnyIndex = QModelIndex | QPersistentModelIndex
COLUMNS: tuple[tuple[str, str], ...] = (
    ("on_date", "Date"),
    ("value", "Value"),
    ("note", "Note"),
    ("source", "Source"),
)
FIELD_COLUMN = {field: index for index, (field, _title) in enumerate(COLUMNS)}


class CheckInTableModel(QAbstractTableModel):
    """``on_edit(check_in_id, field, text) -> bool`` makes the change (an undoable action)."""

    def __init__(
        self, on_edit: Callable[[str, str, str], bool], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._on_edit = on_edit
        self._rows: list[CheckInRow] = []
        self.editable = True

    def set_rows(self, rows: Sequence[CheckInRow]) -> None:
        new = list(reversed(rows))  # the latest check-in is what a PM looks at first
        if [row.id for row in new] == [row.id for row in self._rows]:
            # The same check-ins (a cell was edited): repaint in place, so an open editor and
            # the selection survive, as they must while the edit that caused this commits.
            self._rows = new
            if new:
                last = self.index(len(new) - 1, len(COLUMNS) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._rows = new
        self.endResetModel()

    def check_in(self, row: int) -> CheckInRow:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        field = COLUMNS[index.column()][0]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            value = getattr(row, field)
            if field == "on_date":
                return value.isoformat()
            if field == "value":
                return f"{value:g}"
            return value
        if role == Qt.ItemDataRole.ToolTipRole and field == "note" and row.note:
            return row.note
        if role == Qt.ItemDataRole.TextAlignmentRole and field == "value":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row = self._rows[index.row()]
        field = COLUMNS[index.column()][0]
        if str(value) == str(self.data(index, Qt.ItemDataRole.EditRole)):
            return False  # Tab through a cell without typing changes nothing
        return self._on_edit(row.id, field, str(value))
