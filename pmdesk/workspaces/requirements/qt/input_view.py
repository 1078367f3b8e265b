"""Customer inputs: the inbox of what customers said that no requirement answers yet.

Triage happens here: pick an input, then link it to an existing requirement or turn it into a
new one. Either way it leaves the inbox in one undoable step.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmdesk.gui import theme
from pmdesk.gui.document import Change, DocumentController
from pmdesk.gui.hidden_changes import on_change
from pmdesk.gui.tables import follow_current
from pmdesk.gui.toolbar import OverflowRow
from pmdesk.workspaces.requirements.qt.actions import RequirementActions, touches_requirements
from pmdesk.workspaces.requirements.qt.delegates import ChoiceDelegate, input_choices
from pmdesk.workspaces.requirements.qt.input_detail import InputDetail
from pmdesk.workspaces.requirements.qt.input_model import (
    HIDDEN_INPUT_FIELDS,
    InputFilter,
    InputTableModel,
)
from pmdesk.workspaces.requirements.qt.table_models import ID_ROLE
from pmdesk.workspaces.requirements.qt.widgets import (
    add_column_menu,
    table_beside_detail,
)
from pmdesk.workspaces.stakeholders.query import names_by_id


class InputsTab(QWidget):
    open_requirement = Signal(str)

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.actions = RequirementActions(controller, self)
        self.model = InputTableModel(controller, self, self.stakeholder_names)
        self.proxy = InputFilter(self)
        # Sorted before the proxy sees it, so the proxy filters the rows once, not twice.
        self.model.sort(self.model.column_of("received_on"), Qt.SortOrder.DescendingOrder)
        self.proxy.setSourceModel(self.model)

        self.new_button = QPushButton("Add Input")
        self.delete_button = QPushButton("Delete")
        self.inbox_button = QRadioButton("Inbox: not answered yet")
        self.all_button = QRadioButton("All inputs")
        group = QButtonGroup(self)
        group.addButton(self.inbox_button)
        group.addButton(self.all_button)
        self.all_button.setChecked(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find in quotes, customers, segments, tags")
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.count_label.setStyleSheet(theme.css("color: #667085;"))
        # One row of actions, "Add" first; what does not fit waits in its "More" menu.
        self.actions_row = OverflowRow()
        self.actions_row.add(self.new_button)
        self.actions_row.add(self.delete_button)
        bar = QHBoxLayout()
        bar.addWidget(self.actions_row, 1)
        bar.addSpacing(16)
        bar.addWidget(self.all_button)
        bar.addWidget(self.inbox_button)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count_label)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        follow_current(self.table)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        delegate = ChoiceDelegate(
            self.model.field_at,
            input_choices(lambda: self.model.stakeholders),
            dates=frozenset({"received_on"}),
            parent=self.table,
        )
        self.table.setItemDelegate(delegate)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        for index, column in enumerate(self.model.columns):
            header.resizeSection(index, column.width)
        header.setSectionResizeMode(self.model.column_of("quote"), QHeaderView.ResizeMode.Stretch)
        # The indicator first: enabling sorting then sorts once, by it.
        header.setSortIndicator(self.model.column_of("received_on"), Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        for field in HIDDEN_INPUT_FIELDS:
            self.table.setColumnHidden(self.model.column_of(field), True)
        add_column_menu(self.table)

        self.detail = InputDetail(controller, self.actions)
        self.detail.open_requirement.connect(self.open_requirement)
        splitter = table_beside_detail(self.table, self.detail)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

        self.new_button.setEnabled(not controller.read_only)
        self.new_button.clicked.connect(self.new_input)
        self.delete_button.clicked.connect(lambda: self.actions.remove_inputs(self.selected_ids()))
        self.inbox_button.toggled.connect(lambda on: self.proxy.set_filter(inbox_only=on))
        self.search.textChanged.connect(lambda text: self.proxy.set_filter(words=text))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._update_count)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(lambda: self.actions.remove_inputs(self.selected_ids()))
        delete_key.setEnabled(not controller.read_only)  # like the Delete button
        on_change(controller, self, self._on_changed)
        self._update_count()
        self._selection_changed()

    def stakeholder_names(self) -> dict[str, str]:
        return names_by_id(self.controller.session)

    def show_inbox(self, inbox_only: bool) -> None:
        (self.inbox_button if inbox_only else self.all_button).setChecked(True)

    def selected_ids(self) -> list[str]:
        rows = self.table.selectionModel().selectedRows()
        return [self.proxy.data(index, ID_ROLE) for index in rows]

    def select(self, input_id: str) -> bool:
        row = self.model.row_of(input_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.all_button.setChecked(True)
            self.search.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    def new_input(self) -> None:
        record_id = self.actions.add_input(
            {"quote": "What the customer said", "customer": "Customer", "received_on": date.today()}
        )
        if record_id is not None:
            self.select(record_id)
            self.detail.quote.setFocus()
            self.detail.quote.selectAll()

    def _selection_changed(self) -> None:
        ids = self.selected_ids()
        self.delete_button.setEnabled(bool(ids) and not self.controller.read_only)
        self.detail.show_input(ids[0] if len(ids) == 1 else None)

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        unanswered = sum(1 for row in self.model.rows() if not row.requirement_count)
        text = f"{total} inputs" if shown == total else f"{shown} of {total} shown"
        self.count_label.setText(f"{text} · {unanswered} in the inbox")

    def _on_changed(self, change: Change) -> None:
        if touches_requirements(change):
            self._update_count()
            ids = self.selected_ids()
            self.detail.show_input(ids[0] if len(ids) == 1 else None)
