"""The strategy workspace's own questions; generic ones are in ``pmdesk.gui.dialogs``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget


def choose_strategy_image(parent: QWidget, suggestion: str) -> Path | None:
    """Where to save a canvas or board picture; the suffix (.png or .svg) picks the format."""
    name, chosen = QFileDialog.getSaveFileName(
        parent, "Export Picture", suggestion, "PNG image (*.png);;SVG drawing (*.svg)"
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in (".png", ".svg"):
        path = path.with_suffix(".svg" if "svg" in chosen.lower() else ".png")
    return path


def edit_board_note(
    parent: QWidget,
    title: str,
    note: tuple[str, str, object],
    links: list[tuple[str, object]],
    check: object,
) -> tuple[str, str, object] | None:
    """Add or edit a board note: (text, colour key, link) or None when cancelled. ``check``
    validates before the dialog closes, so a refused note loses nothing."""
    from pmdesk.workspaces.strategy.qt.note_dialog import NoteDialog

    dialog = NoteDialog(title, note[0], note[1], links, note[2], check, parent)  # type: ignore[arg-type]
    if dialog.exec() != NoteDialog.DialogCode.Accepted:
        return None
    return dialog.values()
