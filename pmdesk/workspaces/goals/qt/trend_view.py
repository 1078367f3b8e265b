"""The page's trend chart: the Qt-free ``TrendLayout`` drawn into a QGraphicsScene."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPen,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QWidget

from pmdesk.gui import theme
from pmdesk.workspaces.goals.chart.layout import (
    GRID_COLOR,
    PLAN_COLOR,
    TARGET_COLOR,
    TEXT_COLOR,
    TODAY_COLOR,
    TrendLayout,
)

MARKER_RADIUS = 2.6


class TrendView(QGraphicsView):
    """Shows one key result's trend, laid out at the view's own size (text stays its size).

    :meth:`show_trend` takes a function making the layout for a width and height; a resize
    lays it out again. Drawing is cheap: a few dozen items, whatever the number of check-ins.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setMinimumHeight(160)
        self.layout_shown: TrendLayout | None = None
        self._make: Callable[[float, float], TrendLayout] | None = None
        self._pending = False

    def show_trend(self, make: Callable[[float, float], TrendLayout] | None) -> None:
        self._make = make
        # Not on show (a page being built, another detail in front): laid out when shown, at
        # the size it is shown at, not first at a size about to change and again then.
        self._pending = make is not None and not self.isVisible()
        if self._pending:
            return
        # No frame and no scroll bars: the view's own size is the drawing's (the viewport's may
        # not have caught up yet inside a resize).
        width, height = max(self.width(), 320), max(self.height(), 160)
        self.show_layout(None if make is None else make(float(width), float(height)))

    def show_layout(self, layout: TrendLayout | None) -> None:
        scene = self.scene()
        scene.clear()
        self.layout_shown = layout
        if layout is None:
            return
        scene.setSceneRect(QRectF(0, 0, layout.width, layout.height))
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() - 1.0, 7.5))
        text = theme.scene_ink(TEXT_COLOR)
        grid = QPen(theme.surface(GRID_COLOR), 0.8)
        for y, label in layout.y_ticks:
            scene.addLine(layout.left, y, layout.right, y, grid)
            item = scene.addSimpleText(label, font)
            item.setBrush(text)
            box = item.boundingRect()
            item.setPos(layout.left - 6 - box.width(), y - box.height() / 2)
        axis = QPen(text, 0.8)
        scene.addLine(layout.left, layout.bottom, layout.right, layout.bottom, axis)
        for x, label in layout.x_ticks:
            scene.addLine(x, layout.bottom, x, layout.bottom + 4, axis)
            item = scene.addSimpleText(label, font)
            item.setBrush(text)
            item.setPos(x - item.boundingRect().width() / 2, layout.bottom + 6)
        plan = QPen(theme.scene_ink(PLAN_COLOR), 1.2, Qt.PenStyle.DashLine)
        (x0, y0), (x1, y1) = layout.plan
        scene.addLine(x0, y0, x1, y1, plan).setToolTip("The straight line from baseline to target")
        target = QPen(theme.scene_ink(TARGET_COLOR), 1.0, Qt.PenStyle.DotLine)
        scene.addLine(layout.left, layout.target_y, layout.right, layout.target_y, target)
        label = scene.addSimpleText(layout.target_label, font)
        label.setBrush(theme.scene_ink(TARGET_COLOR))
        box = label.boundingRect()
        label.setPos(layout.right - box.width(), layout.target_y - box.height() - 2)
        if layout.today_x is not None:
            today = QPen(QColor(TODAY_COLOR), 1.0)
            scene.addLine(layout.today_x, layout.top, layout.today_x, layout.bottom, today)
        if layout.actual:
            color = theme.scene_ink(layout.color)
            path = QPainterPath(QPointF(*layout.actual[0]))
            for point in layout.actual[1:]:
                path.lineTo(QPointF(*point))
            # A dense line (decimated check-ins zigzag between each column's extremes) is drawn
            # one pixel wide: Qt strokes wider lines point by point, 300 ms for a thousand
            # points against 1 ms; the line is as readable, it is that dense.
            pen = QPen(color, 2.0 if layout.markers else 1.0)
            pen.setCosmetic(True)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            scene.addPath(path, pen)
            if layout.markers:
                brush = QBrush(color)
                for x, y in layout.actual:
                    r = MARKER_RADIUS
                    scene.addEllipse(x - r, y - r, 2 * r, 2 * r, QPen(Qt.PenStyle.NoPen), brush)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._make is not None:
            self.show_trend(self._make)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pending:
            self.show_trend(self._make)
