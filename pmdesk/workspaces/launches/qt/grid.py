"""The readiness grid: one row per department, one column per status, the number of tasks in
each cell. Clicking a cell shows just those tasks in the table below; clicking it again shows
them all."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from pmdesk.gui import theme
from pmdesk.workspaces.launches.model import DEPARTMENTS, STATUSES
from pmdesk.workspaces.launches.readiness import Readiness

# Light tints that keep black text readable in both themes' table backgrounds.
STATUS_TINTS = {
    "to_do": "#e8ecf2",
    "in_progress": "#dbe8fb",
    "blocked": "#fbe2d0",
    "done": "#d9f0dc",
    "not_needed": "#eeeeee",
}
READY_COLUMN = len(STATUSES)


class ReadinessGrid(QTableWidget):
    def __init__(self, on_cell: Callable[[tuple[str, str] | None], None]) -> None:
        super().__init__(len(DEPARTMENTS), len(STATUSES) + 1)
        self._on_cell = on_cell
        self._chosen: tuple[str, str] | None = None
        self.setHorizontalHeaderLabels([*STATUSES.values(), "Ready"])
        self.setVerticalHeaderLabels(list(DEPARTMENTS.values()))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Readiness by department and status")
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cellClicked.connect(self._clicked)

    def show_readiness(self, state: Readiness | None) -> None:
        grid = state.grid() if state is not None else {}
        for row, department in enumerate(DEPARTMENTS):
            counts = grid.get(department, {})
            for column, status in enumerate(STATUSES):
                count = counts.get(status, 0)
                item = QTableWidgetItem(str(count) if count else "·")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                # A count is read and clicked to filter, never typed over.
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if count:
                    ground = theme.surface(STATUS_TINTS[status])
                    item.setBackground(QBrush(ground))
                    item.setForeground(QBrush(theme.ink("#1f2328", on=ground)))
                item.setToolTip(
                    f"{DEPARTMENTS[department]}: {count} task{'s' if count != 1 else ''} "
                    f"{STATUSES[status].lower()}"
                )
                self.setItem(row, column, item)
            ready, total = state.department_ready(department) if state else (0, 0)
            summary = QTableWidgetItem(f"{ready}/{total}" if total else "—")
            summary.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            summary.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.setItem(row, READY_COLUMN, summary)
        height = self.horizontalHeader().height() + 2 * self.frameWidth()
        height += sum(self.rowHeight(row) for row in range(self.rowCount()))
        self.setFixedHeight(height)

    def cell_at(self, row: int, column: int) -> tuple[str, str] | None:
        if not (0 <= row < len(DEPARTMENTS) and 0 <= column < len(STATUSES)):
            return None
        return list(DEPARTMENTS)[row], list(STATUSES)[column]

    def _clicked(self, row: int, column: int) -> None:
        cell = self.cell_at(row, column)
        self._chosen = None if cell == self._chosen else cell
        if self._chosen is None:
            self.clearSelection()
        self._on_cell(self._chosen)

    def clear_choice(self) -> None:
        self._chosen = None
        self.clearSelection()
