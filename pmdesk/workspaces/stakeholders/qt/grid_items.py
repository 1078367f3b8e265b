"""The moving parts of the power/interest grid scene: the stakeholder cards, the relationship
lines and the "who moved" arrows."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsSceneMouseEvent,
    QStyle,
    QStyleOptionGraphicsItem,
    QWidget,
)

from pmdesk.gui import theme
from pmdesk.workspaces.stakeholders.chart import layout as chart
from pmdesk.workspaces.stakeholders.model import RELATIONSHIP_KINDS
from pmdesk.workspaces.stakeholders.qt.grid_backdrop import (
    DIRECTED,
    OVERDUE_RED,
    draw_arrow_head,
    font,
    link_pen,
    scene_bounds,
)


@dataclass
class CardInfo:
    id: str
    name: str
    subtitle: str
    attitude: str
    overdue: bool
    tooltip: str


class CardItem(QGraphicsItem):
    """One stakeholder: a white card with an attitude stripe; drag it to re-place them."""

    def __init__(self, info: CardInfo, movable: bool) -> None:
        super().__init__()
        self.info = info
        self._box = QRectF(
            -chart.CARD_WIDTH / 2, -chart.CARD_HEIGHT / 2, chart.CARD_WIDTH, chart.CARD_HEIGHT
        )
        self._dragging = False
        self.on_moved: Callable[[CardItem], None] | None = None
        self.on_dropped: Callable[[CardItem], None] | None = None
        self.on_open: Callable[[str], None] | None = None
        flags = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
        if movable:
            flags |= QGraphicsItem.GraphicsItemFlag.ItemIsMovable
        self.setFlags(flags)
        self.setAcceptHoverEvents(False)
        self.setZValue(2)
        # Repaints blit a pixmap per card (per view, at the view's scale, so text stays
        # sharp); exports paint without a view and stay vector.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.set_info(info)

    def set_info(self, info: CardInfo) -> None:
        self.info = info
        self._name = QFontMetricsF(_NAME_FONT).elidedText(
            info.name, Qt.TextElideMode.ElideRight, chart.CARD_WIDTH - 18
        )
        self._subtitle = QFontMetricsF(_SUBTITLE_FONT).elidedText(
            info.subtitle, Qt.TextElideMode.ElideRight, chart.CARD_WIDTH - 18
        )
        self.setToolTip(info.tooltip)
        self.update()

    @property
    def compact(self) -> bool:
        return self._box.height() < chart.CARD_HEIGHT

    def set_height(self, height: float) -> None:
        """A full card, or a name-only one when its cell is crowded."""
        if height == self._box.height():
            return
        self.prepareGeometryChange()
        self._box = QRectF(-chart.CARD_WIDTH / 2, -height / 2, chart.CARD_WIDTH, height)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._box.adjusted(-2, -2, 3, 3)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        box = self._box
        colour = QColor(chart.ATTITUDE_COLOURS.get(self.info.attitude, "#888888"))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[operator]
        detail = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        if detail < 0.35:  # too small to read: a coloured chip is all that helps
            painter.fillRect(box, colour)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(20, 30, 50, 28))
        painter.drawRoundedRect(box.translated(1, 1.5), 5, 5)
        painter.setBrush(theme.card())
        painter.setPen(
            QPen(theme.scene_ink("#1d4ed8"), 2) if selected else QPen(theme.card_edge(), 1)
        )
        painter.drawRoundedRect(box, 5, 5)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPath(_stripe())
        painter.setPen(theme.scene_ink(chart.INK))
        painter.setFont(_NAME_FONT)
        if self.compact:  # a crowded cell: the name alone, on its own line
            painter.drawText(
                QRectF(box.left() + 11, box.top(), box.width() - 14, box.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self._name,
            )
            return
        painter.drawText(
            QRectF(box.left() + 11, box.top() + 3, box.width() - 14, 16),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self._name,
        )
        painter.setPen(theme.scene_ink(chart.MUTED_INK))
        painter.setFont(_SUBTITLE_FONT)
        painter.drawText(
            QRectF(box.left() + 11, box.top() + 18, box.width() - 14, 13),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self._subtitle,
        )
        if self.info.overdue:
            painter.setPen(QPen(theme.card(), 1.5))
            painter.setBrush(QColor(OVERDUE_RED))
            painter.drawEllipse(QPointF(box.right() - 1, box.top() + 1), 5, 5)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        # One card moves at a time: a drag is one edit of one row.
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier and self.scene():
            self.scene().clearSelection()
        self._dragging = False
        super().mousePressEvent(event)
        self.setSelected(True)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.on_open is not None:
            self.on_open(self.info.id)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if not self._dragging:
            # A click (or a shaking hand) is not a drag: the card stays put until the mouse
            # has gone the platform's drag distance; Qt then moves it by the whole way.
            travel = event.screenPos() - event.buttonDownScreenPos(Qt.MouseButton.LeftButton)
            if travel.manhattanLength() < QApplication.startDragDistance():
                return
        self._dragging = True
        super().mouseMoveEvent(event)
        # Reported from here rather than itemChange(): a Python itemChange() runs for every
        # change of every card and makes building a big grid twice as slow.
        if self.on_moved is not None:
            self.on_moved(self)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if self._dragging and self.on_dropped is not None:
            self._dragging = False
            self.on_dropped(self)


_NAME_FONT = font(12, bold=True)
_SUBTITLE_FONT = font(10)


_STRIPE: list[QPainterPath] = []


def _stripe() -> QPainterPath:
    """The attitude stripe down a card's left edge (rounded outside, square inside): every
    card has the same box, so the shape is made once rather than at every paint."""
    if not _STRIPE:
        box = QRectF(
            -chart.CARD_WIDTH / 2, -chart.CARD_HEIGHT / 2, chart.CARD_WIDTH, chart.CARD_HEIGHT
        )
        stripe = QPainterPath()
        stripe.addRoundedRect(QRectF(box.left(), box.top(), 10, box.height()), 5, 5)
        clip = QPainterPath()
        clip.addRect(QRectF(box.left(), box.top(), 5, box.height()))
        _STRIPE.append(stripe.intersected(clip))
    return _STRIPE[0]


class LinksItem(QGraphicsItem):
    """Every relationship line, painted by one item so thousands stay cheap.

    A line ends at the person's card, or, while their cell shows as a cluster, at its tile
    (``clusters``: person id -> the tile standing for them): zoomed out, a big map still shows
    who is tied to whom, one line for each pair of tiles and kind of tie.
    """

    def __init__(
        self, cards: Mapping[str, CardItem], clusters: Mapping[str, QGraphicsItem] | None = None
    ) -> None:
        super().__init__()
        self._cards = cards
        self._clusters: Mapping[str, QGraphicsItem] = clusters if clusters is not None else {}
        self._links: list[tuple[str, str, str]] = []
        self.setZValue(1)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def shape(self) -> QPainterPath:
        return QPainterPath()  # lines are drawn, never hit: clicks go to the cards below

    def set_links(self, links: Iterable[tuple[str, str, str]]) -> None:
        self._links = list(links)
        self.update()

    def boundingRect(self) -> QRectF:
        return scene_bounds()

    def _end(self, person_id: str) -> QGraphicsItem | None:
        card = self._cards.get(person_id)
        if card is not None and card.isVisible():
            return card
        tile = self._clusters.get(person_id)
        return tile if tile is not None and tile.isVisible() else None

    def visible_links(self) -> list[tuple[str, str, str]]:
        """The relationships on show: both people's cards or tiles show, and differ."""
        return [link for link, _ends in self._shown()]

    def _shown(self) -> list[tuple[tuple[str, str, str], tuple[QGraphicsItem, QGraphicsItem]]]:
        shown = []
        for link in self._links:
            source, target = self._end(link[0]), self._end(link[1])
            if source is not None and target is not None and source is not target:
                shown.append((link, (source, target)))
        return shown

    def lines(self) -> list[tuple[QGraphicsItem, QGraphicsItem, str]]:
        """What is drawn: one line per pair of ends and kind of tie."""
        drawn: dict[tuple[int, int, str], tuple[QGraphicsItem, QGraphicsItem, str]] = {}
        for (_source, _target, kind), (start, end) in self._shown():
            drawn.setdefault((id(start), id(end), kind), (start, end, kind))
        return list(drawn.values())

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        lines = self.lines()
        # A few hundred lines get their full styling; beyond that a map is a web anyway, and
        # thin solid lines draw a hundred times faster than antialiased dashes.
        crowded = len(lines) > CROWDED_LINKS
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, not crowded)
        pens = _CROWDED_PENS if crowded else _QUIET_PENS
        for source, target, kind in lines:
            line = _between(source, target)
            if line is None:
                continue
            # One opaque line at a time: Qt strokes a batch of translucent lines as one path,
            # which takes seconds for thousands.
            painter.setPen(pens[kind])
            painter.drawLine(line)
            if kind in DIRECTED and not crowded:
                draw_arrow_head(painter, line.p1(), line.p2(), pens[kind].color(), 8)


