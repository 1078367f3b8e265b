"""The Roadmap workspace: the timeline, its table, the Now / Next / Later board and the slips.

All four views draw from one :class:`Roadmap` snapshot, read again whenever an edit touches
roadmap records, so they always agree.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk import registry
from pmdesk.domain.values import MONTHS
from pmdesk.gui import dialogs, theme
from pmdesk.gui.document import Change, DocumentController
from pmdesk.gui.hidden_changes import on_change
from pmdesk.gui.reveal import select_list_item, select_scene_item
from pmdesk.gui.tables import natural_key
from pmdesk.gui.toolbar import ElidedLabel, OverflowRow
from pmdesk.workspaces.goals.query import goals_of_item
from pmdesk.workspaces.roadmap.baselines import baseline_dates
from pmdesk.workspaces.roadmap.chart.layout import layout_timeline
from pmdesk.workspaces.roadmap.chart.relayout import relayout
from pmdesk.workspaces.roadmap.chart.scale import ZOOMS
from pmdesk.workspaces.roadmap.chart.style import COLOUR_BY, LANE_LABEL_WIDTH
from pmdesk.workspaces.roadmap.edit import check_item, check_marker
from pmdesk.workspaces.roadmap.fiscal import week_start
from pmdesk.workspaces.roadmap.model import (
    RoadmapBaseline,
    RoadmapItem,
    RoadmapLane,
    RoadmapMarker,
)
from pmdesk.workspaces.roadmap.plan import (
    Item as PlanItem,
)
from pmdesk.workspaces.roadmap.plan import (
    Roadmap,
    broken_dependencies,
    is_late,
    load_roadmap,
    reload_items,
)
from pmdesk.workspaces.roadmap.qt import dialogs as ask
from pmdesk.workspaces.roadmap.qt import menus
from pmdesk.workspaces.roadmap.qt.actions import RoadmapActions
from pmdesk.workspaces.roadmap.qt.bar_item import BarItem
from pmdesk.workspaces.roadmap.qt.legend import ColourLegend
from pmdesk.workspaces.roadmap.qt.parking import ParkingList
from pmdesk.workspaces.roadmap.qt.table_model import ID_ROLE
from pmdesk.workspaces.roadmap.qt.timeline import TimelineView
from pmdesk.workspaces.stakeholders.model import Stakeholder
from pmdesk.workspaces.stakeholders.query import people_by_name

# Every roadmap record, and the stakeholders whose names show as owners.
ROADMAP_KINDS = registry.spec("roadmap").kinds() | {Stakeholder.__tablename__}


class RoadmapPage(QWidget):
    def __init__(
        self,
        controller: DocumentController,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.actions = RoadmapActions(controller)
        self.today = today or date.today()
        self.roadmap = Roadmap()
        self.baseline_id: str | None = None
        self._late_ids: set[str] | None = None  # the late items, kept up to date by each edit

        title = QLabel("Roadmap")
        title.setObjectName("pageTitle")
        theme.style(title, "page_title")
        self.zoom = QComboBox()
        for key, zoom in ZOOMS.items():
            self.zoom.addItem(zoom.label, key)
        self.zoom.setCurrentIndex(list(ZOOMS).index("quarter"))
        self.colour_by = QComboBox()
        for key, label in COLOUR_BY.items():
            self.colour_by.addItem(label, key)
        self.baseline = QComboBox()
        self.baseline.setToolTip("Show each item's baseline position under it")
        self.baseline_more = QToolButton()
        self.baseline_more.setText("…")
        self.baseline_more.setObjectName("baselineMenu")
        self.baseline_more.setToolTip("Rename or delete the chosen baseline")
        self.baseline_more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.current_lane_id: str | None = None  # the lane last chosen from its header
        self.fiscal = QComboBox()
        for number, name in enumerate(MONTHS, start=1):
            self.fiscal.addItem(name, number)
        self.fiscal.setToolTip("The month your fiscal year starts in; quarters follow it")
        self.add_lane_button = QPushButton("Add Lane…")
        self.add_item_button = QPushButton("Add Item…")
        self.add_marker_button = QPushButton("Add Marker…")
        self.link_button = QPushButton("Link Selected")
        self.link_button.setToolTip(
            "Select two items (Ctrl+click): the later one will depend on the earlier one"
        )
        self.delete_button = QPushButton("Delete")
        self.save_baseline_button = QPushButton("Save Baseline…")
        self.import_button = QPushButton("Import Plan…")
        self.import_button.setToolTip(
            "A GanttProject or MS Project plan, or a tracker's export of epics and stories"
        )
        # One export button, one menu: the chart as a picture, the plan for MS Project.
        self.export_button = QPushButton("Export…")
        export_menu = QMenu(self.export_button)
        export_menu.addAction("Chart as PNG, SVG or PDF…").triggered.connect(self._export)
        self.export_mspdi_action = export_menu.addAction("As MS Project XML…")
        self.export_mspdi_action.triggered.connect(self._export_mspdi)
        self.export_button.setMenu(export_menu)
        self.flags = QLabel()
        self.flags.setObjectName("roadmapFlags")

        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addSpacing(16)
        # How the timeline is shown on the first line, what changes it on the second: at laptop
        # widths neither clips, and actions that do not fit wait in the row's "More" menu.
        for label, widget in (
            ("Zoom", self.zoom),
            ("Colour by", self.colour_by),
            ("Fiscal year starts", self.fiscal),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            bar.addWidget(caption)
            bar.addWidget(widget)
        bar.addStretch(1)

        self.timeline = TimelineView()
        self.legend = ColourLegend()
        timeline_box = QWidget()
        timeline_layout = QVBoxLayout(timeline_box)
        timeline_layout.setContentsMargins(0, 0, 0, 0)
        timeline_layout.addWidget(self.timeline, 1)
        timeline_layout.addWidget(self.legend)
        self.parking = ParkingList()
        self.parking.setToolTip(
            "Items without dates. Drag one onto the timeline, or double-click it, to give it dates."
        )
        parking_box = QWidget()
        parking_layout = QVBoxLayout(parking_box)
        parking_layout.setContentsMargins(6, 0, 0, 0)
        self.parking_title = QLabel("Parking lot")
        self.parking_title.setStyleSheet("font-weight: bold")
        parking_layout.addWidget(self.parking_title)
        parking_layout.addWidget(self.parking, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(timeline_box)
        split.addWidget(parking_box)
        split.setStretchFactor(0, 1)
        split.setSizes([1000, 220])

        self.tabs = QTabWidget()
        self.tabs.addTab(split, "Timeline")
        self.tabs.setCornerWidget(self.flags, Qt.Corner.TopRightCorner)
        self._add_other_views()

        self.actions_row = OverflowRow()
        for button in (  # adding what the PM adds most comes first, as in every workspace
            self.add_item_button,
            self.add_lane_button,
            self.add_marker_button,
            self.link_button,
            self.delete_button,
            self.save_baseline_button,
            self.import_button,
            self.export_button,
        ):
            self.actions_row.add(button)
        hint = ElidedLabel(
            "Drag a bar to move it (up or down to change lane), its ends to resize it; click a "
            "lane name to fold it, right-click it for more."
        )
        hint.setStyleSheet(theme.css("color: #5f6b7a"))
        edits = QHBoxLayout()
        edits.addWidget(self.actions_row)
        edits.addWidget(hint, 1)
        caption = QLabel("Baseline")
        caption.setBuddy(self.baseline)
        edits.addWidget(caption)
        edits.addWidget(self.baseline)
        edits.addWidget(self.baseline_more)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(edits)
        layout.addWidget(self.tabs, 1)

        self.zoom.currentIndexChanged.connect(self._rezoom)
        self.colour_by.currentIndexChanged.connect(lambda _i: self._draw())
        self.baseline.currentIndexChanged.connect(self._baseline_chosen)
        self.fiscal.activated.connect(self._fiscal_chosen)
        self.timeline.item_moved.connect(self.actions.move_item)
        self.timeline.item_moved_to_lane.connect(self.actions.move_item_to_lane)
        self.timeline.item_dropped.connect(self._drop_parked)
        self.timeline.lane_menu_requested.connect(self._lane_menu)
        self.timeline.dependency_menu_requested.connect(
            lambda link, where: menus.popup(menus.dependency_menu(self, link), where)
        )
        self.timeline.delete_pressed.connect(self._delete_selected)
        self.baseline_more.setMenu(menus.baseline_menu(self, self.baseline_more))
        self.baseline_more.menu().aboutToShow.connect(self._refresh_baseline_menu)
        self.timeline.lane_toggled.connect(self.actions.toggle_lane)
        self.timeline.item_activated.connect(self.edit_item)
        self.save_baseline_button.clicked.connect(self._save_baseline)
        self.import_button.clicked.connect(self.import_plan)
        self.add_lane_button.clicked.connect(self._add_lane)
        self.add_item_button.clicked.connect(self._add_item)
        self.add_marker_button.clicked.connect(lambda: self.edit_marker(None))
        self.timeline.marker_activated.connect(self.edit_marker)
        self.link_button.clicked.connect(self._link_selected)
        self.delete_button.clicked.connect(self._delete_selected)
        for widget in (
            self.save_baseline_button,
            self.import_button,
            self.add_lane_button,
            self.add_item_button,
            self.add_marker_button,
            self.link_button,
            self.delete_button,
            self.fiscal,
        ):
            widget.setEnabled(not controller.read_only)
        self.parking.set_draggable(not controller.read_only)
        if controller.read_only:  # a parked item cannot be scheduled, so do not offer it
            self.parking.setToolTip("Items without dates.")
        else:
            self.parking.itemDoubleClicked.connect(self._schedule_parked)
        on_change(controller, self, self._changed)
        self.refresh()
        self.timeline.opening_day = self.timeline_layout_first()

    def _add_other_views(self) -> None:
        """The table, the board and the slip list; each refreshes from the page's snapshot."""
        from pmdesk.workspaces.roadmap.qt.views import NowNextLaterBoard, RoadmapTable, SlipList

        self.table = RoadmapTable(self.actions)
        self.board = NowNextLaterBoard()
        self.slip_list = SlipList(self.actions)
        self.tabs.addTab(self.table, "Table")
        self.tabs.addTab(self.board, "Now / Next / Later")
        self.tabs.addTab(self.slip_list, "Slips")
        self.views: list[QWidget] = [self.table, self.board, self.slip_list]
        self._stale: set[QWidget] = set(self.views)
        self.tabs.currentChanged.connect(lambda _index: self._refresh_current_view())

    # -- refreshing ------------------------------------------------------------------------------

    def _changed(self, change: Change) -> None:
        if not any(change.touches(kind) for kind in ROADMAP_KINDS):
            return
        if change.kinds == {RoadmapItem.__tablename__} and change.ids:
            # Only items changed (a drag, a field): read those again and redraw what they
            # touched, so one edit costs the same on a roadmap of 40 items or 4,000.
            before = self.roadmap
            roadmap = reload_items(self.controller.session, before, change.ids)
            if roadmap is not None:
                self.roadmap = roadmap
                self._draw(changed=change.ids)
                if _parks_or_unparks(before, roadmap, change.ids):
                    self._fill_parking()
                self._stale = set(self.views)
                self._refresh_current_view()
                return
        self.refresh()

    def refresh(self) -> None:
        session = self.controller.session
        self.roadmap = load_roadmap(session)
        self._fill_baselines()
        self.fiscal.setCurrentIndex(self.roadmap.fiscal_start - 1)
        self._draw()
        self._fill_parking()
        # The other views catch up when they are shown: with thousands of items, refreshing
        # hidden ones after every drag would keep the PM waiting.
        self._stale = set(self.views)
        self._refresh_current_view()

    def _refresh_current_view(self) -> None:
        current = self.tabs.currentWidget()
        if current in self._stale:
            self._stale.discard(current)
            current.show_roadmap(self.roadmap, self.today)  # type: ignore[attr-defined]

    def _draw(self, changed: Collection[str] | None = None) -> None:
        """Lay the timeline out and show it; with ``changed`` (item ids), from the picture
        shown, placing again only what those items touch."""
        baseline = None
        if self.baseline_id is not None:
            baseline = baseline_dates(self.controller.session, self.baseline_id)
        colour_by = self.colour_by.currentData()
        shown = self.timeline.layout_result
        layout = None
        if changed is not None and shown is not None and shown.zoom == self.zoom.currentData():
            layout = relayout(
                shown, self.roadmap, changed, self.today, colour_by=colour_by, baseline=baseline
            )
        if layout is None:
            layout = layout_timeline(
                self.roadmap,
                self.zoom.currentData(),
                self.today,
                colour_by=colour_by,
                baseline=baseline,
            )
        self.timeline.show_layout(layout, editable=not self.controller.read_only)
        self.legend.show_for(colour_by, self.roadmap)
        late = self._count_late(changed)
        # The layout keeps its broken links up to date as it places bars again: counting them
        # there spares walking every link of a big roadmap on each drag.
        index = layout.index
        broken = len(index.broken_links if index is not None else broken_dependencies(self.roadmap))
        parts = []
        if late:
            parts.append(f"{late} late")
        if broken:
            parts.append(f"{broken} broken dependenc{'ies' if broken != 1 else 'y'}")
        self.flags.setText(" · ".join(parts))
        self.flags.setStyleSheet(
            f"color: {theme.ink_css('#8e1b1b')}; font-weight: bold" if parts else ""
        )

    def _count_late(self, changed: Collection[str] | None) -> int:
        """How many items are late. After an edit of ``changed`` items only those are judged
        again: the others are as late as they were."""
        if changed is None or self._late_ids is None:
            self._late_ids = {item.id for item in self.roadmap.items if is_late(item, self.today)}
            return len(self._late_ids)
        wanted = set(changed)
        self._late_ids -= wanted
        self._late_ids.update(
            item.id for item in self.roadmap.items_of(wanted) if is_late(item, self.today)
        )
        return len(self._late_ids)

    def timeline_layout_first(self) -> date:
        """Where the timeline opens: the start of the current fiscal quarter's month."""
        layout = self.timeline.layout_result
        if layout is None:
            return self.today
        return max(layout.first, week_start(self.today - timedelta(days=60)))

    def _rezoom(self) -> None:
        centre = self.timeline.centre_day()
        self._draw()
        if centre is not None:
            half = (self.timeline.viewport().width() - LANE_LABEL_WIDTH) / 2
            days = int(half / ZOOMS[self.zoom.currentData()].px_per_day)
            self.timeline.scroll_to_day(centre - timedelta(days=days))

    def _fill_baselines(self) -> None:
        self.baseline.blockSignals(True)
        self.baseline.clear()
        self.baseline.addItem("None", None)
        for baseline in self.roadmap.baselines:
            self.baseline.addItem(baseline.name, baseline.id)
        index = self.baseline.findData(self.baseline_id) if self.baseline_id else 0
        if index < 0:
            self.baseline_id, index = None, 0
        self.baseline.setCurrentIndex(index)
        self.baseline.blockSignals(False)

    def _baseline_chosen(self) -> None:
        self.baseline_id = self.baseline.currentData()
        self.slip_list.baseline_id = self.baseline_id
        self._stale.add(self.slip_list)
        self._refresh_current_view()
        self._draw()

    def _fill_parking(self) -> None:
        """Undated items, under the name of their lane."""
        self.parking.clear()
        parked = [item for item in self.roadmap.items if not item.dated]
        by_lane: dict[str | None, list[PlanItem]] = {}
        for item in parked:  # one pass: a big roadmap has a thousand lanes
            by_lane.setdefault(item.lane_id, []).append(item)
        for lane in self.roadmap.lanes:
            entries = sorted(by_lane.get(lane.id, ()), key=lambda i: natural_key(i.title))
            if not entries:
                continue
            heading = QListWidgetItem(lane.name)
            heading.setFlags(Qt.ItemFlag.NoItemFlags)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            heading.setForeground(theme.ink(lane.color))
            self.parking.addItem(heading)
            for item in entries:
                entry = QListWidgetItem(f"   {item.title}")
                entry.setData(Qt.ItemDataRole.UserRole, item.id)
                entry.setToolTip(item.description or item.title)
                self.parking.addItem(entry)
        self.parking_title.setText(f"Parking lot · {len(parked)} undated")

    def _schedule_parked(self, entry: QListWidgetItem) -> None:
        """Put an undated item on the timeline: two weeks from next Monday."""
        item_id = entry.data(Qt.ItemDataRole.UserRole)
        if item_id is None:  # a lane's heading
            return
        item = self.roadmap.item_by_id()[item_id]
        start = week_start(self.today) + timedelta(days=7)
        end = start if item.milestone else start + timedelta(days=13)
        self.actions.move_item(item_id, start, end)

    def _drop_parked(self, item_id: str, lane_id: str, day: date) -> None:
        """A parked item dropped on the timeline starts on the day under the mouse, in the lane
        under it, and lasts two weeks (a milestone, that day)."""
        item = self.roadmap.item_by_id().get(item_id)
        if item is None:
            return
        end = day if item.milestone else day + timedelta(days=13)
        self.actions.move_item_to_lane(item_id, lane_id, day, end)

    def _lane_menu(self, lane_id: str, where: object) -> None:
        self.current_lane_id = lane_id
        menus.popup(menus.lane_menu(self, lane_id), where)  # type: ignore[arg-type]

    def _refresh_baseline_menu(self) -> None:
        menu = self.baseline_more.menu()
        fresh = menus.baseline_menu(self, self.baseline_more)
        menu.clear()
        for action in fresh.actions():
            action.setParent(menu)
            menu.addAction(action)

    def _fiscal_chosen(self) -> None:
        self.actions.set_fiscal_start(self.fiscal.currentData())

    def _save_baseline(self) -> None:
        name = dialogs.ask_text(
            self, "Save Baseline", "Name this baseline:", f"Plan of {self.today:%d %b %Y}"
        )
        if name is not None and self.actions.save_baseline(name):
            self.baseline_id = self.roadmap.baselines[0].id if self.roadmap.baselines else None
            self._fill_baselines()
            self._draw()

    # -- adding, linking, deleting ----------------------------------------------------------------

    def selected_ids(self) -> list[str]:
        """The items selected in the current view: bars on the timeline, rows in the table."""
        if self.tabs.currentWidget() is self.table:
            rows = self.table.table.selectionModel().selectedRows()
            return [self.table.proxy.data(row, ID_ROLE) for row in rows]
        return [
            item.item_id
            for item in self.timeline.scene().selectedItems()
            if isinstance(item, BarItem)
        ]

    def _add_lane(self) -> None:
        name = dialogs.ask_text(self, "Add Lane", "Name of the theme, team or product line:")
        if name is not None:
            self.actions.add_lane(name)

    def _add_item(self) -> None:
        if not self.roadmap.lanes:
            self.controller.failed.emit("Add a lane first: every item belongs to a lane.")
            return
        items = self.roadmap.item_by_id()
        selected = [items[i] for i in self.selected_ids() if i in items]
        lanes = {lane.id for lane in self.roadmap.lanes}
        if selected:
            lane_id = selected[0].lane_id
        elif self.current_lane_id in lanes:
            lane_id = self.current_lane_id  # type: ignore[assignment]
        else:
            lane_id = self.roadmap.lanes[0].id
        self.add_item_to(lane_id)

    def add_item_to(self, lane_id: str) -> None:
        """Ask for a title; the item goes into ``lane_id`` for two weeks from next Monday, or,
        when the timeline shows other months than today's, from the first Monday in sight, so
        it appears where the PM looks."""
        self.current_lane_id = lane_id
        title = dialogs.ask_text(self, "Add Item", "Title of the new item:")
        if title is None:
            return
        start = week_start(self.today) + timedelta(days=7)
        shown = self.timeline.visible_days()
        if shown is not None and not shown[0] <= start <= shown[1]:
            start = week_start(shown[0]) + timedelta(days=7)
        self.actions.add_item(lane_id, title, start=start, end=start + timedelta(days=13))

    def _link_selected(self) -> None:
        items = self.roadmap.item_by_id()
        chosen = [items[i] for i in self.selected_ids() if i in items]
        if len(chosen) != 2:
            self.controller.failed.emit(
                "Select exactly two items to link: the later one will depend on the earlier one."
            )
            return
        first, second = sorted(chosen, key=lambda item: (item.start or date.max, item.title))
        self.actions.add_dependency(first.id, second.id)

    def _delete_selected(self) -> None:
        ids = self.selected_ids()
        links = (
            self.timeline.selected_dependencies()
            if self.tabs.currentWidget() is not self.table
            else []
        )
        if not ids and len(links) == 1:
            self.actions.remove_dependency(links[0])
            return
        if not ids:
            return
        items = self.roadmap.item_by_id()
        what = f"“{items[ids[0]].title}”" if len(ids) == 1 else f"{len(ids)} items"
        self.actions.remove(RoadmapItem, ids, f"Delete {what}")

    def edit_item(self, item_id: str) -> None:
        """Open an item's details; the changes become one undoable edit."""
        if self.controller.read_only:  # a form whose OK would be refused is not worth opening
            return
        item = self.roadmap.item_by_id().get(item_id)
        if item is None:
            return
        session = self.controller.session
        lanes = [(lane.name, lane.id) for lane in self.roadmap.lanes]
        owners = people_by_name(session)
        changes = ask.edit_roadmap_item(
            self,
            item,
            lanes,
            owners,
            lambda values: check_item(session, item_id, **values),
            goals=goals_of_item(session, item_id),
        )
        if changes:
            self.actions.set_item_fields(item_id, "details", **changes)

    def edit_marker(self, marker_id: str | None) -> None:
        """Add a date marker (``None``), or change or delete one."""
        if self.controller.read_only:  # as for items: no form whose OK would be refused
            return
        marker = next((m for m in self.roadmap.markers if m.id == marker_id), None)
        values = (
            {"name": marker.name, "on_date": marker.on_date.isoformat(), "kind": marker.kind}
            if marker is not None
            else {"on_date": self.today.isoformat(), "kind": "deadline"}
        )
        answer = ask.edit_roadmap_marker(
            self, values, lambda typed: check_marker(**typed), marker is not None
        )
        if answer is None:
            return
        if marker is None:
            self.actions.add_marker(answer)  # type: ignore[arg-type]
        elif answer == "delete":
            self.actions.remove(RoadmapMarker, [marker.id], f"Delete marker “{marker.name}”")
        else:
            self.actions.update_marker(marker.id, answer)  # type: ignore[arg-type]

    def _export(self) -> None:
        from pmdesk.workspaces.roadmap.qt.export_dialog import export_chart

        export_chart(self)

    # -- find ------------------------------------------------------------------------------------

    def reveal(self, kind: str, record_id: str) -> bool:
        """Show an item selected on the timeline (or in the parking lot when it has no dates),
        a lane or marker on the timeline, a baseline drawn under the bars."""
        if kind == RoadmapItem.__tablename__:
            item = self.roadmap.item_by_id().get(record_id)
            if item is None:
                return False
            self.tabs.setCurrentIndex(0)
            if not item.dated:
                return select_list_item(self.parking, record_id)
            return select_scene_item(
                self.timeline,
                lambda bar: isinstance(bar, BarItem) and bar.item_id == record_id,
            )
        if kind in (RoadmapLane.__tablename__, RoadmapMarker.__tablename__):
            self.tabs.setCurrentIndex(0)
            return True
        if kind == RoadmapBaseline.__tablename__:
            index = self.baseline.findData(record_id)
            self.baseline.setCurrentIndex(index)
            self.tabs.setCurrentIndex(0)
            return index >= 0
        return False

    def _export_mspdi(self) -> None:
        from pmdesk.workspaces.roadmap.qt.plan_import import export_mspdi_file

        export_mspdi_file(self)

    def import_plan(self, path: Path | None = None) -> bool:
        from pmdesk.workspaces.roadmap.qt.plan_import import import_plan_file

        return import_plan_file(self, path)


def _parks_or_unparks(before: Roadmap, after: Roadmap, ids: Collection[str]) -> bool:
    """Whether an edit of the items ``ids`` changes the list of undated items."""
    parked_before = {item.id: item for item in before.items_of(ids) if not item.dated}
    parked_after = {item.id: item for item in after.items_of(ids) if not item.dated}
    return parked_before != parked_after
