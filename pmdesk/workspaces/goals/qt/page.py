"""The Goals page: objectives and their key results on the left, judged and flagged; the chosen
key result's trend, check-ins and contributing work on the right."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QBrush, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmdesk.errors import PmdeskError
from pmdesk.gui import dialogs, theme
from pmdesk.gui.document import Change, DocumentController
from pmdesk.gui.hidden_changes import on_change
from pmdesk.gui.toolbar import OverflowRow
from pmdesk.workspaces.decisions.query import concerning
from pmdesk.workspaces.goals import edit
from pmdesk.workspaces.goals.chart.layout import STATE_COLORS
from pmdesk.workspaces.goals.model import OBJECTIVE_STATUSES, KeyResult, Objective
from pmdesk.workspaces.goals.progress import amount
from pmdesk.workspaces.goals.qt import actions
from pmdesk.workspaces.goals.qt.key_result_panel import KeyResultPanel
from pmdesk.workspaces.goals.query import (
    Goals,
    KeyResultView,
    ObjectiveView,
    load_goals,
    period_of_key_result,
    with_all_check_ins,
    with_check_ins_refreshed,
)
from pmdesk.workspaces.stakeholders.query import people_by_name

# Goals show what other workspaces hold: owners, the roadmap's items and fiscal year,
# requirements, and the decisions that concern an objective.
KINDS = frozenset(
    {
        "goal_objectives",
        "goal_key_results",
        "goal_check_ins",
        "goal_links",
        "stakeholders",
        "roadmap_items",
        "roadmap_settings",
        "requirements",
        "decisions",
        "decision_goal_links",
    }
)
CHECK_INS = "goal_check_ins"
ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
STALE_MARK = "⚑"
# The forms, dialogs and CSV reading (``qt.dialogs``, ``io``) are imported by the gestures
# that use them: the page's first paint needs none of them.
# Made once: combining the flags anew for every row costs more than the rest of the row.
PROGRESS_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class GoalsPage(QWidget):
    def __init__(
        self,
        controller: DocumentController,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.today = today or date.today()
        self.goals: Goals = self._load()

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Objective / key result", "Progress", "Judgement"])
        self.tree.setAccessibleName("Objectives and key results")
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Sized by ``_fit_columns`` as ResizeToContents would, from each distinct text once
        # rather than from every row's every layout.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        self.tree.setUniformRowHeights(True)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemDoubleClicked.connect(lambda _item, _column: self.edit_current())
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._tree_menu)

        self.objective_view = QLabel()
        self.objective_view.setWordWrap(True)
        self.objective_view.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.objective_view.setTextFormat(Qt.TextFormat.PlainText)
        self.panel = KeyResultPanel(controller, lambda: self.today)
        self.empty = QLabel(
            "No objectives yet. Add one with its period (such as FY27 H1), then its key results."
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = QStackedWidget()
        for widget in (self.empty, self.objective_view, self.panel):
            self.detail.addWidget(widget)

        split = QSplitter()
        split.addWidget(self.tree)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([390, 610])
        split.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(10)
        layout.addLayout(self._build_header())
        layout.addWidget(self.summary)  # its own line: beside the buttons it would be cut off
        layout.addWidget(split, 1)

        delete = QAction("Delete", self.tree)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_current)
        delete.setEnabled(not controller.read_only)
        self.tree.addAction(delete)

        on_change(controller, self, self._on_changed)
        self._fill_tree()

    def _load(self) -> Goals:
        # The tree needs each key result's latest check-in only; the chosen one's whole record
        # is read when it is shown (``_show_current``).
        return load_goals(self.controller.session, self.today, all_check_ins=False)

    # -- building ------------------------------------------------------------------------------

    def _build_header(self) -> QHBoxLayout:
        title = QLabel("Goals")
        title.setObjectName("pageTitle")
        theme.style(title, "page_title")
        self.summary = QLabel()
        self.summary.setObjectName("pageSummary")
        self.add_objective_button = _button("Add Objective", "Add an objective with its period")
        self.add_objective_button.clicked.connect(self.add_objective)
        self.add_result_button = _button("Add Key Result", "Add a key result to the objective")
        self.add_result_button.clicked.connect(self.add_key_result)
        self.edit_button = _button("Edit…", "Edit the chosen objective or key result")
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button = _button("Delete", "Delete the chosen objective or key result")
        self.delete_button.clicked.connect(self.delete_current)
        self.import_button = _button(
            "Import CSV…", "Add check-ins from a CSV file to the chosen key result"
        )
        self.import_button.clicked.connect(lambda: self.import_csv())
        self.export_button = _button(
            "Export CSV…", "Save every key result's check-ins as a CSV file"
        )
        self.export_button.clicked.connect(lambda: self.export_csv())
        for button in (
            self.add_objective_button,
            self.add_result_button,
            self.edit_button,
            self.delete_button,
            self.import_button,
        ):
            button.setEnabled(not self.controller.read_only)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(title)
        row.addStretch(1)
        # One row of actions, "Add" first; what does not fit waits in its "More" menu.
        self.actions_row = OverflowRow()
        for button in (
            self.add_objective_button,
            self.add_result_button,
            self.edit_button,
            self.delete_button,
        ):
            self.actions_row.add(button)
        self.actions_row.add_spacing(8)
        self.actions_row.add(self.import_button)
        self.actions_row.add(self.export_button)
        row.addWidget(self.actions_row)
        return row

    # -- showing -------------------------------------------------------------------------------

    def _fill_tree(self, select: str | None = None) -> None:
        current = select or self.current_id()
        self.tree.blockSignals(True)
        self.tree.clear()
        chosen = None
        # The judgement colours as the theme reads now, each worked out (and made a brush)
        # once for all the rows.
        inks: dict[str, QBrush] = {}
        for objective in self.goals.objectives:
            top = QTreeWidgetItem([objective.title, "", self._objective_state(objective)])
            top.setData(0, ID_ROLE, objective.id)
            top.setData(0, KIND_ROLE, "objective")
            top.setToolTip(0, f"{objective.period} · {objective.owner or 'no owner'}")
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.tree.addTopLevelItem(top)
            if objective.id == current:
                chosen = top
            for result in objective.key_results:
                item = self._result_item(result, inks)
                top.addChild(item)
                if result.id == current:
                    chosen = item
            top.setExpanded(True)
        if chosen is None and self.tree.topLevelItemCount():
            top = self.tree.topLevelItem(0)
            chosen = top.child(0) if top.childCount() else top
        self.tree.setCurrentItem(chosen)  # signals still blocked: the detail is shown once
        self.tree.blockSignals(False)
        self._fit_columns()
        self._show_current()
        self._refresh_summary()

    def _result_item(
        self, result: KeyResultView, inks: dict[str, QBrush] | None = None
    ) -> QTreeWidgetItem:
        """The row of a key result; ``inks`` keeps each state's colour for the next rows."""
        judgement = result.judgement
        progress = "" if judgement.progress is None else f"{judgement.progress:.0%}"
        label = judgement.label + (f" {STALE_MARK}" if judgement.stale else "")
        item = QTreeWidgetItem([result.metric, progress, label])
        item.setData(0, ID_ROLE, result.id)
        item.setData(0, KIND_ROLE, "key_result")
        ink = None if inks is None else inks.get(judgement.state)
        if ink is None:
            ink = QBrush(theme.ink(STATE_COLORS[judgement.state]))  # as Qt would make it
            if inks is not None:
                inks[judgement.state] = ink
        item.setForeground(2, ink)
        tip = judgement.explanation
        if judgement.stale:
            days = result.cadence_days
            tip += f"\n{STALE_MARK} No check-in for longer than its cadence ({days} days)."
        if result.late_items:
            tip += f"\n{result.late_items} contributing roadmap item(s) late."
        for column in range(3):
            item.setToolTip(column, tip)
        item.setTextAlignment(1, PROGRESS_ALIGNMENT)
        return item

    def _fit_columns(self) -> None:
        """Size the progress and judgement columns to their widest text, as
        ResizeToContents would: the header's hint or the widest cell, each distinct text
        measured once (a few dozen), not each of the rows on every layout."""
        self.tree.ensurePolished()  # the font the cells are drawn in, before the first show
        header = self.tree.header()
        for column in (1, 2):
            samples: dict[str, QTreeWidgetItem] = {}
            for index in range(self.tree.topLevelItemCount()):
                top = self.tree.topLevelItem(index)
                samples.setdefault(top.text(column), top)
                for child in range(top.childCount()):
                    item = top.child(child)
                    samples.setdefault(item.text(column), item)
            width = header.sectionSizeHint(column)
            for item in samples.values():
                hint = self.tree.sizeHintForIndex(self.tree.indexFromItem(item, column))
                width = max(width, hint.width())
            header.resizeSection(column, width)

    @staticmethod
    def _objective_state(objective: ObjectiveView) -> str:
        if objective.status != "active":
            return OBJECTIVE_STATUSES.get(objective.status, objective.status)
        return objective.period

    def _refresh_summary(self) -> None:
        results = [r for o in self.goals.objectives if o.status == "active" for r in o.key_results]
        off = sum(r.judgement.state == "off_track" for r in results)
        risk = sum(r.judgement.state == "at_risk" for r in results)
        stale = sum(r.judgement.stale for r in results)
        count = len(self.goals.objectives)
        parts = [f"{count} objective{'s' if count != 1 else ''}"]
        if off:
            parts.append(f"{off} off track")
        if risk:
            parts.append(f"{risk} at risk")
        if stale:
            parts.append(f"{stale} without a recent check-in")
        self.summary.setText(" · ".join(parts))

    def current_id(self) -> str | None:
        item = self.tree.currentItem()
        return None if item is None else item.data(0, ID_ROLE)

    def current_kind(self) -> str | None:
        item = self.tree.currentItem()
        return None if item is None else item.data(0, KIND_ROLE)

    def select(self, record_id: str) -> None:
        self._fill_tree(select=record_id)

    def _current_changed(self, *_args: object) -> None:
        self._show_current()

    def _show_current(self) -> None:
        record_id, kind = self.current_id(), self.current_kind()
        result = self.goals.key_result(record_id) if kind == "key_result" and record_id else None
        if result is not None and not result.all_check_ins:
            # The trend and the table show its whole record: read now that it is chosen.
            self.goals = with_all_check_ins(self.controller.session, self.goals, result.id)
            result = self.goals.key_result(result.id)
        if result is not None:
            objective = self.goals.objective(result.objective_id)
            assert objective is not None
            self.panel.show_result(objective, result)
            self.detail.setCurrentWidget(self.panel)
        elif kind == "objective" and record_id:
            objective = self.goals.objective(record_id)
            if objective is not None:
                decisions = concerning(self.controller.session, "goals", record_id)
                self.objective_view.setText(_objective_text(objective, decisions))
                self.detail.setCurrentWidget(self.objective_view)
        else:
            self.detail.setCurrentWidget(self.empty)
        has_objective = bool(self.goals.objectives)
        editable = not self.controller.read_only
        self.add_result_button.setEnabled(editable and has_objective)
        self.edit_button.setEnabled(editable and record_id is not None)
        self.delete_button.setEnabled(editable and record_id is not None)

    def _on_changed(self, change: Change) -> None:
        if not any(change.touches(kind) for kind in KINDS):
            return
        result_id = self._check_ins_of(change)
        if result_id is not None:  # check-ins of one key result: read those rows only
            self.goals = with_check_ins_refreshed(
                self.controller.session, self.goals, result_id, change.ids - {result_id}
            )
            self._refresh_result(result_id)
            return
        self.goals = self._load()
        self._fill_tree()

    def _check_ins_of(self, change: Change) -> str | None:
        """The key result whose check-ins alone the change wrote, when the page knows which."""
        if change.kinds != {CHECK_INS}:
            return None
        known = [i for i in change.ids if self.goals.key_result(i) is not None]
        return known[0] if len(known) == 1 else None

    def _refresh_result(self, result_id: str) -> None:
        result = self.goals.key_result(result_id)
        assert result is not None
        fresh = self._result_item(result)
        item = self._find(result_id)
        if item is not None:
            for column in range(3):
                item.setText(column, fresh.text(column))
                item.setToolTip(column, fresh.toolTip(column))
            item.setForeground(2, fresh.foreground(2))
            self._fit_columns()
        if self.current_id() == result_id:
            self._show_current()
        self._refresh_summary()

    def _find(self, record_id: str) -> QTreeWidgetItem | None:
        for index in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(index)
            for child in range(top.childCount()):
                if top.child(child).data(0, ID_ROLE) == record_id:
                    return top.child(child)
        return None

    # -- gestures ------------------------------------------------------------------------------

    def _objective_id(self) -> str | None:
        record_id, kind = self.current_id(), self.current_kind()
        if kind == "key_result" and record_id:
            result = self.goals.key_result(record_id)
            return result.objective_id if result else None
        return record_id

    def add_objective(self) -> str | None:
        from pmdesk.workspaces.goals.qt import dialogs as ask

        session = self.controller.session
        values = ask.objective_form(
            self,
            {"status": "active"},
            people_by_name(session),
            lambda typed: edit.clean_objective(session, typed),
        )
        if values is None:
            return None
        record_id = actions.add_objective(self.controller, values)
        if record_id:
            self.select(record_id)
        return record_id

    def add_key_result(self) -> str | None:
        from pmdesk.workspaces.goals.qt import dialogs as ask

        objective_id = self._objective_id()
        if objective_id is None:
            return None
        values = ask.key_result_form(
            self,
            {"direction": "up", "confidence": "medium", "cadence_days": 31},
            lambda typed: edit.clean_key_result(typed, None),
        )
        if values is None:
            return None
        record_id = actions.add_key_result(self.controller, objective_id, values)
        if record_id:
            self.select(record_id)
        return record_id

    def edit_current(self) -> bool:
        from pmdesk.workspaces.goals.qt import dialogs as ask

        if self.controller.read_only:
            return False
        record_id, kind = self.current_id(), self.current_kind()
        session = self.controller.session
        if kind == "objective" and record_id:
            objective = self.goals.objective(record_id)
            assert objective is not None
            current = {
                "title": objective.title,
                "period": objective.period,
                "owner_id": objective.owner_id,
                "status": objective.status,
                "why": objective.why,
            }

            def check(typed: dict) -> object:
                return edit.clean_objective(session, typed)

            values = ask.objective_form(self, current, people_by_name(session), check)
            changed = {k: v for k, v in (values or {}).items() if v != current.get(k)}
            return bool(changed) and actions.edit_objective(self.controller, record_id, changed)
        if kind == "key_result" and record_id:
            result = self.goals.key_result(record_id)
            assert result is not None
            current = {
                name: getattr(result, name)
                for name in (
                    "metric",
                    "unit",
                    "direction",
                    "baseline",
                    "target",
                    "confidence",
                    "cadence_days",
                )
            }
            values = ask.key_result_form(
                self, current, lambda typed: edit.clean_key_result(typed, None)
            )
            if values is None:
                return False
            return actions.edit_key_result(self.controller, record_id, values)
        return False

    def delete_current(self) -> bool:
        record_id, kind = self.current_id(), self.current_kind()
        if record_id is None or self.controller.read_only:
            return False
        # No question: the delete is one undo step, and Edit › Undo names what went.
        if kind == "objective":
            return actions.delete_objective(self.controller, record_id)
        return actions.delete_key_result(self.controller, record_id)

    def _tree_menu(self, point) -> None:
        if self.controller.read_only or self.tree.itemAt(point) is None:
            return
        menu = QMenu(self)
        menu.addAction("Edit…").triggered.connect(self.edit_current)
        menu.addAction("Add key result…").triggered.connect(self.add_key_result)
        menu.addSeparator()
        menu.addAction("Delete").triggered.connect(self.delete_current)
        menu.exec(self.tree.viewport().mapToGlobal(point))

    # -- files ---------------------------------------------------------------------------------

    def import_csv(self, path: Path | None = None) -> int:
        """Add a CSV file's check-ins (Date, Value, Note, Source) to the chosen key result."""
        from pmdesk.workspaces.goals import io
        from pmdesk.workspaces.goals.qt import dialogs as ask

        record_id, kind = self.current_id(), self.current_kind()
        if kind != "key_result" or record_id is None:
            dialogs.show_error(
                self, "Import Check-ins", "Choose the key result the check-ins belong to first."
            )
            return 0
        path = path or dialogs.choose_csv(self, "Import Check-ins", str(Path.home()))
        if path is None:
            return 0
        first, last = period_of_key_result(self.controller.session, record_id)
        try:
            review = io.review_check_ins(path, first, last, self.today)
        except PmdeskError as error:
            dialogs.show_error(self, "Cannot Import Check-ins", str(error))
            return 0
        # The PM sees every row and picks the column of each field (a file whose headers say
        # "Week" and "NPS" is read once they point Date and Value at them).
        if not ask.review_check_in_import(self, review, "Import Check-ins"):
            return 0
        preview = review.preview
        rows = [row.values for row in preview.good_rows]
        ok = actions.add_check_ins(self.controller, record_id, rows, self.today)
        return len(rows) if ok else 0

    def export_csv(self, path: Path | None = None) -> Path | None:
        from pmdesk.workspaces.goals import io

        path = path or dialogs.choose_export_file(
            self, "Export Check-ins", str(Path.home() / "check-ins.csv"), "CSV files (*.csv)"
        )
        if path is None:
            return None
        if path.suffix.lower() != ".csv":
            path = path.with_name(path.name + ".csv")
        try:
            # Every check-in of every key result: the page holds the chosen one's only.
            io.export_check_ins(path, load_goals(self.controller.session, self.today))
        except PmdeskError as error:
            dialogs.show_error(self, "Cannot Export Check-ins", str(error))
            return None
        return path

    # -- find ----------------------------------------------------------------------------------

    def reveal(self, kind: str, record_id: str) -> bool:
        """Show an objective or a key result selected in the tree, with its details (a
        check-in is shown by its key result)."""
        if kind not in (Objective.__tablename__, KeyResult.__tablename__):
            return False
        self.select(record_id)
        if self.current_id() != record_id:
            return False
        self.tree.scrollToItem(self.tree.currentItem())
        return True


def _button(text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return button


def _objective_text(objective: ObjectiveView, decisions: list[str]) -> str:
    lines = [
        objective.title,
        f"{objective.period} ({objective.period_start:%d %b %Y} to {objective.period_end:%d %b %Y})"
        + (f" · owner {objective.owner}" if objective.owner else " · no owner")
        + f" · {OBJECTIVE_STATUSES.get(objective.status, objective.status)}",
        "",
        objective.why or "(Why it matters is not written yet.)",
        "",
    ]
    for result in objective.key_results:
        judgement = result.judgement
        latest = (
            "no check-in" if judgement.latest is None else amount(judgement.latest, result.unit)
        )
        target = amount(result.target, result.unit)
        lines.append(f"• {result.metric}: {latest} of {target} — {judgement.label}")
    if not objective.key_results:
        lines.append("No key results yet: add the numbers that will show this is achieved.")
    lines += ["", "Decisions about this goal:" if decisions else "No decision is linked to it."]
    lines += (f"• {decision}" for decision in decisions)
    return "\n".join(lines)