def _quiet_pen(kind: str) -> QPen:
    """The line pen, blended with white instead of transparent; reports-to stays quietest."""
    pen = link_pen(kind, 1.6)
    strength = 0.45 if kind == "reports_to" else 0.85
    colour = pen.color()
    pen.setColor(
        QColor.fromRgbF(
            1 - strength * (1 - colour.redF()),
            1 - strength * (1 - colour.greenF()),
            1 - strength * (1 - colour.blueF()),
        )
    )
    return pen


_QUIET_PENS = {kind: _quiet_pen(kind) for kind in RELATIONSHIP_KINDS}
_CROWDED_PENS = {kind: QPen(pen.color(), 0) for kind, pen in _QUIET_PENS.items()}
CROWDED_LINKS = 400


def _between(source: QGraphicsItem, target: QGraphicsItem) -> QLineF | None:
    """The part of the centre-to-centre line outside both ends (cards or cluster tiles)."""
    start, end = source.scenePos(), target.scenePos()
    line = QLineF(start, end)
    if line.length() < 1:
        return None
    # A cluster tile says how big it is; a card is the chart's card size.
    return QLineF(
        _edge_point(start, end, getattr(source, "HALF_SIZE", None)),
        _edge_point(end, start, getattr(target, "HALF_SIZE", None)),
    )


