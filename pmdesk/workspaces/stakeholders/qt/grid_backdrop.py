"""The fixed parts of the power/interest grid: quadrants with their strategies, the cell grid,
the axes and the legend; and the drawing helpers the grid's items and the maps share."""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from pmdesk.gui import theme
from pmdesk.workspaces.stakeholders.chart import layout as chart
from pmdesk.workspaces.stakeholders.model import ATTITUDES, RELATIONSHIP_KINDS, STRATEGIES

FONT_FAMILY = "Liberation Sans"
OVERDUE_RED = "#b42318"
DIRECTED = ("reports_to", "influences")
QUADRANT_CAPTIONS = {
    "manage_closely": "High influence · high interest",
    "keep_satisfied": "High influence · low interest",
    "keep_informed": "Low influence · high interest",
    "monitor": "Low influence · low interest",
}
QUADRANT_INK = {
    "manage_closely": "#1d4f9c",
    "keep_satisfied": "#5b3f8c",
    "keep_informed": "#1f6b45",
    "monitor": "#6b6f76",
}
LEFT_MARGIN = 64.0
BOTTOM_MARGIN = 96.0
TOP_MARGIN = 16.0
RIGHT_MARGIN = 16.0


def font(pixels: int, bold: bool = False) -> QFont:
    result = QFont(FONT_FAMILY)
    result.setPixelSize(pixels)
    result.setBold(bold)
    return result


def scene_bounds() -> QRectF:
    plot = chart.PLOT
    return QRectF(
        plot.x - LEFT_MARGIN,
        plot.y - TOP_MARGIN,
        plot.width + LEFT_MARGIN + RIGHT_MARGIN,
        plot.height + TOP_MARGIN + BOTTOM_MARGIN,
    )


def _rect(rect: chart.Rect) -> QRectF:
    return QRectF(rect.x, rect.y, rect.width, rect.height)


