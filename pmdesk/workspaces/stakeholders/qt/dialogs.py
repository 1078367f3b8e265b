"""The stakeholder map's own questions; generic ones are in ``pmdesk.gui.dialogs``."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm_delete_stakeholders(parent: QWidget, names: list[str], lines: int) -> bool:
    """Ask before removing stakeholders; says how many relationship lines go with them."""
    who = f"“{names[0]}”" if len(names) == 1 else f"{len(names)} stakeholders"
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Delete Stakeholders")
    box.setText(f"Delete {who}?")
    extra = f" and {lines} relationship line{'s' if lines != 1 else ''}" if lines else ""
    box.setInformativeText(
        f"Their interactions, snapshot positions{extra} go too. You can undo this."
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Yes


def ask_snapshot_name(parent: QWidget, suggestion: str) -> str | None:
    from PySide6.QtWidgets import QInputDialog

    text, ok = QInputDialog.getText(
        parent, "Save Snapshot", "Name this assessment of the map:", text=suggestion
    )
    return text if ok else None


def review_stakeholder_import(parent: QWidget, review: object) -> bool:
    """Show the CSV import preview; True when the PM confirms importing the good rows."""
    from pmdesk.workspaces.stakeholders.qt.import_dialog import ImportPreviewDialog

    return ImportPreviewDialog(review, parent).exec() == ImportPreviewDialog.DialogCode.Accepted
