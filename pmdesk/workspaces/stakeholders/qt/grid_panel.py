"""The grid tab: the power/interest view with its toolbar (snapshots, lines, zoom, export) and
the card menu for drawing and removing relationships."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.gui.document import Change, DocumentController
from pmdesk.gui.hidden_changes import on_change
from pmdesk.gui.toolbar import ElidedLabel, OverflowRow
from pmdesk.workspaces.stakeholders import edit, log, query
from pmdesk.workspaces.stakeholders.chart.layout import MapFilter
from pmdesk.workspaces.stakeholders.model import (
    RELATIONSHIP_KINDS,
    Stakeholder,
    StakeholderPosition,
    StakeholderRelationship,
    StakeholderSnapshot,
)
from pmdesk.workspaces.stakeholders.qt import actions
from pmdesk.workspaces.stakeholders.qt import dialogs as ask
from pmdesk.workspaces.stakeholders.qt.grid import GridScene, GridView
from pmdesk.workspaces.stakeholders.qt.person_panel import PersonPanel

KIND = Stakeholder.__tablename__
LINKS = StakeholderRelationship.__tablename__
SNAPSHOTS = StakeholderSnapshot.__tablename__
POSITIONS = StakeholderPosition.__tablename__


class GridPanel(QWidget):
    def __init__(
        self,
        controller: DocumentController,
        today: date,
        show_in_table: Callable[[str], None],
        parent: QWidget | None = None,
        data: edit.StakeholderMap | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.today = today
        self.map_filter = MapFilter()
        self._show_in_table = show_in_table
        self._data = data  # the page's records, read once for all its views
        self._shared: edit.StakeholderMap | None = None  # the page's read after an edit
        self.scene = GridScene(movable=not controller.read_only, parent=self)
        self.scene.on_move = self.move_stakeholder
        self.scene.on_open = show_in_table
        self.view = GridView(self.scene)
        self.view.contextMenuEvent = self._card_menu  # type: ignore[method-assign]

        self.compare = QComboBox()
        self.compare.setMinimumContentsLength(22)
        # It keeps its width; the snapshot buttons give way (into "More") when room runs out.
        self.compare.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.compare.setToolTip("Show arrows from where people stood in a snapshot to today")
        self.compare.currentIndexChanged.connect(self._compare_changed)
        self.snapshot_button = _button("Save snapshot…", "Save today's map as a dated assessment")
        self.snapshot_button.clicked.connect(self.save_snapshot)
        self.snapshot_button.setEnabled(not controller.read_only)
        self.forget_button = _button("Delete snapshot", "Delete the snapshot compared with")
        self.forget_button.clicked.connect(lambda: self.delete_snapshot(self.compare.currentData()))
        self.lines = QCheckBox("Relationship lines")
        self.lines.setChecked(True)
        self.lines.toggled.connect(self.scene.set_links_shown)
        zoom_out = _button("−", "Zoom out (Ctrl+wheel)")
        zoom_out.clicked.connect(lambda: self.view.zoom(1 / GridView.ZOOM_STEP))
        fit = _button("Fit", "Show the whole grid")
        fit.clicked.connect(self.view.fit)
        zoom_in = _button("+", "Zoom in (Ctrl+wheel)")
        zoom_in.clicked.connect(lambda: self.view.zoom(GridView.ZOOM_STEP))
        self.moved_label = ElidedLabel()
        self.moved_label.setObjectName("gridMoved")
        # At laptop widths the snapshot buttons wait in a "More" menu rather than clip.
        self.snapshot_row = OverflowRow()
        self.snapshot_row.add(self.snapshot_button)
        self.snapshot_row.add(self.forget_button)

        bar = QHBoxLayout()
        bar.setSpacing(6)
        caption = QLabel("Compare with")
        caption.setBuddy(self.compare)
        bar.addWidget(caption)
        bar.addWidget(self.compare)
        bar.addWidget(self.moved_label, 1)
        bar.addWidget(self.snapshot_row)
        bar.addWidget(self.lines)
        bar.addSpacing(12)
        for button in (zoom_out, fit, zoom_in):
            bar.addWidget(button)
        self.toolbar = bar
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        # The selected card's details sit beside the grid, so a PM edits without losing it.
        self.details = PersonPanel(controller)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.view)
        self.split.addWidget(self.details)
        self.split.setStretchFactor(0, 1)
        self.split.setSizes([900, 300])
        layout.addWidget(self.split, 1)
        self.scene.selectionChanged.connect(self._selection_changed)
        self.scene.on_overflow = self._overflow_menu
        self.scene.on_cluster = lambda cluster: self.view.zoom_into(cluster.scenePos())

        on_change(controller, self, self._on_changed)
        self._fill_snapshots()
        self.refresh(() if data is not None else None)

    # -- refresh -------------------------------------------------------------------------------

    def refresh(self, changed: Collection[str] | None = None) -> None:
        """Redraw from the records; ``changed`` names the only stakeholders that changed."""
        shared, self._shared = self._shared, None
        if shared is not None and query.all_current(shared.stakeholders):
            self._data = shared
        elif changed is None or not self._can_reuse(changed):
            self._data = edit.load_map(self.controller.session)
            changed = None
        data = self._data
        self.scene.sync(
            data.stakeholders, data.relationships, self.map_filter.matches, self.today, changed
        )
        self.moved_label.setText(self._moved_text())

    def share_records(self, data: edit.StakeholderMap) -> None:
        """Draw from ``data``, the page's read of the records after an edit, at the next
        refresh instead of reading them again: the page hears of an edit first."""
        self._shared = data

    def _can_reuse(self, changed: Collection[str]) -> bool:
        """Whether the loaded records are still current apart from ``changed`` (edited in
        place through the same session); anything expired means a full reload."""
        if self._data is None:
            return False
        people = self._data.stakeholders
        return query.all_current(people) and set(changed) <= {person.id for person in people}

    def set_filter(self, map_filter: MapFilter) -> None:
        self.map_filter = map_filter
        self.refresh()

    def _on_changed(self, change: Change) -> None:
        if change.touches(SNAPSHOTS):
            self._fill_snapshots()
        elif change.touches(POSITIONS):
            self._compare_changed()
        if change.kinds == {KIND} and change.ids:
            self.refresh(change.ids)  # a move or a field edit: redraw only those cards
        elif change.touches(KIND) or change.touches(LINKS) or change.touches(POSITIONS):
            self.refresh()

    def _fill_snapshots(self) -> None:
        current = self.compare.currentData()
        self.compare.blockSignals(True)
        self.compare.clear()
        self.compare.addItem("No snapshot", "")
        for snapshot in log.snapshots(self.controller.session):
            self.compare.addItem(f"{snapshot.name} ({snapshot.taken_on.isoformat()})", snapshot.id)
        self.compare.setCurrentIndex(max(self.compare.findData(current), 0))
        self.compare.blockSignals(False)
        self._compare_changed()

    def _compare_changed(self) -> None:
        snapshot_id = self.compare.currentData()
        positions = log.positions_in(self.controller.session, snapshot_id) if snapshot_id else {}
        self.scene.compare_with(positions)
        self.moved_label.setText(self._moved_text())
        self.forget_button.setEnabled(bool(snapshot_id) and not self.controller.read_only)

    def _moved_text(self) -> str:
        if not self.compare.currentData():
            return ""
        count = len(self.scene.moves.moves)
        return f"{count} moved" if count else "nobody moved"

    def compare_with_snapshot(self, snapshot_id: str) -> None:
        self.compare.setCurrentIndex(self.compare.findData(snapshot_id))

    # -- edits ---------------------------------------------------------------------------------

    def move_stakeholder(self, person_id: str, influence: int, interest: int) -> bool:
        return actions.move_stakeholder(self.controller, person_id, influence, interest)

    def save_snapshot(self) -> str | None:
        name = ask.ask_snapshot_name(self, f"Assessment of {self.today.isoformat()}")
        if name is None:
            return None
        return actions.save_snapshot(self.controller, name, self.today)

    def delete_snapshot(self, snapshot_id: str) -> bool:
        """Delete a snapshot (undoable, so no question asked)."""
        if not snapshot_id:
            return False
        return actions.delete_snapshot(self.controller, snapshot_id)

    def add_relationship(self, source_id: str, target_id: str, kind: str) -> bool:
        return actions.add_relationship(self.controller, source_id, target_id, kind)

    def remove_relationship(self, link_id: str) -> bool:
        return actions.remove_relationship(self.controller, link_id)

    # -- the selected card and crowded cells ---------------------------------------------------

    def selected_id(self) -> str | None:
        chosen = [pid for pid, card in self.scene.cards.items() if card.isSelected()]
        return chosen[0] if len(chosen) == 1 else None

    def _selection_changed(self) -> None:
        chosen = self.selected_id()
        if chosen is not None:
            self.details.show_person(chosen)
        elif not self.scene.selectedItems() and self.details.person_id not in self._behind_chips():
            # A person listed under "+N", or inside a cluster when zoomed out, has no card
            # on show to keep selected: they stay shown.
            self.details.show_person(None)

    def _behind_chips(self) -> set[str]:
        hidden = {pid for chip in self.scene.chips.values() for pid in chip.ids}
        if self.scene.clustered:
            hidden.update(pid for item in self.scene.clusters.values() for pid in item.ids)
        return hidden

    def show_details(self, person_id: str) -> None:
        """Select a stakeholder's card (if it has one on show) and open their details."""
        self.scene.clearSelection()
        cluster = self.scene.cluster_of(person_id)
        if cluster is not None:  # zoomed out: zoom into their cell so their card shows
            self.view.zoom_into(cluster.scenePos())
        card = self.scene.cards.get(person_id)
        if card is not None and card.isVisible():
            card.setSelected(True)
        self.details.show_person(person_id)

    def overflow_menu(self, chip: object) -> QMenu:
        """The people a crowded cell's "+N" chip stands for; choosing one opens them."""
        names = {
            person.id: person.name for person in (self._data.stakeholders if self._data else [])
        }
        menu = QMenu(self)
        for person_id in chip.ids:  # type: ignore[attr-defined]
            menu.addAction(names.get(person_id, "?")).triggered.connect(
                lambda _c=False, p=person_id: self.show_details(p)
            )
        return menu

    def _overflow_menu(self, chip: object, event: object) -> None:
        popup(self.overflow_menu(chip), event.screenPos())  # type: ignore[attr-defined]

    # -- the card menu -------------------------------------------------------------------------

    def _card_menu(self, event: QContextMenuEvent) -> None:
        menu = self.build_card_menu(event.pos())
        if menu is not None:
            menu.exec(event.globalPos())

    def build_card_menu(self, view_point: QPoint) -> QMenu | None:
        cards = {card: person_id for person_id, card in self.scene.cards.items()}
        card_id = next((cards[item] for item in self.view.items(view_point) if item in cards), None)
        if card_id is None:
            return None
        menu = QMenu(self)
        menu.addAction("Show in table").triggered.connect(lambda: self._show_in_table(card_id))
        self.add_relationship_actions(menu, card_id)
        return menu

    def add_relationship_actions(self, menu: QMenu, card_id: str) -> None:
        """Add and remove relationship submenus for one stakeholder (the grid's card menu and
        the table's row menu, so lines can be drawn without a mouse too)."""
        data = edit.load_map(self.controller.session)
        names = {person.id: person.name for person in data.stakeholders}
        if not self.controller.read_only:
            add = menu.addMenu("Add relationship")
            for kind, label in RELATIONSHIP_KINDS.items():
                sub = add.addMenu(f"{names[card_id]} {label}…")
                for other in data.stakeholders:
                    if other.id != card_id:
                        action = QAction(other.name, sub)
                        action.triggered.connect(
                            lambda _c=False, o=other.id, k=kind: self.add_relationship(
                                card_id, o, k
                            )
                        )
                        sub.addAction(action)
            mine = [r for r in data.relationships if card_id in (r.source_id, r.target_id)]
            if mine:
                remove = menu.addMenu("Remove relationship")
                for link in mine:
                    verb = RELATIONSHIP_KINDS[link.kind]
                    text = f"{names[link.source_id]} {verb} {names[link.target_id]}"
                    remove.addAction(text).triggered.connect(
                        lambda _c=False, i=link.id: self.remove_relationship(i)
                    )


def popup(menu: QMenu, where: QPoint) -> None:
    """Show a menu where the mouse is (one place, so tests choose from it without a loop)."""
    menu.exec(where)


def _button(text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    return button
