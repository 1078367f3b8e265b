"""The "+N" chip of a crowded grid cell: it stands for the people its cell has no room to
name, and a click lists them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from pmdesk.gui import theme
from pmdesk.workspaces.stakeholders.chart import layout as chart
from pmdesk.workspaces.stakeholders.qt.grid_backdrop import font

_FONT = font(11, bold=True)
_GROUND = "#f3f5f8"


class OverflowChip(QGraphicsItem):
    def __init__(self, cell: tuple[int, int], rect: chart.Rect) -> None:
        super().__init__()
        self.cell = cell
        self.ids: list[str] = []
        self.on_click: Callable[[OverflowChip, QGraphicsSceneMouseEvent], None] | None = None
        self._box = QRectF(-rect.width / 2, -rect.height / 2, rect.width, rect.height)
        self.setPos(*rect.center)
        self.setZValue(2)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    @property
    def text(self) -> str:
        return f"+{len(self.ids)} more…"

    def set_ids(self, ids: list[str], names: list[str]) -> None:
        self.ids = ids
        self.setToolTip("\n".join(names))
        self.update()

    def boundingRect(self) -> QRectF:
        return self._box.adjusted(-1, -1, 1, 1)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ground = theme.surface(_GROUND)  # in the dark scheme, a dark chip beside dark cards
        painter.setPen(QPen(theme.surface("#9aa5b4"), 1, Qt.PenStyle.DashLine))
        painter.setBrush(ground)
        painter.drawRoundedRect(self._box, 5, 5)
        painter.setPen(theme.ink(chart.INK, on=ground))
        painter.setFont(_FONT)
        painter.drawText(self._box, Qt.AlignmentFlag.AlignCenter, self.text)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        event.accept()

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.on_click is not None and self._box.contains(event.pos()):
            self.on_click(self, event)
