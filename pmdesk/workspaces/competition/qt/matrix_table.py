"""The matrix's table, keyed like a spreadsheet.

Typing on a cell replaces it; Enter commits and moves down, Tab right and Shift+Tab left,
without opening the next editor; Delete clears the selected ratings; Ctrl+C copies the
selected block as tab-separated text and Ctrl+V pastes such a block from a spreadsheet, all
or nothing, as one undo step.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QTableView,
    QWidget,
)

from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.competition.qt import actions
from pmdesk.workspaces.competition.qt.matrix_model import ROW_KIND_ROLE, MatrixModel

Hint = QAbstractItemDelegate.EndEditHint


class MatrixTable(QTableView):
    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller

    @property
    def _proxy(self) -> QSortFilterProxyModel:
        proxy = self.model()
        assert isinstance(proxy, QSortFilterProxyModel)
        return proxy

    @property
    def _matrix(self) -> MatrixModel:
        source = self._proxy.sourceModel()
        assert isinstance(source, MatrixModel)
        return source

    # -- moving after an edit ------------------------------------------------------------------

    def closeEditor(self, editor: QWidget, hint: Hint) -> None:
        # The editor is closed first; only then does the cursor move, and no editor opens on
        # the next cell: the PM types there to replace it, as in a spreadsheet.
        super().closeEditor(editor, Hint.NoHint)
        cursor, plain = QAbstractItemView.CursorAction, Qt.KeyboardModifier.NoModifier
        if hint == Hint.SubmitModelCache:
            self._move_to(self._below(self.currentIndex()))
        elif hint == Hint.EditNextItem:
            self._move_to(self.moveCursor(cursor.MoveNext, plain))
        elif hint == Hint.EditPreviousItem:
            self._move_to(self.moveCursor(cursor.MovePrevious, plain))

    def _below(self, index: QModelIndex) -> QModelIndex:
        """The next editable cell down the same column (category rows are skipped)."""
        proxy = self._proxy
        for row in range(index.row() + 1, proxy.rowCount()):
            below = proxy.index(row, index.column())
            if below.flags() & Qt.ItemFlag.ItemIsEditable:
                return below
        return index

    def _move_to(self, index: QModelIndex) -> None:
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- keys ------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy()
                return
            if event.matches(QKeySequence.StandardKey.Cut):
                self.cut()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste()
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
                self.clear_selected()
                return
        super().keyPressEvent(event)

    # -- Edit › Cut, Copy, Paste (the window's menu calls these on the focused widget) ----------

    def copy(self) -> None:
        QApplication.clipboard().setText(self.selected_text())

    def cut(self) -> None:
        self.copy()
        self.clear_selected()

    def paste(self) -> None:
        self.paste_text(QApplication.clipboard().text())

    # -- blocks ----------------------------------------------------------------------------------

    def _block(self) -> tuple[list[int], list[int]]:
        """The rows and columns of the selection (or of the current cell), in view order."""
        indexes = self.selectionModel().selectedIndexes() or [self.currentIndex()]
        rows = sorted({i.row() for i in indexes if i.isValid()})
        columns = sorted({i.column() for i in indexes if i.isValid()})
        return rows, columns

    def selected_text(self) -> str:
        """The selected block as a spreadsheet takes it: tabs between cells, a line per row."""
        rows, columns = self._block()
        proxy = self._proxy
        lines = [
            "\t".join(str(proxy.index(row, column).data() or "") for column in columns)
            for row in rows
        ]
        return "\n".join(lines)

    def _rating_cell(self, row: int, column: int) -> tuple[str, str] | None:
        """(competitor id, criterion id) of a rating cell of the view, or None."""
        proxy = self._proxy
        index = proxy.index(row, column)
        if not index.isValid() or index.data(ROW_KIND_ROLE) != "criterion":
            return None
        source = proxy.mapToSource(index)
        matrix = self._matrix
        competitor = matrix.competitor_at(source.column())
        if competitor is None:
            return None
        return competitor[0], matrix.rows[source.row()].id

    def clear_selected(self) -> bool:
        """Clear the selected ratings (names and weights stay): one undo step."""
        rows, columns = self._block()
        cells = [self._rating_cell(row, column) for row in rows for column in columns]
        values = {cell: "" for cell in cells if cell is not None}
        board = self._matrix.board
        values = {key: "" for key in values if board.value(key[1], key[0])}
        if not values:
            return False
        count = len(values)
        text = "Clear a rating" if count == 1 else f"Clear {count} ratings"
        return actions.rate_cells(self.controller, text, values)

    def paste_text(self, text: str) -> bool:
        """Paste a tab-separated block with its top-left at the current cell.

        Cells that fall outside the ratings (names, weights, totals, past the last competitor)
        are left alone; values are read per criterion, so "Y", "Partial", "4" and "$49" all
        land where they make sense, or the whole paste is refused with the reason.
        """
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        while lines and not lines[-1].strip():
            lines.pop()
        start = self.currentIndex()
        if not lines or not start.isValid():
            return False
        values: dict[tuple[str, str], str] = {}
        for offset, line in enumerate(lines):
            for step, value in enumerate(line.split("\t")):
                cell = self._rating_cell(start.row() + offset, start.column() + step)
                if cell is not None:
                    values[cell] = "" if value.strip() == "—" else value.strip()
        if not values:
            return False
        count = len(values)
        return actions.rate_cells(
            self.controller, "Paste a rating" if count == 1 else f"Paste {count} ratings", values
        )
