"""File › Merge with Another Copy…: merge a teammate's copy into the open project, field by field.

The merge itself is :mod:`pmdesk.interchange.merge3`; this module asks the PM to settle each
conflict (keep mine / take theirs / type the value, or all at once) and applies the result as
one undo step.
The other file is only read. Loaded on first use.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmdesk import registry
from pmdesk.errors import ValidationError
from pmdesk.gui import dialogs
from pmdesk.gui.document import ANY_KIND, Change, DocumentController
from pmdesk.interchange.diff import diff_projects
from pmdesk.interchange.history import DUMP_KEY, ancestor
from pmdesk.interchange.merge3 import (
    Choice,
    Conflict,
    Duplicate,
    Edited,
    Merge,
    MergeCancelledError,
    Side,
    merge_projects,
)
from pmdesk.interchange.merge_apply import Applied, apply_merge, undo_merge
from pmdesk.interchange.project_json import dump_project
from pmdesk.store.document import Document
from pmdesk.store.fileformat import quoted

if TYPE_CHECKING:
    from pmdesk.gui.main_window import MainWindow

KEEP = ("Keep mine", "Take theirs")
EDIT = "Edit…"  # the third choice of a field conflict: type the merged value
EDIT_INDEX = 2
CODE = re.compile(r"[a-z]+(?:_[a-z]+)+")
SIDES: tuple[Side, Side] = ("mine", "theirs")


class MergeDialog(QDialog):
    """The summary, then each conflict side by side with a choice; all mine / all theirs."""

    def __init__(
        self,
        parent: QWidget | None,
        source: str,
        summary: str,
        conflicts: list[Conflict],
        duplicates: list[Duplicate],
        merge: Merge | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Merge with Another Copy")
        self.conflicts = conflicts
        self.duplicates = duplicates
        self.merge = merge  # reads and checks a typed value; without it, no "Edit…"
        self.edits: dict[str, Edited] = {}
        layout = QVBoxLayout(self)
        heading = QLabel(f"Merging {source} into this project: {summary}.")
        heading.setWordWrap(True)
        layout.addWidget(heading)

        self.table = QTableWidget(len(conflicts), 6)
        self.table.setHorizontalHeaderLabels(
            ["Workspace", "Record", "What", "Yours", "Theirs", "Decision"]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.choosers: list[QComboBox] = []
        for row, conflict in enumerate(conflicts):
            yours, theirs = sides(conflict)
            cells = (
                workspace_title(conflict.section),
                conflict.label,
                what(conflict),
                yours,
                theirs,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(conflict.sentence)  # the whole story, in one sentence
                self.table.setItem(row, column, item)
            chooser = QComboBox()
            chooser.addItems(KEEP)
            if merge is not None and merge.can_edit(conflict):
                chooser.addItem(EDIT)
                chooser.setItemData(
                    EDIT_INDEX,
                    "Type the value the merged project keeps",
                    Qt.ItemDataRole.ToolTipRole,
                )
                # activated, not currentIndexChanged: choosing "Edit…" again types it anew
                chooser.activated.connect(
                    lambda index, row=row: self._edit(row) if index == EDIT_INDEX else None
                )
            chooser.setAccessibleName(f"Decision for {conflict.label}")
            self.table.setCellWidget(row, 5, chooser)
            self.choosers.append(chooser)
        header = self.table.horizontalHeader()
        for column in (0, 2, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()  # long values wrap onto a second line
        if conflicts:
            layout.addWidget(QLabel(f"{len(conflicts)} to decide:"))
            layout.addWidget(self.table)
            row_of_buttons = QHBoxLayout()
            self.all_mine = QPushButton("All Mine")
            self.all_theirs = QPushButton("All Theirs")
            self.all_mine.clicked.connect(lambda: self._choose_all(0))
            self.all_theirs.clicked.connect(lambda: self._choose_all(1))
            row_of_buttons.addWidget(self.all_mine)
            row_of_buttons.addWidget(self.all_theirs)
            row_of_buttons.addStretch()
            layout.addLayout(row_of_buttons)
        else:
            self.table.hide()
        self.same_boxes: list[QCheckBox] = []
        for duplicate in duplicates:
            box = QCheckBox(
                f"Both copies added “{duplicate.label}” ({workspace_title(duplicate.section)}): "
                "treat them as one"
            )
            layout.addWidget(box)
            self.same_boxes.append(box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.merge_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.merge_button.setText("Merge")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 480 if conflicts else 200)

    def _choose_all(self, index: int) -> None:
        for chooser in self.choosers:
            chooser.setCurrentIndex(index)

    def _edit(self, row: int) -> None:
        """Ask for the merged value of one field conflict until it is one the workspace
        accepts; cancelling goes back to keeping mine."""
        conflict, chooser = self.conflicts[row], self.choosers[row]
        assert self.merge is not None
        previous = self.edits.get(conflict.key)
        text = plain(previous.value if previous else conflict.mine)
        while True:
            typed = dialogs.ask_text(
                self,
                "Edit the Merged Value",
                f"{field_title(conflict.field or '')} of “{conflict.label}” in the merged project:",
                text,
            )
            if typed is None:
                if previous is None:
                    chooser.setCurrentIndex(0)
                return
            try:
                edited = self.merge.edited_value(conflict, typed)
            except ValidationError as error:
                dialogs.show_error(self, "Edit the Merged Value", str(error))
                text = typed  # ask again with what they typed, to correct it
                continue
            break
        self.edits[conflict.key] = edited
        shown = f"Typed: {show_value(edited.value)}"
        chooser.setItemText(EDIT_INDEX, shown)
        chooser.setItemData(EDIT_INDEX, shown, Qt.ItemDataRole.ToolTipRole)
        chooser.setCurrentIndex(EDIT_INDEX)
        chooser.setToolTip(shown)

    def choices(self) -> dict[str, Choice]:
        chosen: dict[str, Choice] = {}
        for conflict, chooser in zip(self.conflicts, self.choosers, strict=True):
            index = chooser.currentIndex()
            if index == EDIT_INDEX and conflict.key in self.edits:
                chosen[conflict.key] = self.edits[conflict.key]
            else:
                chosen[conflict.key] = SIDES[min(index, 1)]
        return chosen

    def same(self) -> list[str]:
        pairs = zip(self.duplicates, self.same_boxes, strict=True)
        return [duplicate.key for duplicate, box in pairs if box.isChecked()]


def ask_decisions(
    parent: QWidget,
    source: str,
    summary: str,
    conflicts: list[Conflict],
    duplicates: list[Duplicate],
    merge: Merge | None = None,
) -> tuple[dict[str, Choice], list[str]] | None:
    """The PM's decisions, or None when they cancel (then nothing changes)."""
    dialog = MergeDialog(parent, source, summary, conflicts, duplicates, merge)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.choices(), dialog.same()


