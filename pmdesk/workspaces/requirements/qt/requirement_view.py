"""The requirements table with its filters, and the selected requirement in full beside it."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmdesk.gui import theme
from pmdesk.gui.document import Change, DocumentController
from pmdesk.gui.hidden_changes import on_change
from pmdesk.gui.tables import follow_current
from pmdesk.gui.toolbar import OverflowRow
from pmdesk.workspaces.requirements import query
from pmdesk.workspaces.requirements.model import STATUSES
from pmdesk.workspaces.requirements.qt.actions import RequirementActions, touches_requirements
from pmdesk.workspaces.requirements.qt.delegates import ChoiceDelegate, requirement_choices
from pmdesk.workspaces.requirements.qt.requirement_detail import RequirementDetail
from pmdesk.workspaces.requirements.qt.table_models import (
    ID_ROLE,
    RequirementFilter,
    RequirementTableModel,
)
from pmdesk.workspaces.requirements.qt.widgets import (
    add_column_menu,
    sync_column_menu,
    table_beside_detail,
)
from pmdesk.workspaces.stakeholders.query import people_by_name

# Shown unless the PM asks for the RICE factors; the detail panel edits them too.
FACTOR_FIELDS = ("reach", "impact", "confidence", "effort")


class RequirementsTab(QWidget):
    """Table on the left, the selected requirement on the right."""

    open_input = Signal(str)  # an evidence line was opened: jump to that customer input

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.actions = RequirementActions(controller, self)
        self.model = RequirementTableModel(controller, self)
        self.proxy = RequirementFilter(self)
        # Sorted before the proxy sees it, so the proxy filters the rows once, not twice.
        self.model.sort(self.model.column_of("score"), Qt.SortOrder.DescendingOrder)
        self.proxy.setSourceModel(self.model)

        self.new_button = QPushButton("Add Requirement")
        self.delete_button = QPushButton("Delete")
        self.status_filter = QComboBox()
        self.status_filter.addItem("All statuses", RequirementFilter.ALL)
        self.status_filter.addItem("Open (not declined)", RequirementFilter.OPEN)
        for key, shown in STATUSES.items():
            self.status_filter.addItem(shown, key)
        self.tag_filter = QComboBox()
        self.tag_filter.setMinimumContentsLength(14)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find by title, key or owner")
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.count_label.setStyleSheet(theme.css("color: #667085;"))
        self.factors_box = QCheckBox("RICE factors")
        self.factors_box.setToolTip("Show reach, impact, confidence and effort as columns.")

        # One row of actions, "Add" first; what does not fit waits in its "More" menu.
        self.actions_row = OverflowRow()
        self.actions_row.add(self.new_button)
        self.actions_row.add(self.delete_button)
        bar = QHBoxLayout()
        bar.addWidget(self.actions_row, 1)
        bar.addSpacing(16)
        bar.addWidget(QLabel("Status:"))
        bar.addWidget(self.status_filter)
        bar.addWidget(QLabel("Tag:"))
        bar.addWidget(self.tag_filter)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.factors_box)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        follow_current(self.table)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setItemDelegate(
            ChoiceDelegate(
                self.model.field_at,
                requirement_choices(),
                parent=self.table,
                owners=lambda: people_by_name(controller.session),
            )
        )
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        for index, column in enumerate(self.model.columns):
            header.resizeSection(index, column.width)
        header.setStretchLastSection(True)  # tags take what is left; the title keeps its width
        # The indicator first: enabling sorting then sorts once, by it.
        header.setSortIndicator(self.model.column_of("score"), Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.show_factors(False)
        add_column_menu(self.table)

        self.detail = RequirementDetail(controller, self.actions)
        self.detail.open_input.connect(self.open_input)
        splitter = table_beside_detail(self.table, self.detail)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        # How many show, under the table: the filter row stays unclipped at laptop widths.
        layout.addWidget(self.count_label)

        read_only = controller.read_only
        self.new_button.setEnabled(not read_only)
        self.new_button.clicked.connect(self.new_requirement)
        self.delete_button.clicked.connect(self.delete_selected)
        self.status_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_filter(status=self.status_filter.currentData())
        )
        self.tag_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_filter(tag=self.tag_filter.currentData() or "")
        )
        self.search.textChanged.connect(lambda text: self.proxy.set_filter(words=text))
        self.factors_box.toggled.connect(self.show_factors)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.delete_selected)
        delete_key.setEnabled(not read_only)  # like the Delete button
        on_change(controller, self, self._on_changed)
        self._fill_tags()
        self._update_count()
        self._selection_changed()

    def show_factors(self, shown: bool) -> None:
        for field in FACTOR_FIELDS:
            self.table.setColumnHidden(self.model.column_of(field), not shown)
        sync_column_menu(self.table)

    # -- selection and navigation --------------------------------------------------------------

    def selected_ids(self) -> list[str]:
        rows = self.table.selectionModel().selectedRows()
        return [self.proxy.data(index, ID_ROLE) for index in rows]

    def select(self, requirement_id: str) -> bool:
        """Select a requirement, clearing filters that hide it; False if it does not exist."""
        row = self.model.row_of(requirement_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.status_filter.setCurrentIndex(0)
            self.tag_filter.setCurrentIndex(0)
            self.search.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    def _selection_changed(self) -> None:
        ids = self.selected_ids()
        self.delete_button.setEnabled(bool(ids) and not self.controller.read_only)
        self.detail.show_requirement(ids[0] if len(ids) == 1 else None)

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(
            f"{total} requirements" if shown == total else f"{shown} of {total} shown"
        )

    def _on_changed(self, change: Change) -> None:
        if touches_requirements(change):
            self._fill_tags()
            self._update_count()
            ids = self.selected_ids()
            self.detail.show_requirement(ids[0] if len(ids) == 1 else None)

    def _fill_tags(self) -> None:
        current = self.tag_filter.currentData() or ""
        tags = query.requirement_tags(self.controller.session)
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem("All tags", "")
        for tag in tags:
            self.tag_filter.addItem(tag, tag)
        self.tag_filter.setCurrentIndex(max(self.tag_filter.findData(current), 0))
        self.tag_filter.blockSignals(False)
        if (self.tag_filter.currentData() or "") != current:
            self.proxy.set_filter(tag=self.tag_filter.currentData() or "")

    # -- edits ---------------------------------------------------------------------------------

    def new_requirement(self) -> None:
        record_id = self.actions.add_requirement({"title": "New requirement"})
        if record_id is not None:
            self.select(record_id)
            self.detail.title.setFocus()
            self.detail.title.selectAll()

    def delete_selected(self) -> None:
        self.actions.remove_requirements(self.selected_ids())
