"""The Business case page: one initiative's assumptions on the left, what follows on the right.

Every field shows its value as the project stores it and takes what the PM types ("$1,299",
"3 %", "3 years"); the domain rules clean or refuse it, and a refused value springs back to
the stored one. The derived figures and the chart are recomputed from the file after each edit.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pmdesk.domain.project import COMMON_CURRENCIES, currency
from pmdesk.gui import theme
from pmdesk.gui.document import Change, DocumentController
from pmdesk.gui.hidden_changes import on_change
from pmdesk.gui.record_picker import RecordPicker
from pmdesk.gui.reveal import select_combo_item
from pmdesk.gui.text import show_line, show_plain_text
from pmdesk.gui.toolbar import OverflowRow
from pmdesk.workspaces.business_case import query
from pmdesk.workspaces.business_case.chart.layout import layout_cash
from pmdesk.workspaces.business_case.model import BusinessCase
from pmdesk.workspaces.business_case.money import (
    format_money,
    format_number,
    payback_text,
    roi_text,
)
from pmdesk.workspaces.business_case.qt import actions, dialogs
from pmdesk.workspaces.business_case.qt.chart_view import CashChartView

KINDS = frozenset(
    {
        "project",  # its currency
        "launches",
        "business_cases",
        "business_case_costs",
        "business_case_tiers",
        "business_case_scenarios",
        "roadmap_items",
        "roadmap_settings",
    }
)
# What the "For" picker lists: it is filled again only when one of these changed, since on a
# big roadmap it holds thousands of entries and a case's edits do not change them.
CHOICE_KINDS = frozenset({"launches", "roadmap_items"})
ID_ROLE = Qt.ItemDataRole.UserRole
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
# (field, header) of each editable table; the value shown is formatted by _cell_text.
COST_COLUMNS = (("name", "One-off cost"), ("amount", "Amount"))
TIER_COLUMNS = (
    ("name", "Tier"),
    ("monthly_price", "Price a month"),
    ("mix_percent", "Mix"),
    ("source", "Source"),
    ("as_of", "As of"),
)
SCENARIO_COLUMNS = (
    ("customers_added", "Added a quarter"),
    ("churn_percent", "Churn a quarter"),
    ("price_percent", "Price achieved"),
    ("source", "Source"),
    ("as_of", "As of"),
)
MONEY_FIELDS = frozenset({"amount", "monthly_price", "monthly_rate"})
PERCENT_FIELDS = frozenset({"mix_percent", "churn_percent", "price_percent", "margin_percent"})
# field, label, placeholder
CASE_LINES = (
    ("title", "Title", ""),
    ("horizon_quarters", "Horizon (quarters)", "12, or “3 years”"),
    ("people", "People", "How many people build it"),
    ("months", "Months", "For how long"),
    ("monthly_rate", "Cost a person-month", "Salary and overhead"),
    ("margin_percent", "Gross margin", "Share of revenue kept after serving it"),
    ("source", "Source of the cost", "Who estimated it"),
    ("as_of", "As of", "2026-11-02"),
)


def shown(field: str, value: object, currency: str) -> str:
    """A stored value as the page shows it (and accepts it back)."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if field in MONEY_FIELDS:
        return format_money(float(value), currency, cents=not float(value).is_integer())
    if field in PERCENT_FIELDS:
        return f"{float(value):g} %"
    if isinstance(value, float):
        return format_number(value)
    return str(value)


