"""A crowded grid cell seen from afar: one tile saying how many people stand there and how they
lean, in type sized for the screen rather than the grid, so it reads at any zoom. Its tooltip
names the first of them; a click zooms into the cell, where the cards are readable again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QTransform
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from pmdesk.gui import theme
from pmdesk.workspaces.stakeholders.chart import layout as chart
from pmdesk.workspaces.stakeholders.chart.clusters import Cluster
from pmdesk.workspaces.stakeholders.qt.grid_backdrop import OVERDUE_RED, font

INSET = 4.0  # grid units between a tile and its cell's lines
MIN_COUNT_PX = 9  # the count is never drawn smaller than this on screen
MAX_COUNT_PX = 13  # bigger would crowd out the word "people"


_FONTS: dict[tuple[int, bool], QFont] = {}


def _font(pixels: int, bold: bool = False) -> QFont:
    """Fonts by size, made once: a zoom repaints every tile."""
    key = (pixels, bold)
    if key not in _FONTS:
        _FONTS[key] = font(pixels, bold)
    return _FONTS[key]


class ClusterItem(QGraphicsItem):
    # Half the tile's width and height: where relationship lines to its people end.
    HALF_SIZE = (chart.CELL_WIDTH / 2 - INSET, chart.CELL_HEIGHT / 2 - INSET)

    def __init__(self, cluster: Cluster) -> None:
        super().__init__()
        self.cluster = cluster
        self.on_click: Callable[[ClusterItem], None] | None = None
        self._box = QRectF(
            -chart.CELL_WIDTH / 2 + INSET,
            -chart.CELL_HEIGHT / 2 + INSET,
            chart.CELL_WIDTH - 2 * INSET,
            chart.CELL_HEIGHT - 2 * INSET,
        )
        self.setPos(*chart.cell_center(*cluster.cell))
        self.setZValue(2)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.set_cluster(cluster)

    def set_cluster(self, cluster: Cluster) -> None:
        self.cluster = cluster
        self.setToolTip(cluster.tooltip)
        self.update()

    @property
    def ids(self) -> tuple[str, ...]:
        return self.cluster.ids

    def boundingRect(self) -> QRectF:
        return self._box.adjusted(-1, -1, 1, 1)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        # Drawn in screen pixels: the tile follows the zoom, its type keeps a readable size.
        box = painter.worldTransform().mapRect(self._box)
        painter.save()
        painter.setWorldTransform(QTransform())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(theme.card_edge(), 1))
        painter.setBrush(theme.card())
        painter.drawRoundedRect(box, 5, 5)
        pad = 3.0
        bar_height = max(3.0, min(6.0, box.height() * 0.12))
        bar = QRectF(
            box.left() + pad, box.bottom() - pad - bar_height, box.width() - 2 * pad, bar_height
        )
        self._paint_mix(painter, bar)
        text = QRectF(
            box.left() + pad, box.top() + pad, box.width() - 2 * pad, bar.top() - box.top() - pad
        )
        count_px = int(max(MIN_COUNT_PX, min(MAX_COUNT_PX, text.height() * 0.5)))
        count_font = _font(count_px, bold=True)
        metrics = QFontMetricsF(count_font)
        count = f"{self.cluster.count:,}"
        words = f"{count} people"
        shown = words if metrics.horizontalAdvance(words) <= text.width() else count
        painter.setPen(theme.scene_ink(chart.INK))
        painter.setFont(count_font)
        painter.drawText(text, Qt.AlignmentFlag.AlignCenter, shown)
        if self.cluster.overdue:
            painter.setPen(QPen(theme.card(), 1.5))
            painter.setBrush(QColor(OVERDUE_RED))
            painter.drawEllipse(QPointF(box.right() - 1, box.top() + 1), 4, 4)
        painter.restore()

    def _paint_mix(self, painter: QPainter, bar: QRectF) -> None:
        """How the cell leans: one band per attitude, as wide as its share of the people."""
        painter.setPen(Qt.PenStyle.NoPen)
        x = bar.left()
        total = self.cluster.count
        for kind, count in self.cluster.attitudes:
            width = bar.width() * count / total
            painter.fillRect(
                QRectF(x, bar.top(), width, bar.height()),
                QColor(chart.ATTITUDE_COLOURS.get(kind, "#888888")),
            )
            x += width

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        event.accept()  # a press here starts no rubber band: the tile is one target

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        travel = event.screenPos() - event.buttonDownScreenPos(Qt.MouseButton.LeftButton)
        if (
            self.on_click is not None
            and self._box.contains(event.pos())
            and travel.manhattanLength() < QApplication.startDragDistance()
        ):
            self.on_click(self)
