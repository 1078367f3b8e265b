"""The Strategy workspace: the strategy canvas (value curves and ERRC) and the canvas boards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from pmdesk.gui import theme
from pmdesk.gui.document import DocumentController
from pmdesk.gui.reveal import select_index
from pmdesk.workspaces.strategy.model import Board, BoardBlock, BoardNote, CanvasCurve, CanvasFactor

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
        theme.style(heading, "page_title")
        self.canvas_view = CanvasView(controller, load=False)
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
        self.canvas_view.refresh()  # in place now (see CanvasView)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The page's own show comes after its children's, once the splitters have shared out
        # the room: the chart is placed here once, at its final size, not at each size on the way.
        self.canvas_view.chart.settle()

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

    # -- find ----------------------------------------------------------------------------------

    def reveal(self, kind: str, record_id: str) -> bool:
        """Show a factor's row or a curve on the canvas, a board, or a note selected on its
        board."""
        session = self.controller.session
        if kind == CanvasFactor.__tablename__:
            self.tabs.setCurrentWidget(self.canvas_view)
            factors = [factor.id for factor in self.canvas_view.model.canvas.factors]
            if record_id not in factors:
                return False
            index = self.canvas_view.model.index(factors.index(record_id), 0)
            return select_index(self.canvas_view.table, self.canvas_view.proxy.mapFromSource(index))
        if kind == CanvasCurve.__tablename__:
            self.tabs.setCurrentWidget(self.canvas_view)
            return True
        note = session.get(BoardNote, record_id) if kind == BoardNote.__tablename__ else None
        block_id = note.block_id if note is not None else record_id
        block = session.get(BoardBlock, block_id) if kind != Board.__tablename__ else None
        board_id = block.board_id if block is not None else record_id
        if kind not in (Board.__tablename__, BoardBlock.__tablename__, BoardNote.__tablename__):
            return False
        self.tabs.setCurrentIndex(BOARDS_TAB)
        self.boards_view.select_board(board_id)
        if self.boards_view.current_board_id() != board_id:
            return False
        if note is not None and record_id in self.boards_view.scene.notes:
            self.boards_view.scene.clearSelection()
            item = self.boards_view.scene.notes[record_id]
            item.setSelected(True)
            self.boards_view.view.centerOn(item)
        return True
