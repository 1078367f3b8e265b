"""The strategy canvas on screen: a ``QGraphicsView`` drawing the Qt-free canvas layout.

The axis, ERRC bands, factor names and legend are painted as the (cached) background; each
value curve is one item, so a drag repaints only the curve it moves. The view shows the factors
that fit (:func:`~pmdesk.workspaces.strategy.chart.canvas_frame.canvas_frame`); the wheel and
the scroll bar beside it reach the rest. It reports gestures and never writes data.
"""

from __future__ import annotations

from PySide6.QtCore import QMetaObject, QPointF, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGraphicsScene,
    QGraphicsView,
    QWidget,
)

from pmdesk.gui import theme
from pmdesk.workspaces.strategy.canvas import Canvas
from pmdesk.workspaces.strategy.chart.canvas import (
    ACTION_COLOURS,
    ACTION_LABEL_LEVEL,
    DETACHED_NOTE,
    GRID,
    INK,
    LEVEL_TICKS,
    MUTED,
    CanvasLayout,
    CurveStyle,
    canvas_layout,
    empty_message,
)
from pmdesk.workspaces.strategy.chart.canvas_frame import (
    LABEL_LINE,
    LABEL_LINES,
    LEGEND_ROW,
    LEGEND_SWATCH,
    NOTE_ROW,
    PICK_RADIUS,
    CanvasFrame,
    LegendEntry,
    canvas_frame,
    legend_rows,
    more_entry_x,
    more_text,
)
from pmdesk.workspaces.strategy.qt.canvas_items import (
    MARKER_SCALE,
    CurveItem,
    ValueLabel,
    marker_path,
)

SPINE = "#B8C0CA"
PAPER = "#FFFFFF"


