"""One key result in detail: its judgement, its trend, a quick check-in row, the check-ins
table (edit in place, paste a column of dates and values) and the work that contributes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmdesk.errors import PmdeskError
from pmdesk.gui import theme
from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.goals.chart.layout import (
    STATE_COLORS,
    TrendColumns,
    TrendLayout,
    trend_columns,
)
from pmdesk.workspaces.goals.progress import amount, days_silent
from pmdesk.workspaces.goals.qt import actions
from pmdesk.workspaces.goals.qt.check_in_table import CheckInTableModel
from pmdesk.workspaces.goals.qt.trend_view import TrendView
from pmdesk.workspaces.goals.query import KeyResultView, ObjectiveView, work_choices

LINK_ROLE = Qt.ItemDataRole.UserRole + 1
# Pasting (``io``) and choosing work (``qt.dialogs``) import what they need when used: the
# panel's first paint needs neither.


class KeyResultPanel(QWidget):
    def __init__(
        self,
        controller: DocumentController,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self._today = today
        self.result: KeyResultView | None = None
        # The long record's chart as last laid out: (frame, check-ins drawn, their object ids,
        # the columns), so a new check-in redoes its own column and not all 10,000.
        self._kept: tuple[tuple, tuple, set[int], TrendColumns] | None = None
        self.objective: ObjectiveView | None = None
        read_only = controller.read_only

        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.heading.setWordWrap(True)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.stale = QLabel()
        self.stale.setStyleSheet(theme.css(f"color: {STATE_COLORS['off_track']}"))
        self.stale.hide()
        self.trend = TrendView()

        self.entry_date = QLineEdit()
        self.entry_date.setPlaceholderText("2026-11-30")
        self.entry_date.setAccessibleName("Check-in date")
        self.entry_date.setMinimumWidth(
            self.entry_date.fontMetrics().horizontalAdvance("2026-11-30") + 16
        )
        self.entry_value = QLineEdit()
        self.entry_value.setPlaceholderText("value")
        self.entry_value.setAccessibleName("Check-in value")
        self.entry_note = QLineEdit()
        self.entry_note.setPlaceholderText("what moved it (optional)")
        self.entry_source = QLineEdit()
        self.entry_source.setPlaceholderText("source")
        self.add_button = QPushButton("Add check-in")
        self.add_button.setToolTip("Add this value (Enter in any field)")
        self.add_button.clicked.connect(self.add_from_entry)
        entry = QHBoxLayout()
        for widget, stretch in (
            (self.entry_date, 1),
            (self.entry_value, 1),
            (self.entry_note, 3),
            (self.entry_source, 1),
        ):
            entry.addWidget(widget, stretch)
            widget.returnPressed.connect(self.add_from_entry)
            widget.setEnabled(not read_only)
        entry.addWidget(self.add_button)
        self.add_button.setEnabled(not read_only)

        self.table_model = CheckInTableModel(self._edit_cell, self)
        self.table_model.editable = not read_only
        self.table = QTableView()
        self.table.setModel(self.table_model)
        self.table.setAccessibleName("Check-ins")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)  # one line a check-in; the note shows whole as a tooltip
        # Widths from the font, not from the contents: measuring 10,000 rows on every change
        # would cost more than everything else an added check-in does.
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        self.table.setColumnWidth(0, metrics.horizontalAdvance("2026-11-30") + 24)
        self.table.setColumnWidth(1, metrics.horizontalAdvance("1,234,567.89") + 16)
        self.table.setColumnWidth(3, metrics.horizontalAdvance("Billing system") + 24)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the note takes the rest
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setToolTip(
            "Paste (Ctrl+V) a column of dates and values copied from a spreadsheet to add them"
        )
        paste = QAction("Paste check-ins", self.table)
        paste.setShortcut(QKeySequence(QKeySequence.StandardKey.Paste))
        paste.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        paste.triggered.connect(lambda: self.paste())
        paste.setEnabled(not read_only)
        self.table.addAction(paste)
        delete = QAction("Delete check-ins", self.table)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(lambda: self.delete_selected())
        delete.setEnabled(not read_only)
        self.table.addAction(delete)

        self.links = QListWidget()
        self.links.setAccessibleName("Contributing work")
        self.links_title = QLabel("Contributing work")
        self.link_button = QPushButton("Link work…")
        self.link_button.clicked.connect(self.link)
        self.unlink_button = QPushButton("Unlink")
        self.unlink_button.clicked.connect(self.unlink)
        for button in (self.link_button, self.unlink_button):
            button.setEnabled(not read_only)
        link_buttons = QHBoxLayout()
        link_buttons.addWidget(self.links_title, 1)
        link_buttons.addWidget(self.link_button)
        link_buttons.addWidget(self.unlink_button)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(entry)
        lower_layout.addWidget(self.table, 2)
        lower_layout.addLayout(link_buttons)
        lower_layout.addWidget(self.links, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.trend)
        split.addWidget(lower)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.verdict)
        layout.addWidget(self.stale)
        layout.addWidget(split, 1)

    # -- showing -------------------------------------------------------------------------------

    def show_result(self, objective: ObjectiveView, result: KeyResultView) -> None:
        changed = self.result is None or self.result.id != result.id
        self.objective, self.result = objective, result
        judgement = result.judgement
        self.heading.setText(
            f"{result.metric}: {amount(result.baseline, result.unit)} → "
            f"{amount(result.target, result.unit)} · {judgement.label}"
        )
        self.verdict.setText(judgement.explanation)
        self.verdict.setToolTip(judgement.explanation)
        color = STATE_COLORS[judgement.state]
        self.verdict.setStyleSheet(theme.css(f"color: {color}"))
        if judgement.stale:
            silent = days_silent(
                [(row.on_date, row.value) for row in result.check_ins[-1:]],
                objective.period_start,
                self._today(),
            )
            self.stale.setText(
                f"No check-in for {silent} days; this key result is checked in every "
                f"{result.cadence_days} days."
            )
        self.stale.setVisible(judgement.stale)
        self.trend.show_trend(self._layout_maker(objective, result))
        self.table_model.set_rows(result.check_ins)
        if changed:
            self.entry_date.setText(self._suggested_date(objective).isoformat())
        self.links.clear()
        late = result.late_items
        self.links_title.setText(
            f"Contributing work ({len(result.links)}" + (f", {late} late)" if late else ")")
        )
        for link in result.links:
            kind = "Roadmap" if link.kind == "roadmap_item" else "Requirement"
            text = f"{kind}: {link.title}" + (" — late" if link.late else "")
            item = QListWidgetItem(text)
            item.setData(LINK_ROLE, (link.id, link.title))
            if link.late:
                item.setForeground(theme.ink("#8b0000"))
                item.setToolTip("Past its end date and not done")
            self.links.addItem(item)

    def _layout_maker(
        self, objective: ObjectiveView, result: KeyResultView
    ) -> Callable[[float, float], TrendLayout]:
        today = self._today()

        def make(width: float, height: float) -> TrendLayout:
            frame = (
                result.id,
                result.baseline,
                result.target,
                objective.period_start,
                objective.period_end,
                today,
                result.unit,
                width,
                height,
            )
            added = self._added_since_kept(frame, result)
            if added is not None:
                _frame, _rows, drawn, columns = self._kept  # type: ignore[misc]
                if columns.add([(row.on_date, row.value) for row in added]):
                    drawn.update(id(row) for row in added)
                    self._kept = (frame, result.check_ins, drawn, columns)
                    return columns.layout(result.judgement.state)
            layout, columns = trend_columns(
                result.points,
                result.baseline,
                result.target,
                objective.period_start,
                objective.period_end,
                today,
                result.judgement.state,
                result.unit,
                width,
                height,
            )
            self._kept = None
            if columns is not None:
                drawn = {id(row) for row in result.check_ins}
                self._kept = (frame, result.check_ins, drawn, columns)
            return layout

        return make

    def _added_since_kept(self, frame: tuple, result: KeyResultView) -> list | None:
        """The check-ins added since the kept chart was laid out, when nothing else changed
        (an edited or removed check-in, or another box, lays the chart out again: None).

        Rows the page did not read again are the same objects (``with_check_ins_refreshed``),
        so object identity tells the new ones from the drawn ones without comparing values.
        """
        if self._kept is None or self._kept[0] != frame:
            return None
        _frame, rows, drawn, _columns = self._kept
        if rows is result.check_ins:
            return []
        added = [row for row in result.check_ins if id(row) not in drawn]
        if len(result.check_ins) - len(added) != len(rows):
            return None  # one was removed or read again (edited): draw it all
        return added

    def _suggested_date(self, objective: ObjectiveView) -> date:
        return min(max(self._today(), objective.period_start), objective.period_end)

    # -- gestures ------------------------------------------------------------------------------

    def add_from_entry(self) -> bool:
        if self.result is None:
            return False
        row = {
            "on_date": self.entry_date.text(),
            "value": self.entry_value.text(),
            "note": self.entry_note.text(),
            "source": self.entry_source.text(),
        }
        ok = actions.add_check_ins(self.controller, self.result.id, [row], self._today())
        if ok:  # ready for the next one; the source is usually the same
            self.entry_value.clear()
            self.entry_note.clear()
            self.entry_value.setFocus()
        return ok

    def paste(self, text: str | None = None) -> bool:
        """Add the pasted rows (dates and values from a spreadsheet) as one step."""
        from pmdesk.workspaces.goals import io

        if self.result is None:
            return False
        text = QApplication.clipboard().text() if text is None else text
        try:
            rows = io.parse_pasted(text)
        except PmdeskError as error:
            self.controller.failed.emit(str(error))
            return False
        return actions.add_check_ins(self.controller, self.result.id, rows, self._today())

    def _edit_cell(self, check_in_id: str, field: str, text: str) -> bool:
        return actions.set_check_in(self.controller, check_in_id, field, text, self._today())

    def selected_check_ins(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.table_model.check_in(row).id for row in rows]

    def delete_selected(self) -> bool:
        ids = self.selected_check_ins()
        if not ids or self.result is None:
            return False
        return actions.delete_check_ins(self.controller, self.result.id, ids)

    def link(self) -> bool:
        from pmdesk.workspaces.goals.qt import dialogs as ask

        if self.result is None:
            return False
        linked = {link.target_id for link in self.result.links}
        choices = [c for c in work_choices(self.controller.session) if c[2] not in linked]
        picked = ask.choose_work(self, choices)
        if picked is None:
            return False
        kind, title, target = picked
        return actions.link_work(self.controller, self.result.id, kind, target, title)

    def unlink(self) -> bool:
        item = self.links.currentItem()
        if item is None:
            return False
        link_id, title = item.data(LINK_ROLE)
        return actions.unlink_work(self.controller, link_id, title)
