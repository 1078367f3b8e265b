"""The traceability tree as a lazy item model over :class:`requirements_query.Trace`.

A node's children are worked out the first time a view asks for them, from the trace's
dictionaries; nothing is built for rows nobody opens. (Building one QStandardItem per line took
seconds for 10,000 customer inputs.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from pmdesk.gui import theme
from pmdesk.workspaces.requirements import query
from pmdesk.workspaces.requirements.model import STATUSES

ID_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_ROLE = Qt.ItemDataRole.UserRole + 3
GAP = QColor("#b42318")
MUTED = QColor("#667085")
KIND_NAMES = {"input": "Customer input", "requirement": "Requirement", "item": "Roadmap item"}
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass
class Node:
    kind: str  # "input", "requirement", "item", or "gap"
    record_id: str  # for a gap: the sentence shown
    parent: int  # node number of the parent; -1 for top-level rows
    row: int
    depth: int
    children: list[int] | None = field(default=None)  # node numbers, once asked for


class TraceModel(QAbstractItemModel):
    def __init__(self, trace: query.Trace, direction: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.trace = trace
        self.direction = direction
        self.nodes: list[Node] = []
        self.top: list[int] = []
        top_kind = {"inputs": "input", "requirements": "requirement", "items": "item"}[direction]
        labels = {
            "input": trace.input_labels,
            "requirement": trace.requirement_labels,
            "item": trace.item_labels,
        }[top_kind]
        for record_id in labels:
            self._add(top_kind, record_id, -1, 0)

    def _add(self, kind: str, record_id: str, parent: int, depth: int) -> int:
        siblings = self.top if parent < 0 else self.nodes[parent].children
        row = len(siblings) if siblings is not None else 0
        self.nodes.append(Node(kind, record_id, parent, row, depth))
        number = len(self.nodes) - 1
        if siblings is not None:
            siblings.append(number)
        return number

    # -- which children a line has --------------------------------------------------------------

    def _fetch(self, number: int) -> list[int]:
        """Work out a line's children (once); the caller tells views if they are watching."""
        node = self.nodes[number]
        if node.children is None:
            node.children = []
            for kind, record_id in self._child_records(node):
                self._add(kind, record_id, number, node.depth + 1)
        return node.children

    def fetch_everything(self) -> None:
        """Work out every line now (for a small tree that opens fully expanded)."""
        number = 0
        while number < len(self.nodes):
            if self._expandable(self.nodes[number]):
                self._fetch(number)
            number += 1

    @staticmethod
    def _expandable(node: Node) -> bool:
        return node.kind in ("input", "requirement", "item") and (
            node.depth == 0 or node.kind == "requirement"
        )

    def _child_records(self, node: Node) -> list[tuple[str, str]]:
        trace = self.trace
        if node.kind == "input" and node.depth == 0:
            found = trace.requirements_of_input.get(node.record_id, [])
            return [("requirement", r) for r in found] or [
                ("gap", "No requirement answers this yet")
            ]
        if node.kind == "item" and node.depth == 0:
            found = trace.requirements_of_item.get(node.record_id, [])
            return [("requirement", r) for r in found] or [
                ("gap", "No requirement behind this item")
            ]
        if node.kind != "requirement":
            return []
        records: list[tuple[str, str]] = []
        if self.direction in ("requirements", "items"):
            inputs = trace.inputs_of_requirement.get(node.record_id, [])
            records += [("input", i) for i in inputs] or [("gap", "No customer evidence")]
        if self.direction in ("requirements", "inputs"):
            records += self._roadmap_records(node.record_id)
        return records

    def _roadmap_records(self, requirement_id: str) -> list[tuple[str, str]]:
        items = self.trace.items_of_requirement.get(requirement_id, [])
        if items:
            return [("item", item) for item in items]
        status = self.trace.requirement_status.get(requirement_id)
        if status == "declined":
            return [("muted", "Declined, so not planned")]
        if status == "shipped":
            return [("muted", "Shipped without a roadmap item")]
        return [("gap", "Not on the roadmap")]

    # -- the item model ------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column not in (0, 1) or row < 0:
            return QModelIndex()
        siblings = self._siblings(parent)
        if row >= len(siblings):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def _siblings(self, parent: AnyIndex) -> list[int]:
        if not parent.isValid():
            return self.top
        return self.nodes[parent.internalId()].children or []

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node = self.nodes[index.internalId()]
        if node.parent < 0:
            return QModelIndex()
        return self.createIndex(self.nodes[node.parent].row, 0, node.parent)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.top)
        if parent.column() != 0:
            return 0
        return len(self.nodes[parent.internalId()].children or [])

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        if not parent.isValid():
            return bool(self.top)
        node = self.nodes[parent.internalId()]
        return parent.column() == 0 and self._expandable(node)

    # Children arrive when a view first opens a line: views (and the filter proxy) then ask
    # nothing about the thousands of lines nobody opens.
    def canFetchMore(self, parent: AnyIndex) -> bool:
        if not parent.isValid() or parent.column() != 0:
            return False
        node = self.nodes[parent.internalId()]
        return node.children is None and self._expandable(node)

    def fetchMore(self, parent: AnyIndex) -> None:
        if not self.canFetchMore(parent):
            return
        number = parent.internalId()
        count = len(self._child_records(self.nodes[number]))
        self.beginInsertRows(parent, 0, count - 1)
        self._fetch(number)
        self.endInsertRows()

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Trace", "What it is · where it stands")[section] if section < 2 else None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.nodes[index.internalId()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._label(node) if index.column() == 0 else self._note(node)
        if role == Qt.ItemDataRole.ForegroundRole:
            if node.kind == "gap":
                return QBrush(theme.ink(GAP))
            if node.kind == "muted" or index.column() == 1:
                return QBrush(theme.ink(MUTED))
            return None
        if node.kind in ("gap", "muted"):
            return None
        if role == ID_ROLE:
            return node.record_id
        if role == KIND_ROLE:
            return node.kind
        return None

    def _label(self, node: Node) -> str:
        if node.kind == "input":
            return self.trace.input_labels.get(node.record_id, "")
        if node.kind == "requirement":
            return self.trace.requirement_labels.get(node.record_id, "")
        if node.kind == "item":
            return self.trace.item_labels.get(node.record_id, "")
        return node.record_id

    def _note(self, node: Node) -> str:
        if node.kind not in KIND_NAMES:
            return ""
        if node.kind == "requirement":
            status = self.trace.requirement_status.get(node.record_id, "")
            return f"Requirement · {STATUSES.get(status, status)}"
        if node.kind == "item":
            return f"Roadmap item · {self.trace.item_notes.get(node.record_id, '')}"
        return KIND_NAMES[node.kind]


class TopLevelFilter(QSortFilterProxyModel):
    """Finds words in top-level lines only; everything under a shown line stays visible."""

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if source_parent.isValid():
            return True
        return super().filterAcceptsRow(source_row, source_parent)