class CanvasChartView(QGraphicsView):
    """Shows one :class:`Canvas`; reports point drags and curve choices, never writes data."""

    drag_started = Signal()
    point_dragged = Signal(str, int, int)  # curve id, factor index, new level
    # The curve id (None when the PM clicks the empty plot) and the factor index of the point
    # pressed (-1 for a legend entry or the empty plot).
    curve_selected = Signal(object, int)
    window_changed = Signal()  # the factors shown changed (scrolled, resized, added)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # The axis, bands, names and legend change only with the picture's shape, not with a
        # drag: keep them as a cached picture and repaint just the curve that moved.
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.viewport().setMouseTracking(True)  # hover values without a button held
        self.setObjectName("strategyCanvas")
        self.canvas = Canvas((), ())
        self.layout_result: CanvasLayout = canvas_layout(self.canvas)
        self._frame = canvas_frame(0, 100, 100)
        self.first = 0  # the leftmost factor shown, as the PM scrolled it
        self.selected: str | None = None
        self.editable = True
        self.curve_items: dict[str, CurveItem] = {}
        self.legend: tuple[LegendEntry, ...] = ()
        self.legend_hidden = 0
        # The picture waits to be placed until the view is shown, and is placed once Qt has
        # settled its size: a first show resizes the view several times on its way (the
        # splitters share out their room), and a big canvas's hundreds of curves were placed
        # again for each of those sizes.
        self._stale = True
        self._settle_posted = False
        self._placed_for = QSize()  # the viewport size the picture was last placed for
        self._press: tuple[QPointF, str, int] | None = None  # where, curve id, factor index
        self._dragging = False
        self.tick_font = _font(self.font(), 11)
        self.name_font = _font(self.font(), 11)
        self.action_font = _font(self.font(), 10, bold=True)
        self.legend_font = _font(self.font(), 12)
        self.legend_bold = _font(self.font(), 12, bold=True)
        self.value_label = ValueLabel(_font(self.font(), 12))
        self.scene().addItem(self.value_label)

    # -- content -------------------------------------------------------------------------------

    def show_canvas(self, canvas: Canvas) -> None:
        """Show ``canvas``; when only levels changed (a drag, a typed level) only the curves
        whose points moved are repainted."""
        layout = canvas_layout(canvas)
        before = self.layout_result
        same_picture = (
            layout.factor_labels == before.factor_labels
            and layout.action_labels == before.action_labels
            and layout.any_detached == before.any_detached
            and [c.looks for c in layout.curves] == [c.looks for c in before.curves]
        )
        self.canvas, self.layout_result = canvas, layout
        if self.selected is not None and self.selected not in {c.id for c in canvas.curves}:
            self.selected = None
        if same_picture and not self._stale and len(self.curve_items) == len(layout.curves):
            for style in layout.curves:
                item = self.curve_items[style.curve_id]
                if item.style != style:
                    item.set_style(style, self.frame, style.curve_id == self.selected)
            return
        self._rebuild()

    def select_curve(self, curve_id: str | None) -> None:
        """Draw ``curve_id``'s line on top and wider; its points win a press where curves
        overlap."""
        if curve_id == self.selected:
            return
        self.settle()  # the items restyled below are the ones at the view's size
        self.selected = curve_id
        for style in self.layout_result.curves:
            item = self.curve_items.get(style.curve_id)
            if item is not None:  # none yet while the view waits to be shown
                item.set_style(style, self.frame, style.curve_id == curve_id)
        self.resetCachedContent()  # the legend shows the choice
        self.viewport().update()

    def set_first(self, first: int) -> None:
        """Scroll so that factor ``first`` is the leftmost shown."""
        first = max(0, min(first, self.frame.total - self.frame.count))
        if first != self.frame.first:
            self.first = first
            self._rebuild()

    def ensure_visible(self, index: int) -> None:
        if 0 <= index < self.frame.total and not self.frame.shows(index):
            self.set_first(index - self.frame.count // 2)

    @property
    def frame(self) -> CanvasFrame:
        """Where the factors and levels are at the view's present size."""
        self.settle()
        return self._frame

    def settle(self) -> None:
        """Place the picture now if it waits for the view's size (a resize not yet painted),
        so what is asked of it (a point under the mouse, the factors shown) is what shows.
        A page calls it once its own show is done, when the sizes have settled."""
        if self._stale and self.isVisible():
            self._rebuild()

    @Slot()
    def _settle_later(self) -> None:
        self._settle_posted = False
        self.settle()

    def _place_later(self) -> None:
        """Place the picture once the resizes under way are done (before the next paint)."""
        self._stale = True
        if not self._settle_posted:
            self._settle_posted = True
            QMetaObject.invokeMethod(self, "_settle_later", Qt.ConnectionType.QueuedConnection)

    def _rebuild(self) -> None:
        if not self.isVisible():  # placed when first shown, at its real size, and only then
            self._stale = True
            return
        self._stale = False
        layout = self.layout_result
        self._placed_for = self.viewport().size()
        width, height = float(self._placed_for.width()), float(self._placed_for.height())
        metrics = QFontMetricsF(self.legend_bold)  # bold: a selected entry must still fit
        labels = [style.label for style in layout.legend()]
        plot = canvas_frame(len(layout.factor_ids), width, height, self.first)
        self.legend, self.legend_hidden = legend_rows(labels, plot.width, metrics.horizontalAdvance)
        rows = max((entry.row for entry in self.legend), default=0) + 1
        self._frame = canvas_frame(
            len(layout.factor_ids), width, height, self.first, rows, layout.any_detached
        )
        self.first = self._frame.first
        scene = self.scene()
        for item in self.curve_items.values():
            scene.removeItem(item)
        self.curve_items = {}
        for style in layout.curves:
            item = CurveItem(style, self._frame, style.curve_id == self.selected)
            scene.addItem(item)
            self.curve_items[style.curve_id] = item
        self.value_label.hide()
        self.resetCachedContent()
        self.viewport().update()
        self.window_changed.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._place_later()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        size = self.viewport().size()
        self.setSceneRect(QRectF(0, 0, size.width(), size.height()))
        if size != self._placed_for:
            self._place_later()

    def paintEvent(self, event: QPaintEvent) -> None:
        self.settle()  # a paint asked for at once (repaint) can come before the posted placing
        super().paintEvent(event)

    # -- finding things under the mouse --------------------------------------------------------

    def point_at(self, position: QPointF) -> tuple[str, int] | None:
        """The curve and factor of the point under ``position``: the selected curve's where
        several overlap, else the nearest, else the one drawn on top."""
        frame = self.frame
        index = frame.index_at(position.x())
        if index is None or abs(position.x() - frame.x(index)) > PICK_RADIUS:
            return None
        hits = []
        for order, style in enumerate(self.layout_result.curves):
            distance = abs(frame.y(style.levels[index]) - position.y())
            if distance <= PICK_RADIUS:
                if style.curve_id == self.selected:
                    return style.curve_id, index
                hits.append((distance, -style.z, -order, style.curve_id))
        return (min(hits)[3], index) if hits else None

    def legend_entry_at(self, position: QPointF) -> str | None:
        legend = self.layout_result.legend()
        for entry in self.legend:
            if self._legend_rect(entry).contains(position):
                return legend[entry.index].curve_id
        return None

    def _legend_top(self) -> float:
        return self.frame.bottom + LABEL_LINES * LABEL_LINE + 12

    def _legend_rect(self, entry: LegendEntry) -> QRectF:
        y = self._legend_top() + entry.row * LEGEND_ROW
        return QRectF(self.frame.left + entry.x, y, entry.width, LEGEND_ROW)

    def point_text(self, curve_id: str, index: int) -> str:
        curve = self.canvas.curve(curve_id)
        factor = self.canvas.factors[index]
        text = f"{curve.name} · {factor.name}: {curve.levels[index]}"
        return text + " (set by hand)" if curve.adjusted[index] else text

    # -- mouse ---------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        position = self.mapToScene(event.position().toPoint())
        hit = self.point_at(position)
        if hit is None:
            curve_id = self.legend_entry_at(position)
            self.select_curve(curve_id)
            self.curve_selected.emit(curve_id, -1)
            return
        curve_id, index = hit
        self.select_curve(curve_id)
        self.curve_selected.emit(curve_id, index)
        # A read-only canvas shows its values and selects curves; its points do not follow.
        if self.editable:
            self._press = (position, curve_id, index)
            self._dragging = False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        position = self.mapToScene(event.position().toPoint())
        if self._press is None:
            self._hover(position)
            return
        start, curve_id, index = self._press
        if not self._dragging:
            # A click is not a drag: a hand that shakes by a pixel must not change a level.
            if (position - start).manhattanLength() < QApplication.startDragDistance():
                return
            self._dragging = True
            self.setCursor(Qt.CursorShape.SizeVerCursor)
            self.drag_started.emit()
        level = self.layout_result.level_at(self.frame.level_at(position.y()))
        style = next(s for s in self.layout_result.curves if s.curve_id == curve_id)
        if style.levels[index] != level:
            self.point_dragged.emit(curve_id, index, level)
        self._show_value(curve_id, index)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._press is not None:
            self._press = None
            self._dragging = False
            self.unsetCursor()
            return
        super().mouseReleaseEvent(event)

    def leaveEvent(self, event: object) -> None:
        if self._press is None:
            self.value_label.hide()
        super().leaveEvent(event)  # type: ignore[arg-type]

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.frame.total <= self.frame.count:
            super().wheelEvent(event)
            return
        delta = event.angleDelta()
        steps = (delta.x() or delta.y()) // 120
        if steps:
            self.set_first(self.frame.first - steps)

    def _hover(self, position: QPointF) -> None:
        hit = self.point_at(position)
        if hit is None:
            self.value_label.hide()
            self.unsetCursor()
            return
        self._show_value(*hit)
        if self.editable:
            self.setCursor(Qt.CursorShape.SizeVerCursor)

    def _show_value(self, curve_id: str, index: int) -> None:
        item = self.curve_items.get(curve_id)
        if item is None:
            return
        self.value_label.show_text(
            self.point_text(curve_id, index), item.point(index), self.sceneRect()
        )

    # -- painting ------------------------------------------------------------------------------

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        painter.fillRect(rect, theme.paper())
        frame, layout = self.frame, self.layout_result
        plot = QRectF(frame.left, frame.top, frame.width, frame.height)
        shown = range(frame.first, frame.last)
        for index in shown:
            action = layout.actions[index]
            if action:
                band = QColor(ACTION_COLOURS[action])
                band.setAlpha(18)
                half = frame.column * 0.45
                painter.fillRect(
                    QRectF(frame.x(index) - half, frame.top, 2 * half, frame.height), band
                )
        painter.setFont(self.tick_font)
        for tick in LEVEL_TICKS:
            y = frame.y(tick)
            painter.setPen(QPen(theme.surface(GRID), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(theme.scene_ink(MUTED))
            painter.drawText(
                QRectF(plot.left() - 40, y - 8, 32, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(tick),
            )
        painter.save()
        painter.translate(12, frame.top + frame.height / 2)
        painter.rotate(-90)
        painter.drawText(
            QRectF(-frame.height / 2, -8, frame.height, 16),
            Qt.AlignmentFlag.AlignCenter,
            "Offering level",
        )
        painter.restore()
        painter.setPen(QPen(theme.surface(SPINE), 1))
        painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        self._paint_factor_names(painter, shown)
        self._paint_legend(painter)
        rows = max((entry.row for entry in self.legend), default=0) + 1
        note_y = self._legend_top() + rows * LEGEND_ROW
        painter.setFont(self.tick_font)
        if layout.any_detached:
            painter.setPen(theme.scene_ink(MUTED))
            painter.drawText(
                QRectF(8, note_y, self.sceneRect().width() - 16, NOTE_ROW),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                DETACHED_NOTE,
            )
        empty = empty_message(self.canvas)
        if empty:
            painter.setPen(theme.scene_ink(MUTED))
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, empty)

    def _paint_factor_names(self, painter: QPainter, shown: range) -> None:
        frame, layout = self.frame, self.layout_result
        column = frame.column - 6
        action_y = frame.y(ACTION_LABEL_LEVEL)
        for index in shown:
            x = frame.x(index)
            action = layout.actions[index]
            if action:
                painter.setFont(self.action_font)
                painter.setPen(theme.scene_ink(ACTION_COLOURS[action]))
                painter.drawText(
                    QRectF(x - column / 2, action_y - 8, column, 16),
                    Qt.AlignmentFlag.AlignCenter,
                    _fitting_action(layout.action_labels[index], painter.fontMetrics(), column),
                )
            painter.setFont(self.name_font)
            painter.setPen(theme.scene_ink(INK))
            name = layout.factor_labels[index].replace("\n", " ")
            lines = _wrapped(name, painter.fontMetrics(), column, LABEL_LINES)
            for number, line in enumerate(lines):
                painter.drawText(
                    QRectF(x - column / 2, frame.bottom + 6 + number * LABEL_LINE, column, 15),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    line,
                )

    def _paint_legend(self, painter: QPainter) -> None:
        legend = self.layout_result.legend()
        for entry in self.legend:
            style = legend[entry.index]
            area = self._legend_rect(entry)
            _paint_swatch(painter, style, area.left(), area.center().y())
            chosen = style.curve_id == self.selected
            painter.setFont(self.legend_bold if chosen else self.legend_font)
            painter.setPen(theme.scene_ink(INK))
            painter.drawText(
                area.adjusted(LEGEND_SWATCH, 0, 0, 0),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                style.label,
            )
        if self.legend_hidden:
            row = self.legend[-1].row if self.legend else 0
            y = self._legend_top() + row * LEGEND_ROW
            painter.setFont(self.legend_font)
            painter.setPen(theme.scene_ink(MUTED))
            painter.drawText(
                QRectF(self.frame.left + more_entry_x(self.legend), y, 400, LEGEND_ROW),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                more_text(self.legend_hidden),
            )


def _paint_swatch(painter: QPainter, style: CurveStyle, x: float, y: float) -> None:
    pen = QPen(theme.scene_ink(style.colour), style.width)
    if style.dashes:
        pen.setDashPattern(list(style.dashes))
    painter.setPen(pen)
    painter.drawLine(QPointF(x + 2, y), QPointF(x + LEGEND_SWATCH - 8, y))
    painter.setPen(QPen(theme.paper(), 1.0))
    painter.setBrush(QBrush(theme.scene_ink(style.colour)))
    centre = QPointF(x + (LEGEND_SWATCH - 6) / 2, y)
    painter.drawPath(marker_path(style.marker, style.marker_size * MARKER_SCALE).translated(centre))


def _fitting_action(label: str, metrics: QFontMetrics, width: float) -> str:
    """An ERRC label as long as the column allows: "RAISE → 9", "RAISE→9", then "R→9"."""
    short = label.replace(" → ", "→")
    for text in (label, short, short[:1] + short[short.find("→") :] if "→" in short else label[:1]):
        if metrics.horizontalAdvance(text) <= width:
            return text
    return label[:1]


def _wrapped(text: str, metrics: QFontMetrics, width: float, most: int) -> list[str]:
    """``text`` broken into at most ``most`` lines that fit ``width``; the last one elided."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < most:
        line = words.pop(0)
        while words and metrics.horizontalAdvance(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        if len(lines) == most - 1 and words:  # the last line says there is more
            line = " ".join([line, *words])
            words = []
        lines.append(metrics.elidedText(line, Qt.TextElideMode.ElideRight, int(width)))
    return lines


def _font(base: QFont, pixels: int, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font
