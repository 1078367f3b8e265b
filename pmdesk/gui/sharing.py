"""The window's side of sharing a project: locks, teammates' saves, recovery, backups, import.

Loaded on first use, after the window has painted: it pulls in the store and the interchange.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pmdesk.gui import sharing_dialogs as ask
from pmdesk.gui.document import ANY_KIND, Change, DocumentController
from pmdesk.interchange.diff import describe, diff_projects
from pmdesk.interchange.merge import ImportResult, import_records, undo_import
from pmdesk.interchange.project_json import dump_project
from pmdesk.store.backups import list_backups
from pmdesk.store.document import ChangedOnDiskError, Document
from pmdesk.store.fileformat import quoted
from pmdesk.store.lock import ProjectLockedError
from pmdesk.store.recovery import find_orphans

if TYPE_CHECKING:
    from pmdesk.gui.main_window import MainWindow
    from pmdesk.store.copy_in import CopyIn


def open_document(window: MainWindow, path: Path, copied: CopyIn | None = None) -> Document | None:
    """Open ``path``; if someone has it, ask what to do. None when the user cancels.

    ``copied`` serves the first try; the answer to a lock is opened from the file again."""
    try:
        return Document.open(path, copied=copied)
    except ProjectLockedError as error:
        choice = ask.ask_locked(window, error)
    if choice is ask.Choice.READ_ONLY:
        return Document.open(path, read_only=True)
    if choice is ask.Choice.COPY:
        return Document.open(path, as_copy=True)
    if choice is ask.Choice.TAKE_OVER:
        return Document.open(path, take_over_lock=True)
    return None


def save(window: MainWindow, controller: DocumentController, target: Path) -> Path | None:
    """Save, asking first if a teammate replaced the file. None when nothing was written."""
    document = controller.document
    try:
        return document.save(target)
    except ChangedOnDiskError as error:
        message = str(error)
    while True:
        choice = ask.ask_changed_on_disk(window, message)
        if choice is ask.Choice.COMPARE and document.path is not None:
            theirs = Document.open(document.path, read_only=True)
            try:
                text = describe(
                    diff_projects(dump_project(document.session), dump_project(theirs.session)),
                    "your version",
                    "the version on disk",
                )
            finally:
                theirs.close()
            ask.show_comparison(window, f"Compare with {quoted(document.path)}", text)
            continue
        if choice is ask.Choice.OVERWRITE:
            return document.save(target, overwrite_changed=True)
        if choice is ask.Choice.SAVE_AS:
            return window.save_as_path()
        return None


def offer_recovery(window: MainWindow) -> bool:
    """Ask about work left by crashed sessions; True if one was recovered into the window."""
    for orphan in find_orphans():
        choice = ask.ask_recover(window, orphan)
        if choice is ask.Choice.DISCARD:
            orphan.discard()
        elif choice is ask.Choice.RECOVER:
            controller = DocumentController(Document.recover(orphan))
            controller.undo_stack.resetClean()  # recovered work is unsaved work
            window.use_controller(controller)
            return True
    return False


def restore_from_backup(window: MainWindow, controller: DocumentController) -> None:
    path = controller.document.path
    backups = list_backups(path) if path else []
    if not backups:
        window.tell("There are no backups of this project yet: one is kept at every save.")
        return
    chosen = ask.choose_backup(window, backups)
    if chosen is None or not window.maybe_keep_changes():
        return
    window.use_controller(DocumentController(Document.open(chosen.path, as_copy=True)))
    window.statusBar().showMessage(
        f"Opened the backup from {chosen.describe()} as an untitled copy: save it to keep it.",
        10000,
    )


def import_from_project(window: MainWindow, controller: DocumentController, path: Path) -> None:
    other = Document.open(path, read_only=True)
    try:
        theirs = dump_project(other.session)
    finally:
        other.close()
    changes = [
        change
        for change in diff_projects(dump_project(controller.session), theirs)
        if change.kind != "removed"
    ]
    if not changes:
        window.tell(f"{quoted(path)} has nothing this project lacks.")
        return
    chosen = ask.choose_records(window, quoted(path), changes)
    if not chosen:
        return
    done: list[ImportResult] = []

    def redo() -> None:
        done.append(import_records(controller.session, theirs, chosen))

    def undo() -> None:
        undo_import(controller.session, done.pop())

    count = len(chosen)
    controller.edit(
        f"Import {count} Record{'s' if count != 1 else ''}", redo, undo, Change.of(ANY_KIND)
    )
