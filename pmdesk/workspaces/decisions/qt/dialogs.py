"""The decision log's own questions; generic ones are in ``pmdesk.gui.dialogs``."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm_delete_decisions(parent: QWidget, questions: list[str], links: int) -> bool:
    """Ask before removing decisions; says how many links go with them (the records stay)."""
    many = f"{len(questions)} decisions"
    what = f"the decision “{questions[0]}”" if len(questions) == 1 else many
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Delete Decisions")
    box.setText(f"Delete {what}?")
    extra = (
        f"Its {links} link{'s' if links != 1 else ''} to other records go too; the records stay. "
        if links
        else ""
    )
    box.setInformativeText(extra + "You can undo this.")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Yes
