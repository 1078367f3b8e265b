"""The stakeholder table: every field, editable in place, sortable and filterable.

It is also the accessible alternative to the two diagrams: everything they show can be read
and changed here with the keyboard.
"""

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
from PySide6.QtGui import QBrush, QColor, QFont

from pmdesk.gui import theme
from pmdesk.gui.document import Change, DocumentController
from pmdesk.gui.hidden_changes import on_change
from pmdesk.gui.tables import natural_key
from pmdesk.workspaces.stakeholders import edit, query
from pmdesk.workspaces.stakeholders.chart.layout import ATTITUDE_COLOURS, MapFilter
from pmdesk.workspaces.stakeholders.model import ATTITUDES, STRATEGIES, Stakeholder
from pmdesk.workspaces.stakeholders.qt import actions

KIND = Stakeholder.__tablename__
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
OVERDUE_COLOUR = QColor("#b42318")
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    field: str
    title: str
    width: int


COLUMNS: tuple[Column, ...] = (
    Column("name", "Name", 150),
    Column("role", "Title / role", 190),
    Column("department", "Department", 140),
    Column("external", "External", 70),
    Column("influence", "Influence", 72),
    Column("interest", "Interest", 72),
    Column("attitude", "Attitude", 90),
    Column("strategy_override", "Strategy", 175),
    Column("channel", "Channel", 130),
    Column("cadence", "Cadence", 110),
    Column("owner", "Owner", 110),
    Column("last_contact", "Last contact", 100),
    Column("next_touchpoint", "Next touchpoint", 110),
    Column("needs", "Needs from PM", 220),
    Column("deliverables", "Key deliverables", 220),
    Column("tags", "Tags", 140),
    Column("notes", "Notes", 200),
)
FIELD_COLUMN = {column.field: index for index, column in enumerate(COLUMNS)}


