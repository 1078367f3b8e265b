"""The requirements workspace's own questions; generic ones are in ``pmdesk.gui.dialogs``."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def review_requirements_import(parent: QWidget, review: object) -> bool:
    """Show the requirements CSV preview; True when the PM confirms importing the good rows."""
    from pmdesk.workspaces.requirements.qt.import_dialog import RequirementsImportDialog

    dialog = RequirementsImportDialog(review, parent)  # type: ignore[arg-type]
    return dialog.exec() == RequirementsImportDialog.DialogCode.Accepted
