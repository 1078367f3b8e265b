"""The stakeholder map's own questions; generic ones are in ``pmdesk.gui.dialogs``."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


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
