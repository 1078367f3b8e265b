"""The questions PM Desk asks when a project is shared: all modal, all patchable in tests."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pmdesk import APP_NAME
from pmdesk.interchange.diff import RecordChange
from pmdesk.store.backups import Backup
from pmdesk.store.lock import ProjectLockedError
from pmdesk.store.recovery import Orphan


class Choice(Enum):
    READ_ONLY = "read only"
    COPY = "copy"
    TAKE_OVER = "take over"
    SAVE_AS = "save as"
    OVERWRITE = "overwrite"
    COMPARE = "compare"
    RECOVER = "recover"
    DISCARD = "discard"
    LATER = "later"
    CANCEL = "cancel"


def _ask(parent: QWidget, text: str, detail: str, choices: list[tuple[str, Choice]]) -> Choice:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(APP_NAME)
    box.setText(text)
    box.setInformativeText(detail)
    buttons = {}
    for label, choice in choices:
        role = (
            QMessageBox.ButtonRole.RejectRole
            if choice in (Choice.CANCEL, Choice.LATER)
            else QMessageBox.ButtonRole.AcceptRole
        )
        buttons[box.addButton(label, role)] = choice
    box.exec()
    return buttons.get(box.clickedButton(), Choice.CANCEL)


def ask_locked(parent: QWidget, error: ProjectLockedError) -> Choice:
    choices = [("Open Read-Only", Choice.READ_ONLY), ("Open a Copy", Choice.COPY)]
    if error.can_take_over:
        choices.append(("Take Over", Choice.TAKE_OVER))
    choices.append(("Cancel", Choice.CANCEL))
    detail = (
        "Its lock was left behind; take it over only if nobody is working on the file."
        if error.can_take_over
        else "Open it read-only, or open a copy to work on separately."
    )
    return _ask(parent, str(error), detail, choices)


def ask_changed_on_disk(parent: QWidget, message: str) -> Choice:
    return _ask(
        parent,
        message,
        "Replacing their version loses their changes (a backup is kept).",
        [
            ("Save As…", Choice.SAVE_AS),
            ("Compare", Choice.COMPARE),
            ("Replace Their Version", Choice.OVERWRITE),
            ("Cancel", Choice.CANCEL),
        ],
    )


def ask_recover(parent: QWidget, orphan: Orphan) -> Choice:
    return _ask(
        parent,
        "PM Desk closed unexpectedly. Recover the unsaved changes?",
        orphan.describe(),
        [("Recover", Choice.RECOVER), ("Discard", Choice.DISCARD), ("Later", Choice.LATER)],
    )


def show_comparison(parent: QWidget, title: str, text: str) -> None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    view = QPlainTextEdit(text)
    view.setReadOnly(True)
    view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(view)
    layout.addWidget(buttons)
    dialog.resize(760, 480)
    dialog.exec()


def choose_backup(parent: QWidget, backups: list[Backup]) -> Backup | None:
    labels = [backup.describe() for backup in backups]
    label, ok = QInputDialog.getItem(
        parent, "Restore from Backup", "Open a copy of the project as it was on:", labels, 0, False
    )
    return backups[labels.index(label)] if ok and label in labels else None


def choose_records(parent: QWidget, source: str, changes: list[RecordChange]) -> list[RecordChange]:
    """A checklist of the records another copy adds or changes; returns the ticked ones."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("Import from Project")
    listing = QListWidget()
    marks = {"added": "New", "changed": "Changed"}
    for change in changes:
        item = QListWidgetItem(f"{marks[change.kind]} · {change.section} · {change.label}")
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        listing.addItem(item)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(f"Records in {source} that this project lacks or holds differently:"))
    layout.addWidget(listing)
    layout.addWidget(buttons)
    dialog.resize(640, 420)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return []
    return [
        change
        for row, change in enumerate(changes)
        if listing.item(row).checkState() == Qt.CheckState.Checked
    ]
