"""The decision log as a table, newest first, and the filter in front of it.

The model only reads: decisions are edited in the detail panel beside the table, so every
edit takes the one road through ``qt/actions.py``. The page refreshes it when a decision, a
link or any record a decision shows (a stakeholder's name, a roadmap item's title) changed.
"""

from __future__ import annotations

from collections.abc import Collection
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
from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.decisions import query
from pmdesk.workspaces.decisions.model import LINK_KINDS, STATUSES, Decision
from pmdesk.workspaces.decisions.query import LogEntry

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
DUE_COLOUR = QColor("#b42318")
STATUS_COLOURS = {
    "proposed": QColor("#b54708"),
    "decided": QColor("#067647"),
    "revisited": QColor("#175cd3"),
    "reversed": QColor("#667085"),
}
AnyIndex = QModelIndex | QPersistentModelIndex
# What a decision shows from elsewhere: a change to any of these may change a row.
SHOWN_KINDS = frozenset(
    {Decision.__tablename__}
    | {kind.link.__tablename__ for kind in LINK_KINDS}
    | {kind.target.__tablename__ for kind in LINK_KINDS}
)
NOT_LINKED = "-"  # the workspace filter's "linked to nothing"
WORKSPACE_NAMES = {kind.key: kind.workspace for kind in LINK_KINDS}


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int


COLUMNS: tuple[Column, ...] = (
    Column("decided_on", "Date", 88),
    Column("question", "Question", 300),
    Column("status", "Status", 80),
    Column("decider", "Decided by", 120),
    Column("revisit_on", "Revisit", 88),
    Column("links", "Concerns", 160),
)


@dataclass(frozen=True)
class LogFilter:
    """What the page's filter bar asks for; empty means everything."""

    status: str = ""
    workspace: str = ""  # a LinkKind key, NOT_LINKED, or "" for any
    text: str = ""

    def matches(self, entry: LogEntry) -> bool:
        decision = entry.decision
        if self.status and decision.status != self.status:
            return False
        if self.workspace == NOT_LINKED and entry.links:
            return False
        if self.workspace not in ("", NOT_LINKED) and self.workspace not in entry.kinds():
            return False
        words = self.text.strip().casefold()
        if words:
            haystack = " ".join(
                (decision.question, decision.outcome, decision.rationale, entry.decider)
            ).casefold()
            return words in haystack
        return True


def links_summary(entry: LogEntry) -> str:
    """ "Roadmap 2 · Stakeholders 1", in navigation order; empty when linked to nothing."""
    counts = {kind.key: 0 for kind in LINK_KINDS}
    for link in entry.links:
        counts[link.kind] += 1
    return " · ".join(f"{WORKSPACE_NAMES[key]} {n}" for key, n in counts.items() if n)


