"""One roadmap item on the timeline: a bar (or a milestone's diamond) the PM can drag and resize.

A drag only moves the picture; when the mouse is released the view turns the new dates into
one undoable edit that writes one row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from pmdesk.gui import theme
from pmdesk.workspaces.roadmap.chart.layout import Bar
from pmdesk.workspaces.roadmap.chart.scale import TimeScale, snap
from pmdesk.workspaces.roadmap.chart.style import (
    BROKEN_LINK_COLOR,
    GHOST_COLOR,
    GHOST_HEIGHT,
    LABEL_GAP,
    LATE_COLOR,
    TEXT_COLOR,
    text_width,
    tint,
)
from pmdesk.workspaces.roadmap.model import KINDS, STATUSES

EDGE = 6.0  # px at either end of a bar that resize instead of move
DragDone = Callable[[str, date, date], None]
# Told a drag's new dates and the lane it was dropped on (the scene y of the release picks it).
LaneDragDone = Callable[[str, str, date, date], None]


def _color(name: str) -> QColor:
    return QColor(name)


@dataclass(frozen=True)
class _Look:
    """Pens and brushes of one kind of bar, made once: painting thousands of bars must not
    build Qt objects per bar and per frame."""

    pen: QPen
    brush: QBrush
    progress: QBrush
    inside_text: QPen


@dataclass(frozen=True)
class _SchemePens:
    ghost: QBrush
    selected: QPen
    text: QPen


@cache
def _scheme_pens(dark: bool) -> _SchemePens:
    """The pens every bar shares, made once per colour scheme."""
    ink = theme.scene_ink(TEXT_COLOR)
    return _SchemePens(QBrush(theme.surface(GHOST_COLOR)), QPen(ink, 2), QPen(ink))


@cache
def _font_middle(font: QFont) -> float:
    """How far below a line's middle its baseline sits."""
    metrics = QFontMetricsF(font)
    return (metrics.ascent() - metrics.descent()) / 2


def _look(color: str, kind: str, broken: bool) -> _Look:
    return _look_in(color, kind, broken, theme.current().dark)


@cache
def _look_in(color: str, kind: str, broken: bool, dark: bool) -> _Look:
    base = QColor(color)
    if kind == "initiative":
        # An initiative frames the work under it: a light band with a strong outline.
        fill = theme.surface(tint(color, 0.78))
        pen, brush, progress = QPen(base, 1.5), QBrush(fill), QBrush(base)
    else:
        fill = QColor(color)
        pen, brush, progress = QPen(base.darker(125), 1), QBrush(base), QBrush(base.darker(160))
    if broken:
        pen = QPen(theme.scene_ink(BROKEN_LINK_COLOR), 2, Qt.PenStyle.DashLine)
    return _Look(pen, brush, progress, QPen(theme.on(fill)))


