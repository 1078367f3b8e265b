"""The Strategy workspace: the strategy canvas (value curves and ERRC) and the canvas boards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from pmdesk.gui.document import DocumentController

if TYPE_CHECKING:
    from pmdesk.workspaces.strategy.qt.board_view import BoardsView

BOARDS_TAB = 1


class StrategyPage(QWidget):
    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from pmdesk.workspaces.strategy.qt.canvas_view import CanvasView

        self.controller = controller
        heading = QLabel("Strategy")
        heading.setObjectName("pageTitle")
        self.canvas_view = CanvasView(controller)
        self._boards_view: BoardsView | None = None
        self._boards_holder = QWidget()
        QVBoxLayout(self._boards_holder).setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.canvas_view, "Strategy canvas")
        self.tabs.addTab(self._boards_holder, "Boards")
        self.tabs.currentChanged.connect(self._tab_shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)

    @property
    def boards_view(self) -> BoardsView:
        """The Boards tab, built the first time it is needed: the canvas opens first."""
        if self._boards_view is None:
            from pmdesk.workspaces.strategy.qt.board_view import BoardsView

            self._boards_view = BoardsView(self.controller)
            self._boards_holder.layout().addWidget(self._boards_view)
        return self._boards_view

    def _tab_shown(self, index: int) -> None:
        if index == BOARDS_TAB:
            self.boards_view  # noqa: B018 - building it is the point
