"""The Boards tab: a list of the project's boards, and the selected board with its notes.

Notes are added (double-click a block), edited (double-click a note), reordered and dragged
between blocks; every change is one undo step. Templates that could not be read are named in a
banner above the list: the rest still work.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPainter, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.gui import dialogs, theme
from pmdesk.gui.document import Change, DocumentController
from pmdesk.gui.hidden_changes import on_change
from pmdesk.gui.toolbar import ElidedLabel, OverflowRow
from pmdesk.workspaces.strategy import boards as rules
from pmdesk.workspaces.strategy import query
from pmdesk.workspaces.strategy.board_templates import (
    BoardTemplate,
    TemplateCatalog,
    load_templates,
)
from pmdesk.workspaces.strategy.boards import BoardView, NoteView
from pmdesk.workspaces.strategy.chart.board import board_figure, board_layout
from pmdesk.workspaces.strategy.chart.canvas import save_figure
from pmdesk.workspaces.strategy.model import DEFAULT_NOTE_COLOUR, Board, BoardBlock, BoardNote
from pmdesk.workspaces.strategy.qt import dialogs as ask
from pmdesk.workspaces.strategy.qt.actions import BoardActions
from pmdesk.workspaces.strategy.qt.board_scene import BoardScene

BOARD_KINDS = frozenset({Board.__tablename__, BoardBlock.__tablename__, BoardNote.__tablename__})
MIN_BOARD_WIDTH = 900.0


class BoardGraphicsView(QGraphicsView):
    def __init__(self, scene: BoardScene, on_resize: Any) -> None:
        super().__init__(scene)
        self._on_resize = on_resize
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setStyleSheet("border: none;")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._on_resize()


class BoardsView(QWidget):
    def __init__(
        self,
        controller: DocumentController,
        parent: QWidget | None = None,
        catalog: TemplateCatalog | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.editor = BoardActions(controller)
        self.catalog = catalog if catalog is not None else load_templates()
        self.board: BoardView | None = None
        self._width = 0.0

        self.problems = QLabel("\n".join(self.catalog.problems))
        self.problems.setObjectName("readOnlyBanner")
        self.problems.setWordWrap(True)
        self.problems.setVisible(bool(self.catalog.problems))
        self.list = QListWidget()
        self.list.setObjectName("boardList")
        self.list.setStyleSheet(
            f"QListWidget#boardList {{ border: 1px solid {theme.current().border};"
            " border-radius: 4px; }"
            "QListWidget#boardList::item { padding: 6px 8px; }"
        )
        self.list.currentItemChanged.connect(lambda *_: self._show_current())
        self.new_button = _button("Add Board")
        template_menu = QMenu(self.new_button)
        for template in self.catalog.templates:
            action = template_menu.addAction(template.name)
            action.setToolTip(template.description)
            action.triggered.connect(lambda _=False, t=template: self.new_board(t))
        self.new_button.setMenu(template_menu)
        self.new_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.rename_button = _button("Rename", self.rename_board)
        self.remove_board_button = _button("Delete", self.remove_board)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 8, 0, 0)
        left_layout.addWidget(QLabel("Boards"))
        left_layout.addWidget(self.list, 1)
        # The boards' own row, "Add" first; a plain row, so the list stays as wide as its buttons.
        row = QHBoxLayout()
        for button in (self.new_button, self.rename_button, self.remove_board_button):
            button.setEnabled(not controller.read_only)
            row.addWidget(button)
        left_layout.addLayout(row)
        left_layout.addWidget(self.problems)

        self.scene = BoardScene(self)
        self.scene.note_dropped.connect(self._note_dropped)
        self.scene.note_activated.connect(self.edit_note)
        self.scene.block_activated.connect(self.add_note)
        self.view = BoardGraphicsView(self.scene, self._resized)
        self.add_button = _button("Add Note", lambda: self.add_note(None))
        self.edit_button = _button("Edit note", lambda: self.edit_note(None))
        self.up_button = _button("Move up", lambda: self.shift_selected(-1))
        self.down_button = _button("Move down", lambda: self.shift_selected(1))
        self.remove_button = _button("Delete Note", self.remove_selected)
        self.export_button = _button("Export…", self.export)
        # Buttons that do not fit the window's width wait in the row's "More" menu.
        self.actions_row = OverflowRow()
        for button in (
            self.add_button,
            self.edit_button,
            self.up_button,
            self.down_button,
            self.remove_button,
        ):
            button.setEnabled(not controller.read_only)
            self.actions_row.add(button)
        self.actions_row.add_spacing(12)
        self.actions_row.add(self.export_button)
        hint = ElidedLabel("Double-click a block to add a note; drag notes to move them.")
        hint.setStyleSheet(theme.css("color: #6b7480;"))
        toolbar = QHBoxLayout()
        toolbar.addWidget(self.actions_row)
        toolbar.addWidget(hint, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 8, 0, 0)
        right_layout.addLayout(toolbar)
        right_layout.addWidget(self.view, 1)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([190, 1010])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.view)
        delete.setEnabled(not controller.read_only)  # like the Remove note button beside it
        delete.activated.connect(self.remove_selected)

        on_change(controller, self, self._changed)
        self.refresh()

    # -- refresh -------------------------------------------------------------------------------

    def _changed(self, change: Change) -> None:
        if any(change.touches(kind) for kind in BOARD_KINDS):
            self.refresh()

    def refresh(self) -> None:
        current = self.current_board_id()
        boards = rules.list_boards(self.controller.session)
        self.list.blockSignals(True)
        self.list.clear()
        for board_id, name in boards:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, board_id)
            self.list.addItem(item)
        ids = [board_id for board_id, _ in boards]
        if ids:
            self.list.setCurrentRow(ids.index(current) if current in ids else 0)
        self.list.blockSignals(False)
        self._show_current()

    def current_board_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def select_board(self, board_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == board_id:
                self.list.setCurrentRow(row)

    def _show_current(self) -> None:
        board_id = self.current_board_id()
        if board_id is None:
            self.board = None
            self.scene.clear()
            self.scene.notes = {}
            return
        self.board = rules.load_board(self.controller.session, board_id)
        self._draw()

    def _board_width(self) -> float:
        return max(MIN_BOARD_WIDTH, float(self.view.viewport().width()) - 2)

    def _draw(self) -> None:
        if self.board is None:
            return
        self._width = self._board_width()
        layout = board_layout(self.board, self._width)
        self.scene.show_layout(layout, editable=not self.controller.read_only)
        self._set_tooltips()

    def _set_tooltips(self) -> None:
        """The full text of each note (long notes are cut on the board) and what it links to."""
        assert self.board is not None
        linked = any(note.link_id for block in self.board.blocks for note in block.notes)
        names = {value: label for label, value in self._link_choices()} if linked else {}
        for block in self.board.blocks:
            for note in block.notes:
                tip = note.text
                if note.link_field:
                    tip += "\n\nLinks to " + str(names.get((note.link_field, note.link_id), "?"))
                self.scene.notes[note.id].setToolTip(tip)

    def _resized(self) -> None:
        if self.board is not None and abs(self._board_width() - self._width) > 1:
            self._draw()

    # -- boards --------------------------------------------------------------------------------

    def new_board(self, template: BoardTemplate) -> None:
        board_id = self.editor.create_board(template)
        if board_id:
            self.select_board(board_id)

    def rename_board(self) -> None:
        if self.board is None:
            return
        name = dialogs.ask_text(self, "Rename Board", "Board name:", self.board.name)
        if name is not None and name != self.board.name:
            self.editor.rename_board(self.board.id, self.board.name, name)

    def remove_board(self) -> None:
        if self.board is not None:
            self.editor.remove_board(self.board.id)

    def export(self) -> None:
        if self.board is None:
            return
        safe = "".join(c if c.isalnum() else "-" for c in self.board.name).strip("-").lower()
        path = ask.choose_strategy_image(self, f"{safe or 'board'}.png")
        if path is None:
            return
        try:
            save_figure(board_figure(self.board), path)
        except (OSError, ValueError) as error:
            dialogs.show_error(self, "Export", f"The board could not be saved: {error}.")

    # -- notes ---------------------------------------------------------------------------------

    def _note(self, note_id: str) -> tuple[str, int, NoteView] | None:
        assert self.board is not None
        for block in self.board.blocks:
            for index, note in enumerate(block.notes):
                if note.id == note_id:
                    return block.id, index, note
        return None

    def _link_choices(self) -> list[tuple[str, object]]:
        """What the note dialog's "Links to" offers, "No link" first."""
        return [("No link", None), *query.note_link_targets(self.controller.session)]

    def add_note(self, block_id: str | None) -> None:
        # Read-only: a double-click on a block opens no dialog whose note could not be kept.
        if self.controller.read_only or self.board is None or not self.board.blocks:
            return
        if block_id is None:
            selected = self.scene.selected_note_ids()
            found = self._note(selected[0]) if selected else None
            block_id = found[0] if found else self.board.blocks[0].id
        title = next(b.title for b in self.board.blocks if b.id == block_id)
        answer = ask.edit_board_note(
            self,
            f"Add Note to {title}",
            ("", DEFAULT_NOTE_COLOUR, None),
            self._link_choices(),
            rules.clean_note,
        )
        if answer is not None:
            self.editor.add_note(block_id, *answer)

    def edit_note(self, note_id: str | None) -> None:
        # Read-only: a double-click on a note opens no dialog whose change could not be kept.
        if self.controller.read_only or self.board is None:
            return
        if note_id is None:
            selected = self.scene.selected_note_ids()
            if not selected:
                return
            note_id = selected[0]
        found = self._note(note_id)
        if found is None:
            return
        note = found[2]
        link = (note.link_field, note.link_id) if note.link_field else None
        answer = ask.edit_board_note(
            self,
            "Edit Note",
            (note.text, note.colour, link),
            self._link_choices(),
            rules.clean_note,
        )
        if answer is not None and answer != (note.text, note.colour, link):
            self.editor.edit_note(note, *answer)

    def _note_dropped(self, note_id: str, x: float, y: float) -> None:
        found = self._note(note_id)
        slot = self.scene.layout.drop_slot(x, y) if self.scene.layout else None
        if found is None or slot is None:
            self._draw()  # back where it was
            return
        block_id, index, _note = found
        target_block, target_index = slot
        if target_block == block_id and target_index > index:
            target_index -= 1  # the note leaves its old place first
        if (target_block, target_index) == (block_id, index):
            self._draw()
            return
        self.editor.move_note(note_id, (block_id, index), (target_block, target_index))

    def shift_selected(self, step: int) -> None:
        selected = self.scene.selected_note_ids()
        if len(selected) != 1 or self.board is None:
            return
        found = self._note(selected[0])
        if found is None:
            return
        block_id, index, _note = found
        count = len(next(b for b in self.board.blocks if b.id == block_id).notes)
        target = index + step
        if 0 <= target < count:
            self.editor.move_note(selected[0], (block_id, index), (block_id, target))

    def remove_selected(self) -> None:
        selected = self.scene.selected_note_ids()
        if selected:
            self.editor.remove_notes(selected)


def _button(text: str, slot: Any = None) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    if slot is not None:
        button.clicked.connect(lambda _checked=False: slot())
    return button
