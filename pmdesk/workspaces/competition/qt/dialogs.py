"""The competitive matrix's own questions; generic ones are in ``pmdesk.gui.dialogs``."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def review_competition_import(parent: QWidget, review: object) -> bool:
    """Show the matrix CSV preview (rows, problems, new competitors); True to import."""
    from pmdesk.workspaces.competition.qt.import_dialog import MatrixImportDialog

    return MatrixImportDialog(review, parent).exec() == MatrixImportDialog.DialogCode.Accepted


def ask_new_competitor(parent: QWidget, ours_marked: bool) -> tuple[str, bool] | None:
    """Ask a new competitor's name and whether it is our own product; None when cancelled.

    "This is our product" starts ticked while no product is marked as ours: the first entry of
    a new matrix is usually the PM's own.
    """
    from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit

    dialog = QDialog(parent)
    dialog.setWindowTitle("Add Competitor")
    name = QLineEdit()
    name.setObjectName("competitorName")
    ours = QCheckBox("This is our product")
    ours.setObjectName("isOurs")
    ours.setChecked(not ours_marked)
    ours.setToolTip("The matrix then reads as us against them, with a gap to the leader")
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form = QFormLayout(dialog)
    form.addRow("Name:", name)
    form.addRow("", ours)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted or not name.text().strip():
        return None
    return name.text(), ours.isChecked()