class BusinessCasePage(QWidget):
    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.case_id: str | None = None
        self.view: query.CaseView | None = None
        self.row_buttons: dict[str, tuple[QPushButton, QPushButton]] = {}
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        heading = QLabel("Business case")
        heading.setObjectName("pageTitle")
        theme.style(heading, "page_title")
        top.addWidget(heading)
        self.chooser = QComboBox()
        self.chooser.setMinimumWidth(280)
        self.chooser.activated.connect(self._chosen)
        top.addWidget(self.chooser, 1)
        self.add_button = QPushButton("Add Business Case…")
        self.add_button.clicked.connect(self._add_case)
        self.delete_button = QPushButton("Delete")
        self.delete_button.clicked.connect(self._delete_case)
        # One row of actions, "Add" first; what does not fit waits in its "More" menu.
        self.actions_row = OverflowRow()
        self.actions_row.add(self.add_button)
        self.actions_row.add(self.delete_button)
        top.addWidget(self.actions_row)
        top.addWidget(QLabel("Currency"))
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)  # the file keeps codes
        self.currency.addItems(list(COMMON_CURRENCIES))
        self.currency.lineEdit().editingFinished.connect(self._currency_edited)
        self.currency.activated.connect(lambda _index: self._currency_edited())
        top.addWidget(self.currency)
        layout.addLayout(top)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._assumptions())
        splitter.addWidget(self._results())
        splitter.setSizes([560, 440])
        layout.addWidget(splitter, 1)
        self._choices_listed = False
        on_change(controller, self, self._refresh_if_touched)
        self.refresh()

    # -- building ------------------------------------------------------------------------------

    def _assumptions(self) -> QWidget:
        tabs = QTabWidget()
        body = QWidget()
        column = QVBoxLayout(body)
        box = QGroupBox("Initiative and development cost")
        form = QFormLayout(box)
        self.lines: dict[str, QLineEdit] = {}
        self.item = RecordPicker(
            none_label="No initiative",
            placeholder="Type to find a launch or item",
            noun="launch or roadmap item",
        )
        # Long initiative names are elided in the box, whole in its tooltip and its list.
        self.item.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.item.setMinimumContentsLength(18)
        self.item.currentIndexChanged.connect(lambda i: self.item.setToolTip(self.item.itemText(i)))
        self.item.editing_finished.connect(self._initiative_chosen)
        self.first_quarter = QComboBox()
        self.first_quarter.activated.connect(
            lambda _i: self._case_edited("first_quarter", self.first_quarter.currentData())
        )
        for field, label, hint in CASE_LINES:
            editor = QLineEdit()
            editor.setPlaceholderText(hint)
            editor.editingFinished.connect(lambda field=field: self._line_edited(field))
            self.lines[field] = editor
            form.addRow(label, editor)
            if field == "title":
                form.addRow("For", self.item)
                form.addRow("First quarter", self.first_quarter)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(60)
        self.notes.textChanged.connect(lambda: self._case_edited("notes", self.notes.toPlainText()))
        form.addRow("Notes", self.notes)
        column.addWidget(box)
        self.costs = self._table(COST_COLUMNS, "cost")
        column.addWidget(self._table_box("One-off costs", self.costs, "cost"))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        tabs.addTab(scroll, "Cost")
        self.tiers = self._table(TIER_COLUMNS, "tier")
        self.mix_label = QLabel()
        tabs.addTab(self._table_box("", self.tiers, "tier", self.mix_label), "Price tiers")
        self.scenarios = self._table(SCENARIO_COLUMNS, "scenario")
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.scenarios)
        hint = QLabel(
            "Each quarter, customers = last quarter's × (1 − churn) + customers added; revenue = "
            "customers × the tiers' blended price × the price achieved."
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        tabs.addTab(page, "Forecast")
        self.assumptions = tabs
        return tabs

    def _table(self, columns: tuple[tuple[str, str], ...], kind: str) -> QTableWidget:
        table = QTableWidget(0, len(columns))
        table.setHorizontalHeaderLabels([header for _field, header in columns])
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setVisible(kind == "scenario")
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.setMinimumHeight(110)
        table.itemChanged.connect(
            lambda item, kind=kind, columns=columns: self._cell_edited(kind, columns, item)
        )
        return table

    def _table_box(
        self, title: str, table: QTableWidget, kind: str, extra: QLabel | None = None
    ) -> QWidget:
        box = QGroupBox(title) if title else QWidget()
        layout = QVBoxLayout(box)
        layout.addWidget(table)
        row = QHBoxLayout()
        add = QPushButton("Add Cost…" if kind == "cost" else "Add Tier…")
        add.clicked.connect(lambda: self._add_row(kind))
        remove = QPushButton("Delete")
        remove.clicked.connect(lambda: self._remove_row(kind, table))
        row.addWidget(add)
        row.addWidget(remove)
        if extra is not None:
            row.addWidget(extra, 1)
        row.addStretch(1)
        layout.addLayout(row)
        self.row_buttons[kind] = (add, remove)
        return box

    def _results(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary)
        self.results = QTableWidget(0, 5)
        self.results.setHorizontalHeaderLabels(
            ["Scenario", "Revenue", "Payback", "ROI", "Break-even"]
        )
        self.results.verticalHeader().setVisible(False)
        self.results.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.results.setMaximumHeight(130)
        layout.addWidget(self.results)
        self.chart = CashChartView()
        layout.addWidget(self.chart, 1)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setObjectName("warning")
        layout.addWidget(self.warnings)
        self.assumption_note = QLabel(
            "Every figure on the left is an assumption: give each its source and date. "
            "The results follow from them."
        )
        self.assumption_note.setWordWrap(True)
        layout.addWidget(self.assumption_note)
        return panel

    # -- showing -------------------------------------------------------------------------------

    def _refresh_if_touched(self, change: Change) -> None:
        if any(change.touches(kind) for kind in CHOICE_KINDS):
            self._choices_listed = False
        if any(change.touches(kind) for kind in KINDS):
            self.refresh()

    def refresh(self) -> None:
        session = self.controller.session
        found = query.cases(session)
        ids = [case_id for case_id, _title in found]
        if self.case_id not in ids:
            self.case_id = ids[0] if ids else None
        self.chooser.clear()
        for case_id, title in found:
            self.chooser.addItem(title, case_id)
        self.chooser.setCurrentIndex(max(0, self.chooser.findData(self.case_id)))
        self.view = query.load_case(session, self.case_id) if self.case_id else None
        code = self.view.currency if self.view else currency(session)
        self.currency.setCurrentText(code)
        self._show_case()
        self._apply_read_only()

    def _show_case(self) -> None:
        view = self.view
        self.assumptions.setEnabled(view is not None)
        if view is None:
            self.summary.setText("No business case yet. Make one for an initiative on the roadmap.")
            for table in (self.costs, self.tiers, self.scenarios, self.results):
                table.setRowCount(0)
            self.chart.show_layout(None)
            self.warnings.setText("")
            return
        for field, editor in self.lines.items():
            text = shown(
                field,
                getattr(view, "horizon" if field == "horizon_quarters" else field),
                view.currency,
            )
            show_line(editor, text)
        show_plain_text(self.notes, view.notes)
        self._fill_items(view)
        self._fill_quarters(view)
        self._fill(self.costs, COST_COLUMNS, view.costs, view.currency)
        self._fill(self.tiers, TIER_COLUMNS, view.tiers, view.currency)
        self._fill(self.scenarios, SCENARIO_COLUMNS, view.scenarios, view.currency)
        self.scenarios.setVerticalHeaderLabels([s.label for s in view.scenarios])
        self.mix_label.setText(f"Mix adds up to {view.mix_total:g} %")
        self._show_results(view)

    def _fill_items(self, view: query.CaseView) -> None:
        if not self._choices_listed:
            choices = query.initiative_choices(self.controller.session)
            self.item.set_choices([(label, key) for key, label in choices])
            self._choices_listed = True
        self.item.set_key(view.initiative_key)

    def _fill_quarters(self, view: query.CaseView) -> None:
        self.first_quarter.clear()
        for day, label in query.quarter_choices(self.controller.session, view.first_quarter):
            # ISO text as the data: findData cannot compare Python dates.
            self.first_quarter.addItem(f"{label} (from {day.isoformat()})", day.isoformat())
        found = self.first_quarter.findData(view.first_quarter.isoformat())
        self.first_quarter.setCurrentIndex(max(0, found))

    def _fill(self, table: QTableWidget, columns, rows, currency: str) -> None:
        table.blockSignals(True)
        table.setRowCount(len(rows))
        for row_number, row in enumerate(rows):
            for column, (field, _header) in enumerate(columns):
                item = QTableWidgetItem(shown(field, getattr(row, field), currency))
                item.setData(ID_ROLE, row.id)
                if self.controller.read_only:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if field in MONEY_FIELDS or field in PERCENT_FIELDS or field == "customers_added":
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                table.setItem(row_number, column, item)
        table.resizeColumnsToContents()
        table.blockSignals(False)

    def _show_results(self, view: query.CaseView) -> None:
        money = view.currency
        team = (
            f"{format_number(view.people)} people × {format_number(view.months)} months × "
            f"{format_money(view.monthly_rate, money)}"
        )
        item = f" for {view.initiative}" if view.initiative else ""
        self.summary.setText(
            f"Development cost{item}: {format_money(view.cost, money)} "
            f"({team} + {format_money(view.cost - view.team_cost, money)} one-off). "
            f"Forecast from {view.quarter_labels[0]} to {view.quarter_labels[-1]}."
        )
        self.results.setRowCount(len(view.scenarios))
        for row, scenario in enumerate(view.scenarios):
            result = scenario.outcome
            cells = [
                scenario.label,
                format_money(result.revenue, money, short=True),
                payback_text(result.payback_months),
                roi_text(result.roi),
                view.break_even_label(scenario) or "–",
            ]
            for column, text in enumerate(cells):
                result = QTableWidgetItem(text)
                result.setFlags(result.flags() & ~Qt.ItemFlag.ItemIsEditable)  # worked out
                self.results.setItem(row, column, result)
        outcomes = [(s.kind, s.label, s.outcome) for s in view.scenarios]
        self.chart.show_layout(layout_cash(outcomes, view.quarter_labels, money))
        self.warnings.setText("\n".join(view.warnings()))

    def _apply_read_only(self) -> None:
        read_only = self.controller.read_only
        for editor in self.lines.values():
            editor.setReadOnly(read_only)
        self.notes.setReadOnly(read_only)
        for widget in (self.item, self.first_quarter, self.currency, self.add_button):
            widget.setEnabled(not read_only)
        self.delete_button.setEnabled(not read_only and self.case_id is not None)
        triggers = (
            QTableWidget.EditTrigger.NoEditTriggers
            if read_only
            else QTableWidget.EditTrigger.DoubleClicked
            | QTableWidget.EditTrigger.EditKeyPressed
            | QTableWidget.EditTrigger.AnyKeyPressed
        )
        for table in (self.costs, self.tiers, self.scenarios):
            table.setEditTriggers(triggers)
        for buttons in self.row_buttons.values():
            for button in buttons:
                button.setEnabled(not read_only)

    # -- gestures ------------------------------------------------------------------------------

    def _chosen(self, index: int) -> None:
        self.case_id = self.chooser.itemData(index)
        self.refresh()

    def _currency_edited(self) -> None:
        code = self.currency.currentText().strip().upper()
        if self.view is not None and code == self.view.currency:
            return
        if not actions.set_currency(self.controller, code):
            self.refresh()

    def _case_edited(self, field: str, value: object) -> None:
        if self.case_id is None or self.view is None:
            return
        if field == "first_quarter" and value == self.view.first_quarter.isoformat():
            return
        if not actions.set_case_field(self.controller, self.case_id, field, value):
            self._show_case()  # a refused value springs back to the stored one

    def _initiative_chosen(self) -> None:
        if self.case_id is None or self.view is None:
            return
        key = self.item.key()
        if key != self.view.initiative_key and not actions.set_initiative(
            self.controller, self.case_id, key
        ):
            self._show_case()

    def _line_edited(self, field: str) -> None:
        if self.view is None:
            return
        text = self.lines[field].text()
        current = getattr(self.view, "horizon" if field == "horizon_quarters" else field)
        if text == shown(field, current, self.view.currency):
            return  # leaving a field unchanged is not an edit
        self._case_edited(field, text)

    def _cell_edited(self, kind: str, columns, item: QTableWidgetItem) -> None:
        field = columns[item.column()][0]
        if not actions.set_row_field(self.controller, kind, item.data(ID_ROLE), field, item.text()):
            self.refresh()

    def _add_case(self) -> None:
        session = self.controller.session
        answer = dialogs.ask_new_case(self, query.initiative_choices(session))
        if answer is None:
            return
        title, initiative = answer
        case_id = actions.add_case(self.controller, title, date.today(), initiative)
        if case_id is not None:
            self.case_id = case_id
            self.refresh()

    def _delete_case(self) -> None:
        if self.view is None:
            return
        # No question: the delete is one undo step, and Edit › Undo names what went.
        actions.delete_case(self.controller, self.view.id)

    def _add_row(self, kind: str) -> None:
        if self.case_id is None:
            return
        answer = dialogs.ask_row(self, kind)
        if answer is None:
            return
        if kind == "cost":
            actions.add_cost(self.controller, self.case_id, *answer)
        else:
            actions.add_tier(self.controller, self.case_id, *answer)

    def _remove_row(self, kind: str, table: QTableWidget) -> None:
        item = table.currentItem()
        if item is not None:
            actions.remove_row(self.controller, kind, item.data(ID_ROLE))

    # -- find ----------------------------------------------------------------------------------

    def reveal(self, kind: str, record_id: str) -> bool:
        """Show a business case (its costs, tiers and scenarios are shown by it)."""
        return kind == BusinessCase.__tablename__ and select_combo_item(self.chooser, record_id)
