"""The strategy canvas tab: the value-curve chart (drag a point to change it), the table beside
it, and the ERRC grid. The chart is a ``QGraphicsScene`` drawn from the same Qt-free layout as
the briefing's matplotlib figure; matplotlib itself loads only when the PM exports a picture.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QScrollBar,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.domain.project import get_project
from pmdesk.gui import dialogs, theme
from pmdesk.gui.document import Change, DocumentController
from pmdesk.gui.hidden_changes import on_change
from pmdesk.gui.measured_header import MeasuredHeader
from pmdesk.gui.toolbar import ElidedLabel, OverflowRow
from pmdesk.workspaces.competition.model import Criterion
from pmdesk.workspaces.strategy import canvas as rules
from pmdesk.workspaces.strategy import query
from pmdesk.workspaces.strategy.canvas import Canvas
from pmdesk.workspaces.strategy.chart.canvas import ACTION_COLOURS
from pmdesk.workspaces.strategy.chart.errc import errc_entries
from pmdesk.workspaces.strategy.model import (
    ACTIONS,
    COMPETITOR,
    FUTURE,
    TODAY,
    CanvasCurve,
    CanvasFactor,
    CanvasLevel,
)
from pmdesk.workspaces.strategy.qt import dialogs as ask
from pmdesk.workspaces.strategy.qt.actions import CanvasActions, next_drag_number
from pmdesk.workspaces.strategy.qt.canvas_model import CanvasTableModel
from pmdesk.workspaces.strategy.qt.canvas_scene import CanvasChartView
from pmdesk.workspaces.strategy.qt.delegates import ActionDelegate

# The canvas redraws for its own records, and for the matrix's criteria its factors come from
# (a removed criterion leaves its factor marked as the canvas's own).
CANVAS_KINDS = frozenset(
    {
        CanvasFactor.__tablename__,
        CanvasCurve.__tablename__,
        CanvasLevel.__tablename__,
        Criterion.__tablename__,
    }
)

# The classic ERRC grid: what to cut on the left, what to add on the right.
ERRC_PLACES = {"eliminate": (0, 0), "raise": (0, 1), "reduce": (1, 0), "create": (1, 1)}
ERRC_QUESTIONS = {
    "eliminate": "Which factors the industry takes for granted should be eliminated?",
    "raise": "Which factors should be raised well above the industry's standard?",
    "reduce": "Which factors should be reduced well below the industry's standard?",
    "create": "Which factors should be created that the industry has never offered?",
}


class CanvasView(QWidget):
    def __init__(
        self, controller: DocumentController, parent: QWidget | None = None, *, load: bool = True
    ) -> None:
        """``load=False`` leaves the canvas to a first :meth:`refresh` by the caller, once the
        view is in its place: every move of a filled table into another widget had its
        headers measure hundreds of rows again."""
        super().__init__(parent)
        self.controller = controller
        self.editor = CanvasActions(controller)
        self.canvas = Canvas((), ())
        self._gesture = 0  # the drag in progress: its level changes merge into one undo step

        self.chart = CanvasChartView()
        self.chart.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.chart.setMinimumHeight(320)
        self.chart.editable = not controller.read_only
        self.chart.drag_started.connect(self._drag_started)
        self.chart.point_dragged.connect(self._point_dragged)
        self.chart.curve_selected.connect(self._curve_chosen)
        self.chart.window_changed.connect(self._window_changed)
        # More factors than fit side by side: the scroll bar (and the wheel) reach the rest.
        self.factor_scroll = QScrollBar(Qt.Orientation.Horizontal)
        self.factor_scroll.valueChanged.connect(self.chart.set_first)
        self.factor_range = QLabel()
        self.factor_range.setObjectName("canvasFactorRange")
        self.factor_range.setStyleSheet(theme.css("color: #6b7480;"))
        scroll_row = QHBoxLayout()
        scroll_row.setContentsMargins(0, 0, 0, 0)
        scroll_row.addWidget(self.factor_scroll, 1)
        scroll_row.addWidget(self.factor_range)
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.setSpacing(2)
        chart_layout.addWidget(self.chart, 1)
        chart_layout.addLayout(scroll_row)

        self.model = CanvasTableModel(self.editor, self)
        self.proxy = QSortFilterProxyModel(self)  # the PM's order is the order: no sorting
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        # Headers that measure a few sections for their size, not two hundred at each reset.
        for header in (
            MeasuredHeader(Qt.Orientation.Horizontal, self.table),
            MeasuredHeader(Qt.Orientation.Vertical, self.table),
        ):
            header.setSectionsClickable(True)  # as the table's own: a click selects
            header.setHighlightSections(True)
            if header.orientation() == Qt.Orientation.Horizontal:
                self.table.setHorizontalHeader(header)
            else:
                self.table.setVerticalHeader(header)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setItemDelegateForColumn(1, ActionDelegate(self.table))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.errc = ErrcGrid()

        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self.table)
        bottom.addWidget(self.errc)
        bottom.setStretchFactor(0, 3)
        bottom.setStretchFactor(1, 2)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(chart_box)
        split.addWidget(bottom)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([440, 340])
        bottom.setSizes([650, 430])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(self._build_toolbar())
        layout.addWidget(split, 1)

        on_change(controller, self, self._changed)
        self.table.selectionModel().currentChanged.connect(self._cell_chosen)
        if load:
            self.refresh()

    # -- toolbar -------------------------------------------------------------------------------

    def _build_toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setSpacing(6)
        self.add_factor_button = _button("Add Factor")
        factor_menu = QMenu(self.add_factor_button)
        factor_menu.addAction("New factor…", self.ask_new_factor)
        factor_menu.addAction("New factor no competitor offers (create)…", self.ask_created)
        self.matrix_menu = factor_menu.addMenu("From the competitive matrix")
        self.matrix_menu.aboutToShow.connect(self._fill_matrix_menu)
        self.add_factor_button.setMenu(factor_menu)
        self.add_factor_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.left_button = _button("◀ Move left", lambda: self.move_selected(-1))
        self.right_button = _button("Move right ▶", lambda: self.move_selected(1))
        self.remove_button = _button("Delete Factor", self.remove_selected)
        self.curve_button = _button("Curves")
        self.curve_menu = QMenu(self.curve_button)
        self.curve_menu.aboutToShow.connect(self._fill_curve_menu)
        self.curve_button.setMenu(self.curve_menu)
        self.curve_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.reset_button = _button("Reset future curve", self.editor.reset_future)
        self.reset_button.setToolTip("Drop hand adjustments: the future is today plus ERRC again.")
        self.export_button = _button("Export…", self.export)
        editing = [self.add_factor_button, self.left_button, self.right_button]
        editing += [self.remove_button, self.curve_button, self.reset_button]
        # One row of actions, "Add" first; what does not fit waits in its "More" menu.
        self.actions_row = OverflowRow()
        for button in editing:
            button.setEnabled(not self.controller.read_only)
            self.actions_row.add(button)
        self.actions_row.add_spacing(12)
        self.actions_row.add(self.export_button)
        hint = ElidedLabel("Drag a point to change its level; ringed points were set by hand.")
        hint.setStyleSheet(theme.css("color: #6b7480;"))
        bar.addWidget(self.actions_row)
        bar.addWidget(hint, 1)
        return bar

    def ask_new_factor(self) -> None:
        name = dialogs.ask_text(self, "Add Factor", "What do competitors compete on?")
        if name is not None:
            self.editor.add_factor(name, self._insert_index())

    def ask_created(self) -> None:
        name = dialogs.ask_text(self, "Create a Factor", "A factor no competitor offers:")
        if name is not None:
            self.editor.create_factor(name)

    def _fill_matrix_menu(self) -> None:
        self.matrix_menu.clear()
        used = {f.criterion_id for f in self.canvas.factors if f.criterion_id}
        rows = query.matrix_criteria(self.controller.session)
        for criterion_id, name in rows:
            action = self.matrix_menu.addAction(name)
            action.setEnabled(criterion_id not in used)
            action.triggered.connect(
                lambda _=False, c=criterion_id, n=name: self.editor.add_factor(n, None, c)
            )
        if not rows:
            self.matrix_menu.addAction("The competitive matrix has no criteria yet").setEnabled(
                False
            )

    def _fill_curve_menu(self) -> None:
        menu = self.curve_menu
        menu.clear()
        for curve in self.canvas.curves:
            action = menu.addAction(curve.name)
            action.setCheckable(True)
            action.setChecked(curve.shown)
            action.toggled.connect(lambda on, c=curve.id: self.editor.set_shown(c, on))
        menu.addSeparator()
        roles = {c.role for c in self.canvas.curves}
        if TODAY not in roles:
            menu.addAction("Add our product today", lambda: self._add_curve(TODAY))
        if FUTURE not in roles:
            menu.addAction("Add our future curve", lambda: self._add_curve(FUTURE))
        add = menu.addMenu("Add competitor")
        session = self.controller.session
        linked = query.linked_competitor_ids(session)
        for competitor_id, name in query.competitors(session):
            action = add.addAction(name)
            action.setEnabled(competitor_id not in linked)
            action.triggered.connect(
                lambda _=False, c=competitor_id, n=name: self.editor.add_curve(n, COMPETITOR, c)
            )
        add.addAction("Other competitor…", lambda: self._add_curve(COMPETITOR))
        remove = menu.addMenu("Remove curve")
        for curve in self.canvas.curves:
            remove.addAction(curve.name, lambda c=curve.id: self.editor.remove_curve(c))

    def _add_curve(self, role: str) -> None:
        defaults = {TODAY: "Our product today", FUTURE: "Our product next year"}
        name = dialogs.ask_text(self, "Add Curve", "Name of the curve:", defaults.get(role, ""))
        if name is not None:
            self.editor.add_curve(name, role)

    def _selected_rows(self) -> list[int]:
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return sorted(rows)

    def _insert_index(self) -> int | None:
        rows = self._selected_rows()
        return rows[-1] + 1 if rows else None

    def move_selected(self, step: int) -> None:
        rows = self._selected_rows()
        if len(rows) != 1:
            return
        row = rows[0]
        target = row + step
        if not 0 <= target < len(self.canvas.factors):
            return
        if self.editor.move_factor(self.canvas.factors[row].id, row, target):
            self.table.selectRow(target)

    def remove_selected(self) -> None:
        ids = [self.canvas.factors[row].id for row in self._selected_rows()]
        if ids:
            self.editor.remove_factors(ids)

    def export(self) -> None:
        from pmdesk.workspaces.strategy.chart.canvas import canvas_figure, save_figure

        path = ask.choose_strategy_image(self, "strategy-canvas.png")
        if path is None:
            return
        try:
            product = get_project(self.controller.session).name
            save_figure(canvas_figure(self.canvas, f"Strategy canvas — {product}"), path)
        except (OSError, ValueError) as error:
            dialogs.show_error(self, "Export", f"The canvas could not be saved: {error}.")

    # -- refresh -------------------------------------------------------------------------------

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        for column, width in enumerate((175, 74, 50)):
            header.resizeSection(column, width)
        for column in range(3, self.model.columnCount()):
            header.resizeSection(column, 104)

    def _changed(self, change: Change) -> None:
        if any(change.touches(kind) for kind in CANVAS_KINDS):
            self.refresh()

    def refresh(self) -> None:
        previous = self.canvas
        self.canvas = rules.load_canvas(self.controller.session)
        reset = len(self.canvas.curves) != len(previous.curves) or not previous.factors
        self.model.set_canvas(self.canvas)
        if reset:
            self._size_columns()
        self.errc.show_canvas(self.canvas)
        self.chart.show_canvas(self.canvas)

    # -- the chart -----------------------------------------------------------------------------

    def _drag_started(self) -> None:
        self._gesture = next_drag_number()

    def _point_dragged(self, curve_id: str, index: int, level: int) -> None:
        curve = self.canvas.curve(curve_id)
        self.editor.set_level(curve, self.canvas.factors[index].id, level, drag=self._gesture)

    def _curve_chosen(self, curve_id: str | None, index: int) -> None:
        """A curve chosen on the chart (at factor ``index``, or -1 from the legend) is the
        table's current cell too, without scrolling the chart away from it."""
        column = self.model.column_of(curve_id) if curve_id is not None else None
        if column is None or not self.model.rowCount():
            return
        row = index if index >= 0 else self.chart.frame.first
        current = self.table.currentIndex()
        if index < 0 and current.isValid() and self.chart.frame.shows(current.row()):
            row = self.proxy.mapToSource(current).row()
        self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, column)))

    def _cell_chosen(self, current: Any, _previous: Any = None) -> None:
        """Choosing a cell in the table shows its factor on the chart and picks its curve."""
        if not current.isValid():
            return
        source = self.proxy.mapToSource(current)
        self.chart.ensure_visible(source.row())
        curve = self.model.curve_at(source.column())
        if curve is not None:
            self.chart.select_curve(curve.id)

    def _window_changed(self) -> None:
        frame = self.chart.frame
        hidden = frame.total - frame.count
        self.factor_scroll.blockSignals(True)
        self.factor_scroll.setRange(0, max(hidden, 0))
        self.factor_scroll.setPageStep(max(frame.count, 1))
        self.factor_scroll.setValue(frame.first)
        self.factor_scroll.blockSignals(False)
        self.factor_scroll.setVisible(hidden > 0)
        self.factor_range.setVisible(hidden > 0)
        if hidden > 0:
            self.factor_range.setText(f"Factors {frame.first + 1}–{frame.last} of {frame.total}")


