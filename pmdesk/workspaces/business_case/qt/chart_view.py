"""The cumulative cash chart in the page: a QGraphicsScene drawing the shared Qt-free layout."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen, QResizeEvent
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QWidget

from pmdesk.gui import theme
from pmdesk.workspaces.business_case.chart.layout import (
    GRID_COLOR,
    MUTED_TEXT,
    TEXT_COLOR,
    ZERO_COLOR,
    CashLayout,
)

LEFT, RIGHT, TOP, BOTTOM = 64.0, 12.0, 30.0, 34.0  # room for labels around the plot


class CashChartView(QGraphicsView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumHeight(200)
        # The chart's paper follows the colour scheme; its series keep their colours.
        self.setBackgroundBrush(theme.paper())
        self.layout_shown: CashLayout | None = None

    def show_layout(self, layout: CashLayout | None) -> None:
        self.layout_shown = layout
        self._draw()

    def _draw(self) -> None:
        """Draw the layout at the view's own size: text stays its size, the plot stretches."""
        layout = self.layout_shown
        scene = self.scene()
        scene.clear()
        width = max(320.0, float(self.viewport().width()))
        height = max(180.0, float(self.viewport().height()))
        scene.setSceneRect(QRectF(0, 0, width, height))
        if layout is None:
            return
        plot = QRectF(LEFT, TOP, width - LEFT - RIGHT, height - TOP - BOTTOM)

        def point(x: float, y: float) -> QPointF:
            return QPointF(plot.left() + x * plot.width(), plot.bottom() - y * plot.height())

        small = QFont(self.font())
        small.setPointSizeF(max(6.5, small.pointSizeF() * 0.8))
        muted = theme.scene_ink(MUTED_TEXT)
        grid = QPen(theme.surface(GRID_COLOR), 1)
        for tick in layout.y_ticks:
            left, right = point(0, tick.position), point(1, tick.position)
            scene.addLine(left.x(), left.y(), right.x(), right.y(), grid)
            label = scene.addSimpleText(tick.label, small)
            label.setBrush(muted)
            box = label.boundingRect()
            label.setPos(plot.left() - box.width() - 6, left.y() - box.height() / 2)
        free_from = plot.left() - LEFT
        for tick in layout.x_ticks:
            label = scene.addSimpleText(tick.label, small)
            label.setBrush(muted)
            box = label.boundingRect()
            left = point(tick.position, 0).x() - box.width() / 2
            if left < free_from:  # a narrow window: leave out labels that would overlap
                scene.removeItem(label)
                continue
            label.setPos(left, plot.bottom() + 6)
            free_from = left + box.width() + 8
        zero_left, zero_right = point(0, layout.zero), point(1, layout.zero)
        scene.addLine(
            zero_left.x(),
            zero_left.y(),
            zero_right.x(),
            zero_right.y(),
            QPen(theme.surface(ZERO_COLOR)),
        )
        legend_x = plot.left()
        for series in layout.series:
            path = QPainterPath(point(*series.points[0]))
            for x, y in series.points[1:]:
                path.lineTo(point(x, y))
            pen = QPen(theme.scene_ink(series.color), 2.2)
            scene.addPath(path, pen).setToolTip(series.label)
            if series.break_even is not None:
                spot = point(*series.break_even)
                scene.addEllipse(
                    spot.x() - 3.5, spot.y() - 3.5, 7, 7, pen, QColor(series.color)
                ).setToolTip(f"{series.label}: break-even")
            swatch = scene.addRect(
                legend_x, 10, 14, 3, QPen(Qt.PenStyle.NoPen), QColor(series.color)
            )
            text = scene.addSimpleText(series.label, small)
            text.setBrush(theme.scene_ink(TEXT_COLOR))
            text.setPos(legend_x + 18, 11 - text.boundingRect().height() / 2)
            legend_x += 18 + text.boundingRect().width() + 16
            swatch.setToolTip(series.label)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._draw()
