"""The board as a QGraphicsScene, drawn from ``chart.board.board_layout``.

Items paint themselves (no child text items), so a board of hundreds of notes opens fast.
A note dragged and dropped reports where it landed; the view turns that into an undoable move.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from pmdesk.gui import theme
from pmdesk.workspaces.strategy.chart.board import (
    BLOCK_EDGE,
    BLOCK_FILL,
    HINT_INK,
    LINE_HEIGHT,
    NOTE_INK,
    PADDING,
    TITLE_HEIGHT,
    TITLE_INK,
    BlockBox,
    BoardLayout,
    NoteBox,
)


def _font(points: float, bold: bool = False, italic: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(points)
    font.setBold(bold)
    font.setItalic(italic)
    return font


class BlockItem(QGraphicsItem):
    def __init__(self, box: BlockBox) -> None:
        super().__init__()
        self.box = box
        self.highlighted = False  # a dragged note would land here
        self.setPos(box.x, box.y)
        self.setZValue(0)

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.box.width, self.box.height)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        edge, fill, width = (BLOCK_EDGE, BLOCK_FILL, 1)
        if self.highlighted:
            edge, fill, width = ("#1d4ed8", "#EEF3FF", 2)
        ground = theme.surface(fill)
        painter.setPen(QPen(theme.surface(edge) if not self.highlighted else QColor(edge), width))
        painter.setBrush(QBrush(ground))
        painter.drawRoundedRect(self.boundingRect().adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        painter.setPen(theme.ink(TITLE_INK, on=ground))
        painter.setFont(self.scene().title_font)  # type: ignore[union-attr]
        inner = self.box.width - 2 * PADDING
        title = painter.fontMetrics().elidedText(
            self.box.title, Qt.TextElideMode.ElideRight, int(inner)
        )
        painter.drawText(
            QRectF(PADDING, 4, inner, TITLE_HEIGHT), Qt.AlignmentFlag.AlignVCenter, title
        )
        if self.box.hint:
            painter.setPen(theme.ink(HINT_INK, on=ground))
            painter.setFont(self.scene().hint_font)  # type: ignore[union-attr]
            metrics = painter.fontMetrics()
            hint = metrics.elidedText(self.box.hint, Qt.TextElideMode.ElideRight, int(inner))
            painter.drawText(QRectF(PADDING, TITLE_HEIGHT, inner, 16), 0, hint)


class NoteItem(QGraphicsItem):
    def __init__(self, box: NoteBox, movable: bool) -> None:
        super().__init__()
        self.box = box
        self.setPos(box.x, box.y)
        self.setZValue(1)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, movable)
        self.setCursor(Qt.CursorShape.OpenHandCursor if movable else Qt.CursorShape.ArrowCursor)
        self._pressed_at: QPointF | None = None
        self._dragging = False

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.box.width, self.box.height)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        edge = QColor("#1d4ed8") if self.isSelected() else QColor(0, 0, 0, 28)
        painter.setPen(QPen(edge, 2 if self.isSelected() else 1))
        painter.setBrush(QBrush(QColor(self.box.fill)))
        painter.drawRoundedRect(self.boundingRect().adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
        painter.setPen(theme.ink(NOTE_INK, on=self.box.fill))
        painter.setFont(self.scene().note_font)  # type: ignore[union-attr]
        for number, line in enumerate(self.box.lines):
            painter.drawText(QPointF(6, 18 + number * LINE_HEIGHT), line)
        if self.box.linked:
            painter.setPen(theme.ink(HINT_INK, on=self.box.fill))
            painter.drawText(QPointF(self.box.width - 14, 13), "↗")

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self._pressed_at = self.pos()
        self._dragging = False
        self.setZValue(5)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._pressed_at is not None and not self._dragging:
            # A click is not a drag: the note stays put until the mouse has gone the
            # platform's drag distance on screen (whatever the board's zoom).
            travel = event.screenPos() - event.buttonDownScreenPos(Qt.MouseButton.LeftButton)
            if travel.manhattanLength() < QApplication.startDragDistance():
                return
            self._dragging = True
        super().mouseMoveEvent(event)
        if self._pressed_at is not None:
            self.scene().highlight_block_at(event.scenePos())  # type: ignore[union-attr]

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self.scene().highlight_block_at(None)  # type: ignore[union-attr]
        self.setZValue(1)
        start, self._pressed_at = self._pressed_at, None
        dragged, self._dragging = self._dragging, False
        if start is None:
            return
        if dragged and self.pos() != start:
            drop = event.scenePos()
            self.scene().note_dropped.emit(self.box.id, drop.x(), drop.y())  # type: ignore[union-attr]

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.scene().note_activated.emit(self.box.id)  # type: ignore[union-attr]


class BoardScene(QGraphicsScene):
    note_dropped = Signal(str, float, float)  # note id, scene x, scene y
    note_activated = Signal(str)  # double-click on a note
    block_activated = Signal(str)  # double-click on a block's empty space

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_font = _font(10, bold=True)
        self.hint_font = _font(7.8, italic=True)
        self.note_font = _font(8.6)
        self.layout: BoardLayout | None = None
        self.notes: dict[str, NoteItem] = {}
        self.blocks: dict[str, BlockItem] = {}
        self.setBackgroundBrush(theme.paper())

    def show_layout(self, layout: BoardLayout, editable: bool) -> None:
        selected = {item.box.id for item in self.notes.values() if item.isSelected()}
        self.clear()
        self.notes = {}
        self.blocks = {}
        self.layout = layout
        for block in layout.blocks:
            block_item = BlockItem(block)
            self.addItem(block_item)
            self.blocks[block.id] = block_item
            for box in block.notes:
                item = NoteItem(box, editable)
                self.addItem(item)
                item.setSelected(box.id in selected)
                self.notes[box.id] = item
        self.setSceneRect(QRectF(0, 0, layout.width, layout.height))

    def highlight_block_at(self, point: QPointF | None) -> None:
        """Show which block a dragged note would land in; None clears it."""
        for item in self.blocks.values():
            wanted = point is not None and item.box.contains(point.x(), point.y())
            if wanted != item.highlighted:
                item.highlighted = wanted
                item.update()

    def selected_note_ids(self) -> list[str]:
        return [item.box.id for item in self.notes.values() if item.isSelected()]

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        item = self.itemAt(event.scenePos(), self.views()[0].transform()) if self.views() else None
        if isinstance(item, NoteItem):
            super().mouseDoubleClickEvent(event)
        elif isinstance(item, BlockItem):
            self.block_activated.emit(item.box.id)
