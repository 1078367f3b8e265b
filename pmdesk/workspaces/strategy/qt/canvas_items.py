"""The strategy canvas's scene items: one value curve (its line, markers and the rings of
hand-set points) and the label that shows a point's value under the mouse."""

from __future__ import annotations

import math
from functools import cache, lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QTransform,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from pmdesk.gui import theme
from pmdesk.workspaces.strategy.chart.canvas import INK, CurveStyle
from pmdesk.workspaces.strategy.chart.canvas_frame import CanvasFrame

MARKER_SCALE = 1.3  # the briefing's marker sizes are points; on screen a little larger reads
SELECTED_WIDTH = 1.6  # the selected curve's line is this much wider
RING_RADIUS = 9.0


@cache
def marker_path(marker: str, size: float) -> QPainterPath:
    """A matplotlib marker's shape centred on (0, 0), ``size`` pixels across."""
    r = size / 2
    path = QPainterPath()
    if marker == "s":
        path.addRect(QRectF(-r * 0.88, -r * 0.88, r * 1.76, r * 1.76))
        return path
    if marker == "o":
        path.addEllipse(QPointF(0, 0), r, r)
        return path
    if marker in ("P", "X"):
        arm = r * 0.36
        plus = QPainterPath()
        plus.addRect(QRectF(-r, -arm, 2 * r, 2 * arm))
        plus.addRect(QRectF(-arm, -r, 2 * arm, 2 * r))
        plus = plus.simplified()
        if marker == "P":
            return plus
        return QTransform().rotate(45).map(plus)
    corners = {
        "^": [(0, -r), (r, r * 0.75), (-r, r * 0.75)],
        "v": [(0, r), (r, -r * 0.75), (-r, -r * 0.75)],
        "D": [(0, -r), (r * 0.8, 0), (0, r), (-r * 0.8, 0)],
        "h": [
            (r * math.cos(math.radians(90 + 60 * n)), -r * math.sin(math.radians(90 + 60 * n)))
            for n in range(6)
        ],
    }.get(marker, [])
    if not corners:
        path.addEllipse(QPointF(0, 0), r, r)
        return path
    path.moveTo(*corners[0])
    for corner in corners[1:]:
        path.lineTo(*corner)
    path.closeSubpath()
    return path


@lru_cache(maxsize=8)
def _places(frame: CanvasFrame) -> tuple[dict[int, float], dict[int, float]]:
    """Factor index -> x and level -> y in ``frame``, filled in as curves ask: every curve
    of a canvas shares them, so a big canvas works each out once, not once a curve."""
    return {}, {}


@lru_cache(maxsize=256)
def _inks(
    colour: str, width: float, dashes: tuple[float, ...], scheme: theme.Theme
) -> tuple[QPen, QPen, QPen, QBrush]:
    """A curve's line, ring and paper-edge pens and its marker fill in ``scheme``: curves of
    one colour share them, so a first paint of hundreds of curves makes only a few."""
    ink = theme.ink(colour, on=scheme.card)  # theme.scene_ink, for this scheme
    line = QPen(ink, width)
    line.setCapStyle(Qt.PenCapStyle.RoundCap)
    line.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if dashes:
        line.setDashPattern(list(dashes))
    paper = QPen(QColor(scheme.paper), 1.0)  # a ring of paper round each point
    return line, QPen(ink, 1.4), paper, QBrush(ink)


