"""The strategy canvas tab: the value-curve chart (drag a point to change it), the table beside
it, and the ERRC grid. The chart is the briefing's own matplotlib figure, embedded through
matplotlib's Qt backend, which is imported here only, when the Strategy page is first opened.
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
    QMenu,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.domain.project import get_project
from pmdesk.gui import dialogs
from pmdesk.gui.document import Change, DocumentController
from pmdesk.workspaces.competition.model import Criterion
from pmdesk.workspaces.strategy import canvas as rules
from pmdesk.workspaces.strategy import query
from pmdesk.workspaces.strategy.canvas import Canvas, CurveView
from pmdesk.workspaces.strategy.chart.canvas import (
    ACTION_COLOURS,
    canvas_layout,
    draw_canvas,
    save_figure,
)
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
    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.controller = controller
        self.editor = CanvasActions(controller)
        self.canvas = Canvas((), ())
        self.lines: dict[str, Any] = {}
        self._drag: tuple[str, int, int] | None = None  # curve id, factor index, gesture
        self._background: Any = None  # the picture without its lines, for fast redraws

        self.figure = Figure(figsize=(9, 4.6), layout="constrained")
        self.chart = FigureCanvasQTAgg(self.figure)
        self.chart.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.chart.setMinimumHeight(320)
        self.chart.mpl_connect("button_press_event", self._press)
        self.chart.mpl_connect("motion_notify_event", self._motion)
        self.chart.mpl_connect("button_release_event", self._release)
        self.chart.mpl_connect("draw_event", self._drawn)

        self.model = CanvasTableModel(self.editor, self)
        self.proxy = QSortFilterProxyModel(self)  # the PM's order is the order: no sorting
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
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
        split.addWidget(self.chart)
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

        controller.changed.connect(self._changed)
        self.refresh()

    # -- toolbar -------------------------------------------------------------------------------

    def _build_toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setSpacing(6)
        self.add_factor_button = _button("Add factor")
        factor_menu = QMenu(self.add_factor_button)
        factor_menu.addAction("New factor…", self.ask_new_factor)
        factor_menu.addAction("New factor no competitor offers (create)…", self.ask_created)
        self.matrix_menu = factor_menu.addMenu("From the competitive matrix")
        self.matrix_menu.aboutToShow.connect(self._fill_matrix_menu)
        self.add_factor_button.setMenu(factor_menu)
        self.add_factor_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.left_button = _button("◀ Move left", lambda: self.move_selected(-1))
        self.right_button = _button("Move right ▶", lambda: self.move_selected(1))
        self.remove_button = _button("Remove factor", self.remove_selected)
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
        for button in editing:
            button.setEnabled(not self.controller.read_only)
            bar.addWidget(button)
        bar.addStretch(1)
        hint = QLabel("Drag a point to change its level; ringed points were set by hand.")
        hint.setStyleSheet("color: #6b7480;")
        bar.addWidget(hint)
        bar.addWidget(self.export_button)
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
        from pmdesk.workspaces.strategy.chart.canvas import canvas_figure

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
        if self._update_lines(previous) and self._background is not None:
            self._blit_lines()
            return
        self.lines = draw_canvas(self.figure, self.canvas)
        # Lines are "animated": a full draw leaves them out, and _drawn keeps that picture as
        # the background they are drawn over. A level change then redraws the lines only.
        for line in self.lines.values():
            line.set_animated(True)
        self._background = None
        self.chart.draw_idle()

    def _drawn(self, _event: Any) -> None:
        self._background = self.chart.copy_from_bbox(self.figure.bbox)
        self._draw_lines()

    def _draw_lines(self) -> None:
        for line in self.lines.values():
            line.axes.draw_artist(line)

    def _blit_lines(self) -> None:
        self.chart.restore_region(self._background)
        self._draw_lines()
        self.chart.blit(self.figure.bbox)

    def _update_lines(self, previous: Canvas) -> bool:
        """Move the points of existing lines when only levels changed (the drag case): far
        cheaper than drawing the picture again."""
        same = (
            previous.factors == self.canvas.factors
            and len(previous.curves) == len(self.canvas.curves)
            and all(
                _looks(a) == _looks(b)
                for a, b in zip(previous.curves, self.canvas.curves, strict=True)
            )
        )
        if not same or not self.lines:
            return False
        for curve in self.canvas.curves:
            line = self.lines.get(curve.id)
            if line is not None:
                line.set_ydata(curve.levels)
        return True

    # -- dragging a point ----------------------------------------------------------------------

    def _press(self, event: Any) -> None:
        # A read-only canvas shows as points that do not follow the mouse, not as refusals.
        if self.controller.read_only or event.button != 1 or event.inaxes is None:
            return
        best: tuple[float, str, int] | None = None
        for curve_id, line in self.lines.items():
            hit, info = line.contains(event)
            if not hit:
                continue
            xs, ys = line.get_xdata(), line.get_ydata()
            for index in info.get("ind", []):
                x, y = line.get_transform().transform((xs[index], ys[index]))
                distance = (x - event.x) ** 2 + (y - event.y) ** 2
                if best is None or distance < best[0]:
                    best = (distance, curve_id, int(index))
        if best is not None:
            self._drag = (best[1], best[2], next_drag_number())
            self.chart.setCursor(Qt.CursorShape.SizeVerCursor)

    def _motion(self, event: Any) -> None:
        if self._drag is None or event.ydata is None:
            return
        curve_id, index, gesture = self._drag
        level = canvas_layout(self.canvas).level_at(event.ydata)
        curve = self.canvas.curve(curve_id)
        if curve.levels[index] != level:
            self.editor.set_level(curve, self.canvas.factors[index].id, level, drag=gesture)

    def _release(self, _event: Any) -> None:
        if self._drag is not None:
            self._drag = None
            self.chart.unsetCursor()
            self.refresh()  # a hand-set future point gets its ring now


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
            title.setStyleSheet(f"color: {colour}; font-weight: 700; letter-spacing: 1px;")
            title.setToolTip(ERRC_QUESTIONS[action])
            body = QLabel()
            body.setWordWrap(True)
            body.setTextFormat(Qt.TextFormat.RichText)
            body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            body.setStyleSheet("color: #1f2933;")
            inner.addWidget(title)
            inner.addWidget(body, 1)
            self.lists[action] = body
            grid.addWidget(box, row, column)

    def show_canvas(self, canvas: Canvas) -> None:
        today = canvas.today()
        for action, label in self.lists.items():
            items = []
            for index, factor in enumerate(canvas.factors):
                if factor.action != action:
                    continue
                now = today.levels[index] if today else None
                detail = "" if action == "eliminate" else f" {now} → {factor.target_level}"
                if action == "create":
                    detail = f" new, to {factor.target_level}"
                items.append(f"• {_escape(factor.name)}<span style='color:#6b7480'>{detail}</span>")
            label.setText("<br>".join(items) or "<span style='color:#98a1ad'>None yet</span>")

    def texts(self) -> dict[str, str]:
        return {action: label.text() for action, label in self.lists.items()}


def _looks(curve: CurveView) -> tuple[object, ...]:
    """Everything about a curve's line except its levels."""
    return (curve.id, curve.name, curve.colour, curve.shown, curve.adjusted)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _button(text: str, slot: Any = None) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    if slot is not None:
        button.clicked.connect(lambda _checked=False: slot())
    return button
