"""File › Compare With: what differs between the open project and another file or a backup.

Side by side, per workspace, from the same engine as ``pmdesk diff``. Nothing is changed, the
other file is only read. Loaded on first use.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmdesk.gui import sharing_dialogs
from pmdesk.gui.document import DocumentController
from pmdesk.gui.merge_dialog import field_title, show_value, workspace_title
from pmdesk.interchange.diff import RecordChange, diff_projects
from pmdesk.interchange.project_json import dump_project
from pmdesk.store.backups import list_backups
from pmdesk.store.document import Document
from pmdesk.store.fileformat import quoted

if TYPE_CHECKING:
    from pmdesk.gui.main_window import MainWindow

# From this project to the other: "added" is what only the other holds.
KINDS = {"added": "Only in the other", "removed": "Only in this project", "changed": "Changed"}


class CompareDialog(QDialog):
    """A tree: workspace, then record, then each changed field with both values."""

    def __init__(self, parent: QWidget | None, other: str, changes: list[RecordChange]) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Compare with {other}")
        layout = QVBoxLayout(self)
        count = len({change.record_id for change in changes})
        heading = (
            f"This project and {other} hold the same project data."
            if not changes
            else f"{count} record{'s' if count != 1 else ''} differ between this project "
            f"and {other}."
        )
        layout.addWidget(QLabel(heading))
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Record", "Difference", "This project", other])
        groups: dict[str, QTreeWidgetItem] = {}
        for change in changes:
            title = workspace_title(change.section)
            group = groups.get(title)
            if group is None:
                group = groups[title] = QTreeWidgetItem(self.tree, [title])
                group.setFirstColumnSpanned(True)
            row = QTreeWidgetItem(group, [change.label, KINDS[change.kind]])
            for name, ours, theirs in change.fields:
                item = QTreeWidgetItem(
                    row, [field_title(name), "", show_value(ours), show_value(theirs)]
                )
                for column, value in ((2, ours), (3, theirs)):  # the whole of a long text
                    item.setToolTip(column, "" if value is None else str(value))
        for title, group in groups.items():
            group.setText(0, f"{title} ({group.childCount()})")
        self.tree.expandAll()
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.tree)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 560)


def show_differences(parent: QWidget, other: str, changes: list[RecordChange]) -> None:
    CompareDialog(parent, other, changes).exec()


def compare_with_file(window: MainWindow, controller: DocumentController, path: Path) -> None:
    other = Document.open(path, read_only=True)
    try:
        theirs = dump_project(other.session)
    finally:
        other.close()
    changes = diff_projects(dump_project(controller.session), theirs)
    show_differences(window, quoted(path), changes)


def compare_with_backup(window: MainWindow, controller: DocumentController) -> None:
    path = controller.document.path
    backups = list_backups(path) if path else []
    if not backups:
        window.tell("There are no backups of this project yet: one is kept at every save.")
        return
    chosen = sharing_dialogs.choose_backup(window, backups)
    if chosen is None:
        return
    other = Document.open(chosen.path, read_only=True)
    try:
        theirs = dump_project(other.session)
    finally:
        other.close()
    changes = diff_projects(dump_project(controller.session), theirs)
    show_differences(window, f"the backup from {chosen.describe()}", changes)
