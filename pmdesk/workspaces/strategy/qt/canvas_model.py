"""The table beside the strategy canvas: one row per factor, its ERRC, and every curve's level.

Edits go through :class:`~pmdesk.workspaces.strategy.qt.actions.CanvasActions`, which turns
each into one undoable controller edit.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from pmdesk.gui import theme
from pmdesk.workspaces.strategy.canvas import Canvas, CurveView
from pmdesk.workspaces.strategy.chart.canvas import ACTION_COLOURS
from pmdesk.workspaces.strategy.model import ACTIONS, FUTURE, KEEP
from pmdesk.workspaces.strategy.qt.actions import CREATED_TARGET, CanvasActions

FIXED_COLUMNS = ("Factor", "ERRC", "Target")
AnyIndex = QModelIndex | QPersistentModelIndex


def default_target(action: str, today: int) -> int | None:
    """A sensible first target when the PM picks an action; they can change it next."""
    if action == "raise":
        return min(10, today + 2) if today < 10 else None
    if action == "reduce":
        return max(0, today - 2) if today > 0 else None
    if action == "create":
        return CREATED_TARGET
    return None


class CanvasTableModel(QAbstractTableModel):
    def __init__(self, editor: CanvasActions, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.canvas = Canvas((), ())

    def set_canvas(self, canvas: Canvas) -> None:
        same_shape = (
            len(canvas.factors) == len(self.canvas.factors)
            and [c.id for c in canvas.curves] == [c.id for c in self.canvas.curves]
            and [c.name for c in canvas.curves] == [c.name for c in self.canvas.curves]
        )
        if same_shape and self.canvas.factors:
            self.canvas = canvas
            last = self.index(self.rowCount() - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self.canvas = canvas
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.canvas.factors)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIXED_COLUMNS) + len(self.canvas.curves)

    def curve_at(self, column: int) -> CurveView | None:
        offset = column - len(FIXED_COLUMNS)
        return self.canvas.curves[offset] if 0 <= offset < len(self.canvas.curves) else None

    def column_of(self, curve_id: str) -> int | None:
        """The column showing curve ``curve_id``'s levels."""
        for offset, curve in enumerate(self.canvas.curves):
            if curve.id == curve_id:
                return len(FIXED_COLUMNS) + offset
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        curve = self.curve_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return curve.name if curve else FIXED_COLUMNS[section]
        if role == Qt.ItemDataRole.DecorationRole and curve:
            return QColor(curve.colour)
        if role == Qt.ItemDataRole.ToolTipRole and curve:
            return f"{curve.name}: offering level 0-10 on each factor"
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        factor = self.canvas.factors[index.row()]
        column = index.column()
        curve = self.curve_at(column)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == 0:
                return factor.name
            if column == 1:
                return ACTIONS.get(factor.action, "")
            if column == 2:
                return "" if factor.target_level is None else factor.target_level
            assert curve is not None
            return curve.levels[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and column == 1 and factor.action:
            return QBrush(theme.ink(ACTION_COLOURS[factor.action]))
        if role == Qt.ItemDataRole.FontRole:
            adjusted = curve is not None and curve.adjusted[index.row()]
            if column == 1 or adjusted:
                font = QFont()
                font.setBold(column == 1)
                font.setItalic(adjusted)
                return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0 and factor.detached:
                return "No longer in the competitive matrix: kept as the canvas's own factor."
            if curve is not None and curve.adjusted[index.row()]:
                return "Set by hand; ERRC no longer moves this point (Reset future curve)."
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        # Read-only shows as cells that open no editor, rather than as an edit refused later.
        if not index.isValid() or self.editor.controller.read_only:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        factor = self.canvas.factors[index.row()]
        column = index.column()
        if column == 0:
            if str(value).strip() == factor.name:
                return False
            return self.editor.rename_factor(factor.id, factor.name, str(value))
        if column == 1:
            action = _action_key(value)
            if action == factor.action:
                return False
            today = self.canvas.today()
            level = today.levels[index.row()] if today else 0
            return self.editor.set_errc(
                factor.id, factor.name, action, default_target(action, level)
            )
        if column == 2:
            return self.editor.set_errc(factor.id, factor.name, factor.action, value)
        curve = self.curve_at(column)
        assert curve is not None
        if str(value).strip() == str(curve.levels[index.row()]):
            return False
        return self.editor.set_level(curve, factor.id, value)


def _action_key(value: object) -> str:
    text = str(value or "").strip().lower()
    for key, label in ACTIONS.items():
        if text in (key, label.lower()):
            return key
    return KEEP if text in ("", "none", "keep", "—") else text


def is_future(curve: CurveView) -> bool:
    return curve.role == FUTURE
