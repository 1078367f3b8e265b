"""The roadmap timeline: a QGraphicsView of lanes, bars, arrows, markers and the today line.

Bars and arrows are scene items; the grid, lane bands and marker lines are drawn as the
background, and the header rows and lane names are pinned to the viewport in the foreground so
they stay in view while the PM scrolls. Everything is placed by ``charts.roadmap``.
"""

from __future__ import annotations

import bisect
from datetime import date

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsScene,
    QGraphicsView,
    QToolTip,
    QWidget,
)

from pmdesk.gui import theme
from pmdesk.workspaces.roadmap.chart.layout import Arrow, Bar, TimelineLayout
from pmdesk.workspaces.roadmap.chart.scale import ZOOMS
from pmdesk.workspaces.roadmap.chart.style import (
    BROKEN_LINK_COLOR,
    GRID_COLOR,
    GRID_MAJOR_COLOR,
    HEADER_FILL,
    HEADER_ROW,
    LANE_FILL,
    LANE_LABEL_WIDTH,
    LINK_COLOR,
    MARKER_COLORS,
    MUTED_TEXT,
    TEXT_COLOR,
    TODAY_COLOR,
)
from pmdesk.workspaces.roadmap.qt.bar_item import BarItem

MARKER_ROW = 20
# What a parking-lot entry carries when dragged onto the timeline: the item's id.
ITEM_MIME = "application/x-pmdesk-roadmap-item"
HEADER_TOTAL = HEADER_ROW * 2 + MARKER_ROW
RIGHT_ROOM = 40.0


