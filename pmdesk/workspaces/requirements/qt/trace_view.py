"""Traceability: from what a customer said, through requirements, to the roadmap — and back.

One tree, read in the direction the PM picks: a lazy model over
:func:`requirements_query.traceability` (a handful of queries), read only when the tab is on
screen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from pmdesk.gui import theme
from pmdesk.gui.document import Change, DocumentController
from pmdesk.gui.hidden_changes import on_change
from pmdesk.workspaces.requirements import query
from pmdesk.workspaces.requirements.qt.actions import touches_requirements
from pmdesk.workspaces.requirements.qt.trace_model import (
    ID_ROLE,
    KIND_ROLE,
    TopLevelFilter,
    TraceModel,
)

# Top-level rows; a bigger tree opens collapsed (expanding ten thousand lines takes seconds).
EXPAND_ALL_UP_TO = 60
DIRECTIONS = {
    "inputs": "From customer inputs → requirements → roadmap",
    "requirements": "From requirements ← inputs, → roadmap",
    "items": "From roadmap items ← requirements ← inputs",
}


class TraceTab(QWidget):
    open_input = Signal(str)
    open_requirement = Signal(str)

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.direction = QComboBox()
        for key, text in DIRECTIONS.items():
            self.direction.addItem(text, key)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find at the top level")
        self.search.setClearButtonEnabled(True)
        self.note = QLabel()
        self.note.setStyleSheet(theme.css("color: #667085;"))
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Read:"))
        bar.addWidget(self.direction)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.note)

        self.model = TraceModel(query.Trace(), "inputs", self)
        self.proxy = TopLevelFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(0)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.doubleClicked.connect(self._open)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.tree, 1)

        self.direction.currentIndexChanged.connect(self.refresh)
        self.search.textChanged.connect(self._find)
        on_change(controller, self, self._on_changed)
        self._stale = True
        self._active = False

    def set_active(self, active: bool) -> None:
        """The page says whether this tab is on screen; hidden tabs refresh when next shown."""
        self._active = active
        if active and self._stale:
            self.refresh()

    def _on_changed(self, change: Change) -> None:
        if touches_requirements(change):
            self._stale = True
            if self._active:
                self.refresh()

    def refresh(self) -> None:
        trace = query.traceability(self.controller.session)
        direction = self.direction.currentData()
        model = TraceModel(trace, direction, self)
        if model.rowCount() <= EXPAND_ALL_UP_TO:
            model.fetch_everything()
        self.proxy.setSourceModel(model)
        self.model.deleteLater()
        self.model = model
        self._show_model(force=True)
        if direction == "items" and not trace.item_labels:
            self.note.setText("No roadmap items yet.")
        else:
            count = self.model.rowCount()
            more = "" if count <= EXPAND_ALL_UP_TO else " — expand a line to trace it"
            self.note.setText(f"{count:,} at the top level{more}")
        self._stale = False

    def _find(self, words: str) -> None:
        self.proxy.setFilterFixedString(words.strip())
        self._show_model()

    def _show_model(self, force: bool = False) -> None:
        """The filter proxy only while finding: mapping ten thousand lines has its cost."""
        wanted = self.proxy if self.search.text().strip() else self.model
        if self.tree.model() is wanted and not force:
            return
        self.tree.setModel(wanted)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)  # measuring rows is slow
        header.resizeSection(1, 280)
        if wanted.rowCount() <= EXPAND_ALL_UP_TO:
            self.tree.expandAll()

    def _open(self, index: Any) -> None:
        kind = index.siblingAtColumn(0).data(KIND_ROLE)
        record_id = index.siblingAtColumn(0).data(ID_ROLE)
        if kind == "input":
            self.open_input.emit(record_id)
        elif kind == "requirement":
            self.open_requirement.emit(record_id)