class ErrcGrid(QFrame):
    """Eliminate, raise, reduce, create: each factor listed under its action, with its target."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        self.lists: dict[str, QLabel] = {}
        for action, (row, column) in ERRC_PLACES.items():
            colour = ACTION_COLOURS[action]
            box = QFrame()
            box.setObjectName("errcBox")
            tint = QColor(colour)
            fill = f"rgba({tint.red()}, {tint.green()}, {tint.blue()}, 18)"
            edge = f"rgba({tint.red()}, {tint.green()}, {tint.blue()}, 90)"
            box.setStyleSheet(
                f"QFrame#errcBox {{ background: {fill}; border: 1px solid {edge};"
                " border-radius: 6px; }"
            )
            inner = QVBoxLayout(box)
            inner.setContentsMargins(10, 8, 10, 8)
            inner.setSpacing(2)
            title = QLabel(ACTIONS[action].upper())
            ink = theme.ink_css(colour, on=theme.card())  # reads on the box's own tint
            title.setStyleSheet(f"color: {ink}; font-weight: 700; letter-spacing: 1px;")
            title.setToolTip(ERRC_QUESTIONS[action])
            # A list view, not a label: it lays out only the lines in sight, so a canvas of
            # hundreds of factors opens as fast as a small one, and a long list scrolls.
            body = QListWidget()
            body.setObjectName("errcList")
            body.setFrameShape(QFrame.Shape.NoFrame)
            body.setWordWrap(True)
            body.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
            body.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            body.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            body.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
            body.setStyleSheet("QListWidget#errcList { background: transparent; }")
            inner.addWidget(title)
            inner.addWidget(body, 1)
            self.lists[action] = body
            grid.addWidget(box, row, column)

    def show_canvas(self, canvas: Canvas) -> None:
        for action, entries in errc_entries(canvas).items():
            body = self.lists[action]
            if entries == self.texts()[action].splitlines():
                continue  # nothing moved here: keep the list where the PM scrolled it
            body.clear()
            body.addItems([f"• {entry}" for entry in entries])
            if not entries:
                empty = QListWidgetItem("None yet")
                empty.setForeground(theme.ink("#98a1ad"))
                body.addItem(empty)

    def texts(self) -> dict[str, str]:
        """Each action's lines as shown, without bullets ("" when none)."""
        shown: dict[str, str] = {}
        for action, body in self.lists.items():
            lines = [body.item(row).text() for row in range(body.count())]
            shown[action] = "\n".join(line[2:] for line in lines if line.startswith("• "))
        return shown


def _button(text: str, slot: Any = None) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    if slot is not None:
        button.clicked.connect(lambda _checked=False: slot())
    return button
