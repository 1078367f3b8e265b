"""The engagement tab: what needs attention across the project (overdue touchpoints, open
follow-ups), and each stakeholder's interaction log with a form to add to it."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmdesk.gui import theme
from pmdesk.gui.document import Change, DocumentController
from pmdesk.gui.hidden_changes import on_change
from pmdesk.gui.record_picker import RecordPicker
from pmdesk.workspaces.stakeholders import log, query
from pmdesk.workspaces.stakeholders.model import Stakeholder, StakeholderInteraction
from pmdesk.workspaces.stakeholders.qt import actions

AnyIndex = QModelIndex | QPersistentModelIndex
INTERACTIONS = StakeholderInteraction.__tablename__
PEOPLE = Stakeholder.__tablename__
NO_DATE = QDate(2000, 1, 1)
LATE = QColor("#b42318")


class DueModel(QAbstractTableModel):
    """Overdue touchpoints and open follow-ups, most overdue first."""

    HEADERS = ("Due", "Late", "Stakeholder", "What", "Detail")

    def __init__(self, today: date, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.items: list[log.DueItem] = []

    def set_items(self, items: list[log.DueItem]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        late = item.days_late(self.today)
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                item.due.isoformat(),
                f"{late} day{'s' if late != 1 else ''}" if late > 0 else "today",
                item.stakeholder,
                item.what,
                item.detail,
            )
            return values[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1 and late > 0:
            return QBrush(theme.ink(LATE))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 4:
            return item.detail or None
        return None


class InteractionModel(QAbstractTableModel):
    """One stakeholder's conversations, newest first; a follow-up is ticked off in place."""

    HEADERS = ("Date", "Channel", "Summary", "Follow-up", "Due", "Done")

    def __init__(self, controller: DocumentController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.rows: list[StakeholderInteraction] = []

    def set_rows(self, rows: list[StakeholderInteraction]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        row = self.rows[index.row()]
        if index.column() == 5 and row.follow_up and not self.controller.read_only:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole and column < 5:
            due = row.follow_up_due.isoformat() if row.follow_up_due else ""
            return (row.happened_on.isoformat(), row.channel, row.summary, row.follow_up, due)[
                column
            ]
        if role == Qt.ItemDataRole.CheckStateRole and column == 5 and row.follow_up:
            return Qt.CheckState.Checked if row.follow_up_done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column in (2, 3):
            return (row.summary, row.follow_up)[column - 2] or None
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 5:
            return False
        row = self.rows[index.row()]
        done = Qt.CheckState(value) == Qt.CheckState.Checked
        return actions.set_follow_up_done(self.controller, row.id, done)


class EngagementPanel(QWidget):
    def __init__(
        self,
        controller: DocumentController,
        today: date,
        parent: QWidget | None = None,
        lazy: bool = False,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.today = today
        # A lazy panel (a tab not shown yet) reads the project only when it becomes visible.
        self._lazy = self._stale = lazy
        self.due_model = DueModel(today, self)
        self.due_table = _table(self.due_model, "Needs attention")
        self.due_table.doubleClicked.connect(self._open_due)
        self.person = RecordPicker(placeholder="Type to find a stakeholder", noun="stakeholder")
        self.person.currentIndexChanged.connect(self._refresh_log)
        self.log_model = InteractionModel(controller, self)
        self.log_table = _table(self.log_model, "Interaction log")
        for column, width in enumerate((86, 110, 230, 190, 86, 48)):
            self.log_table.setColumnWidth(column, width)
        for column, width in enumerate((90, 70, 150, 90)):
            self.due_table.setColumnWidth(column, width)

        self.when = QDateEdit(_qdate(today))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd")
        self.channel = QLineEdit()
        self.channel.setPlaceholderText("Meeting, call, email, Slack…")
        self.summary = QLineEdit()
        self.summary.setPlaceholderText("What was discussed, in a sentence")
        self.follow_up = QLineEdit()
        self.follow_up.setPlaceholderText("What you promised to do next (optional)")
        self.follow_up_due = QDateEdit(NO_DATE)
        self.follow_up_due.setCalendarPopup(True)
        self.follow_up_due.setDisplayFormat("yyyy-MM-dd")
        self.follow_up_due.setMinimumDate(NO_DATE)
        self.follow_up_due.setSpecialValueText("No date")
        self.log_button = QPushButton("Log Interaction")
        self.log_button.clicked.connect(self.log_interaction)
        self.remove_button = QPushButton("Delete")
        self.remove_button.clicked.connect(self.remove_selected)
        for widget in (self.log_button, self.remove_button):
            widget.setEnabled(not controller.read_only)
        # A read-only project shows the form as one that takes no typing, not as a trap.
        for editor in (self.when, self.channel, self.summary, self.follow_up, self.follow_up_due):
            editor.setReadOnly(controller.read_only)

        form = QFormLayout()
        form.addRow("Date", self.when)
        form.addRow("Channel", self.channel)
        form.addRow("Summary", self.summary)
        form.addRow("Follow-up", self.follow_up)
        form.addRow("Follow-up due", self.follow_up_due)
        buttons = QHBoxLayout()
        buttons.addWidget(self.log_button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        form.addRow(buttons)
        new_entry = QGroupBox("Log a conversation")
        new_entry.setLayout(form)

        due_box = QGroupBox("Needs attention: overdue touchpoints and open follow-ups")
        due_layout = QVBoxLayout(due_box)
        self.due_summary = QLabel()
        due_layout.addWidget(self.due_summary)
        due_layout.addWidget(self.due_table)
        log_box = QGroupBox("Interactions")
        log_layout = QVBoxLayout(log_box)
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel("Stakeholder"))
        chooser.addWidget(self.person, 1)
        log_layout.addLayout(chooser)
        log_layout.addWidget(self.log_table, 1)
        log_layout.addWidget(new_entry)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(due_box)
        splitter.addWidget(log_box)
        splitter.setSizes([560, 640])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(splitter)
        on_change(controller, self, self._on_changed)
        if not lazy:
            self.refresh()

    # -- refresh -------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._stale = False
        session = self.controller.session
        self.person.blockSignals(True)
        self.person.set_choices(query.people_by_name(session))
        if self.person.currentIndex() < 0 and self.person.count():
            self.person.setCurrentIndex(0)
        self.person.blockSignals(False)
        items = log.due_items(session, self.today)
        self.due_model.set_items(items)
        self.due_summary.setText(
            "Nothing is overdue."
            if not items
            else f"{len(items)} item{'s' if len(items) != 1 else ''}"
        )
        self._refresh_log()

    def _on_changed(self, change: Change) -> None:
        if change.touches(PEOPLE) or change.touches(INTERACTIONS):
            if self.isVisible() or not self._lazy:
                self.refresh()
            else:
                self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def _refresh_log(self) -> None:
        person_id = self.person.currentData()
        rows = log.interactions_of(self.controller.session, person_id) if person_id else []
        self.log_model.set_rows(rows)

    def show_person(self, person_id: str) -> None:
        self.person.setCurrentIndex(self.person.findData(person_id))

    def _open_due(self, index: QModelIndex) -> None:
        self.show_person(self.due_model.items[index.row()].stakeholder_id)

    # -- edits ---------------------------------------------------------------------------------

    def log_interaction(self) -> str | None:
        person_id = self.person.currentData()
        if not person_id:
            return None
        due = self.follow_up_due.date()
        values = {
            "happened_on": _pydate(self.when.date()),
            "channel": self.channel.text(),
            "summary": self.summary.text(),
            "follow_up": self.follow_up.text(),
            "follow_up_due": None if due == NO_DATE else _pydate(due),
        }
        interaction_id = actions.log_interaction(self.controller, person_id, values)
        if interaction_id is None:
            return None  # refused: the form keeps what was typed
        for field in (self.summary, self.follow_up):
            field.clear()
        self.follow_up_due.setDate(NO_DATE)
        return interaction_id

    def remove_selected(self) -> bool:
        rows = self.log_table.selectionModel().selectedRows()
        if not rows:
            return False
        interaction_id = self.log_model.rows[rows[0].row()].id
        return actions.remove_interaction(self.controller, interaction_id)


def _table(model: QAbstractTableModel, name: str) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setAccessibleName(name)
    return table


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
