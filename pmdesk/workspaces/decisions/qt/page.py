"""The Decisions workspace: the log as a table, the selected decision in full beside it, and
what is due for a revisit below, with one filter bar over the log."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.gui import theme
from pmdesk.gui.document import Change, DocumentController
from pmdesk.gui.hidden_changes import on_change
from pmdesk.gui.toolbar import OverflowRow
from pmdesk.workspaces.decisions import query
from pmdesk.workspaces.decisions.model import LINK_KINDS, STATUSES, Decision
from pmdesk.workspaces.decisions.qt import actions
from pmdesk.workspaces.decisions.qt.detail import DecisionDetail
from pmdesk.workspaces.decisions.qt.table_model import (
    COLUMNS,
    ID_ROLE,
    NOT_LINKED,
    SHOWN_KINDS,
    DecisionFilterProxy,
    DecisionTableModel,
    LogFilter,
)
from pmdesk.workspaces.decisions.qt.widgets import section_label

ALL = ""
DECISIONS = Decision.__tablename__
QUESTION_COLUMN = next(i for i, column in enumerate(COLUMNS) if column.key == "question")


class DecisionsPage(QWidget):
    def __init__(
        self,
        controller: DocumentController,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.today = today or date.today()
        self._keep: str | None = None  # the selected decision across a model reset
        self._stale = False  # something the log shows changed while the page was hidden

        self.table_model = DecisionTableModel(controller, self, today=self.today)
        self.proxy = DecisionFilterProxy(self)
        self.proxy.setSourceModel(self.table_model)
        self.table = self._build_table()
        self.detail = DecisionDetail(controller, self.table_model.find)
        self.due = QListWidget()
        self.due.setAccessibleName("Decisions due for revisit")
        self.due.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.due.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keep the date and the "overdue"
        self.due_title = section_label("Due for revisit")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.due_title)
        left_layout.addWidget(self.due)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.detail)
        scroll.setMinimumWidth(300)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([640, 360])  # the log gets the room; Qt scales to the window

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(10)
        layout.addLayout(self._build_header())
        layout.addLayout(self._build_filters())
        layout.addWidget(self.splitter, 1)

        self.addAction(self._delete_action())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table_model.modelAboutToBeReset.connect(self._remember_selection)
        self.table_model.modelReset.connect(self._restore_selection)
        self.due.itemActivated.connect(self._due_chosen)
        self.due.itemClicked.connect(self._due_chosen)
        on_change(controller, self, self._on_changed)
        self._refresh_summary()

    # -- building ------------------------------------------------------------------------------

    def _build_header(self) -> QHBoxLayout:
        title = QLabel("Decisions")
        title.setObjectName("pageTitle")
        theme.style(title, "page_title")
        self.summary = QLabel()
        self.summary.setObjectName("pageSummary")
        self.add_button = _tool_button(
            "Add Decision", "Log a decision, or a question still to decide"
        )
        self.add_button.clicked.connect(self.add_decision)
        self.delete_button = _tool_button("Delete", "Delete the selected decisions")
        self.delete_button.clicked.connect(self.delete_selected)
        for button in (self.add_button, self.delete_button):
            button.setEnabled(not self.controller.read_only)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(title)
        row.addSpacing(12)
        row.addWidget(self.summary, 0, Qt.AlignmentFlag.AlignBottom)
        row.addStretch(1)
        # One row of actions, "Add" first; what does not fit waits in its "More" menu.
        self.actions_row = OverflowRow()
        self.actions_row.add(self.add_button)
        self.actions_row.add(self.delete_button)
        row.addWidget(self.actions_row)
        return row

    def _build_filters(self) -> QHBoxLayout:
        self.status_filter = QComboBox()
        self.status_filter.addItem("All statuses", ALL)
        for key, shown in STATUSES.items():
            self.status_filter.addItem(shown, key)
        self.workspace_filter = QComboBox()
        self.workspace_filter.addItem("Linked to anything", ALL)
        for kind in LINK_KINDS:
            self.workspace_filter.addItem(kind.workspace, kind.key)
        self.workspace_filter.addItem("Linked to nothing", NOT_LINKED)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find in questions, decisions, reasons and names")
        self.search.setClearButtonEnabled(True)
        row = QHBoxLayout()
        row.setSpacing(6)
        for label, combo in (("Status", self.status_filter), ("Concerns", self.workspace_filter)):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self._filter_changed)
            caption = QLabel(label)
            caption.setBuddy(combo)
            row.addWidget(caption)
            row.addWidget(combo)
            row.addSpacing(8)
        row.addWidget(self.search, 1)
        self.search.textChanged.connect(self._filter_changed)
        return row

    def _build_table(self) -> QTableView:
        table = LogTable()
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # the panel edits
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.setAccessibleName("Decision log")
        for index, column in enumerate(COLUMNS):
            table.setColumnWidth(index, column.width)
        table.horizontalHeader().setHighlightSections(False)
        return table

    def _delete_action(self) -> QAction:
        action = QAction("Delete", self)
        action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(self._delete_from_table)
        action.setEnabled(not self.controller.read_only)  # no question asked in vain
        return action

    # -- filter and refresh --------------------------------------------------------------------

    def _filter_changed(self) -> None:
        self.proxy.set_filter(
            LogFilter(
                status=self.status_filter.currentData() or ALL,
                workspace=self.workspace_filter.currentData() or ALL,
                text=self.search.text(),
            )
        )
        self._refresh_summary()
        if self.detail.decision_id and self._proxy_row(self.detail.decision_id) < 0:
            self.detail.show_decision(None)  # filtered away: the panel shows nothing hidden

    def _on_changed(self, change: Change) -> None:
        if not any(change.touches(kind) for kind in SHOWN_KINDS):
            return
        if not self.isVisible():
            # Another workspace's edits (a roadmap drag) must not pay for a log nobody sees.
            self._stale = True
            return
        # An edit of decisions' own fields names them; then only those rows are read again.
        own = change.kinds <= {DECISIONS} and bool(change.ids)
        self._refresh(change.ids if own else (), records_changed=not own)

    def _refresh(self, ids: Collection[str] = (), records_changed: bool = True) -> None:
        self._stale = False
        self.table_model.refresh(ids)  # first: the panel and the summary read what it holds
        self.detail.refresh(records_changed)
        self._refresh_summary()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._refresh()
        super().showEvent(event)

    def _refresh_summary(self) -> None:
        entries = self.table_model.entries
        shown = self.proxy.rowCount()
        proposed = sum(entry.decision.status == "proposed" for entry in entries)
        due = query.due_for_revisit(entries, self.today)
        text = f"{len(entries)} decision{'s' if len(entries) != 1 else ''}"
        if shown != len(entries):
            text = f"{shown} of {text}"
        if proposed:
            text += f" · {proposed} to decide"
        now = sum(entry.decision.is_due(self.today) for entry in due)  # today or before
        if now:
            text += f" · {now} revisit{'s' if now != 1 else ''} due"
        self.summary.setText(text)
        self._fill_due(due)

    def _fill_due(self, due: list[query.LogEntry]) -> None:
        self.due.clear()
        for entry in due:
            decision = entry.decision
            assert decision.revisit_on is not None
            days = (decision.revisit_on - self.today).days
            if days < 0:
                when = f"overdue by {-days} day{'s' if days != -1 else ''}"
            elif days == 0:
                when = "today"
            else:
                when = f"in {days} day{'s' if days != 1 else ''}"
            question = " ".join(decision.question.split())
            item = QListWidgetItem(f"{decision.revisit_on.isoformat()} · {question} ({when})")
            item.setData(ID_ROLE, entry.id)
            item.setToolTip(question)
            if days <= 0:
                item.setForeground(theme.ink("#8b0000"))
            self.due.addItem(item)
        if due:
            self.due_title.setText(
                f"Due for revisit in the next {query.REVISIT_HORIZON_DAYS} days ({len(due)})"
            )
        else:
            self.due_title.setText(
                f"Nothing is due for revisit in the next {query.REVISIT_HORIZON_DAYS} days"
            )
        self.due.setVisible(bool(due))
        # As tall as its entries, up to five: the log above keeps the room.
        rows = min(max(len(due), 1), 5)
        line = max(self.due.sizeHintForRow(0), self.due.fontMetrics().height() + 4)
        self.due.setFixedHeight(rows * line + 2 * self.due.frameWidth() + 6)

    # -- selection -----------------------------------------------------------------------------

    def _proxy_row(self, decision_id: str) -> int:
        row = self.table_model.row_of(decision_id)
        if row < 0:
            return -1
        return self.proxy.mapFromSource(self.table_model.index(row, 0)).row()

    def _current_changed(self, current: object, _previous: object) -> None:
        index = self.table.currentIndex()
        self.detail.show_decision(str(index.data(ID_ROLE)) if index.isValid() else None)

    def _remember_selection(self) -> None:
        self._keep = self.detail.decision_id

    def _restore_selection(self) -> None:
        keep, self._keep = self._keep, None
        if keep and self._proxy_row(keep) >= 0:
            self.select(keep)
        else:
            self.detail.show_decision(keep if keep and self.table_model.row_of(keep) >= 0 else None)

    def select(self, decision_id: str) -> bool:
        """Show a decision: select its row (clearing a filter that hides it) and its detail."""
        if self.table_model.row_of(decision_id) < 0:
            return False
        if self._proxy_row(decision_id) < 0:
            self.status_filter.setCurrentIndex(0)
            self.workspace_filter.setCurrentIndex(0)
            self.search.clear()
        row = self._proxy_row(decision_id)
        index = self.proxy.index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        if self.detail.decision_id != decision_id:
            self.detail.show_decision(decision_id)
        return True

    def selected_ids(self) -> list[str]:
        return [str(index.data(ID_ROLE)) for index in self.table.selectionModel().selectedRows()]

    def _due_chosen(self, item: QListWidgetItem) -> None:
        self.select(str(item.data(ID_ROLE)))

    # -- actions -------------------------------------------------------------------------------

    def add_decision(self) -> str | None:
        """Log a new decision dated today and put the cursor in its question."""
        status = self.status_filter.currentData() or "proposed"
        record_id = actions.add_decision(self.controller, self.today, status)
        if record_id is None:
            return None
        self.select(record_id)
        self.detail.question.setFocus(Qt.FocusReason.OtherFocusReason)
        self.detail.question.selectAll()
        return record_id

    def _delete_from_table(self) -> None:
        if self.table.hasFocus():
            self.delete_selected()

    def delete_selected(self) -> bool:
        ids = self.selected_ids()
        return self.delete_decisions(ids) if ids else False

    def delete_decisions(self, ids: list[str]) -> bool:
        """Delete decisions and their links as one undoable step; no question, Undo is there."""
        entries = query.load_log(self.controller.session, ids)
        if not entries:
            return False
        return actions.delete_decisions(self.controller, [entry.id for entry in entries])

    # -- find ----------------------------------------------------------------------------------

    def reveal(self, kind: str, record_id: str) -> bool:
        """Show a decision selected in the log, with its details."""
        return kind == Decision.__tablename__ and self.select(record_id)


class LogTable(QTableView):
    """The log's table: the question column takes the width the other columns leave."""

    QUESTION_MIN = 240

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        question = QUESTION_COLUMN
        others = sum(self.columnWidth(i) for i in range(len(COLUMNS)) if i != question)
        self.setColumnWidth(question, max(self.QUESTION_MIN, self.viewport().width() - others))


def _tool_button(text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return button