class BarItem(QGraphicsItem):
    """Draws one :class:`Bar` of the layout and turns mouse drags into new dates."""

    def __init__(
        self,
        bar: Bar,
        scale: TimeScale,
        snap_days: int,
        font: QFont,
        on_drag_done: DragDone | None,
        left_edge: list[float] | None = None,
    ) -> None:
        super().__init__()
        # The scene x where the visible timeline begins, kept up to date by the view, so that
        # the label of a long bar stays in sight when the bar starts off screen.
        self.left_edge = left_edge if left_edge is not None else [float("-inf")]
        self.bar = bar
        self.scale = scale
        self.snap_days = snap_days
        self.font = font
        self.on_drag_done = on_drag_done
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(on_drag_done is not None)
        # The tooltip is written when the mouse first rests on the bar (compose_tooltip): a
        # big roadmap has thousands of bars and the PM reads a few of their tooltips.
        self._mode: str | None = None  # "move", "start", "end" while the button is down
        self._press_x = 0.0
        self._press_y = 0.0
        # Set by the view: which lane a scene y falls in, and who hears of a move to another
        # lane. Without them a bar only moves along its own lane.
        self.lane_at: Callable[[float], str | None] | None = None
        self.on_lane_drag_done: LaneDragDone | None = None
        # Only once the mouse has gone the platform's drag distance is a press a drag: a click,
        # a double-click or a shaking hand must not move dates by a day or a snap.
        self._dragging = False
        self.preview: tuple[date, date] | None = None  # dates shown while dragging
        self._extent = self._bounds()
        self._label: str | None = None  # fitted on first paint, then reused
        self._label_base = 0.0

    @property
    def item_id(self) -> str:
        return self.bar.item.id

    def compose_tooltip(self) -> None:
        """Write the bar's tooltip if it has none yet: the view calls this as the mouse rests
        on the bar, before Qt looks for the tooltip to show."""
        if not self.toolTip():
            self.setToolTip(tooltip(self.bar))

    def show_bar(self, bar: Bar) -> None:
        """Draw ``bar`` instead (the same item after an edit, or moved with its lane), keeping
        the item itself: its selection, its place in the scene."""
        self.prepareGeometryChange()
        if (bar.item, bar.late, bar.broken) != (self.bar.item, self.bar.late, self.bar.broken):
            self.setToolTip("")  # written again from the new bar on the next hover
        self.bar = bar
        self._extent = self._bounds()
        self._label = None
        self.update()

    # -- geometry ------------------------------------------------------------------------------

    def _span(self) -> tuple[float, float]:
        if self.preview is None:
            return self.bar.x0, self.bar.x1
        start, end = self.preview
        if self.bar.milestone:
            centre = self.scale.x(start) + self.scale.px_per_day / 2
            half = (self.bar.x1 - self.bar.x0) / 2
            return centre - half, centre + half
        return self.scale.x(start), self.scale.x_after(end)

    def _bounds(self) -> QRectF:
        x0, x1 = self._span()
        right = x1
        if self.bar.show_label and not self.bar.label_inside:
            right += LABEL_GAP + text_width(self.bar.label) + 8
        left = x0
        bottom = self.bar.y + self.bar.height + 2
        if self.bar.ghost is not None:
            left = min(left, self.bar.ghost[0])
            right = max(right, self.bar.ghost[1])
            bottom = self.bar.ghost_y + GHOST_HEIGHT + 1
        return QRectF(left - 2, self.bar.y - 2, right - left + 4, bottom - self.bar.y + 2)

    def boundingRect(self) -> QRectF:
        return self._extent

    def shape(self) -> QPainterPath:
        x0, x1 = self._span()
        path = QPainterPath()
        path.addRect(QRectF(x0, self.bar.y, x1 - x0, self.bar.height))
        return path

    # -- painting ------------------------------------------------------------------------------

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        bar = self.bar
        x0, x1 = self._span()
        look = _look(bar.color, bar.item.kind, bar.broken)
        if bar.ghost is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(_scheme_pens(theme.current().dark).ghost)
            gx0, gx1 = bar.ghost
            painter.drawRect(QRectF(gx0, bar.ghost_y, gx1 - gx0, GHOST_HEIGHT))
        selected = self._mode is not None or self.isSelected()
        shared = _scheme_pens(theme.current().dark)
        painter.setPen(shared.selected if selected and not bar.broken else look.pen)
        painter.setBrush(look.brush)
        rect = QRectF(x0, bar.y, x1 - x0, bar.height)
        if bar.milestone:
            cx, cy, half = (x0 + x1) / 2, bar.y + bar.height / 2, bar.height / 2
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(cx, cy - half),
                        QPointF(cx + half, cy),
                        QPointF(cx, cy + half),
                        QPointF(cx - half, cy),
                    ]
                )
            )
        elif bar.item.kind == "release":
            tip = min(8.0, rect.width() / 2)
            painter.drawPolygon(
                QPolygonF(
                    [
                        rect.topLeft(),
                        QPointF(rect.right() - tip, rect.top()),
                        QPointF(rect.right(), rect.center().y()),
                        QPointF(rect.right() - tip, rect.bottom()),
                        rect.bottomLeft(),
                    ]
                )
            )
        else:
            painter.drawRoundedRect(rect, 4, 4)
        if not bar.milestone and bar.item.progress > 0 and rect.width() > 6:
            # Progress: a thin strip along the bottom edge, as far as the work has got.
            done = (x1 - x0 - 2) * bar.item.progress / 100
            painter.fillRect(QRectF(x0 + 1, bar.y + bar.height - 4, done, 3), look.progress)
        if bar.show_label:
            self._paint_label(painter, look, x0, x1)

    def _paint_label(self, painter: QPainter, look: _Look, x0: float, x1: float) -> None:
        bar = self.bar
        painter.setFont(self.font)
        if self.preview is not None:  # while dragging, the label shows the dates it would get
            start, end = self.preview
            text = f"{_short(start)}" if bar.milestone else f"{_short(start)} – {_short(end)}"
            painter.setPen(_scheme_pens(theme.current().dark).text)
            area = QRectF(x1 + LABEL_GAP, bar.y - 2, text_width(text) + 60, bar.height + 2)
            painter.drawText(area, Qt.AlignmentFlag.AlignVCenter, text)
            return
        if self._label is None:
            # The layout only puts a label inside a bar that is wide enough for it.
            self._label = bar.label
            # drawText at a point is far cheaper than laying text out in a rectangle.
            self._label_base = bar.y + bar.height / 2 + _font_middle(self.font)
        if bar.label_inside:
            painter.setPen(look.inside_text)
            x = x0 + 6
            sticky = self.left_edge[0] + 6
            if x < sticky:
                if sticky + text_width(self._label) > x1 - 4:
                    return  # too little of the bar is in sight for its label
                x = sticky
            painter.drawText(QPointF(x, self._label_base), self._label)
        else:
            painter.setPen(_scheme_pens(theme.current().dark).text)
            painter.drawText(QPointF(x1 + LABEL_GAP, self._label_base), self._label)

    # -- dragging ------------------------------------------------------------------------------

    def _mode_at(self, x: float) -> str:
        x0, x1 = self.bar.x0, self.bar.x1
        if self.bar.milestone or x1 - x0 < 3 * EDGE:
            return "move"
        if x <= x0 + EDGE:
            return "start"
        if x >= x1 - EDGE:
            return "end"
        return "move"

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        mode = self._mode_at(event.pos().x())
        shape = Qt.CursorShape.SizeHorCursor if mode != "move" else Qt.CursorShape.OpenHandCursor
        self.setCursor(shape)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mousePressEvent(event)
        if self.on_drag_done is None or event.button() != Qt.MouseButton.LeftButton:
            return
        self._mode = self._mode_at(event.pos().x())
        self._press_x = event.pos().x()
        self._press_y = event.pos().y()
        self._dragging = False

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._mode is None:
            return
        if not self._dragging:
            travel = event.screenPos() - event.buttonDownScreenPos(Qt.MouseButton.LeftButton)
            if travel.manhattanLength() < QApplication.startDragDistance():
                return
            self._dragging = True
        self.prepareGeometryChange()
        self.preview = self.dates_for(event.pos().x() - self._press_x)
        self._extent = self._bounds()
        if self._mode == "move" and self.on_lane_drag_done is not None:
            # The bar follows the hand up and down, towards the lane it will be dropped on.
            self.setY(event.scenePos().y() - self._press_y)
        self.update()

    def target_lane(self, scene_y: float) -> str:
        """The lane a move released at ``scene_y`` puts the item in: its own, unless dropped
        on another lane's band."""
        if self._mode != "move" or self.lane_at is None or self.on_lane_drag_done is None:
            return self.bar.lane_id
        return self.lane_at(scene_y) or self.bar.lane_id

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if self._mode is None:
            return
        dragged, self._dragging = self._dragging, False
        preview = self.dates_for(event.pos().x() - self._press_x)
        lane_id = self.target_lane(event.scenePos().y()) if dragged else self.bar.lane_id
        self._mode = None
        self.prepareGeometryChange()
        self.preview = None
        self.setY(0)
        self._extent = self._bounds()
        self.update()
        item = self.bar.item
        if not dragged:
            return
        if lane_id != self.bar.lane_id and self.on_lane_drag_done is not None:
            self.on_lane_drag_done(item.id, lane_id, *preview)
        elif self.on_drag_done is not None and preview != (item.start, item.end):
            self.on_drag_done(item.id, *preview)

    def dates_for(self, dx: float, mode: str | None = None) -> tuple[date, date]:
        """The dates a drag of ``dx`` pixels gives, snapped to days or weeks. Resizing never
        makes an item end before it starts, and a drag of less than a day changes nothing:
        snapping must never move dates the user did not drag."""
        item = self.bar.item
        assert item.start is not None and item.end is not None
        mode = mode or self._mode or "move"
        days = self.scale.days(dx)
        if days == 0:
            return item.start, item.end
        if mode == "move":
            start = item.start + timedelta(days=days)
            if self.snap_days > 1:
                start = snap(start, self.snap_days)
            return start, start + (item.end - item.start)
        if mode == "start":
            start = item.start + timedelta(days=days)
            if self.snap_days > 1:
                start = snap(start, self.snap_days)
            return min(start, item.end), item.end
        end = item.end + timedelta(days=days)
        if self.snap_days > 1:  # ends snap to Sundays: the day before a Monday
            end = snap(end + timedelta(days=1), self.snap_days) - timedelta(days=1)
        return item.start, max(end, item.start)


@cache  # thousands of bars share a few hundred days, and strftime is slow
def _short(day: date) -> str:
    return f"{day.day} {day:%b}"


def tooltip(bar: Bar) -> str:
    item = bar.item
    lines = [f"<b>{_escape(item.title)}</b>", f"{KINDS.get(item.kind, item.kind)}"]
    if item.start is not None and item.end is not None:
        when = (
            f"{_short(item.start)} {item.start.year}"
            if bar.milestone
            else f"{_short(item.start)} {item.start.year} – {_short(item.end)} {item.end.year}"
        )
        lines.append(when)
    lines.append(
        f"{STATUSES.get(item.status, item.status)} · {item.confidence} confidence · "
        f"{item.progress}% done"
    )
    if bar.late:
        late = theme.ink_css(LATE_COLOR, on=theme.card())
        lines.append(f"<span style='color:{late}'>Late: past its end and not done.</span>")
    if bar.broken:
        lines.append(
            f"<span style='color:{theme.ink_css(BROKEN_LINK_COLOR, on=theme.card())}'>"
            "Dependency broken: starts before what it depends on "
            "ends, or ends after what depends on it starts.</span>"
        )
    return "<br>".join(lines)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
