"""The readiness task table of one launch: every task, editable in place, its due date shown
both as "L−14" and as the day it falls on, late tasks in red, blockers of go/no-go marked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from pmdesk.gui import theme
from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.launches.model import DEPARTMENTS, STATUSES, LaunchTask
from pmdesk.workspaces.launches.qt import actions
from pmdesk.workspaces.launches.query import LaunchPlan
from pmdesk.workspaces.launches.readiness import TaskState, format_offset

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
KEY_ROLE = Qt.ItemDataRole.UserRole + 3  # the stored key of a word column (status, department)
LATE_COLOUR = QColor("#b42318")
BLOCKED_COLOUR = QColor("#b54708")
DONE_COLOUR = QColor("#3b7d3b")
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    field: str
    title: str
    width: int


# Status right after the task: at laptop widths the table shows three or four columns before
# it scrolls, and whether each task is done is what a readiness review reads first.
COLUMNS: tuple[Column, ...] = (
    Column("department", "Department", 125),
    Column("title", "Task", 230),
    Column("status", "Status", 100),
    Column("offset_days", "Due", 135),
    Column("owner_id", "Owner", 140),
    Column("blocks", "Go/no-go", 90),
    Column("note", "Note", 220),
)
FIELD_COLUMN = {column.field: index for index, column in enumerate(COLUMNS)}
EDITABLE = frozenset({"department", "title", "offset_days", "status", "owner_id", "note"})


class TaskTableModel(QAbstractTableModel):
    """The tasks of the launch on show; the page hands it a fresh plan after every change."""

    def __init__(self, controller: DocumentController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.today = date.today()
        self.people: list[tuple[str, str]] = []  # (id, name), for the owner column
        self._names: dict[str, str] = {}
        self._plan: LaunchPlan | None = None
        self._rows: list[LaunchTask] = []
        self._ids: list[str] = []
        self._states: dict[str, TaskState] = {}

    # -- reading -------------------------------------------------------------------------------

    def show_plan(
        self, plan: LaunchPlan | None, people: list[tuple[str, str]], today: date
    ) -> None:
        """Show a launch's tasks: a reset when the rows differ, else a repaint in place (so an
        open editor and the selection survive an edit of one cell)."""
        self.today = today
        self.people = people
        self._names = dict(people)
        rows = plan.tasks if plan is not None else []
        # Ids are compared from a list of their own: a removal has expired the old objects.
        ids = [task.id for task in rows]
        same = ids == self._ids
        if not same:
            self.beginResetModel()
        self._plan = plan
        self._rows = list(rows)
        self._ids = ids
        self._states = {state.id: state for state in plan.readiness.tasks} if plan else {}
        if not same:
            self.endResetModel()
        elif self._rows:
            last = self.index(len(self._rows) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    @property
    def plan(self) -> LaunchPlan | None:
        return self._plan

    def task(self, row: int) -> LaunchTask:
        return self._rows[row]

    def state(self, task_id: str) -> TaskState | None:
        return self._states.get(task_id)

    def row_of(self, task_id: str) -> int:
        return self._ids.index(task_id) if task_id in self._ids else -1

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section].title
            if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section].field == "offset_days":
                return "Days before launch day (L−14) and the date that falls on; type either"
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.controller.read_only and COLUMNS[index.column()].field in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        task = self._rows[index.row()]
        state = self._states.get(task.id)
        field = COLUMNS[index.column()].field
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(task, state, field)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(task, field)
        if role == KEY_ROLE:
            return getattr(task, field) if field in EDITABLE else None
        if role == SORT_ROLE:
            return self._sort_value(task, state, field)
        if role == ID_ROLE:
            return task.id
        if role == Qt.ItemDataRole.ForegroundRole and state is not None:
            return self._foreground(state, field)
        if role == Qt.ItemDataRole.ToolTipRole and state is not None:
            return self._tooltip(task, state, field)
        return None

    def _display(self, task: LaunchTask, state: TaskState | None, field: str) -> str:
        if field == "department":
            return DEPARTMENTS.get(task.department, task.department)
        if field == "status":
            return STATUSES.get(task.status, task.status)
        if field == "offset_days":
            due = f" · {_day(state.due)}" if state is not None else ""
            return f"{format_offset(task.offset_days)}{due}"
        if field == "owner_id":
            return self._names.get(task.owner_id or "", "")
        if field == "blocks":
            return "Blocks" if state is not None and state.blocks else ""
        text = str(getattr(task, field) or "")
        return text.splitlines()[0] if "\n" in text else text

    def _edit_value(self, task: LaunchTask, field: str) -> Any:
        if field == "offset_days":
            return format_offset(task.offset_days)
        if field == "owner_id":
            return task.owner_id or ""
        if field in EDITABLE:
            return getattr(task, field) or ""
        return None

    def _sort_value(self, task: LaunchTask, state: TaskState | None, field: str) -> Any:
        if field == "department":
            return (
                list(DEPARTMENTS).index(task.department) if task.department in DEPARTMENTS else 99
            )
        if field == "status":
            return list(STATUSES).index(task.status) if task.status in STATUSES else 99
        if field == "offset_days":
            return task.offset_days
        if field == "blocks":
            return 0 if state is not None and state.blocks else 1
        return self._display(task, state, field).casefold()

    def _foreground(self, state: TaskState, field: str) -> QBrush | None:
        if field == "offset_days" and state.late:
            return QBrush(theme.ink(LATE_COLOUR))
        if field == "status" and state.status == "blocked":
            return QBrush(theme.ink(BLOCKED_COLOUR))
        if field == "status" and state.ready:
            return QBrush(theme.ink(DONE_COLOUR))
        if field == "blocks" and state.blocks:
            return QBrush(theme.ink(BLOCKED_COLOUR))
        return None

    def _tooltip(self, task: LaunchTask, state: TaskState, field: str) -> str | None:
        if field == "offset_days" and state.late:
            late = state.days_late(self.today)
            return f"Overdue by {late} day{'s' if late != 1 else ''}"
        if field == "blocks" and state.blocks:
            if state.status == "blocked":
                return "Blocked: the launch cannot get a go while this is stuck"
            return "Not ready, and due by the go/no-go meeting"
        if field == "note":
            return task.note or None
        return None

    # -- writing -------------------------------------------------------------------------------

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self._plan is None:
            return False
        field = COLUMNS[index.column()].field
        if field not in EDITABLE:
            return False
        task = self._rows[index.row()]
        if self._edit_value(task, field) == value:
            return False
        day = self._plan.readiness.launch_day
        return actions.set_task_field(self.controller, task, field, value, day)


def _rank(words: dict[str, str], key: str) -> int:
    return list(words).index(key) if key in words else len(words)


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


class TaskFilterProxy(QSortFilterProxyModel):
    """Sorts by real values (offsets, the grid's order) and shows all tasks, one cell of the
    grid, the tasks that block go/no-go, or the late ones."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._cell: tuple[str, str] | None = None
        self._only = ""  # "", "blocks" or "late"

    @property
    def cell(self) -> tuple[str, str] | None:
        return self._cell

    def set_filter(self, cell: tuple[str, str] | None = None, only: str = "") -> None:
        """Show only the tasks of one (department, status), or only blockers or late ones."""
        self.beginFilterChange()
        self._cell, self._only = cell, only
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, TaskTableModel) or source_parent.isValid():
            return True
        task = model.task(source_row)
        if self._cell is not None and (task.department, task.status) != self._cell:
            return False
        if self._only:
            state = model.state(task.id)
            return state is not None and bool(getattr(state, self._only))
        return True
