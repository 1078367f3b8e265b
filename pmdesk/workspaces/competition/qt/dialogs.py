"""The competitive matrix's own questions; generic ones are in ``pmdesk.gui.dialogs``."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def review_competition_import(parent: QWidget, review: object) -> bool:
    """Show the matrix CSV preview (rows, problems, new competitors); True to import."""
    from pmdesk.workspaces.competition.qt.import_dialog import MatrixImportDialog

    return MatrixImportDialog(review, parent).exec() == MatrixImportDialog.DialogCode.Accepted
