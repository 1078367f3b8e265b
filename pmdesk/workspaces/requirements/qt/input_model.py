"""The customer inputs table: what was said, by whom, where, and what it supports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush

from pmdesk.gui import theme
from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.requirements import query
from pmdesk.workspaces.requirements.model import SOURCES
from pmdesk.workspaces.requirements.qt.table_models import (
    GAP_COLOUR,
    ID_ROLE,
    SORT_ROLE,
    Column,
    RowTable,
    SourceSorted,
)

AnyIndex = QModelIndex | QPersistentModelIndex

INPUT_COLUMNS: tuple[Column, ...] = (
    Column("received_on", "Date", 86),
    Column("quote", "What the customer said", 290),
    Column("who", "Said by", 130, editable=False, tip="The stakeholder, else the customer."),
    Column("source", "Source", 100),
    Column("tags", "Tags", 120),
    Column(
        "requirement_count",
        "Requirements",
        92,
        editable=False,
        tip="Requirements this input supports; “none” means it is still in the inbox.",
    ),
    Column("segment", "Segment", 150),
    # Who said it, as stored: edited in the panel beside the table, hidden there by default.
    Column("stakeholder_id", "Stakeholder", 130, tip="Someone on your stakeholder map."),
    Column("customer", "Customer", 150, tip="A named customer, if not a stakeholder."),
)
HIDDEN_INPUT_FIELDS = ("segment", "stakeholder_id", "customer")


class InputTableModel(RowTable[query.InputRow]):
    columns = INPUT_COLUMNS

    def __init__(
        self,
        controller: DocumentController,
        parent: QObject | None = None,
        stakeholder_names: Callable[[], dict[str, str]] | None = None,
    ) -> None:
        self._names = stakeholder_names or (lambda: {})
        self.stakeholders: dict[str, str] = {}
        super().__init__(controller, parent)

    def load(self) -> list[query.InputRow]:
        self.stakeholders = self._names()
        return query.input_rows(self.controller.session)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        field = self.columns[index.column()].field
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, field)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(row, field)
        if role == SORT_ROLE:
            return self.sort_value(row, field)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole:
            if field == "requirement_count" and not row.requirement_count:
                return QBrush(theme.ink(GAP_COLOUR))
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and field == "requirement_count":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and field == "quote":
            # As rich text, so that a long quote wraps into a readable block.
            return f"<p>{escape(row.quote).replace(chr(10), '<br>')}</p>"
        return None

    def sort_value(self, row: query.InputRow, field: str) -> Any:
        if field == "requirement_count":
            return row.requirement_count
        if field == "received_on":
            return row.received_on.isoformat()
        return self._display(row, field).lower()

    def _display(self, row: query.InputRow, field: str) -> str:
        if field == "received_on":
            return row.received_on.isoformat()
        if field == "quote":
            return " ".join(row.quote.split())
        if field == "stakeholder_id":
            return self.stakeholders.get(row.stakeholder_id or "", "")
        if field == "source":
            return SOURCES.get(row.source, row.source)
        if field == "tags":
            return ", ".join(row.tags)
        if field == "requirement_count":
            return str(row.requirement_count) if row.requirement_count else "none"
        return str(getattr(row, field))

    def _edit_value(self, row: query.InputRow, field: str) -> Any:
        if field == "received_on":
            return row.received_on.isoformat()
        if field == "tags":
            return ", ".join(row.tags)
        if field == "stakeholder_id":
            return row.stakeholder_id or ""
        return getattr(row, field)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        row = self._rows[index.row()]
        field = self.columns[index.column()].field
        if self._edit_value(row, field) == value:
            return False
        if isinstance(value, date):
            value = value.isoformat()
        return self.actions.update_input(row.id, field, value)


class InputFilter(SourceSorted):
    """Shows all inputs or only the inbox (no requirement yet), narrowed by words or a tag."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self.inbox_only = False
        self.words = ""

    def set_filter(self, inbox_only: bool | None = None, words: str | None = None) -> None:
        self.beginFilterChange()
        if inbox_only is not None:
            self.inbox_only = inbox_only
        if words is not None:
            self.words = words.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, InputTableModel)
        row = model.row_at(source_row)
        if self.inbox_only and row.requirement_count:
            return False
        if self.words:
            who = model.stakeholders.get(row.stakeholder_id or "", "")
            text = f"{row.quote} {who} {row.customer} {row.segment} {' '.join(row.tags)}".lower()
            return all(word in text for word in self.words.split())
        return True