class StakeholderTableModel(QAbstractTableModel):
    """The stakeholders, one a row, sorted by the model itself.

    Sorting here, with one key per row, costs a fraction of what a proxy's comparisons cost
    (two ``data()`` calls each, through Python) on a project of thousands. An edit updates
    only the rows its change names; only added or removed stakeholders reset the model.
    """

    def __init__(
        self,
        controller: DocumentController,
        parent: QObject | None = None,
        today: date | None = None,
        rows: list[Stakeholder] | None = None,
        sort_by: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder),
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.today = today or date.today()
        self._rows: list[Stakeholder] = []
        self._ids: list[str] = []
        self._rows_of: dict[str, int] = {}
        self._shared: list[Stakeholder] | None = None  # the page's read after an edit
        # Rows made in the order the view will ask for: its first sort then moves none.
        self._sort: tuple[int, Qt.SortOrder] = sort_by
        if rows is None:
            self.reload()
        else:
            self._set_rows(list(rows))
        on_change(controller, self, self._on_changed)

    # -- reading -------------------------------------------------------------------------------

    def reload(self) -> None:
        self.beginResetModel()
        self._set_rows(edit.load_map(self.controller.session).stakeholders)
        self.endResetModel()

    def _set_rows(self, rows: list[Stakeholder]) -> None:
        self._rows = self._sorted(rows)
        self._ids = [person.id for person in self._rows]
        self._rows_of = {person_id: row for row, person_id in enumerate(self._ids)}

    def _sorted(self, rows: list[Stakeholder]) -> list[Stakeholder]:
        column, order = self._sort
        if column < 0:
            return rows
        field = COLUMNS[column].field
        descending = order == Qt.SortOrder.DescendingOrder
        return sorted(rows, key=lambda person: _sort_key(person, field), reverse=descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if (column, order) == self._sort:
            return  # edits keep the rows in this order already
        self._sort = (column, order)
        self._relayout(self._rows)

    def _relayout(self, rows: list[Stakeholder]) -> None:
        """Put ``rows`` (the same people) in sort order, keeping selections and the current
        cell on their people; nothing is emitted when no row moves."""
        ordered = self._sorted(rows)
        if [person.id for person in ordered] == self._ids:
            self._rows = ordered
            return
        before = self._ids
        self.layoutAboutToBeChanged.emit()
        self._rows = ordered
        self._ids = [person.id for person in ordered]
        self._rows_of = {person_id: row for row, person_id in enumerate(self._ids)}
        moved = self.persistentIndexList()
        self.changePersistentIndexList(
            moved,
            [self.index(self._rows_of[before[index.row()]], index.column()) for index in moved],
        )
        self.layoutChanged.emit()

    def share_rows(self, rows: list[Stakeholder]) -> None:
        """Take ``rows``, the page's read of the stakeholders after an edit, at the next
        change instead of reading them again: the page hears of an edit first."""
        self._shared = rows

    def _on_changed(self, change: Change) -> None:
        if not change.touches(KIND):
            return
        # Ids are read from the fresh rows only: a removal has expired the old objects.
        fresh, self._shared = self._shared, None
        if fresh is None or not query.all_current(fresh):  # an undo since expires them all
            fresh = edit.load_map(self.controller.session).stakeholders
        if {person.id for person in fresh} != set(self._ids):
            self.beginResetModel()
            self._set_rows(fresh)
            self.endResetModel()
            return
        by_id = {person.id: person for person in fresh}
        # The ids name every row written when the edit wrote stakeholders only (the grid's
        # rule too); an edit of several kinds may have written rows without naming them.
        named = change.kinds == {KIND} and change.ids
        touched = change.ids & by_id.keys() if named else by_id.keys()
        # An edit of the sorted column moves its row (a layout change, not a reset).
        self._relayout([by_id[person_id] for person_id in self._ids])
        last = len(COLUMNS) - 1
        for row in sorted(self._rows_of[person_id] for person_id in touched):
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def stakeholder(self, row: int) -> Stakeholder:
        return self._rows[row]

    def row_of(self, stakeholder_id: str) -> int:
        return self._rows_of.get(stakeholder_id, -1)

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
            if role == Qt.ItemDataRole.ToolTipRole:
                return edit.FIELDS[COLUMNS[section].field].label
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.controller.read_only:
            return flags
        if COLUMNS[index.column()].field == "external":
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        person = self._rows[index.row()]
        field = COLUMNS[index.column()].field
        value = getattr(person, field)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(person, field, value)
        if role == Qt.ItemDataRole.EditRole:
            return _edit_value(field, value)
        if role == SORT_ROLE:
            return _sort_value(person, field, value)
        if role == ID_ROLE:
            return person.id
        if role == Qt.ItemDataRole.CheckStateRole and field == "external":
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(person, field)
        if role == Qt.ItemDataRole.FontRole and field == "name":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(person, field)
        return None

    def _display(self, person: Stakeholder, field: str, value: Any) -> str | None:
        if field == "external":
            return None
        if field == "attitude":
            return ATTITUDES.get(value, value)
        if field == "strategy_override":
            shown = STRATEGIES[person.strategy]
            return shown if value else f"{shown} (quadrant)"
        if isinstance(value, date):
            return value.isoformat()
        if value is None:
            return ""
        text = str(value)
        return text.splitlines()[0] if "\n" in text else text

    def _foreground(self, person: Stakeholder, field: str) -> QBrush | None:
        if field == "next_touchpoint" and person.is_overdue(self.today):
            return QBrush(theme.ink(OVERDUE_COLOUR))
        if field == "attitude":
            return QBrush(theme.ink(ATTITUDE_COLOURS.get(person.attitude, "#000000")))
        return None

    def _tooltip(self, person: Stakeholder, field: str) -> str | None:
        if field == "next_touchpoint" and person.is_overdue(self.today):
            assert person.next_touchpoint is not None
            late = (self.today - person.next_touchpoint).days
            return f"Overdue by {late} day{'s' if late != 1 else ''}"
        if field in ("needs", "deliverables", "notes"):
            return getattr(person, field) or None
        return None

    # -- writing -------------------------------------------------------------------------------

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        field = COLUMNS[index.column()].field
        if role == Qt.ItemDataRole.CheckStateRole and field == "external":
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        person = self._rows[index.row()]
        if _edit_value(field, getattr(person, field)) == value:
            return False
        return actions.set_stakeholder_field(self.controller, person, field, value)


def _edit_value(field: str, value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return ""
    return value


def _sort_value(person: Stakeholder, field: str, value: Any) -> Any:
    if field == "strategy_override":
        return list(STRATEGIES).index(person.strategy)
    if field == "attitude":
        return list(ATTITUDES).index(value) if value in ATTITUDES else len(ATTITUDES)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else natural_key(str(value))


def _sort_key(person: Stakeholder, field: str) -> tuple[int, Any]:
    """The row's place in a sort by ``field``: numbers before texts, so keys always compare."""
    value = _sort_value(person, field, getattr(person, field))
    return (0, value) if isinstance(value, int) else (1, value)


class StakeholderFilterProxy(QSortFilterProxyModel):
    """Sorts by real values (numbers, dates) and shows only what the page's filter matches."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = MapFilter()
        self.setSortRole(SORT_ROLE)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The source model sorts (one key per row); the proxy keeps its order and filters.
        source = self.sourceModel()
        if isinstance(source, StakeholderTableModel):
            source.sort(column, order)
        else:
            super().sort(column, order)

    def set_filter(self, map_filter: MapFilter) -> None:
        self.beginFilterChange()
        self._filter = map_filter
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, StakeholderTableModel) or source_parent.isValid():
            return True
        return self._filter.matches(model.stakeholder(source_row))
