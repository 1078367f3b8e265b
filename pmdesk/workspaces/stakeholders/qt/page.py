"""The Stakeholders workspace: the power/interest grid, the communication map, the table and
the interactions log, all on the same records, with one filter bar and one set of actions."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.domain.project import Project, get_project
from pmdesk.gui import theme
from pmdesk.gui.document import Change, DocumentController
from pmdesk.gui.hidden_changes import on_change
from pmdesk.gui.lazy_tabs import LazyTabs
from pmdesk.gui.tables import follow_current, natural_key
from pmdesk.gui.toolbar import OverflowRow
from pmdesk.workspaces.stakeholders import edit
from pmdesk.workspaces.stakeholders.chart.layout import MapFilter
from pmdesk.workspaces.stakeholders.model import (
    ATTITUDES,
    Stakeholder,
    StakeholderInteraction,
    StakeholderRelationship,
    StakeholderSnapshot,
    split_tags,
)
from pmdesk.workspaces.stakeholders.qt import actions
from pmdesk.workspaces.stakeholders.qt.table_model import (
    COLUMNS,
    ID_ROLE,
    StakeholderFilterProxy,
    StakeholderTableModel,
)

if TYPE_CHECKING:  # the map's module loads when its tab is first shown
    from pmdesk.workspaces.stakeholders.qt.comm_map import CommunicationMap

KIND = Stakeholder.__tablename__
LINKS = StakeholderRelationship.__tablename__
ALL = ""
MAP_TAB, TABLE_TAB = 1, 2
# The table's first order (Qt's default indicator, first column descending, is not wanted).
FIRST_SORT = (0, Qt.SortOrder.AscendingOrder)


class StakeholdersPage(QWidget):
    def __init__(
        self,
        controller: DocumentController,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.today = today or date.today()
        self.map_filter = MapFilter()
        self._data = edit.load_map(controller.session)
        # Before the views are built: on an edit the page reads the records first and hands
        # them to the grid, which hears of the edit after it.
        on_change(controller, self, self._on_changed)

        # Sorted as the table shows it, so the proxy's order is the same whether or not the
        # table has been shown yet (it is built when first shown or asked for).
        self.table_model = StakeholderTableModel(
            controller, self, today=self.today, rows=self._data.stakeholders, sort_by=FIRST_SORT
        )
        self.proxy = StakeholderFilterProxy(self)
        self.proxy.setSourceModel(self.table_model)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._lazy = LazyTabs(self.tabs)
        self._build_views()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(10)
        layout.addLayout(self._build_header())
        layout.addLayout(self._build_filters())
        layout.addWidget(self.tabs, 1)

        # Delete works on the selection of whichever view is on show (cards or rows).
        self.addAction(self._delete_action())
        self._refresh_choices()
        self._refresh_summary()

    # -- building ------------------------------------------------------------------------------

    def _build_header(self) -> QHBoxLayout:
        title = QLabel("Stakeholders")
        title.setObjectName("pageTitle")
        theme.style(title, "page_title")
        self.summary = QLabel()
        self.summary.setObjectName("pageSummary")
        self.add_button = self._tool_button(
            "Add Stakeholder", "Add a stakeholder (Ctrl+N in the table)"
        )
        self.add_button.clicked.connect(self.add_stakeholder)
        self.delete_button = self._tool_button("Delete", "Delete the selected stakeholders")
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button = self._tool_button("Import CSV…", "Add stakeholders from a CSV file")
        self.import_button.clicked.connect(self.import_csv)
        for button in (self.add_button, self.delete_button, self.import_button):
            button.setEnabled(not self.controller.read_only)
        self.export_button = self._tool_button("Export", "Save the stakeholders or a map as a file")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        menu.addAction("Stakeholders as CSV…").triggered.connect(self.export_csv)
        menu.addSeparator()
        for label, view, kind in (
            ("Power/interest grid as PNG…", "grid", "png"),
            ("Power/interest grid as SVG…", "grid", "svg"),
            ("Communication map as PNG…", "map", "png"),
            ("Communication map as SVG…", "map", "svg"),
        ):
            menu.addAction(label).triggered.connect(
                lambda _c=False, v=view, k=kind: self.export_picture(v, k)
            )
        self.export_button.setMenu(menu)
        # One row of actions, "Add" first; what does not fit waits in its "More" menu.
        self.actions_row = OverflowRow()
        for button in (self.add_button, self.delete_button, self.import_button):
            self.actions_row.add(button)
        self.actions_row.add_spacing(8)
        self.actions_row.add(self.export_button)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(title)
        row.addSpacing(12)
        row.addWidget(self.summary, 0, Qt.AlignmentFlag.AlignBottom)
        row.addStretch(1)
        row.addWidget(self.actions_row)
        self.header_row = row
        return row

    def _tool_button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    def _build_filters(self) -> QHBoxLayout:
        self.department_filter = QComboBox()
        self.attitude_filter = QComboBox()
        self.tag_filter = QComboBox()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find by name, role or department")
        self.search.setClearButtonEnabled(True)
        row = QHBoxLayout()
        row.setSpacing(6)
        for label, combo in (
            ("Department", self.department_filter),
            ("Attitude", self.attitude_filter),
            ("Tag", self.tag_filter),
        ):
            combo.setMinimumContentsLength(12)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self._filter_changed)
            caption = QLabel(label)
            caption.setBuddy(combo)
            row.addWidget(caption)
            row.addWidget(combo)
            row.addSpacing(8)
        row.addWidget(self.search, 1)
        self.search.textChanged.connect(self._filter_changed)
        self.filter_row = row
        return row

    @property
    def table(self) -> QTableView:
        return self._lazy.page(TABLE_TAB)  # type: ignore[return-value]

    @property
    def comm_map(self) -> CommunicationMap:
        return self._lazy.page(MAP_TAB)  # type: ignore[return-value]

    def _build_table(self) -> QTableView:
        from pmdesk.workspaces.stakeholders.qt.delegates import StakeholderDelegate

        table = QTableView()
        table.setModel(self.proxy)
        follow_current(table)
        table.setItemDelegate(StakeholderDelegate(table))
        # The indicator first: enabling sorting then sorts by it, which the model's rows already
        # are in (Qt's default indicator would sort every row by the first column descending).
        table.horizontalHeader().setSortIndicator(*FIRST_SORT)
        table.setSortingEnabled(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.setAccessibleName("Stakeholder table")
        for index, column in enumerate(COLUMNS):
            table.setColumnWidth(index, column.width)
        table.horizontalHeader().setStretchLastSection(True)
        if self.controller.read_only:
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._row_menu)
        return table

    def row_menu(self, row: int) -> QMenu:
        """The table's menu for one row: relationships of that stakeholder, and delete."""
        person_id = str(self.proxy.index(row, 0).data(ID_ROLE))
        menu = QMenu(self)
        self.grid.add_relationship_actions(menu, person_id)
        if not self.controller.read_only:
            menu.addSeparator()
            menu.addAction("Delete…").triggered.connect(
                lambda: self.delete_stakeholders([person_id])
            )
        return menu

    def _row_menu(self, point: QPoint) -> None:
        index = self.table.indexAt(point)
        if index.isValid():
            self.row_menu(index.row()).exec(self.table.viewport().mapToGlobal(point))

    def _delete_action(self) -> QAction:
        action = QAction("Delete", self)
        action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(self.delete_selected)
        action.setEnabled(not self.controller.read_only)  # no question asked in vain
        return action

    def _build_views(self) -> None:
        from pmdesk.workspaces.stakeholders.qt.grid_panel import GridPanel
        from pmdesk.workspaces.stakeholders.qt.interactions import EngagementPanel

        self.grid = GridPanel(self.controller, self.today, self.select_in_table, data=self._data)
        self.tabs.addTab(self.grid, "Power / interest grid")
        # The map and the table (its delegate, its first sort) are built when first shown or
        # asked for; the map is drawn then too (ensure_map_drawn).
        self._lazy.add("Communication map", self._build_map)
        self._lazy.add("Table", self._build_table)
        # The tabs not on show read the project when they are first shown: a big project's
        # page paints as soon as its grid is ready.
        self.engagement = EngagementPanel(self.controller, self.today, lazy=True)
        self.tabs.addTab(self.engagement, "Interactions and follow-ups")
        self._map_stale = True
        self.tabs.currentChanged.connect(self._tab_shown)
        self._refresh_map()

    def _build_map(self) -> QWidget:
        from pmdesk.workspaces.stakeholders.qt.comm_map import CommunicationMap

        return CommunicationMap(self.select_in_table)

    # -- filter --------------------------------------------------------------------------------

    def _refresh_choices(self) -> None:
        people = self._data.stakeholders
        departments = sorted({p.department for p in people if p.department}, key=natural_key)
        tags = sorted({t for p in people for t in split_tags(p.tags)}, key=natural_key)
        _fill(self.department_filter, [("All departments", ALL)] + [(d, d) for d in departments])
        _fill(
            self.attitude_filter,
            [("All attitudes", ALL)] + [(label, key) for key, label in ATTITUDES.items()],
        )
        _fill(self.tag_filter, [("All tags", ALL)] + [(t, t) for t in tags])

    def _filter_changed(self) -> None:
        self.map_filter = MapFilter(
            department=self.department_filter.currentData() or ALL,
            attitude=self.attitude_filter.currentData() or ALL,
            tag=self.tag_filter.currentData() or ALL,
            text=self.search.text(),
        )
        self.proxy.set_filter(self.map_filter)
        self._apply_filter()

    def _apply_filter(self) -> None:
        self.grid.set_filter(self.map_filter)
        self._refresh_map()

    def _tab_shown(self) -> None:
        if self.tabs.currentIndex() == MAP_TAB and self._map_stale:
            self.ensure_map_drawn()

    def _refresh_map(self) -> None:
        self._map_stale = True
        if self.tabs.currentIndex() == MAP_TAB:
            self.ensure_map_drawn()

    def ensure_map_drawn(self) -> None:
        """Draw the communication map if the records or the filter changed since it was drawn
        (it is drawn when its tab is shown, or when it is exported)."""
        if not self._map_stale:
            return
        self._map_stale = False
        data = self._data
        product = get_project(self.controller.session).name
        shown = [person for person in data.stakeholders if self.map_filter.matches(person)]
        self.comm_map.show_people(shown, product, self.today, data.relationships)

    # -- refresh -------------------------------------------------------------------------------

    def _on_changed(self, change: Change) -> None:
        if change.touches(KIND) or change.touches(LINKS):
            self._data = edit.load_map(self.controller.session)  # once for the page's parts
            self.table_model.share_rows(self._data.stakeholders)
            self.grid.share_records(self._data)
        if change.touches(KIND):
            self._refresh_choices()
            self._refresh_summary()
            self._refresh_map()
        elif change.touches(Project.__tablename__) or change.touches(LINKS):
            self._refresh_map()

    def _refresh_summary(self) -> None:
        people = self._data.stakeholders
        overdue = sum(person.is_overdue(self.today) for person in people)
        text = f"{len(people)} stakeholder{'s' if len(people) != 1 else ''}"
        if overdue:
            text += f" · {overdue} touchpoint{'s' if overdue != 1 else ''} overdue"
        self.summary.setText(text)

    # -- selection -----------------------------------------------------------------------------

    def selected_ids(self) -> list[str]:
        """The stakeholders selected in the view on show."""
        if self.tabs.currentIndex() == TABLE_TAB:
            rows = self.table.selectionModel().selectedRows()
            return [str(index.data(ID_ROLE)) for index in rows]
        if self.tabs.currentWidget() is self.grid:
            cards = self.grid.scene.cards
            return [pid for pid, card in cards.items() if card.isSelected() and card.isVisible()]
        return []

    def select_in_table(self, stakeholder_id: str) -> None:
        row = self.table_model.row_of(stakeholder_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.table_model.index(row, 0))
        if index.isValid():
            self.tabs.setCurrentWidget(self.table)
            self.table.selectRow(index.row())
            self.table.scrollTo(index)

    # -- actions -------------------------------------------------------------------------------

    def add_stakeholder(self) -> str | None:
        """Add a stakeholder with a unique placeholder name and start editing the name."""
        record_id = actions.add_stakeholder(self.controller, self.map_filter.department)
        if record_id is None:
            return None
        self.select_in_table(record_id)
        index = self.proxy.mapFromSource(
            self.table_model.index(self.table_model.row_of(record_id), 0)
        )
        self.table.edit(index)
        return record_id

    def delete_selected(self) -> bool:
        ids = self.selected_ids()
        return self.delete_stakeholders(ids) if ids else False

    def delete_stakeholders(self, ids: list[str]) -> bool:
        """Delete stakeholders and their lines as one undoable step.

        Nothing is asked: Undo brings them back, lines, interactions and snapshot places too.
        """
        if not ids:
            return False
        return actions.delete_stakeholders(self.controller, ids)

    # -- files (qt/files.py, read in when first needed: the page opens without its dialogs) ----

    def import_csv(self, path: Path | None = None) -> int:
        """Read a CSV, show the preview, and add the good rows as one undoable step."""
        from pmdesk.workspaces.stakeholders.qt import files

        return files.import_csv(self, path)

    def export_csv(self, path: Path | None = None) -> Path | None:
        from pmdesk.workspaces.stakeholders.qt import files

        return files.export_csv(self, path)

    def export_picture(self, view: str, kind: str, path: Path | None = None) -> Path | None:
        """Save the grid or the communication map, as shown (filter and arrows included)."""
        from pmdesk.workspaces.stakeholders.qt import files

        return files.export_picture(self, view, kind, path)

    # -- find ----------------------------------------------------------------------------------

    def reveal(self, kind: str, record_id: str) -> bool:
        """Show a stakeholder selected in the table (clearing a filter that hides it), a
        snapshot compared on the grid, an interaction in its stakeholder's log."""
        if kind == KIND:
            if self.table_model.row_of(record_id) < 0:
                return False
            source = self.table_model.index(self.table_model.row_of(record_id), 0)
            if not self.proxy.mapFromSource(source).isValid():  # a filter hides it
                for combo in (self.department_filter, self.attitude_filter, self.tag_filter):
                    combo.setCurrentIndex(0)
                self.search.clear()
            self.select_in_table(record_id)
            return self.tabs.currentIndex() == TABLE_TAB
        if kind == StakeholderSnapshot.__tablename__:
            self.tabs.setCurrentWidget(self.grid)
            self.grid.compare_with_snapshot(record_id)
            return True
        if kind == StakeholderInteraction.__tablename__:
            interaction = self.controller.session.get(StakeholderInteraction, record_id)
            if interaction is None:
                return False
            self.tabs.setCurrentWidget(self.engagement)
            self.engagement.show_person(interaction.stakeholder_id)
            rows = [row.id for row in self.engagement.log_model.rows]
            if record_id in rows:
                self.engagement.log_table.selectRow(rows.index(record_id))
            return True
        return False


def _fill(combo: QComboBox, entries: list[tuple[str, str]]) -> None:
    """Replace a combo's entries, keeping the chosen value when it is still offered."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for label, value in entries:
        combo.addItem(label, value)
    found = combo.findData(current) if current is not None else -1
    combo.setCurrentIndex(max(found, 0))
    combo.blockSignals(False)
    if found < 0 and current not in (None, ALL):
        combo.currentIndexChanged.emit(0)
