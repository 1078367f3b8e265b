"""The Launches workspace: the launches on the left; on the right the launch on show with its
readiness grid (department × status), what blocks go/no-go and is late, and its task table.
A second tab holds the checklist templates per tier."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.domain.project import get_project
from pmdesk.errors import PmdeskError
from pmdesk.gui import dialogs, theme
from pmdesk.gui.document import Change, DocumentController
from pmdesk.gui.hidden_changes import on_change
from pmdesk.gui.lazy_tabs import LazyTabs
from pmdesk.gui.toolbar import OverflowRow
from pmdesk.workspaces.launches import query
from pmdesk.workspaces.launches.model import (
    DEPARTMENTS,
    STATUSES,
    TIERS,
    Launch,
    LaunchTask,
    LaunchTemplate,
)
from pmdesk.workspaces.launches.qt import actions
from pmdesk.workspaces.launches.qt import dialogs as ask
from pmdesk.workspaces.launches.qt.delegates import ChoiceDelegate
from pmdesk.workspaces.launches.qt.grid import ReadinessGrid
from pmdesk.workspaces.launches.qt.launch_form import LaunchForm
from pmdesk.workspaces.launches.qt.task_model import (
    COLUMNS,
    FIELD_COLUMN,
    ID_ROLE,
    TaskFilterProxy,
    TaskTableModel,
)
from pmdesk.workspaces.launches.qt.template_panel import TemplatePanel

# Kinds of record whose change can alter what the page shows: its own, the roadmap item a
# launch follows (its dates set launch day), and the stakeholders who own tasks.
KINDS = (Launch.__tablename__, LaunchTask.__tablename__, "roadmap_items", "stakeholders")
# What the form's pickers list (owners, the item a launch follows): read again only when these
# change, since on a big project they are thousands of rows and a task's edit changes none.
PICKER_KINDS = ("roadmap_items", "stakeholders")
LATE_COLOUR = QColor("#b42318")


TEMPLATES_TAB = 1


class LaunchesPage(QWidget):
    def __init__(
        self,
        controller: DocumentController,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.today = today or date.today()
        self._summaries: list[query.LaunchSummary] = []
        self._task_ids: frozenset[str] = frozenset()  # the tasks of the launch on show
        self._pickers: tuple[list[tuple[str, str]], list[tuple[str, str, date]]] | None = None
        self._plan: query.LaunchPlan | None = None  # the launch on show, read in full
        self._current: str | None = None

        self.launch_list = QListWidget()
        self.launch_list.setAccessibleName("Launches")
        self.launch_list.setMinimumWidth(170)
        self.launch_list.setWordWrap(True)
        self.launch_list.setSpacing(3)
        self.launch_list.currentItemChanged.connect(self._launch_chosen)
        self.form = LaunchForm(controller)
        self.grid = ReadinessGrid(self._cell_chosen)
        self.attention = QLabel()
        self.attention.setWordWrap(True)
        self.attention.setTextFormat(Qt.TextFormat.PlainText)
        self.show_only = QComboBox()
        self.show_only.setAccessibleName("Which tasks to show")
        self.show_only.currentIndexChanged.connect(self._only_chosen)
        self.task_model = TaskTableModel(controller, self)
        self.proxy = TaskFilterProxy(self)
        self.proxy.setSourceModel(self.task_model)
        self.table = self._build_table()

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._lazy = LazyTabs(self.tabs)
        self.tabs.addTab(self._build_launch_tab(), "Launches and readiness")
        # The templates wait for their tab: a launch's readiness is what the page opens on.
        self._lazy.add("Checklist templates", lambda: TemplatePanel(controller))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(10)
        layout.addLayout(self._build_header())
        layout.addWidget(self.tabs, 1)
        self.addAction(self._delete_action())
        on_change(controller, self, self._on_changed)
        self.refresh()

    @property
    def templates(self) -> TemplatePanel:
        """The checklist templates tab, built and put in its place on first use."""
        return self._lazy.page(TEMPLATES_TAB)  # type: ignore[return-value]

    # -- building ------------------------------------------------------------------------------

    def _build_header(self) -> QHBoxLayout:
        title = QLabel("Launches")
        title.setObjectName("pageTitle")
        theme.style(title, "page_title")
        self.summary = QLabel()
        self.summary.setObjectName("pageSummary")
        self.new_button = _button("Add Launch…", "Add a launch with its tier's checklist")
        self.new_button.clicked.connect(self.new_launch)
        self.delete_button = _button("Delete", "Delete the launch on show and its tasks")
        self.delete_button.clicked.connect(self.delete_launch)
        for button in (self.new_button, self.delete_button):
            button.setEnabled(not self.controller.read_only)
        self.export_button = _button("Export CSV…", "Save every launch's readiness list as CSV")
        self.export_button.clicked.connect(lambda: self.export_csv())
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(title)
        row.addSpacing(12)
        row.addWidget(self.summary, 0, Qt.AlignmentFlag.AlignBottom)
        row.addStretch(1)
        # One row of actions, "Add" first; what does not fit waits in its "More" menu.
        self.actions_row = OverflowRow()
        self.actions_row.add(self.new_button)
        self.actions_row.add(self.delete_button)
        self.actions_row.add_spacing(8)
        self.actions_row.add(self.export_button)
        row.addWidget(self.actions_row)
        return row

    def _build_launch_tab(self) -> QWidget:
        self.department = QComboBox()
        for key, label in DEPARTMENTS.items():
            self.department.addItem(label, key)
        self.department.setAccessibleName("Department of a new task")
        self.add_task_button = _button("Add Task", "Add a readiness task for this department")
        self.add_task_button.clicked.connect(self.add_task)
        self.delete_task_button = _button("Delete Tasks", "Delete the selected tasks (Delete)")
        self.delete_task_button.clicked.connect(self.delete_selected_tasks)
        self.filter_note = QLabel()
        self.filter_note.setObjectName("pageSummary")
        tasks_bar = QHBoxLayout()
        heading = QLabel("Readiness tasks")
        heading.setObjectName("sectionTitle")
        tasks_bar.addWidget(heading)
        tasks_bar.addWidget(self.show_only)
        tasks_bar.addWidget(self.filter_note, 1)
        tasks_bar.addWidget(self.department)
        tasks_bar.addWidget(self.add_task_button)
        tasks_bar.addWidget(self.delete_task_button)

        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(12, 8, 0, 0)
        column.setSpacing(8)
        column.addWidget(self.form)
        column.addWidget(self.grid)
        column.addWidget(self.attention)
        column.addLayout(tasks_bar)
        column.addWidget(self.table, 1)

        splitter = QSplitter()
        splitter.addWidget(self.launch_list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([200, 800])
        splitter.setChildrenCollapsible(False)
        return splitter

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setItemDelegate(
            ChoiceDelegate(lambda column: COLUMNS[column].field, lambda: self.task_model.people)
        )
        # By due date; the indicator first, so enabling sorting sorts once, by it.
        table.horizontalHeader().setSortIndicator(
            FIELD_COLUMN["offset_days"], Qt.SortOrder.AscendingOrder
        )
        table.setSortingEnabled(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.setAccessibleName("Readiness tasks")
        for index, column in enumerate(COLUMNS):
            table.setColumnWidth(index, column.width)
        table.horizontalHeader().setStretchLastSection(True)
        if self.controller.read_only:
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        return table

    def _delete_action(self) -> QAction:
        action = QAction("Delete", self)
        action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(self.delete_selected_tasks)
        action.setEnabled(not self.controller.read_only)
        return action

    # -- refresh -------------------------------------------------------------------------------

    def _on_changed(self, change: Change) -> None:
        if any(change.touches(kind) for kind in PICKER_KINDS):
            self._pickers = None
        if self._only_tasks_on_show(change):
            self._refresh_launch_on_show()
        elif any(change.touches(kind) for kind in KINDS):
            self.refresh()

    def _only_tasks_on_show(self, change: Change) -> bool:
        """Whether ``change`` wrote only tasks of the launch on show (a task's status, owner,
        title): then only that launch is read again, however many launches there are."""
        return (
            change.kinds == {LaunchTask.__tablename__}
            and bool(change.ids)
            and change.ids <= self._task_ids  # read when shown: a removal expires the tasks
        )

    def _refresh_launch_on_show(self) -> None:
        self._show_current()
        plan = self._plan
        row = next((i for i, s in enumerate(self._summaries) if s.id == self._current), None)
        if plan is None or row is None:
            self.refresh()
            return
        self._summaries[row] = query.summary_of(plan, self.today)
        item = self.launch_list.item(row)
        if item is not None:
            _show_in_list(item, self._summaries[row])
        self._refresh_summary()

    def refresh(self) -> None:
        """Read every launch's summary, then show the list, the launch on show and its tasks
        (only that launch's tasks are read as records)."""
        session = self.controller.session
        self._summaries = query.summaries(session, self.today)
        ids = [launch.id for launch in self._summaries]
        if self._current not in ids:
            self._current = ids[0] if ids else None
        self._fill_list()
        self._show_current()
        self._refresh_summary()

    def _fill_list(self) -> None:
        self.launch_list.blockSignals(True)
        self.launch_list.clear()
        for launch in self._summaries:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, launch.id)
            _show_in_list(item, launch)
            self.launch_list.addItem(item)
            if launch.id == self._current:
                self.launch_list.setCurrentItem(item)
        self.launch_list.blockSignals(False)

    def current_plan(self) -> query.LaunchPlan | None:
        return self._plan

    def _show_current(self) -> None:
        session = self.controller.session
        current = self._current
        self._plan = plan = query.plan(session, current, self.today) if current else None
        self._task_ids = frozenset(task.id for task in plan.tasks) if plan else frozenset()
        if self._pickers is None:
            self._pickers = (query.people(session), query.linkable_items(session))
        people, items = self._pickers
        self.form.show_plan(plan, people, items)
        self.grid.show_readiness(plan.readiness if plan else None)
        self.task_model.show_plan(plan, people, self.today)
        self._show_attention(plan)
        editable = plan is not None and not self.controller.read_only
        for widget in (self.add_task_button, self.delete_task_button, self.delete_button):
            widget.setEnabled(editable)

    def _show_attention(self, plan: query.LaunchPlan | None) -> None:
        """One line under the grid: when go/no-go is, what stands in its way, what is late;
        the filter above the table lists those tasks."""
        if plan is None:
            self.attention.setText("No launch yet. Use Add Launch… to plan one.")
            self._fill_only(0, 0)
            return
        state = plan.readiness
        blockers, late = len(state.blockers), len(state.late)
        text = f"Go/no-go on {state.go_no_go_day.day} {state.go_no_go_day:%b %Y}: " + (
            f"{blockers} task{'s' if blockers != 1 else ''} stand{'s' if blockers == 1 else ''} "
            "in the way"
            if blockers
            else "nothing stands in the way"
        )
        if late:
            text += f" · {late} late"
        if plan.follows:
            text += f" · launch day follows “{plan.follows}” on the roadmap"
        self.attention.setText(text + ".")
        self._fill_only(blockers, late)

    def _fill_only(self, blockers: int, late: int) -> None:
        current = self.show_only.currentData() or ""
        self.show_only.blockSignals(True)
        self.show_only.clear()
        self.show_only.addItem("All tasks", "")
        # Short, so the choice fits beside the task buttons at 1024 px; the tooltip says more.
        self.show_only.addItem(f"Blockers ({blockers})", "blocks")
        self.show_only.setItemData(
            1,
            "Tasks that stand in the way of a go at the go/no-go meeting",
            Qt.ItemDataRole.ToolTipRole,
        )
        self.show_only.addItem(f"Late ({late})", "late")
        self.show_only.setCurrentIndex(max(self.show_only.findData(current), 0))
        self.show_only.blockSignals(False)

    def _refresh_summary(self) -> None:
        count = len(self._summaries)
        late = sum(launch.late for launch in self._summaries)
        text = f"{count} launch{'es' if count != 1 else ''}"
        if late:
            text += f" · {late} readiness task{'s' if late != 1 else ''} late"
        self.summary.setText(text)

    # -- choosing ------------------------------------------------------------------------------

    def _launch_chosen(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        self._current = str(item.data(Qt.ItemDataRole.UserRole))
        self.grid.clear_choice()
        self._cell_chosen(None)
        self._show_current()

    def show_launch(self, launch_id: str) -> None:
        for row in range(self.launch_list.count()):
            item = self.launch_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == launch_id:
                self.launch_list.setCurrentItem(item)
                return

    def _cell_chosen(self, cell: tuple[str, str] | None) -> None:
        self.show_only.blockSignals(True)
        self.show_only.setCurrentIndex(0)
        self.show_only.blockSignals(False)
        self.proxy.set_filter(cell)
        if cell is None:
            self.filter_note.setText("")
        else:
            self.filter_note.setText(
                f"{DEPARTMENTS[cell[0]]} · {STATUSES[cell[1]].lower()} (click the cell again "
                "for all)"
            )

    def _only_chosen(self) -> None:
        self.grid.clear_choice()
        self.filter_note.setText("")
        self.proxy.set_filter(None, self.show_only.currentData() or "")

    def selected_task_ids(self) -> list[str]:
        rows = self.table.selectionModel().selectedRows()
        return [str(index.data(ID_ROLE)) for index in rows]

    # -- actions -------------------------------------------------------------------------------

    def new_launch(self) -> str | None:
        """Ask for a name, tier and roadmap item, then add the launch with its checklist."""
        items = query.linkable_items(self.controller.session)
        answer = ask.ask_new_launch(self, items, self.today)
        if answer is None:
            return None
        launch_id = actions.create_launch(
            self.controller,
            answer.name,
            answer.tier,
            roadmap_item_id=answer.roadmap_item_id,
            target_date=answer.target_date,
        )
        if launch_id is not None:
            self._current = launch_id
            self.refresh()
        return launch_id

    def delete_launch(self) -> bool:
        plan = self.current_plan()
        if plan is None:
            return False
        # No question: the delete is one undo step, and Edit › Undo names what went.
        return actions.delete_launch(self.controller, plan.launch.id)

    def add_task(self) -> str | None:
        plan = self.current_plan()
        if plan is None:
            return None
        self.grid.clear_choice()
        self._cell_chosen(None)
        task_id = actions.add_task(self.controller, plan.launch.id, self.department.currentData())
        if task_id is None:
            return None
        row = self.task_model.row_of(task_id)
        index = self.proxy.mapFromSource(self.task_model.index(row, FIELD_COLUMN["title"]))
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.edit(index)
        return task_id

    def delete_selected_tasks(self) -> bool:
        ids = self.selected_task_ids()
        return actions.delete_tasks(self.controller, ids) if ids else False

    def export_csv(self, path: Path | None = None) -> Path | None:
        """Save every launch's readiness list as CSV (a spreadsheet opens it)."""
        name = f"{get_project(self.controller.session).name} launch readiness.csv"
        path = path or dialogs.choose_export_file(
            self, "Export Readiness", str(Path.home() / name), "CSV files (*.csv)"
        )
        if path is None:
            return None
        if path.suffix.lower() != ".csv":
            path = path.with_name(path.name + ".csv")
        from pmdesk.workspaces.launches import io  # with the first export, not the page

        try:
            io.export_readiness(self.controller.session, path, self.today)
        except PmdeskError as error:
            dialogs.show_error(self, "Cannot Export Readiness", str(error))
            return None
        return path

    # -- find ----------------------------------------------------------------------------------

    def reveal(self, kind: str, record_id: str) -> bool:
        """Show a launch with its readiness (a task is shown by its launch), or a checklist
        template."""
        if kind == Launch.__tablename__:
            self.tabs.setCurrentIndex(0)
            self.show_launch(record_id)
            return self._current == record_id
        if kind == LaunchTemplate.__tablename__:
            template = self.controller.session.get(LaunchTemplate, record_id)
            if template is None:
                return False
            self.tabs.setCurrentWidget(self.templates)
            index = self.templates.tier.findData(template.tier)
            self.templates.tier.setCurrentIndex(index)
            return index >= 0
        return False


def _button(text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return button


def _show_in_list(item: QListWidgetItem, launch: query.LaunchSummary) -> None:
    """A launch's entry in the list: name, tier, day and readiness; red while tasks are late."""
    day = launch.launch_day
    item.setText(
        f"{launch.name}\n{TIERS.get(launch.tier, launch.tier)} · "
        f"{day.day} {day:%b %Y} · {launch.ready}/{launch.tasks} ready"
    )
    late = bool(launch.late)
    item.setData(Qt.ItemDataRole.ForegroundRole, QBrush(theme.ink(LATE_COLOUR)) if late else None)
    many = launch.late != 1
    late_text = f"{launch.late} readiness task{'s are' if many else ' is'} late"
    item.setToolTip(late_text if late else "")
