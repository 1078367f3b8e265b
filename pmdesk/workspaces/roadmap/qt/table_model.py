"""The roadmap as a table: the accessible alternative to the timeline, editable in place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush

from pmdesk.domain.values import parse_date
from pmdesk.errors import PmdeskError
from pmdesk.gui import theme
from pmdesk.gui.tables import natural_key
from pmdesk.workspaces.roadmap.chart.style import BROKEN_LINK_COLOR, LATE_COLOR
from pmdesk.workspaces.roadmap.model import CONFIDENCES, KINDS, STATUSES
from pmdesk.workspaces.roadmap.plan import Item, Roadmap, broken_dependencies, is_late
from pmdesk.workspaces.roadmap.qt.actions import RoadmapActions

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    editable: bool


COLUMNS: tuple[Column, ...] = (
    Column("title", "Title", True),
    Column("lane", "Lane", True),
    Column("kind", "Kind", True),
    Column("start", "Start", True),
    Column("end", "End", True),
    Column("status", "Status", True),
    Column("confidence", "Confidence", True),
    Column("progress", "Progress", True),
    Column("owner", "Owner", True),
    Column("tags", "Tags", True),
    Column("flags", "Flags", False),
)
COLUMN_KEYS = tuple(column.key for column in COLUMNS)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
VALUE_ROLE = Qt.ItemDataRole.UserRole + 3  # the lane's or owner's id, for their editors


class RoadmapTableModel(QAbstractTableModel):
    def __init__(self, actions: RoadmapActions, parent: Any = None) -> None:
        super().__init__(parent)
        self.actions = actions
        self.items: list[Item] = []
        self.lane_names: dict[str, str] = {}
        self.lane_rank: dict[str, int] = {}
        self.owners: dict[str, str] = {}
        self.flag_text: dict[str, str] = {}

    def set_roadmap(self, roadmap: Roadmap, today: date, owners: dict[str, str]) -> None:
        self.beginResetModel()
        self.lane_names = {lane.id: lane.name for lane in roadmap.lanes}
        self.lane_rank = {lane.id: index for index, lane in enumerate(roadmap.lanes)}
        self.items = sorted(
            roadmap.items,
            key=lambda i: (self.lane_rank.get(i.lane_id, 0), i.start or date.max, i.title),
        )
        self.owners = owners
        broken: set[str] = set()
        for link in broken_dependencies(roadmap):
            broken.update((link.predecessor.id, link.successor.id))
        self.flag_text = {}
        for item in self.items:
            words = []
            if is_late(item, today):
                words.append("Late")
            if item.id in broken:
                words.append("Dependency broken")
            if not item.dated:
                words.append("Undated")
            self.flag_text[item.id] = ", ".join(words)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section].title if 0 <= section < len(COLUMNS) else None
        return section + 1

    def flags(self, index: Index) -> Qt.ItemFlag:  # type: ignore[override]
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if COLUMNS[index.column()].editable and not self.actions.controller.read_only:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        key = COLUMN_KEYS[index.column()]
        if role == ID_ROLE:
            return item.id
        if role == VALUE_ROLE:
            return {"lane": item.lane_id, "owner": item.owner_id}.get(key)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(item, key, role == Qt.ItemDataRole.EditRole)
        if role == SORT_ROLE:
            return self._sort_key(item, key)
        if role == Qt.ItemDataRole.ForegroundRole and key == "flags" and self.flag_text[item.id]:
            late = "Late" in self.flag_text[item.id]
            return QBrush(theme.ink(LATE_COLOR if late else BROKEN_LINK_COLOR))
        if role == Qt.ItemDataRole.ToolTipRole and key == "title":
            return item.description or None
        return None

    def _text(self, item: Item, key: str, editing: bool) -> str:
        if key == "title":
            return item.title
        if key == "lane":
            return self.lane_names.get(item.lane_id, "")
        if key == "kind":
            return KINDS.get(item.kind, item.kind)
        if key in ("start", "end"):
            day = item.start if key == "start" else item.end
            return day.isoformat() if day else ""
        if key == "status":
            return STATUSES.get(item.status, item.status)
        if key == "confidence":
            return CONFIDENCES.get(item.confidence, item.confidence)
        if key == "progress":
            return str(item.progress) if editing else f"{item.progress}%"
        if key == "owner":
            return self.owners.get(item.owner_id or "", "")
        if key == "tags":
            return item.tags
        return self.flag_text.get(item.id, "")

    def _sort_key(self, item: Item, key: str) -> Any:
        if key in ("start", "end"):
            day = item.start if key == "start" else item.end
            return day.toordinal() if day else 10**7
        if key == "progress":
            return item.progress
        if key == "lane":
            return self.lane_rank.get(item.lane_id, 0)
        if key == "status":
            return list(STATUSES).index(item.status) if item.status in STATUSES else 99
        return natural_key(self._text(item, key, False))

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = COLUMNS[index.column()]
        if not column.editable:
            return False
        item = self.items[index.row()]
        values: dict[str, Any] = {column.key: value}
        if column.key in ("lane", "owner"):
            if column.key == "lane" and not value:
                return False
            values = {f"{column.key}_id": value or None}
        elif item.kind == "milestone" and column.key in ("start", "end"):
            values = {"start": value, "end": value}
        elif column.key == "start":
            values = _start_moving_end(item, value)
        return self.actions.set_item_fields(item.id, column.title.lower(), **values)

    def row_of(self, item_id: str) -> int:
        return next((row for row, item in enumerate(self.items) if item.id == item_id), -1)


class RoadmapFilterModel(QSortFilterProxyModel):
    """Sorts by real values (dates as dates) and filters on any text of a row."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)


def _start_moving_end(item: Item, value: Any) -> dict[str, Any]:
    """A start typed after the item's end moves the end along, keeping the item's length, as
    planners do; anything else (a bad date included, which the domain explains) is the start
    alone."""
    try:
        start = parse_date(value, "The start")
    except PmdeskError:
        return {"start": value}
    if start is None or item.start is None or item.end is None or start <= item.end:
        return {"start": value}
    return {"start": start, "end": start + (item.end - item.start)}
