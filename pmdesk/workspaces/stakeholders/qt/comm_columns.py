"""The column board of the communication map: each group's title and count above its
column of people."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from pmdesk.workspaces.stakeholders.chart import layout as chart
from pmdesk.workspaces.stakeholders.chart.map_columns import HEADER, ColumnsLayout
from pmdesk.workspaces.stakeholders.qt.grid_backdrop import font

_TITLE = font(13, bold=True)


class ColumnsBackdrop(QGraphicsItem):
    def __init__(self, layout: ColumnsLayout) -> None:
        super().__init__()
        self.layout = layout
        self.setZValue(-1)

    def boundingRect(self) -> QRectF:
        bounds = self.layout.bounds
        return QRectF(bounds.x, bounds.y, bounds.width, bounds.height)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setFont(_TITLE)
        for group in self.layout.groups:
            area = QRectF(group.x, group.y, chart.CHIP_WIDTH, HEADER - 6)
            colour = chart.ATTITUDE_COLOURS.get(group.key, chart.INK)
            painter.setPen(QColor(colour))
            text = painter.fontMetrics().elidedText(
                f"{group.title} · {group.count}", Qt.TextElideMode.ElideRight, int(area.width())
            )
            painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, text)
            painter.setPen(QPen(QColor(chart.GRID_LINE), 1))
            painter.drawLine(area.bottomLeft(), area.bottomRight())