def _edge_point(
    center: QPointF, toward: QPointF, half: tuple[float, float] | None = None
) -> QPointF:
    x, y = chart.card_edge((center.x(), center.y()), (toward.x(), toward.y()), half)
    return QPointF(x, y)


class MovesItem(QGraphicsItem):
    """Arrows from where people stood in a snapshot to where they stand today."""

    def __init__(self) -> None:
        super().__init__()
        self._moves: list[tuple[QPointF, QPointF]] = []
        self.setZValue(1.8)  # above the lines, under the cards: names stay readable
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def shape(self) -> QPainterPath:
        return QPainterPath()  # never hit: the cards under the arrows stay draggable

    def set_moves(self, moves: Iterable[tuple[QPointF, QPointF]]) -> None:
        self._moves = list(moves)
        self.update()

    @property
    def moves(self) -> list[tuple[QPointF, QPointF]]:
        return list(self._moves)

    def boundingRect(self) -> QRectF:
        return scene_bounds()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ink = theme.scene_ink("#1e3a8a")
        for start, end in self._moves:
            tip = _edge_point(end, start)  # the arrow stops at the card's border
            painter.setPen(QPen(ink, 2.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawLine(QLineF(start, tip))
            draw_arrow_head(painter, start, tip, ink, 12)
            painter.setPen(QPen(ink, 1.6))
            painter.setBrush(theme.card())
            painter.drawEllipse(start, 5.5, 5.5)
