"""The Matrix tab: the table, its toolbar (add, remove, collapse, filter, staleness age) and the
evidence panel for the selected rating."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pmdesk.gui import theme
from pmdesk.gui.document import Change, DocumentController
from pmdesk.gui.hidden_changes import on_change
from pmdesk.gui.measured_header import MeasuredHeader
from pmdesk.gui.toolbar import OverflowRow
from pmdesk.workspaces.competition import cards, edit
from pmdesk.workspaces.competition.model import RATING_KINDS
from pmdesk.workspaces.competition.qt import actions
from pmdesk.workspaces.competition.qt.delegates import RatingDelegate
from pmdesk.workspaces.competition.qt.matrix_handlers import MatrixHandlers
from pmdesk.workspaces.competition.qt.matrix_model import ROW_KIND_ROLE, MatrixModel
from pmdesk.workspaces.competition.qt.matrix_table import MatrixTable

Index = QModelIndex | QPersistentModelIndex
COMPETITOR_COLUMN_WIDTH = 92


class CriterionFilter(QSortFilterProxyModel):
    """Keeps totals and category rows; filters criteria by name."""

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        pattern = self.filterRegularExpression()
        if not pattern.pattern():  # no filter: every row, without asking each for its kind
            return True
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if index.data(ROW_KIND_ROLE) != "criterion":
            return True
        return pattern.match(str(index.data())).hasMatch()


class MatrixPanel(MatrixHandlers, QWidget):
    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = MatrixModel(controller, self)
        self.proxy = CriterionFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.table = MatrixTable(controller)
        self.table.setObjectName("competitionMatrix")
        # A header that measures a few competitors' names for its height, not two hundred.
        header = MeasuredHeader(Qt.Orientation.Horizontal, self.table)
        header.setSectionsClickable(True)  # as the table's own: a click selects the column
        header.setHighlightSections(True)
        self.table.setHorizontalHeader(header)
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(RatingDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        # a block of cells, for copying to and pasting from a spreadsheet
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        # criteria are reordered by dragging their name onto another row or a category; the
        # mode comes first, since setting it switches dragging and dropping back on
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDragEnabled(not controller.read_only)
        self.table.setAcceptDrops(not controller.read_only)
        self.table.setDropIndicatorShown(True)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setAlternatingRowColors(False)
        self.table.setShowGrid(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(COMPETITOR_COLUMN_WIDTH)
        header.setMinimumSectionSize(56)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setSectionsMovable(not controller.read_only)  # drag a competitor's column
        header.sectionMoved.connect(self._column_moved)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self._size_fixed_columns()
        self.model.modelReset.connect(self._size_fixed_columns)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._show_evidence())

        self.add_competitor_button = QPushButton("Add Competitor")
        self.add_category_button = QPushButton("Add Category")
        self.add_criterion_button = QPushButton("Add Criterion")
        self.remove_button = QPushButton("Delete")
        self.import_button = QPushButton("Import CSV…")
        self.export_button = QPushButton("Export CSV…")
        self.import_button.clicked.connect(self.import_csv)
        self.export_button.clicked.connect(self.export_csv)
        self.import_button.setEnabled(not controller.read_only)
        self.collapse_button = QPushButton("Collapse all")
        self.expand_button = QPushButton("Expand all")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter criteria")
        self.filter.setClearButtonEnabled(True)
        self.filter.setMaximumWidth(220)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.stale_days = QSpinBox()
        self.stale_days.setRange(1, cards.STALE_AFTER_MAX)
        self.stale_days.setSuffix(" days")
        self.stale_days.setToolTip(
            "Ratings whose evidence is older than this show in grey italics."
        )
        self.stale_days.editingFinished.connect(self._stale_days_edited)
        self.add_competitor_button.clicked.connect(self.add_competitor)
        self.add_category_button.clicked.connect(self.add_category)
        self.add_criterion_button.clicked.connect(self.add_criterion)
        self.remove_button.clicked.connect(self.remove_selected)
        self.collapse_button.clicked.connect(lambda: self._collapse_all(True))
        self.expand_button.clicked.connect(lambda: self._collapse_all(False))
        self.actions_row = OverflowRow()
        for button in (
            self.add_competitor_button,
            self.add_category_button,
            self.add_criterion_button,
            self.remove_button,
        ):
            button.setEnabled(not controller.read_only)
            self.actions_row.add(button)
        self.actions_row.add_spacing(12)
        self.actions_row.add(self.collapse_button)
        self.actions_row.add(self.expand_button)
        self.actions_row.add_spacing(12)
        self.actions_row.add(self.import_button)
        self.actions_row.add(self.export_button)
        toolbar = QHBoxLayout()
        toolbar.addWidget(self.actions_row, 1)
        toolbar.addWidget(QLabel("Stale after"))
        toolbar.addWidget(self.stale_days)
        toolbar.addWidget(self.filter)
        self.stale_days.setEnabled(not controller.read_only)

        self.evidence = self._build_evidence_panel()
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addWidget(self.evidence)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(toolbar)
        layout.addLayout(body, 1)
        legend = QLabel(
            "Cells are coloured from weak (red) to strong (green). Grey italics: evidence older "
            "than the stale age. Double-click a category to collapse it; right-click for more."
        )
        legend.setObjectName("hint")
        legend.setWordWrap(True)  # a sentence: it wraps at laptop widths rather than clip
        legend.setStyleSheet(theme.css("color: #5b6575;"))
        layout.addWidget(legend)
        on_change(controller, self, self._on_changed)
        self._refresh_settings()
        self._show_evidence()

    def _size_fixed_columns(self) -> None:
        self.table.setColumnWidth(0, 212)
        self.table.setColumnWidth(1, 56)
        self.table.setColumnWidth(self.model.columnCount() - 1, 92)

    # -- evidence --------------------------------------------------------------------------------

    def _build_evidence_panel(self) -> QGroupBox:
        box = QGroupBox("Evidence")
        box.setFixedWidth(230)
        self.evidence_title = QLabel()
        self.evidence_title.setWordWrap(True)
        self.evidence_title.setStyleSheet("font-weight: 600;")
        self.source_edit = QLineEdit()
        self.source_edit.setPlaceholderText("Where the rating comes from")
        self.link_edit = QLineEdit()
        self.link_edit.setPlaceholderText("https://…")
        self.as_of_edit = QLineEdit()
        self.as_of_edit.setPlaceholderText("YYYY-MM-DD")
        self.stale_label = QLabel()
        self.stale_label.setStyleSheet(theme.css("color: #b45309;"))
        self.stale_label.setWordWrap(True)
        form = QFormLayout(box)
        form.addRow(self.evidence_title)
        form.addRow("Source", self.source_edit)
        form.addRow("Link", self.link_edit)
        form.addRow("As of", self.as_of_edit)
        form.addRow(self.stale_label)
        for name, line in (
            ("source", self.source_edit),
            ("link", self.link_edit),
            ("as_of", self.as_of_edit),
        ):
            line.editingFinished.connect(lambda n=name, w=line: self._evidence_edited(n, w.text()))
        return box

    def current_cell(self) -> tuple[str, str] | None:
        """(criterion id, competitor id) of the selected rating cell, if one is selected."""
        index = self.proxy.mapToSource(self.table.currentIndex())
        if not index.isValid() or index.data(ROW_KIND_ROLE) != "criterion":
            return None
        competitor = self.model.competitor_at(index.column())
        if competitor is None:
            return None
        return self.model.rows[index.row()].id, competitor[0]

    def _show_evidence(self) -> None:
        cell = self.current_cell()
        editable = cell is not None and not self.controller.read_only
        for line in (self.source_edit, self.link_edit, self.as_of_edit):
            line.setEnabled(editable)
        if cell is None:
            self.evidence_title.setText("Select a rating to see or add its evidence.")
            for line in (self.source_edit, self.link_edit, self.as_of_edit):
                line.setText("")
            self.stale_label.setText("")
            return
        criterion_id, competitor_id = cell
        name = next(c[1] for c in self.model.competitors if c[0] == competitor_id)
        self.evidence_title.setText(f"{name} — {self.model.criteria[criterion_id].name}")
        state = edit.rating_state(self.controller.session, competitor_id, criterion_id)
        self.source_edit.setText(state.source if state else "")
        self.link_edit.setText(state.link if state else "")
        self.as_of_edit.setText(state.as_of.isoformat() if state and state.as_of else "")
        stale = self.model.is_stale(criterion_id, competitor_id)
        self.stale_label.setText(
            f"Stale: older than {self.model.stale_after_days} days. Check it again."
            if stale
            else ""
        )

    def _evidence_edited(self, name: str, text: str) -> None:
        cell = self.current_cell()
        if cell is not None:
            criterion_id, competitor_id = cell
            actions.set_evidence(self.controller, competitor_id, criterion_id, name, text)

    # -- view-only actions --------------------------------------------------------------------

    def _double_clicked(self, proxy_index: QModelIndex) -> None:
        index = self.proxy.mapToSource(proxy_index)
        entry = self.model.rows[index.row()]
        if entry.kind == "category":
            self.model.set_collapsed(entry.id, entry.id not in self.model.collapsed)

    def _collapse_all(self, collapsed: bool) -> None:
        for entry in [e for e in self.model.rows if e.kind == "category"]:
            self.model.set_collapsed(entry.id, collapsed)
        if not collapsed:
            for category_id in list(self.model.collapsed):
                self.model.set_collapsed(category_id, False)

    def _context_menu(self, position: object) -> None:
        index = self.proxy.mapToSource(self.table.indexAt(position))  # type: ignore[arg-type]
        # every entry of the menu is an edit: a read-only project offers none, like its buttons
        if not index.isValid() or self.controller.read_only:
            return
        entry = self.model.rows[index.row()]
        menu = QMenu(self)
        if entry.kind == "criterion":
            kinds = menu.addMenu("Rating kind")
            current = self.model.criteria[entry.id].kind
            for kind, label in RATING_KINDS.items():
                action = kinds.addAction(label)
                action.setCheckable(True)
                action.setChecked(kind == current)
                action.triggered.connect(lambda _c=False, k=kind: self.set_kind(entry.id, k))
            menu.addAction("Edit description…").triggered.connect(
                lambda: self.edit_description(entry.id)
            )
            menu.addAction("Move up").triggered.connect(lambda: self.move_criterion(entry.id, -1))
            menu.addAction("Move down").triggered.connect(lambda: self.move_criterion(entry.id, 1))
            menu.addAction("Delete Criterion").triggered.connect(
                lambda: self.remove_criterion(entry.id)
            )
        elif entry.kind == "category":
            menu.addAction("Rename category…").triggered.connect(
                lambda: self.rename_category(entry.id)
            )
            menu.addAction("Delete Category").triggered.connect(
                lambda: self.remove_category(entry.id)
            )
        competitor = self.model.competitor_at(index.column())
        if competitor is not None:
            menu.addAction(f"Delete {competitor[1]}").triggered.connect(
                lambda: self.remove_competitor(competitor[0])
            )
        if not menu.isEmpty():
            menu.exec(self.table.viewport().mapToGlobal(position))  # type: ignore[arg-type]

    def _stale_days_edited(self) -> None:
        actions.set_stale_days(self.controller, self.stale_days.value())

    def _refresh_settings(self) -> None:
        self.stale_days.blockSignals(True)
        self.stale_days.setValue(self.model.stale_after_days)
        self.stale_days.blockSignals(False)

    def _on_changed(self, change: Change) -> None:
        self._refresh_settings()
        self._show_evidence()