class TimelineView(QGraphicsView):
    """Shows one :class:`TimelineLayout`; reports drags and clicks, never writes data."""

    item_moved = Signal(str, object, object)  # item id, new start, new end
    item_activated = Signal(str)  # double-click on a bar
    lane_toggled = Signal(str)  # click on a lane name: collapse or expand
    marker_activated = Signal(str)  # click on a marker in the header
    item_moved_to_lane = Signal(str, str, object, object)  # item id, lane id, start, end
    item_dropped = Signal(str, str, object)  # a parked item dropped: item id, lane id, day
    lane_menu_requested = Signal(str, QPoint)  # right-click on a lane name: lane id, where
    dependency_menu_requested = Signal(str, QPoint)  # right-click on an arrow
    delete_pressed = Signal()  # Delete or Backspace with the timeline focused

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        # The pinned header and lane names are painted over the scene, so a scroll must
        # repaint the whole viewport rather than shift the old pixels.
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setObjectName("roadmapTimeline")
        self.layout_result: TimelineLayout | None = None
        self.bar_items: dict[str, BarItem] = {}
        self.arrow_items: dict[str, tuple[Arrow, QGraphicsPathItem]] = {}
        self._retired: list[QGraphicsItem] = []  # replaced items, kept until the next update
        self.left_edge = [0.0]  # shared with every bar: see BarItem.left_edge
        self.opening_day: date | None = None  # scrolled to when the view is first shown
        self.editable = False  # whether bars drag and lanes fold: not in a read-only project
        self._shown = False
        self.bar_font = QFont(self.font())
        self.bar_font.setPixelSize(12)
        self.header_font = QFont(self.font())
        self.header_font.setPixelSize(12)
        self.header_font.setBold(True)
        self.small_font = QFont(self.font())
        self.small_font.setPixelSize(11)
        self.lane_font = QFont(self.font())
        self.lane_font.setPixelSize(13)
        self.lane_font.setBold(True)

    # -- content -------------------------------------------------------------------------------

    def show_layout(self, layout: TimelineLayout, editable: bool) -> None:
        """Replace the picture, keeping the scroll position where it was.

        At the same zoom and scale only the bars and arrows that differ from the picture shown
        are replaced (an edit moves one bar, perhaps its lane's rows and its arrows), so one
        drag costs the same with 40 bars or 4,000; lanes, markers and flags are painted from
        the layout and follow by themselves.
        """
        vertical = self.verticalScrollBar()
        at_top = vertical.value() <= vertical.minimum()
        keep = (self.horizontalScrollBar().value(), vertical.value())
        previous = self.layout_result
        same_frame = (
            previous is not None
            and editable == self.editable
            and previous.zoom == layout.zoom
            and previous.scale == layout.scale
        )
        self.layout_result = layout
        self.editable = editable
        if same_frame:
            self._update_items(layout)
        else:
            self._build_items(layout)
        scene = self.scene()
        scene.setSceneRect(
            QRectF(
                -LANE_LABEL_WIDTH,
                -HEADER_TOTAL,
                layout.width + LANE_LABEL_WIDTH + RIGHT_ROOM,
                layout.height + HEADER_TOTAL + RIGHT_ROOM,
            )
        )
        if previous is not None:
            self.horizontalScrollBar().setValue(keep[0])
            vertical.setValue(vertical.minimum() if at_top else keep[1])
        self.viewport().update()

    def _build_items(self, layout: TimelineLayout) -> None:
        scene = self.scene()
        scene.clear()
        self.bar_items.clear()
        self.arrow_items.clear()
        for arrow in layout.arrows:
            item = _arrow_item(arrow)
            scene.addItem(item)
            self.arrow_items[arrow.dependency_id] = (arrow, item)
        for bar in layout.bars:
            item = self._bar_item(bar, layout)
            scene.addItem(item)
            self.bar_items[bar.item.id] = item
        # Build the scene's search index now, as part of opening, not in the first paint.
        scene.items(QRectF(0, 0, 1, 1))

    def _update_items(self, layout: TimelineLayout) -> None:
        """Redraw the bars and arrows that changed; keep every other item as it is."""
        scene = self.scene()
        # A replaced bar may be the one whose mouse release made this edit: it must outlive
        # the event it is still handling, so it is kept until the next update.
        retired: list[QGraphicsItem] = []
        bars = self.bar_items
        index = layout.index
        if layout.placed is not None and index is not None:
            # Laid out from the picture shown: only these bars can differ from their items.
            changed = [(key, index.bars.get(key)) for key in layout.placed]
        else:
            changed = [(bar.item.id, bar) for bar in layout.bars]
            shown = {key for key, _bar in changed}
            changed.extend((key, None) for key in bars if key not in shown)
        for key, bar in changed:
            item = bars.get(key)
            if bar is None:  # no longer drawn: removed, or parked without dates
                if item is not None:
                    scene.removeItem(item)
                    retired.append(bars.pop(key))
                continue
            if item is not None and item.bar is bar:
                continue
            selected = item is not None and item.isSelected()
            if item is not None and (
                item.preview is not None or item.bar.show_label != bar.show_label
            ):
                # Caught mid-drag, or moved into or out of a folded lane (which takes other
                # gestures): a new item draws it.
                scene.removeItem(item)
                retired.append(item)
                item = None
            if item is None:
                item = self._bar_item(bar, layout)
                scene.addItem(item)
                item.setSelected(selected)
                bars[key] = item
            elif item.bar != bar:
                item.show_bar(bar)
        self._retired = retired
        if layout.placed is not None and index is not None and layout.rerouted is not None:
            # Laid out from the picture shown, the same arrows in the same places: only these
            # links' arrows can differ from what is drawn.
            for key in layout.rerouted:
                shown = self.arrow_items.get(key)
                if shown is None:  # not drawn before nor now
                    continue
                arrow = layout.arrows[index.arrow_at[key]]
                if shown[0] is not arrow and shown[0] != arrow:
                    _show_arrow(shown[1], arrow)
                self.arrow_items[key] = (arrow, shown[1])
            return
        old_arrows, arrows = self.arrow_items, {}
        for arrow in layout.arrows:
            shown = old_arrows.pop(arrow.dependency_id, None)
            if shown is not None and (shown[0] is arrow or shown[0] == arrow):
                arrows[arrow.dependency_id] = shown
                continue
            if shown is not None:  # its ends moved: the same item takes the new route
                _show_arrow(shown[1], arrow)
                arrows[arrow.dependency_id] = (arrow, shown[1])
                continue
            item = _arrow_item(arrow)
            scene.addItem(item)
            arrows[arrow.dependency_id] = (arrow, item)
        for _arrow, item in old_arrows.values():
            scene.removeItem(item)
            retired.append(item)
        self.arrow_items = arrows

    def _bar_item(self, bar: Bar, layout: TimelineLayout) -> BarItem:
        on_drag = self._dragged if self.editable else None
        snap_days = ZOOMS[layout.zoom].snap_days
        item = BarItem(bar, layout.scale, snap_days, self.bar_font, on_drag, self.left_edge)
        if not bar.show_label and bar.lane_id:  # a collapsed lane's strip
            item.setAcceptHoverEvents(False)
            item.on_drag_done = None
        elif self.editable:
            item.lane_at = self.lane_at_scene
            item.on_lane_drag_done = self._dragged_to_lane
        return item

    def lane_at_scene(self, scene_y: float) -> str | None:
        """The lane whose band holds ``scene_y``, if any."""
        if self.layout_result is None:
            return None
        for band in self.layout_result.lanes:
            if band.y <= scene_y < band.y + band.height:
                return band.lane.id
        return None

    def _dragged_to_lane(self, item_id: str, lane_id: str, start: date, end: date) -> None:
        self.item_moved_to_lane.emit(item_id, lane_id, start, end)

    def selected_dependencies(self) -> list[str]:
        return [
            item.dependency_id
            for item in self.scene().selectedItems()
            if isinstance(item, ArrowItem)
        ]

    def scroll_to_day(self, day: date) -> None:
        """Put ``day`` a little right of the lane names."""
        if self.layout_result is None:
            return
        x = self.layout_result.scale.x(day)
        # The scroll value is the scene x at the viewport's left edge, and the pinned lane
        # names cover the first LANE_LABEL_WIDTH pixels of it.
        self.horizontalScrollBar().setValue(int(x - LANE_LABEL_WIDTH - 12))

    def centre_day(self) -> date | None:
        """The day in the middle of the visible part of the timeline."""
        if self.layout_result is None:
            return None
        middle = self.viewport().width() / 2 + LANE_LABEL_WIDTH / 2
        return self.layout_result.scale.day_at(self.mapToScene(int(middle), 0).x())

    def visible_days(self) -> tuple[date, date] | None:
        """The first and last day in sight, right of the lane names."""
        if self.layout_result is None or not self.isVisible():
            return None
        scale = self.layout_result.scale
        left = self.mapToScene(LANE_LABEL_WIDTH, 0).x()
        right = self.mapToScene(self.viewport().width(), 0).x()
        return scale.day_at(left), scale.day_at(right)

    def _dragged(self, item_id: str, start: date, end: date) -> None:
        self.item_moved.emit(item_id, start, end)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown:
            # Scroll ranges are only right once the view has its size: place it now.
            self._shown = True
            self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())
            if self.opening_day is not None:
                self.scroll_to_day(self.opening_day)

    # -- mouse ---------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        point = event.position()
        if point.y() < HEADER_TOTAL:
            marker = self.marker_at(point.x(), point.y())
            if marker is not None and event.button() == Qt.MouseButton.LeftButton:
                self.marker_activated.emit(marker)
            return
        if point.x() < LANE_LABEL_WIDTH:
            lane = self.lane_at(point.y())
            # Folding a lane is saved with the project, so a read-only timeline keeps its folds.
            if lane is not None and self.editable and event.button() == Qt.MouseButton.LeftButton:
                self.lane_toggled.emit(lane)
            return
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item = self.itemAt(event.position().toPoint())
        if isinstance(item, BarItem):
            self.item_activated.emit(item.item_id)
            return
        super().mouseDoubleClickEvent(event)

    def marker_at(self, viewport_x: float, viewport_y: float) -> str | None:
        """The marker whose flag or label is under a point of the header's marker row."""
        if self.layout_result is None or viewport_y < HEADER_ROW * 2:
            return None
        hits = [
            (marker.id, self._vx(x))
            for marker, x in self.layout_result.markers
            if self._vx(x) - 6 <= viewport_x
        ]
        # The nearest flag to the left: its label runs to the right of it.
        hit = max(hits, key=lambda hit: hit[1], default=None)
        return hit[0] if hit is not None and viewport_x - hit[1] < 160 else None

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.layout_result is not None:
            point = event.pos()  # type: ignore[attr-defined]
            marker_id = self.marker_at(point.x(), point.y())
            if point.y() < HEADER_TOTAL:
                marker = next(
                    (m for m, _x in self.layout_result.markers if m.id == marker_id), None
                )
                if marker is not None:
                    text = f"{marker.name} — {marker.on_date:%d %b %Y} ({marker.kind})"
                    QToolTip.showText(event.globalPos(), text, self)  # type: ignore[attr-defined]
                else:
                    QToolTip.hideText()
                return True
            # The topmost bar under the mouse is the one Qt shows the tooltip of.
            bar = next((i for i in self.items(point) if isinstance(i, BarItem)), None)
            if bar is not None:
                bar.compose_tooltip()
        return super().viewportEvent(event)

    def lane_at(self, viewport_y: float) -> str | None:
        return self.lane_at_scene(self.mapToScene(0, int(viewport_y)).y())

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        point = event.pos()
        if point.y() < HEADER_TOTAL or not self.editable:
            return
        if point.x() < LANE_LABEL_WIDTH:
            lane = self.lane_at(point.y())
            if lane is not None:
                self.lane_menu_requested.emit(lane, event.globalPos())
            return
        arrow = next((i for i in self.items(point) if isinstance(i, ArrowItem)), None)
        if arrow is not None:
            self.scene().clearSelection()
            arrow.setSelected(True)
            self.dependency_menu_requested.emit(arrow.dependency_id, event.globalPos())
            return
        super().contextMenuEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.editable:
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)

    # -- parked items dropped on the timeline ----------------------------------------------------

    def _drop_target(self, point: QPointF) -> tuple[str, date] | None:
        """The lane and day under a viewport point, where a parked item would land."""
        if self.layout_result is None or point.y() < HEADER_TOTAL or point.x() < LANE_LABEL_WIDTH:
            return None
        lane = self.lane_at(point.y())
        if lane is None:
            return None
        return lane, self.layout_result.scale.day_at(self.mapToScene(point.toPoint()).x())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.editable and event.mimeData().hasFormat(ITEM_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        wanted = self.editable and event.mimeData().hasFormat(ITEM_MIME)
        if wanted and self._drop_target(event.position()) is not None:
            event.acceptProposedAction()
            return
        event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        target = self._drop_target(event.position())
        if not self.editable or target is None or not event.mimeData().hasFormat(ITEM_MIME):
            event.ignore()
            return
        item_id = bytes(event.mimeData().data(ITEM_MIME).data()).decode()
        event.acceptProposedAction()
        self.item_dropped.emit(item_id, *target)

    # -- painting ------------------------------------------------------------------------------

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        # Painted before the bars on every frame: the right moment to tell them where the
        # visible timeline starts.
        self.left_edge[0] = self.mapToScene(LANE_LABEL_WIDTH, 0).x()
        painter.fillRect(rect, theme.paper())
        layout = self.layout_result
        if layout is None:
            return
        # Lanes lie top to bottom: only those crossing the exposed rectangle are painted, found
        # by halving, so a frame costs the same with 20 lanes or 2,000.
        lanes = layout.lanes
        index = bisect.bisect_left(lanes, rect.top(), key=lambda band: band.y + band.height)
        shown = []
        while index < len(lanes) and lanes[index].y <= rect.bottom():
            shown.append((index, lanes[index]))
            index += 1
        for index, band in shown:
            fill = theme.surface(LANE_FILL[index % 2])
            painter.fillRect(QRectF(0, band.y, layout.width, band.height), fill)
        top, bottom = max(rect.top(), 0.0), min(rect.bottom(), layout.height)
        left, right = rect.left(), rect.right()
        painter.setPen(QPen(theme.surface(GRID_COLOR), 0))
        for x in layout.minor:
            if left <= x <= right:
                painter.drawLine(QPointF(x, top), QPointF(x, bottom))
        painter.setPen(QPen(theme.surface(GRID_MAJOR_COLOR), 0))
        for band in layout.lower:
            if left <= band.x0 <= right:
                painter.drawLine(QPointF(band.x0, top), QPointF(band.x0, bottom))
        painter.setPen(QPen(theme.surface("#8d99a6"), 1.5))
        for band in layout.upper:
            if left <= band.x0 <= right:
                painter.drawLine(QPointF(band.x0, top), QPointF(band.x0, bottom))
        painter.setPen(QPen(theme.surface(GRID_MAJOR_COLOR), 0))
        for _index, band in shown:
            y = band.y + band.height
            painter.drawLine(QPointF(0, y), QPointF(layout.width, y))
        for marker, x in layout.markers:
            if left - 2 <= x <= right + 2:
                pen = QPen(theme.scene_ink(MARKER_COLORS.get(marker.kind, MUTED_TEXT)), 1.2)
                pen.setStyle(Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.drawLine(QPointF(x, top), QPointF(x, bottom))

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        layout = self.layout_result
        if layout is None:
            return
        if layout.today_x is not None:
            painter.setPen(QPen(QColor(TODAY_COLOR), 2))
            painter.drawLine(QPointF(layout.today_x, 0), QPointF(layout.today_x, layout.height))
        painter.save()
        painter.resetTransform()
        self._paint_header(painter, layout)
        self._paint_lane_names(painter, layout)
        painter.restore()

    def _vx(self, scene_x: float) -> float:
        return float(self.mapFromScene(QPointF(scene_x, 0)).x())

    def _paint_header(self, painter: QPainter, layout: TimelineLayout) -> None:
        width = self.viewport().width()
        header = theme.surface(HEADER_FILL)
        painter.fillRect(QRectF(0, 0, width, HEADER_TOTAL), header)
        for row, bands in enumerate((layout.upper, layout.lower)):
            y = row * HEADER_ROW
            painter.setFont(self.header_font if row == 0 else self.small_font)
            for band in bands:
                x0, x1 = self._vx(band.x0), self._vx(band.x1)
                if x1 < LANE_LABEL_WIDTH or x0 > width:
                    continue
                painter.setPen(QPen(theme.surface(GRID_MAJOR_COLOR), 1))
                painter.drawLine(QPointF(x0, y), QPointF(x0, y + HEADER_ROW))
                # The label sticks to the left edge while its cell scrolls past.
                text_x = max(x0, LANE_LABEL_WIDTH) + 6
                painter.setPen(theme.ink(TEXT_COLOR if row == 0 else MUTED_TEXT, on=header))
                area = QRectF(text_x, y, max(x1 - text_x - 4, 0), HEADER_ROW)
                painter.drawText(area, Qt.AlignmentFlag.AlignVCenter, band.label)
        painter.setPen(QPen(theme.surface(GRID_MAJOR_COLOR), 1))
        for y in (HEADER_ROW, HEADER_ROW * 2, HEADER_TOTAL - 0.5):
            painter.drawLine(QPointF(0, y), QPointF(width, y))
        painter.setFont(self.small_font)
        marker_y = HEADER_ROW * 2
        positions = [self._vx(x) for _marker, x in layout.markers]
        for index, (marker, _x) in enumerate(layout.markers):
            vx = positions[index]
            if vx < LANE_LABEL_WIDTH or vx > width:
                continue
            # A label stops short of the next marker rather than run over it.
            room = positions[index + 1] - vx - 16 if index + 1 < len(positions) else 220.0
            room = min(room, 220.0)
            color = theme.ink(MARKER_COLORS.get(marker.kind, MUTED_TEXT), on=header)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(color))
            tip = marker_y + MARKER_ROW - 2
            painter.drawPolygon(
                QPolygonF([QPointF(vx - 5, tip - 8), QPointF(vx + 5, tip - 8), QPointF(vx, tip)])
            )
            painter.setPen(color)
            text = painter.fontMetrics().elidedText(
                marker.name, Qt.TextElideMode.ElideRight, max(int(room), 0)
            )
            painter.drawText(
                QRectF(vx + 7, marker_y, max(room, 0.0), MARKER_ROW),
                Qt.AlignmentFlag.AlignVCenter,
                text,
            )
        if layout.today_x is not None:
            vx = self._vx(layout.today_x)
            if vx >= LANE_LABEL_WIDTH:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QBrush(QColor(TODAY_COLOR)))
                label = QRectF(vx - 22, marker_y + 2, 44, MARKER_ROW - 4)
                painter.drawRoundedRect(label, 3, 3)
                painter.setPen(QColor("#ffffff"))
                painter.drawText(label, Qt.AlignmentFlag.AlignCenter, "Today")

    def _paint_lane_names(self, painter: QPainter, layout: TimelineLayout) -> None:
        height = self.viewport().height()
        header = theme.surface(HEADER_FILL)
        painter.fillRect(QRectF(0, HEADER_TOTAL, LANE_LABEL_WIDTH, height), header)
        painter.fillRect(QRectF(0, 0, LANE_LABEL_WIDTH, HEADER_TOTAL), header)
        painter.setClipRect(QRectF(0, HEADER_TOTAL, LANE_LABEL_WIDTH, height))
        for band in layout.lanes:
            top = float(self.mapFromScene(QPointF(0, band.y)).y())
            bottom = top + band.height
            if top > height:
                break  # the lanes below are out of sight too
            if bottom < HEADER_TOTAL:
                continue
            painter.fillRect(QRectF(0, top + 1, 5, band.height - 2), QColor(band.lane.color))
            painter.setPen(QPen(theme.surface(GRID_MAJOR_COLOR), 1))
            painter.drawLine(QPointF(0, bottom), QPointF(LANE_LABEL_WIDTH, bottom))
            arrow = "▸" if band.lane.collapsed else "▾"
            painter.setPen(theme.ink(TEXT_COLOR, on=header))
            painter.setFont(self.lane_font)
            name_area = QRectF(12, top + 4, LANE_LABEL_WIDTH - 18, 20)
            elided = painter.fontMetrics().elidedText(
                f"{arrow} {band.lane.name}", Qt.TextElideMode.ElideRight, int(name_area.width())
            )
            painter.drawText(name_area, Qt.AlignmentFlag.AlignVCenter, elided)
            if not band.lane.collapsed:
                painter.setFont(self.small_font)
                painter.setPen(theme.ink(MUTED_TEXT, on=header))
                count = f"{band.dated} item{'s' if band.dated != 1 else ''}"
                if band.parked:
                    count += f" · {band.parked} undated"
                painter.drawText(QRectF(26, top + 23, LANE_LABEL_WIDTH - 30, 16), 0, count)
        painter.setClipping(False)
        painter.setPen(QPen(theme.surface(GRID_MAJOR_COLOR), 1))
        painter.drawLine(
            QPointF(LANE_LABEL_WIDTH - 0.5, 0), QPointF(LANE_LABEL_WIDTH - 0.5, height)
        )


