"""The power/interest grid: a scene of stakeholder cards on the four strategy quadrants.

Dragging a card snaps it to a 1-10 cell and becomes one undoable edit of that one stakeholder.
The scene is kept in step with the records by :meth:`GridScene.sync`, which reuses the cards it
has, so a refresh after a drag never deletes the card under the mouse. Zoomed out so far that
names cannot be read, each crowded cell shows as one cluster tile instead of its cards.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date
from html import escape

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPixmapCache, QTransform, QWheelEvent
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsScene, QGraphicsView, QWidget

from pmdesk.gui import theme
from pmdesk.workspaces.stakeholders.chart import layout as chart
from pmdesk.workspaces.stakeholders.chart.cells import CellStacks, stack_cells
from pmdesk.workspaces.stakeholders.chart.clusters import (
    NAME_PX,
    Cluster,
    crowded_cells,
    names_readable,
)
from pmdesk.workspaces.stakeholders.model import (
    ATTITUDES,
    STRATEGIES,
    Stakeholder,
    StakeholderPosition,
    StakeholderRelationship,
)
from pmdesk.workspaces.stakeholders.qt.grid_backdrop import BackdropItem, scene_bounds
from pmdesk.workspaces.stakeholders.qt.grid_clusters import ClusterItem
from pmdesk.workspaces.stakeholders.qt.grid_items import CardInfo, CardItem, LinksItem, MovesItem
from pmdesk.workspaces.stakeholders.qt.grid_overflow import OverflowChip

MoveHandler = Callable[[str, int, int], bool]
PIXMAP_CACHE_KB = 96 * 1024
CLOSE_UP_PX = 9.0  # a click on a cluster zooms until its names are this many pixels high


def card_info(person: Stakeholder, today: date) -> CardInfo:
    """What a card shows, and its tooltip: the brief a PM wants before a meeting."""
    plan = " · ".join(part for part in (person.channel, person.cadence, person.owner) if part)
    lines = [
        f"<b>{escape(person.name)}</b>",
        escape(", ".join(part for part in (person.role, person.department) if part)),
        f"Influence {person.influence} · Interest {person.interest} · "
        f"{ATTITUDES.get(person.attitude, person.attitude)} · {STRATEGIES[person.strategy]}",
        f"<i>Needs:</i> {escape(person.needs)}" if person.needs else "",
        f"<i>Plan:</i> {escape(plan)}" if plan else "",
    ]
    overdue = person.is_overdue(today)
    if overdue:
        assert person.next_touchpoint is not None
        lines.append(
            f"<span style='color:{theme.ink_css('#b42318', on=theme.card())}'>"
            "Touchpoint overdue since "
            f"{person.next_touchpoint.isoformat()}</span>"
        )
    elif person.next_touchpoint is not None:
        lines.append(f"Next touchpoint {person.next_touchpoint.isoformat()}")
    return CardInfo(
        person.id,
        person.name,
        person.role or person.department,
        person.attitude,
        overdue,
        "<br>".join(line for line in lines if line),
    )


class GridScene(QGraphicsScene):
    def __init__(self, movable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.movable = movable
        self.on_move: MoveHandler | None = None
        self.on_open: Callable[[str], None] | None = None  # a card was double-clicked
        self.on_overflow: Callable[[OverflowChip, object], None] | None = None  # "+N" clicked
        self.on_cluster: Callable[[ClusterItem], None] | None = None  # a cluster was clicked
        self.chips: dict[tuple[int, int], OverflowChip] = {}
        self.clusters: dict[tuple[int, int], ClusterItem] = {}
        self.clustered = False  # whether crowded cells show as clusters (names unreadable)
        self._stacked: set[str] = set()  # who has a card in a stack (not behind a chip)
        self.setSceneRect(scene_bounds())
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setBackgroundBrush(theme.paper())
        self.cards: dict[str, CardItem] = {}
        self._places: dict[str, QPointF] = {}
        self._scores: dict[str, tuple[int, int]] = {}
        self.addItem(BackdropItem())
        self._tile_of: dict[str, ClusterItem] = {}  # person id -> the cluster holding them
        self.links = LinksItem(self.cards, self._tile_of)
        self.addItem(self.links)
        self.moves = MovesItem()
        self.addItem(self.moves)
        self.target = QGraphicsRectItem()
        self.target.setPen(QPen(theme.scene_ink("#1d4ed8"), 1.5, Qt.PenStyle.DashLine))
        self.target.setBrush(QColor(29, 78, 216, 28))
        self.target.setZValue(0.5)
        self.target.hide()
        self.addItem(self.target)
        self._compare: Mapping[str, StakeholderPosition] = {}
        self._show_links = True

    # -- keeping in step with the records -------------------------------------------------------

    def sync(
        self,
        people: Sequence[Stakeholder],
        relationships: Sequence[StakeholderRelationship],
        visible: Callable[[Stakeholder], bool],
        today: date,
        changed: Collection[str] | None = None,
    ) -> None:
        """Match the cards to ``people``; with ``changed``, only those people's cards are
        redrawn (the others only move if their cell's stacking changed)."""
        # Only the people shown share a cell's room: a filter gives them their full cards.
        shown_people = [person for person in people if visible(person)]
        stacks = stack_cells(shown_people)
        crowded = crowded_cells(
            shown_people,
            stacks,
            (person.id for person in shown_people if person.is_overdue(today)),
        )
        in_cluster = {person_id for cluster in crowded.values() for person_id in cluster.ids}
        self._stacked = set(stacks.cards)
        wanted = {person.id for person in people}
        for gone in set(self.cards) - wanted:
            self.removeItem(self.cards.pop(gone))
        for person in people:
            card = self.cards.get(person.id)
            box = stacks.cards.get(person.id)
            x, y = box.center if box is not None else chart.cell_center(*chart.cell_of(person))
            self._places[person.id] = QPointF(x, y)
            self._scores[person.id] = (person.influence, person.interest)
            if box is None:
                # Filtered out or behind its cell's "+N" chip: a big project's crowded
                # cells would otherwise build thousands of cards no one sees.
                if card is not None:
                    card.setVisible(False)
                    if changed is None or person.id in changed:
                        self._refresh_card(card, person, today)
                continue
            if card is None:
                card = CardItem(card_info(person, today), self.movable)
                card.on_moved = self._card_moved
                card.on_dropped = self._card_dropped
                card.on_open = self.on_open
                self.cards[person.id] = card
                self.addItem(card)
            elif changed is None or person.id in changed:
                self._refresh_card(card, person, today)
            card.set_height(box.height)
            if card.pos() != self._places[person.id]:
                card.setPos(self._places[person.id])
            shown = not (self.clustered and person.id in in_cluster)
            if card.isVisible() != shown:
                card.setVisible(shown)
        for gone in set(self._places) - wanted:
            del self._places[gone]
            del self._scores[gone]
        self._sync_chips(stacks, {person.id: person.name for person in shown_people})
        self._sync_clusters(crowded)
        self.links.set_links((r.source_id, r.target_id, r.kind) for r in relationships)
        self._update_moves()

    @staticmethod
    def _refresh_card(card: CardItem, person: Stakeholder, today: date) -> None:
        info = card_info(person, today)
        if card.info != info:
            card.set_info(info)

    def _sync_chips(self, stacks: CellStacks, names: Mapping[str, str]) -> None:
        """One "+N" chip per crowded cell, listing whom its cell has no room to name."""
        chips = stacks.chips
        for cell in set(self.chips) - set(chips):
            self.removeItem(self.chips.pop(cell))
        for cell, rect in chips.items():
            chip = self.chips.get(cell)
            if chip is None:
                chip = OverflowChip(cell, rect)
                chip.on_click = self._chip_clicked
                self.chips[cell] = chip
                self.addItem(chip)
            ids = stacks.hidden[cell]
            chip.set_ids(ids, [names[i] for i in ids])

    def _sync_clusters(self, crowded: Mapping[tuple[int, int], Cluster]) -> None:
        for cell in set(self.clusters) - set(crowded):
            self.removeItem(self.clusters.pop(cell))
        for cell, cluster in crowded.items():
            item = self.clusters.get(cell)
            if item is None:
                item = ClusterItem(cluster)
                item.on_click = self._cluster_clicked
                self.clusters[cell] = item
                self.addItem(item)
            elif item.cluster != cluster:
                item.set_cluster(cluster)
            item.setVisible(self.clustered)
        self._tile_of.clear()
        self._tile_of.update(
            (person_id, item) for item in self.clusters.values() for person_id in item.ids
        )
        for chip in self.chips.values():
            chip.setVisible(not self.clustered)

    def set_view_scale(self, scale: float) -> None:
        """Show crowded cells as clusters or as cards, as a view's scale lets names be read."""
        self._show_clusters(not names_readable(scale))

    def _show_clusters(self, clustered: bool) -> None:
        if clustered == self.clustered:
            return
        self.clustered = clustered
        for item in self.clusters.values():
            item.setVisible(clustered)
            for person_id in item.ids:
                card = self.cards.get(person_id)
                if card is not None and person_id in self._stacked:
                    card.setVisible(not clustered)
        for chip in self.chips.values():
            chip.setVisible(not clustered)
        self.links.update()

    def render(  # type: ignore[override]
        self,
        painter: QPainter,
        target: QRectF | None = None,
        source: QRectF | None = None,
        mode: Qt.AspectRatioMode = Qt.AspectRatioMode.KeepAspectRatio,
    ) -> None:
        """A picture of the grid (an export) is drawn at a size where names read: cards."""
        clustered = self.clustered
        self._show_clusters(False)
        try:
            super().render(painter, target or QRectF(), source or QRectF(), mode)
        finally:
            self._show_clusters(clustered)

    def _cluster_clicked(self, item: ClusterItem) -> None:
        if self.on_cluster is not None:
            self.on_cluster(item)

    def cluster_of(self, person_id: str) -> ClusterItem | None:
        """The cluster on show that stands for a person, if they are in one."""
        if not self.clustered or person_id not in self._scores:
            return None
        item = self.clusters.get(self._scores[person_id])
        return item if item is not None and person_id in item.ids else None

    def _chip_clicked(self, chip: OverflowChip, event: object) -> None:
        if self.on_overflow is not None:
            self.on_overflow(chip, event)

    def home_of(self, person_id: str) -> QPointF:
        """The middle of the cell a card belongs to (its card may sit off it, in a stack)."""
        return QPointF(*chart.cell_center(*self._scores[person_id]))

    def aimed_at(self, card: CardItem) -> QPointF:
        """The point a drag aims at: the card's cell centre moved by the hand's travel, so a
        card stacked near its cell's edge needs as long a drag as any to change cell."""
        person_id = card.info.id
        return self.home_of(person_id) + (card.pos() - self._places[person_id])

    def set_links_shown(self, shown: bool) -> None:
        self._show_links = shown
        self.links.setVisible(shown)

    def compare_with(self, positions: Mapping[str, StakeholderPosition]) -> None:
        """Draw arrows from a snapshot's places to today's (empty mapping: no arrows)."""
        self._compare = positions
        self.links.setOpacity(0.3 if positions else 1.0)  # the arrows are the story then
        self._update_moves()

    def _update_moves(self) -> None:
        moves: list[tuple[QPointF, QPointF]] = []
        for person_id, before in self._compare.items():
            # Whoever has a card in a stack, shown as a card or inside a cluster: the count of
            # who moved must not change with the zoom.
            if person_id not in self._stacked:
                continue
            if (before.influence, before.interest) == self._scores[person_id]:
                continue
            start = QPointF(*chart.cell_center(before.influence, before.interest))
            moves.append((start, self._places[person_id]))
        self.moves.set_moves(moves)

    # -- dragging ------------------------------------------------------------------------------

    def _card_moved(self, card: CardItem) -> None:
        self.links.update()
        aim = self.aimed_at(card)
        influence, interest = chart.snap(aim.x(), aim.y())
        x, y = chart.cell_center(influence, interest)
        self.target.setRect(
            QRectF(
                x - chart.CELL_WIDTH / 2,
                y - chart.CELL_HEIGHT / 2,
                chart.CELL_WIDTH,
                chart.CELL_HEIGHT,
            )
        )
        self.target.show()

    def _card_dropped(self, card: CardItem) -> None:
        self.target.hide()
        self.drop(card.info.id, self.aimed_at(card))

    def drop(self, person_id: str, where: QPointF) -> bool:
        """Place a stakeholder at the cell under ``where``; the card snaps back if refused."""
        influence, interest = chart.snap(where.x(), where.y())
        moved = False
        if (influence, interest) != self._scores.get(person_id) and self.on_move is not None:
            moved = self.on_move(person_id, influence, interest)
        card = self.cards.get(person_id)
        if not moved and card is not None:
            card.setPos(self._places[person_id])
        self.links.update()
        return moved


class GridView(QGraphicsView):
    """Shows the whole grid, fitted to the window until the PM zooms."""

    ZOOM_STEP = 1.2

    def __init__(self, scene: GridScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        # Every item restores what it changes on the painter, so Qt need not save it for them.
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setAccessibleName("Power and interest grid")
        self.fitted = True
        # Cards are cached as pixmaps; Qt's default 10 MB cache cannot hold a big project's
        # cards, and a cache that thrashes repaints slower than no cache at all.
        QPixmapCache.setCacheLimit(max(QPixmapCache.cacheLimit(), PIXMAP_CACHE_KB))

    def fit(self) -> None:
        self.fitted = True
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        self._scale_changed()

    def zoom(self, factor: float) -> None:
        current = self.transform().m11()
        if not 0.2 <= current * factor <= 6:
            return
        self.fitted = False
        self.scale(factor, factor)
        self._scale_changed()

    def zoom_into(self, where: QPointF) -> None:
        """Zoom in until names read comfortably, centred on ``where`` (a clicked cluster)."""
        scale = max(self.transform().m11(), CLOSE_UP_PX / NAME_PX)
        self.fitted = False
        self.setTransform(QTransform.fromScale(scale, scale))
        self._scale_changed()
        self.centerOn(where)

    def _scale_changed(self) -> None:
        scene = self.scene()
        if isinstance(scene, GridScene):
            scene.set_view_scale(self.transform().m11())

    def paintEvent(self, event: QPaintEvent) -> None:
        # A transform set from elsewhere (resetTransform(), setTransform()) is caught here.
        self._scale_changed()
        super().paintEvent(event)

    def resizeEvent(self, event: object) -> None:  # type: ignore[override]
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self.fitted:
            self.fit()

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        super().showEvent(event)  # type: ignore[arg-type]
        if self.fitted:
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(self.ZOOM_STEP if event.angleDelta().y() > 0 else 1 / self.ZOOM_STEP)
            event.accept()
            return
        super().wheelEvent(event)
