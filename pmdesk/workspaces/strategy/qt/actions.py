"""Every strategy edit the views offer, as one undoable command each.

Views call these and never the domain: each goes through ``controller.edit``, which refuses it
while the project is read-only, names what it wrote and puts it on the undo stack; the
controller's ``changed`` signal then tells every view to refresh. Each returns the bool of
``controller.edit`` (or the new record's id, None when refused).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

from pmdesk.domain import records
from pmdesk.domain.base import new_id
from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.strategy import boards, canvas
from pmdesk.workspaces.strategy.board_templates import BoardTemplate
from pmdesk.workspaces.strategy.boards import NoteView
from pmdesk.workspaces.strategy.canvas import CurveView
from pmdesk.workspaces.strategy.model import ACTIONS

if TYPE_CHECKING:  # the session's type only; the views never query it themselves
    from sqlalchemy.orm import Session

CREATED_TARGET = 5  # a created factor starts midway; the PM moves it from there
_drag_numbers = itertools.count(1)


def next_drag_number() -> int:
    """A fresh number for one drag gesture; every move of that gesture merges into one step."""
    return next(_drag_numbers)


class CanvasActions:
    """Factors, curves, levels and ERRC of the strategy canvas."""

    def __init__(self, controller: DocumentController) -> None:
        self.controller = controller

    @property
    def session(self) -> Session:
        return self.controller.session

    def _edit(self, text: str, redo: Callable[[], None], merge_key: Hashable | None = None) -> bool:
        """An edit of levels or ERRC, undone by putting back what it captured first."""
        session = self.session
        before = canvas.capture(session)
        return self.controller.edit(
            text, redo, lambda: canvas.restore(session, before), merge_key=merge_key
        )

    def set_level(self, curve: CurveView, factor_id: str, level: object, drag: int = 0) -> bool:
        """One point of one curve; the moves of one drag gesture (``drag``) merge."""
        session = self.session
        key = ("canvas-drag", drag) if drag else None
        return self._edit(
            f"Move {curve.name}",
            lambda: canvas.set_level(session, curve.id, factor_id, level),
            key,
        )

    def set_errc(self, factor_id: str, name: str, action: str, target: object) -> bool:
        session = self.session
        label = ACTIONS.get(action, "No ERRC action")
        return self._edit(
            f"{label} “{name}”", lambda: canvas.set_errc(session, factor_id, action, target)
        )

    def reset_future(self) -> bool:
        session = self.session
        return self._edit("Reset the future curve", lambda: canvas.reset_future(session))

    def rename_factor(self, factor_id: str, old: str, name: str) -> bool:
        session = self.session
        return self.controller.edit(
            "Rename factor",
            lambda: canvas.rename_factor(session, factor_id, name),
            lambda: canvas.rename_factor(session, factor_id, old),
        )

    def move_factor(self, factor_id: str, old: int, new: int) -> bool:
        session = self.session
        return self.controller.edit(
            "Move factor",
            lambda: canvas.move_factor(session, factor_id, new),
            lambda: canvas.move_factor(session, factor_id, old),
        )

    def add_factor(self, name: str, index: int | None, criterion_id: str | None = None) -> bool:
        """A new factor at ``index``, or one taken from the matrix's ``criterion_id``."""
        session = self.session
        factor_id = new_id()  # fixed here, so a redo after undo brings back the same record

        def redo() -> None:
            if criterion_id:
                canvas.add_factor_from_criterion(session, criterion_id, index, record_id=factor_id)
            else:
                canvas.add_factor(session, name, index, record_id=factor_id)

        return self.controller.edit(
            "Add factor", redo, lambda: canvas.remove_factors(session, [factor_id])
        )

    def create_factor(self, name: str) -> bool:
        """A factor no competitor offers, at the end, that the future curve rises to."""
        session = self.session
        factor_id = new_id()
        return self.controller.edit(
            "Create factor",
            lambda: canvas.add_factor(
                session, name, None, "create", CREATED_TARGET, record_id=factor_id
            ),
            lambda: canvas.remove_factors(session, [factor_id]),
        )

    def remove_factors(self, factor_ids: list[str]) -> bool:
        session = self.session
        holder: dict[str, Any] = {}

        def redo() -> None:
            holder["removal"] = canvas.remove_factors(session, factor_ids)

        return self.controller.edit(
            "Remove factor", redo, lambda: records.restore(session, holder["removal"])
        )

    def add_curve(self, name: str, role: str, competitor_id: str | None = None) -> bool:
        session = self.session
        curve_id = new_id()

        def redo() -> None:
            canvas.add_curve(session, name, role, competitor_id=competitor_id, record_id=curve_id)

        return self.controller.edit(
            "Add curve", redo, lambda: canvas.remove_curves(session, [curve_id])
        )

    def remove_curve(self, curve_id: str) -> bool:
        session = self.session
        holder: dict[str, Any] = {}

        def redo() -> None:
            holder["removal"] = canvas.remove_curves(session, [curve_id])

        return self.controller.edit(
            "Remove curve", redo, lambda: records.restore(session, holder["removal"])
        )

    def set_shown(self, curve_id: str, shown: bool) -> bool:
        session = self.session
        return self.controller.edit(
            "Show curve" if shown else "Hide curve",
            lambda: canvas.set_curve_shown(session, curve_id, shown),
            lambda: canvas.set_curve_shown(session, curve_id, not shown),
        )


