"""The File menu's tools for another copy of the project: merge with it, compare with it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmdesk.errors import PmdeskError
from pmdesk.gui import dialogs

if TYPE_CHECKING:
    from pmdesk.gui.main_window import MainWindow

TITLES = {"merge": "Cannot Merge", "compare": "Cannot Compare", "compare_backup": "Cannot Compare"}


def run(window: MainWindow, name: str, folder: str) -> None:
    """Run the tool ``name`` ("merge", "compare", "compare_backup") on the open project."""
    controller = window.controller
    if controller is None:
        return
    if name == "merge" and controller.read_only:
        window.tell("This project is open read-only, so nothing can be merged into it.")
        return
    try:
        if name == "compare_backup":
            from pmdesk.gui import compare_dialog

            compare_dialog.compare_with_backup(window, controller)
            return
        path = dialogs.choose_file_to_open(window, folder)
        if path is None:
            return
        if name == "merge":
            from pmdesk.gui import merge_dialog

            merge_dialog.merge_with_copy(window, controller, path)
        else:
            from pmdesk.gui import compare_dialog

            compare_dialog.compare_with_file(window, controller, path)
    except PmdeskError as error:
        dialogs.show_error(window, TITLES[name], str(error))