class DecisionTableModel(QAbstractTableModel):
    def __init__(
        self,
        controller: DocumentController,
        parent: QObject | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.today = today or date.today()
        self._entries: list[LogEntry] = []
        # Each column's sort values, worked out for every row at the first ask: sorting asks
        # for them once per comparison, thousands of times on a large log's first paint.
        self._sort_values: dict[int, list[Any]] = {}
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._entries = query.load_log(self.controller.session)
        self._sort_values.clear()
        self.endResetModel()

    def refresh(self, ids: Collection[str] = ()) -> None:
        """Read the log again after an edit; the page calls it when a shown kind changed.

        With ``ids`` (decisions whose own fields changed), only those are read again, unless
        that moved them in the log's order.
        """
        if ids and self._refresh_only(ids):
            return
        fresh = query.load_log(self.controller.session)
        if [entry.id for entry in fresh] != [entry.id for entry in self._entries]:
            self.beginResetModel()  # the page puts the selection back after the reset
            self._entries = fresh
            self._sort_values.clear()
            self.endResetModel()
            return
        # Same rows in the same order: repaint them, keeping selection and scroll position.
        self._entries = fresh
        self._sort_values.clear()
        if fresh:
            self.dataChanged.emit(self.index(0, 0), self.index(len(fresh) - 1, len(COLUMNS) - 1))

    def _refresh_only(self, ids: Collection[str]) -> bool:
        rows = {entry.id: row for row, entry in enumerate(self._entries)}
        if not all(decision_id in rows for decision_id in ids):
            return False
        fresh = query.load_log(self.controller.session, ids)
        if len(fresh) != len(ids):
            return False
        entries = list(self._entries)
        for entry in fresh:
            entries[rows[entry.id]] = entry
        keys = [query.sort_key(entry) for entry in entries]
        if keys != sorted(keys):
            return False  # a new date or question moved a row: reset, keeping the selection
        self._entries = entries
        self._sort_values.clear()
        last = len(COLUMNS) - 1
        for entry in fresh:
            row = rows[entry.id]
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))
        return True

    def find(self, decision_id: str) -> LogEntry | None:
        row = self.row_of(decision_id)
        return self._entries[row] if row >= 0 else None

    @property
    def entries(self) -> list[LogEntry]:
        return self._entries

    def entry(self, row: int) -> LogEntry:
        return self._entries[row]

    def row_of(self, decision_id: str) -> int:
        for row, entry in enumerate(self._entries):
            if entry.id == decision_id:
                return row
        return -1

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section].title
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        if role == SORT_ROLE:  # first: sorting asks for it far more often than painting asks
            return self._sort_column(index.column())[index.row()]
        entry = self._entries[index.row()]
        decision = entry.decision
        key = COLUMNS[index.column()].key
        if role == ID_ROLE:
            return entry.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, key)
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "status":
                return QBrush(theme.ink(STATUS_COLOURS.get(decision.status, QColor("#000000"))))
            if key == "revisit_on" and decision.is_due(self.today):
                return QBrush(theme.ink(DUE_COLOUR))
        if role == Qt.ItemDataRole.FontRole and key == "question":
            font = QFont()
            font.setBold(decision.status == "proposed")
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, key)
        return None

    def _display(self, entry: LogEntry, key: str) -> str:
        decision = entry.decision
        if key == "decided_on":
            return decision.decided_on.isoformat()
        if key == "question":
            return " ".join(decision.question.split())
        if key == "status":
            return STATUSES.get(decision.status, decision.status)
        if key == "decider":
            return entry.decider
        if key == "revisit_on":
            return decision.revisit_on.isoformat() if decision.revisit_on else ""
        return links_summary(entry)

    def _sort_column(self, column: int) -> list[Any]:
        values = self._sort_values.get(column)
        if values is None:
            key = COLUMNS[column].key
            values = self._sort_values[column] = [
                self._sort_value(entry, key) for entry in self._entries
            ]
        return values

    def _sort_value(self, entry: LogEntry, key: str) -> Any:
        decision = entry.decision
        if key == "status":
            return list(STATUSES).index(decision.status) if decision.status in STATUSES else 99
        if key == "revisit_on":
            # Undated revisits sort after every date, whichever way the column is sorted first.
            return decision.revisit_on.isoformat() if decision.revisit_on else "9999"
        if key == "links":
            return len(entry.links)
        return self._display(entry, key).casefold()

    def _tooltip(self, entry: LogEntry, key: str) -> str | None:
        decision = entry.decision
        if key == "question" and decision.outcome:
            return f"Decided: {decision.outcome}"
        if key == "revisit_on" and decision.is_due(self.today) and decision.revisit_on:
            late = (self.today - decision.revisit_on).days
            if late > 0:
                return f"Due for a revisit {late} day{'s' if late != 1 else ''} ago"
            return "Due for a revisit today"
        if key == "links" and entry.links:
            return "\n".join(f"{WORKSPACE_NAMES[link.kind]}: {link.title}" for link in entry.links)
        return None


class DecisionFilterProxy(QSortFilterProxyModel):
    """Sorts by real values (dates, the status order) and shows only what the filter matches."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = LogFilter()
        self.setSortRole(SORT_ROLE)

    @property
    def log_filter(self) -> LogFilter:
        return self._filter

    def set_filter(self, log_filter: LogFilter) -> None:
        self.beginFilterChange()
        self._filter = log_filter
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, DecisionTableModel) or source_parent.isValid():
            return True
        return self._filter.matches(model.entry(source_row))