def start_progress(parent: QWidget, label: str) -> QProgressDialog:
    """A progress dialog with Cancel, shown when merging takes longer than a moment."""
    progress = QProgressDialog(label, "Cancel", 0, 0, parent)
    progress.setWindowTitle("Merge with Another Copy")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)
    return progress


def merge_with_copy(window: MainWindow, controller: DocumentController, path: Path) -> None:
    """Merge the copy at ``path`` into the open project, asking about each conflict."""
    own = controller.document.path
    if own is not None and path.exists() and own.exists() and path.samefile(own):
        window.tell(f"{quoted(path)} is the project you have open: there is nothing to merge.")
        return
    other = Document.open(path, read_only=True)
    try:
        theirs = dump_project(other.session)
    finally:
        other.close()
    mine = dump_project(controller.session)
    base = ancestor(mine, theirs, mine.get(DUMP_KEY) or {}, theirs.get(DUMP_KEY) or {})
    progress = start_progress(window, f"Merging {quoted(path)} into this project…")

    def report(done: int, total: int) -> bool:
        progress.setMaximum(total)
        progress.setValue(done)
        QApplication.processEvents()  # keep Cancel answering on a big project
        return not progress.wasCanceled()

    try:
        merge = merge_projects(base, mine, theirs, report)  # InterchangeError: another product
    except MergeCancelledError:
        return  # nothing was changed
    finally:
        progress.close()
    summary = merge.summary.describe()
    if base is None:
        summary += (
            " (the copies share no saved history, so they were compared record by record: "
            "records in one copy only are kept)"
        )
    decided: dict[str, Choice] = {}
    same: list[str] = []
    conflicts, duplicates = merge.conflicts, merge.duplicates
    while True:
        if conflicts or duplicates:
            answer = ask_decisions(window, quoted(path), summary, conflicts, duplicates, merge)
            if answer is None:
                return
            decided.update(answer[0])
            same.extend(answer[1])
        outcome = merge.resolve(decided, same=same)
        if outcome.data is not None:
            break
        conflicts, duplicates = outcome.conflicts, []  # what the decisions revealed
        summary = "your decisions leave these to settle"
    _apply(window, controller, outcome.data, path)


def _apply(
    window: MainWindow, controller: DocumentController, merged: dict[str, Any], path: Path
) -> None:
    if not diff_projects(dump_project(controller.session), merged):
        window.tell(f"{quoted(path)} holds nothing this project lacks.")
        return
    done: list[Applied] = []

    def redo() -> None:
        done.append(apply_merge(controller.session, merged))

    def undo() -> None:
        undo_merge(controller.session, done.pop())

    controller.edit(f"Merge with {path.name}", redo, undo, Change.of(ANY_KIND))


def workspace_title(section: str) -> str:
    key = section.partition(".")[0]
    titles = {spec.dump_key: spec.title for spec in registry.specs() if spec.dump_key}
    return titles.get(key, "Overview")


def what(conflict: Conflict) -> str:
    """What the conflict is about, in a few words."""
    if conflict.kind == "field":
        return field_title(conflict.field or "")
    if conflict.kind == "deleted":
        return "Deleted by one, changed by the other"
    if conflict.kind == "link":
        return "Deleted by one, linked by the other"
    return "Together, they break a rule"


def sides(conflict: Conflict) -> tuple[str, str]:
    """The two sides, as the Yours and Theirs columns show them."""
    if conflict.kind == "field":
        return show_value(conflict.mine), show_value(conflict.theirs)
    if conflict.kind in ("deleted", "link"):
        present = "Changed" if conflict.kind == "deleted" else "Kept"
        mine, theirs = (present if side else "Deleted" for side in (conflict.mine, conflict.theirs))
        return mine, theirs
    return "Your version", "Their version"


def field_title(name: str) -> str:
    """A field as a column heading reads: "owner_id" -> "Owner"."""
    return name.removesuffix("_id").replace("_", " ").capitalize()


def plain(value: Any) -> str:
    """A value as the PM would type it: nothing for empty, a number without a needless ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def show_value(value: Any) -> str:
    """A value in a table cell: short, one line, "(empty)" for nothing."""
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = " ".join(str(value).split())
    if CODE.fullmatch(text):  # a workspace's choice key, "in_progress": say "In progress"
        return text.replace("_", " ").capitalize()
    return text if len(text) <= 120 else text[:119] + "…"