class ArrowItem(QGraphicsPathItem):
    """A dependency's arrow: selectable (Delete removes it), and easy to hit although thin."""

    def __init__(self, dependency_id: str) -> None:
        super().__init__()
        self.dependency_id = dependency_id
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(8)
        return stroker.createStroke(self.path())

    def paint(self, painter: QPainter, option: object, widget: QWidget | None = None) -> None:
        if self.isSelected():
            pen = QPen(self.pen())
            pen.setWidthF(3)
            painter.setPen(pen)
            painter.drawPath(self.path())
            return
        painter.setPen(self.pen())
        painter.drawPath(self.path())


def _arrow_item(arrow: Arrow) -> QGraphicsPathItem:
    item = ArrowItem(arrow.dependency_id)
    item.setZValue(-1)
    head = QGraphicsPolygonItem(item)
    head.setPen(Qt.PenStyle.NoPen)
    _show_arrow(item, arrow)
    return item


def _show_arrow(item: QGraphicsPathItem, arrow: Arrow) -> None:
    """Draw ``arrow`` with ``item`` (new, or one already in the scene: cheaper than another)."""
    path = QPainterPath(QPointF(*arrow.points[0]))
    for point in arrow.points[1:]:
        path.lineTo(QPointF(*point))
    item.setPath(path)
    color = theme.scene_ink(BROKEN_LINK_COLOR if arrow.broken else LINK_COLOR)
    pen = QPen(color, 1.6 if arrow.broken else 1.1)
    if arrow.broken:
        pen.setStyle(Qt.PenStyle.DashLine)
    item.setPen(pen)
    end_x, end_y = arrow.points[-1]
    head = item.childItems()[0]
    assert isinstance(head, QGraphicsPolygonItem)
    head.setPolygon(
        QPolygonF(
            [QPointF(end_x, end_y), QPointF(end_x - 6, end_y - 4), QPointF(end_x - 6, end_y + 4)]
        )
    )
    head.setBrush(QBrush(color))
    item.setToolTip(
        "This dependency is broken: the item starts before the one it depends on ends."
        if arrow.broken
        else "Finish-to-start dependency"
    )