class BackdropItem(QGraphicsItem):
    """Quadrants with their strategies, the cell grid, both axes and the legend."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(-10)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def boundingRect(self) -> QRectF:
        return scene_bounds()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        plot = _rect(chart.PLOT)
        for quadrant in chart.quadrants():
            painter.fillRect(
                _rect(quadrant.rect), theme.surface(chart.QUADRANT_TINTS[quadrant.strategy])
            )
        painter.setPen(QPen(theme.surface("#e2e5ea"), 0.8))
        for step in range(1, chart.CELLS):
            x = plot.left() + step * chart.CELL_WIDTH
            y = plot.top() + step * chart.CELL_HEIGHT
            painter.drawLine(QLineF(x, plot.top(), x, plot.bottom()))
            painter.drawLine(QLineF(plot.left(), y, plot.right(), y))
        split = chart.quadrants()[3].rect
        painter.setPen(QPen(theme.surface("#9aa3b2"), 1.6))
        painter.drawLine(QLineF(split.x, plot.top(), split.x, plot.bottom()))
        painter.drawLine(QLineF(plot.left(), split.y, plot.right(), split.y))
        painter.setPen(QPen(theme.surface("#b9c0cb"), 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(plot)
        for quadrant in chart.quadrants():
            self._paint_strategy(painter, quadrant)
        self._paint_axes(painter, plot)
        self._paint_legend(painter, plot)

    def _paint_strategy(self, painter: QPainter, quadrant: chart.Quadrant) -> None:
        area = _rect(quadrant.rect).adjusted(14, 10, -14, -10)
        align = (
            Qt.AlignmentFlag.AlignRight
            if "right" in quadrant.label_at
            else Qt.AlignmentFlag.AlignLeft
        )
        vertical = (
            Qt.AlignmentFlag.AlignTop
            if "top" in quadrant.label_at
            else Qt.AlignmentFlag.AlignBottom
        )
        title = font(15, bold=True)
        title.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 1.2)
        caption = font(11)
        tint = theme.surface(chart.QUADRANT_TINTS[quadrant.strategy])
        ink = theme.ink(QUADRANT_INK[quadrant.strategy], on=tint)
        title_height = QFontMetricsF(title).height()
        caption_height = QFontMetricsF(caption).height()
        if vertical == Qt.AlignmentFlag.AlignTop:
            title_box = QRectF(area.left(), area.top(), area.width(), title_height)
            caption_box = QRectF(
                area.left(), area.top() + title_height, area.width(), caption_height
            )
        else:
            caption_box = QRectF(
                area.left(), area.bottom() - caption_height, area.width(), caption_height
            )
            title_box = QRectF(
                area.left(), caption_box.top() - title_height, area.width(), title_height
            )
        painter.setFont(title)
        painter.setPen(ink)
        painter.drawText(
            title_box, align | Qt.AlignmentFlag.AlignVCenter, STRATEGIES[quadrant.strategy].upper()
        )
        painter.setFont(caption)
        painter.setPen(ink)  # full strength: faded, it would not read on the tint
        painter.drawText(
            caption_box, align | Qt.AlignmentFlag.AlignVCenter, QUADRANT_CAPTIONS[quadrant.strategy]
        )

    def _paint_axes(self, painter: QPainter, plot: QRectF) -> None:
        painter.setPen(theme.scene_ink(chart.MUTED_INK))
        painter.setFont(font(11))
        for score in range(1, chart.CELLS + 1):
            x, y = chart.cell_center(score, score)
            painter.drawText(
                QRectF(x - 20, plot.bottom() + 4, 40, 16), Qt.AlignmentFlag.AlignCenter, str(score)
            )
            painter.drawText(
                QRectF(plot.left() - 28, y - 8, 22, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(score),
            )
        painter.setFont(font(13, bold=True))
        painter.setPen(theme.scene_ink(chart.INK))
        painter.drawText(
            QRectF(plot.left(), plot.bottom() + 22, plot.width(), 20),
            Qt.AlignmentFlag.AlignCenter,
            "Interest in the product  →",
        )
        painter.save()
        painter.translate(plot.left() - 44, plot.center().y())
        painter.rotate(-90)
        painter.drawText(
            QRectF(-plot.height() / 2, -10, plot.height(), 20),
            Qt.AlignmentFlag.AlignCenter,
            "Influence (power)  →",
        )
        painter.restore()

    def _paint_legend(self, painter: QPainter, plot: QRectF) -> None:
        y = plot.bottom() + 60
        x = plot.left()
        painter.setFont(font(11))
        metrics = QFontMetricsF(painter.font())
        for key, label in ATTITUDES.items():
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(chart.ATTITUDE_COLOURS[key]))
            painter.drawRoundedRect(QRectF(x, y + 2, 12, 12), 3, 3)
            painter.setPen(theme.scene_ink(chart.INK))
            painter.drawText(QPointF(x + 17, y + 12), label)
            x += 17 + metrics.horizontalAdvance(label) + 18
        x += 20
        for kind, label in RELATIONSHIP_KINDS.items():
            painter.setPen(link_pen(kind, 1.0))
            painter.drawLine(QLineF(x, y + 8, x + 26, y + 8))
            if kind in DIRECTED:
                draw_arrow_head(
                    painter,
                    QPointF(x, y + 8),
                    QPointF(x + 26, y + 8),
                    QColor(chart.RELATIONSHIP_COLOURS[kind]),
                    7,
                )
            painter.setPen(theme.scene_ink(chart.INK))
            painter.drawText(QPointF(x + 32, y + 12), label)
            x += 32 + metrics.horizontalAdvance(label) + 18
        x += 20
        painter.setPen(QPen(theme.paper(), 1.5))
        painter.setBrush(QColor(OVERDUE_RED))
        painter.drawEllipse(QPointF(x + 6, y + 8), 5, 5)
        painter.setPen(theme.scene_ink(chart.INK))
        painter.drawText(QPointF(x + 17, y + 12), "touchpoint overdue")


def link_pen(kind: str, width: float) -> QPen:
    colour = QColor(chart.RELATIONSHIP_COLOURS.get(kind, "#888888"))
    pen = QPen(colour, width)
    if kind == "conflict":
        pen.setStyle(Qt.PenStyle.DashLine)
    elif kind == "ally":
        pen.setStyle(Qt.PenStyle.DotLine)
    # Flat caps: round caps on every dash and dot make Qt stroke each one as a path.
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def draw_arrow_head(
    painter: QPainter, start: QPointF, end: QPointF, colour: QColor, size: float
) -> None:
    angle = math.atan2(end.y() - start.y(), end.x() - start.x())
    path = QPainterPath(end)
    for side in (-1, 1):
        spread = angle + math.pi + side * math.radians(24)
        path.lineTo(end + QPointF(math.cos(spread) * size, math.sin(spread) * size))
    path.closeSubpath()
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPath(path)
    painter.restore()
