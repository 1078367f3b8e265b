"""Table models of the Requirements workspace: requirements and customer inputs.

Rows are plain snapshots read with a few set-based queries (see ``requirements_query``); an
edit goes through :class:`RequirementActions`, and the model re-reads on ``changed``. When the
same rows come back (an edit, not an insert or delete) it emits ``dataChanged`` instead of a
reset, so the selection and scroll position survive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

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
from pmdesk.workspaces.requirements import query
from pmdesk.workspaces.requirements.model import IMPACT_SCALE, MOSCOW, STATUSES
from pmdesk.workspaces.requirements.qt.actions import RequirementActions, touches_requirements

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
GAP_COLOUR = QColor("#b42318")
MUTED_COLOUR = QColor("#6b7280")
STATUS_COLOURS = {
    "proposed": "#475467",
    "accepted": "#175cd3",
    "in_roadmap": "#6941c6",
    "shipped": "#067647",
    "declined": "#98a2b3",
}
AnyIndex = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row", query.RequirementRow, query.InputRow)


@dataclass(frozen=True)
class Column:
    field: str
    title: str
    width: int
    editable: bool = True
    tip: str = ""


def format_number(value: float | None, suffix: str = "") -> str:
    if value is None:
        return ""
    text = f"{value:,.0f}" if abs(value) >= 100 or value == int(value) else f"{value:,.2f}"
    return text.rstrip("0").rstrip(".") + suffix if "." in text else text + suffix


def format_score(score: float | None) -> str:
    if score is None:
        return "—"
    return f"{score:,.0f}" if score >= 10 else f"{score:.1f}"


class RowTable(QAbstractTableModel, Generic[Row]):
    """Shared plumbing: rows by position, reload that keeps selection, header and flags."""

    columns: tuple[Column, ...] = ()

    def __init__(self, controller: DocumentController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.actions = RequirementActions(controller, None)
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._rows: list[Row] = []
        self._rows = self.load()
        on_change(controller, self, self._on_changed)

    def load(self) -> list[Row]:
        raise NotImplementedError

    def sort_value(self, row: Row, field: str) -> Any:
        """What a column sorts by; every value of one column has the same type."""
        raise NotImplementedError

    # Sorting happens here, in Python, with a key per row: a proxy comparing pairs of cells
    # through data() costs tens of thousands of calls into Python for a few thousand rows.
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or self._sort == (column, order):
            return  # already in that order (rows are kept sorted as they reload)
        self._sort = (column, order)
        self._set_rows(self._sorted(self._rows))

    def _sorted(self, rows: list[Row]) -> list[Row]:
        if self._sort is None:
            return rows
        column, order = self._sort
        field = self.columns[column].field
        return sorted(
            rows,
            key=lambda row: self.sort_value(row, field),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )

    def _set_rows(self, rows: list[Row]) -> None:
        """Replace rows that are the same records, maybe in a new order; selection follows."""
        self.layoutAboutToBeChanged.emit()
        position = {row.id: number for number, row in enumerate(rows)}
        previous = self._rows
        self._rows = rows
        old = self.persistentIndexList()
        new = [
            self.index(position[previous[index.row()].id], index.column())
            if index.isValid() and index.row() < len(previous)
            else QModelIndex()
            for index in old
        ]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def reload(self) -> None:
        fresh = self._sorted(self.load())
        if [row.id for row in fresh] == [row.id for row in self._rows]:
            self._rows = fresh
            if fresh:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(fresh) - 1, len(self.columns) - 1)
                )
            return
        if {row.id for row in fresh} == {row.id for row in self._rows}:
            self._set_rows(fresh)  # an edit moved rows: keep the selection on its record
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(fresh) - 1, len(self.columns) - 1)
            )
            return
        self.beginResetModel()
        self._rows = fresh
        self.endResetModel()

    def _on_changed(self, change: Change) -> None:
        if touches_requirements(change):
            self.reload()

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def row_of(self, record_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == record_id), -1)

    def rows(self) -> Sequence[Row]:
        return self._rows

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[section].tip or None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.controller.read_only or not self.columns[index.column()].editable:
            return flags
        return flags | Qt.ItemFlag.ItemIsEditable

    def field_at(self, index: AnyIndex) -> str:
        return self.columns[index.column()].field

    def column_of(self, field: str) -> int:
        return next(i for i, column in enumerate(self.columns) if column.field == field)


# -- requirements --------------------------------------------------------------------------------

REQUIREMENT_COLUMNS: tuple[Column, ...] = (
    Column("reference", "Key", 64, tip="A key in your issue tracker, such as FL-142."),
    Column("title", "Requirement", 250),
    Column("status", "Status", 92),
    Column("moscow", "MoSCoW", 96),
    Column(
        "score",
        "RICE",
        62,
        editable=False,
        tip="Reach × Impact × Confidence ÷ Effort. Empty until all four are filled in.",
    ),
    Column("reach", "Reach", 70, tip="People or events affected per quarter."),
    Column("impact", "Impact", 80, tip="3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal."),
    Column("confidence", "Confidence", 82, tip="How sure you are of the estimates, in percent."),
    Column("effort", "Effort", 64, tip="Person-months; must be more than zero."),
    Column(
        "evidence_count",
        "Evidence",
        66,
        editable=False,
        tip="Customer inputs that support this requirement.",
    ),
    Column(
        "roadmap_count",
        "Roadmap",
        66,
        editable=False,
        tip="Roadmap items that deliver this requirement.",
    ),
    Column("owner", "Owner", 100),
    Column("tags", "Tags", 170),
)
_STATUS_ORDER = {key: index for index, key in enumerate(STATUSES)}
_MOSCOW_ORDER = {key: index for index, key in enumerate(MOSCOW)}


class RequirementTableModel(RowTable[query.RequirementRow]):
    columns = REQUIREMENT_COLUMNS

    def load(self) -> list[query.RequirementRow]:
        return query.requirement_rows(self.controller.session)

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
            return self._foreground(row, field)
        if role == Qt.ItemDataRole.TextAlignmentRole and field in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and field in ("score", "title"):
            font = QFont()
            font.setBold(field == "score")
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, field)
        return None

    def _display(self, row: query.RequirementRow, field: str) -> str:
        if field == "status":
            return STATUSES.get(row.status, row.status)
        if field == "moscow":
            return MOSCOW.get(row.moscow, row.moscow)
        if field == "score":
            return format_score(row.score)
        if field == "impact":
            return IMPACT_SCALE.get(row.impact, format_number(row.impact)) if row.impact else ""
        if field == "confidence":
            return format_number(row.confidence, " %")
        if field in ("reach", "effort"):
            return format_number(getattr(row, field))
        if field in ("evidence_count", "roadmap_count"):
            count = getattr(row, field)
            return str(count) if count else "none"
        if field == "tags":
            return ", ".join(row.tags)
        return str(getattr(row, field))

    def _edit_value(self, row: query.RequirementRow, field: str) -> Any:
        if field == "tags":
            return ", ".join(row.tags)
        if field in ("reach", "confidence", "effort"):
            return format_number(getattr(row, field)).replace(",", "")
        return getattr(row, field, None)

    def sort_value(self, row: query.RequirementRow, field: str) -> Any:
        if field == "score":
            return row.score if row.score is not None else float("-inf")
        if field in ("reach", "impact", "confidence", "effort"):
            value = getattr(row, field)
            return value if value is not None else float("-inf")
        if field == "status":
            return _STATUS_ORDER.get(row.status, 99)
        if field == "moscow":
            return _MOSCOW_ORDER.get(row.moscow, 99)
        if field in ("evidence_count", "roadmap_count"):
            return getattr(row, field)
        return natural_key(self._display(row, field))

    def _foreground(self, row: query.RequirementRow, field: str) -> QBrush | None:
        if field == "status":
            return QBrush(theme.ink(STATUS_COLOURS.get(row.status, "#000000")))
        if row.status == "declined":
            return QBrush(theme.ink(MUTED_COLOUR))
        if field == "evidence_count" and not row.evidence_count:
            return QBrush(theme.ink(GAP_COLOUR))
        if (
            field == "roadmap_count"
            and not row.roadmap_count
            and row.status in ("accepted", "in_roadmap")
        ):
            return QBrush(theme.ink(GAP_COLOUR))
        if field == "score" and row.score is None:
            return QBrush(theme.ink(MUTED_COLOUR))
        return None

    def _tooltip(self, row: query.RequirementRow, field: str) -> str | None:
        if field == "score" and row.score is not None:
            return (
                f"{format_number(row.reach)} × {format_number(row.impact)} × "
                f"{format_number(row.confidence)} % ÷ {format_number(row.effort)} "
                f"= {row.score:,.1f}"
            )
        if field == "score":
            return "Fill in reach, impact, confidence and effort to get a RICE score."
        if field == "evidence_count" and not row.evidence_count and row.status != "declined":
            return "No customer input supports this requirement yet."
        return self.columns[self.column_of(field)].tip or None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        row = self._rows[index.row()]
        field = self.columns[index.column()].field
        if self._edit_value(row, field) == value:
            return False
        return self.actions.update_requirement(row.id, field, value)


_NUMERIC = frozenset({"score", "reach", "confidence", "effort", "evidence_count", "roadmap_count"})


class SourceSorted(QSortFilterProxyModel):
    """Filters here; sorting is the source model's (see :meth:`RowTable.sort`)."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)


class RequirementFilter(SourceSorted):
    """Filters by status, tag and words in the title, key or owner."""

    ALL = ""
    OPEN = "open"  # everything but declined

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self.status = self.ALL
        self.tag = ""
        self.words = ""

    def set_filter(
        self, status: str | None = None, tag: str | None = None, words: str | None = None
    ) -> None:
        self.beginFilterChange()
        if status is not None:
            self.status = status
        if tag is not None:
            self.tag = tag
        if words is not None:
            self.words = words.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, RequirementTableModel)
        row = model.row_at(source_row)
        if self.status == self.OPEN and row.status == "declined":
            return False
        if self.status not in (self.ALL, self.OPEN) and row.status != self.status:
            return False
        if self.tag and self.tag.lower() not in (tag.lower() for tag in row.tags):
            return False
        if self.words:
            text = f"{row.title} {row.reference} {row.owner}".lower()
            return all(word in text for word in self.words.split())
        return True