class BoardActions:
    """Boards and the notes in their blocks."""

    def __init__(self, controller: DocumentController) -> None:
        self.controller = controller

    @property
    def session(self) -> Session:
        return self.controller.session

    def create_board(self, template: BoardTemplate) -> str | None:
        """A new board laid out as ``template``; its id, or None when refused."""
        session = self.session
        board_id = new_id()
        done = self.controller.edit(
            f"New {template.name}",
            lambda: boards.create_board(session, template, record_id=board_id),
            lambda: boards.remove_board(session, board_id),
        )
        return board_id if done else None

    def rename_board(self, board_id: str, old: str, name: str) -> bool:
        session = self.session
        return self.controller.edit(
            "Rename board",
            lambda: boards.rename_board(session, board_id, name),
            lambda: boards.rename_board(session, board_id, old),
        )

    def remove_board(self, board_id: str) -> bool:
        session = self.session
        holder: dict[str, Any] = {}

        def redo() -> None:
            holder["removal"] = boards.remove_board(session, board_id)

        return self.controller.edit(
            "Remove board", redo, lambda: records.restore(session, holder["removal"])
        )

    def add_note(
        self, block_id: str, text: str, colour: str, link: Any, index: int | None = None
    ) -> str | None:
        """A note in ``block_id`` at ``index`` (the end when None); its id, or None."""
        session = self.session
        note_id = new_id()
        done = self.controller.edit(
            "Add note",
            lambda: boards.add_note(
                session, block_id, text, colour, index, link, record_id=note_id
            ),
            lambda: boards.remove_notes(session, [note_id]),
        )
        return note_id if done else None

    def edit_note(self, note: NoteView, text: str, colour: str, link: Any) -> bool:
        session = self.session
        old_link = (note.link_field, note.link_id) if note.link_field else None
        return self.controller.edit(
            "Edit note",
            lambda: boards.edit_note(session, note.id, text, colour, link),
            lambda: boards.edit_note(session, note.id, note.text, note.colour, old_link),
        )

    def move_note(self, note_id: str, origin: tuple[str, int], target: tuple[str, int]) -> bool:
        """Move a note from (block, index) ``origin`` to ``target``; undo moves it back."""
        session = self.session
        return self.controller.edit(
            "Move note",
            lambda: boards.move_note(session, note_id, *target),
            lambda: boards.move_note(session, note_id, *origin),
        )

    def remove_notes(self, note_ids: list[str]) -> bool:
        session = self.session
        holder: dict[str, Any] = {}

        def redo() -> None:
            holder["removal"] = boards.remove_notes(session, note_ids)

        text = "Remove note" if len(note_ids) == 1 else f"Remove {len(note_ids)} notes"
        return self.controller.edit(text, redo, lambda: records.restore(session, holder["removal"]))