class CurveItem(QGraphicsItem):
    """One value curve over the factors the frame shows; its line runs on to the neighbours
    just outside, clipped at the plot's edge, so a scrolled canvas still reads as lines."""

    def __init__(self, style: CurveStyle, frame: CanvasFrame, selected: bool) -> None:
        super().__init__()
        self.style = style
        self.frame = frame
        self.selected = selected
        self._path = QPainterPath()
        self._points: dict[int, QPointF] = {}
        self._bounds = QRectF()
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # the view picks points itself
        self._place()

    @property
    def curve_id(self) -> str:
        return self.style.curve_id

    def set_style(self, style: CurveStyle, frame: CanvasFrame, selected: bool) -> None:
        self.prepareGeometryChange()
        self.style, self.frame, self.selected = style, frame, selected
        self._place()
        self.update()

    def point(self, index: int) -> QPointF:
        return QPointF(self.frame.x(index), self.frame.y(self.style.levels[index]))

    def _place(self) -> None:
        frame, style = self.frame, self.style
        self.setZValue(style.z + (10 if self.selected else 0))
        start, stop = max(frame.first - 1, 0), min(frame.last + 1, len(style.levels))
        # The points are worked out here once; every paint (a big canvas paints hundreds of
        # curves) reuses them.
        xs, ys = _places(frame)
        levels = style.levels
        points: dict[int, QPointF] = {}
        for index in range(start, stop):
            x = xs.get(index)
            if x is None:
                x = xs[index] = frame.x(index)
            y = ys.get(levels[index])
            if y is None:
                y = ys[levels[index]] = frame.y(levels[index])
            points[index] = QPointF(x, y)
        self._points = points
        path = QPainterPath()
        for index, point in self._points.items():
            if index == start:
                path.moveTo(point)
            else:
                path.lineTo(point)
        self._path = path
        room = max(RING_RADIUS, style.marker_size * MARKER_SCALE) + 4
        plot = QRectF(frame.left, 0, frame.width, frame.bottom + room)
        self._bounds = path.boundingRect().adjusted(-room, -room, room, room).intersected(plot)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        style, frame = self.style, self.frame
        painter.setClipRect(QRectF(frame.left, 0, frame.width, frame.bottom + RING_RADIUS + 4))
        width = style.width * (SELECTED_WIDTH if self.selected else 1.0)
        line, ring, paper, fill = _inks(style.colour, width, style.dashes, theme.current())
        painter.setPen(line)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        marker = marker_path(style.marker, style.marker_size * MARKER_SCALE)
        painter.setPen(paper)
        painter.setBrush(fill)
        for index in range(frame.first, min(frame.last, len(style.levels))):
            centre = self._points[index]
            if style.adjusted[index]:  # a hand-set future point: ERRC no longer moves it
                painter.setPen(ring)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(centre, RING_RADIUS, RING_RADIUS)
                painter.setPen(paper)
                painter.setBrush(fill)
            painter.drawPath(marker.translated(centre))


class ValueLabel(QGraphicsItem):
    """A point's curve, factor and level, shown beside it while the mouse is over it."""

    PAD = 6.0

    def __init__(self, font: QFont) -> None:
        super().__init__()
        self.font = font
        self.text = ""
        self._size = QRectF()
        self.setZValue(100)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.hide()

    def show_text(self, text: str, anchor: QPointF, limit: QRectF) -> None:
        """Show ``text`` above and right of ``anchor``, kept inside ``limit``."""
        self.prepareGeometryChange()
        self.text = text
        metrics = QFontMetricsF(self.font)
        width = metrics.horizontalAdvance(text) + 2 * self.PAD
        height = metrics.height() + self.PAD
        self._size = QRectF(0, 0, width, height)
        x = min(anchor.x() + 10, limit.right() - width)
        y = anchor.y() - height - 8
        if y < limit.top():
            y = anchor.y() + 12
        self.setPos(max(x, limit.left()), y)
        self.show()
        self.update()

    def boundingRect(self) -> QRectF:
        return self._size

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setPen(QPen(theme.card_edge(), 1))
        label = theme.card()
        label.setAlpha(240)
        painter.setBrush(QBrush(label))
        painter.drawRoundedRect(self._size.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        painter.setFont(self.font)
        painter.setPen(theme.scene_ink(INK))
        painter.drawText(self._size, Qt.AlignmentFlag.AlignCenter, self.text)
