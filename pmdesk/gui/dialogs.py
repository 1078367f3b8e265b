"""The app's generic questions: save or discard, an error, confirm, a line of text, files.

Every modal question goes through a module-level function, here or in a workspace's
``qt/dialogs.py``, so that tests answer it without blocking.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox, QWidget

from pmdesk import APP_NAME

FILE_FILTER = f"{APP_NAME} projects (*.pmdb);;All files (*)"


class Answer(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_save_changes(parent: QWidget, name: str) -> Answer:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(APP_NAME)
    box.setText(f"Save the changes to “{name}” before closing?")
    box.setInformativeText("Your changes will be lost if you don't save them.")
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    choice = box.exec()
    if choice == QMessageBox.StandardButton.Save:
        return Answer.SAVE
    if choice == QMessageBox.StandardButton.Discard:
        return Answer.DISCARD
    return Answer.CANCEL


def show_error(parent: QWidget, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


def choose_file_to_open(parent: QWidget, folder: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Open Project", folder, FILE_FILTER)
    return Path(name) if name else None


def choose_file_to_save(parent: QWidget, suggestion: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, "Save Project As", suggestion, FILE_FILTER)
    return Path(name) if name else None


def show_about(parent: QWidget, text: str) -> None:
    QMessageBox.about(parent, f"About {APP_NAME}", text)


def choose_export_file(parent: QWidget, title: str, suggestion: str, filters: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, suggestion, filters)
    return Path(name) if name else None


def open_with_default_app(path: Path) -> bool:
    """Open a file in the program the desktop associates with it (Word, LibreOffice...)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def show_unexpected_error(parent: QWidget | None, message: str, details: str) -> None:
    """Say that something went wrong, with the technical details one click away to copy."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(APP_NAME)
    box.setText(message)
    box.setDetailedText(details)
    copy = box.addButton("Copy Details", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    # Copying must not close the box: the PM may want to read the details after pasting them.
    copy.clicked.disconnect()
    copy.clicked.connect(lambda: QApplication.clipboard().setText(f"{message}\n\n{details}"))
    box.exec()


def confirm(
    parent: QWidget | None, title: str, question: str, detail: str = "", action: str = ""
) -> bool:
    """Ask before an action, named on its button (``action``, else the title) and the default
    one: a question only remains where it tells something, and Undo is there either way."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if detail else QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(question)
    if detail:
        box.setInformativeText(detail)
    go = box.addButton(action or title, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(go)
    box.exec()
    return box.clickedButton() is go


def ask_text(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    """Ask for one line of text (a name, say); None when cancelled."""
    value, accepted = QInputDialog.getText(parent, title, label, text=text)
    return value if accepted else None


def choose_csv(parent: QWidget, title: str, folder: str) -> Path | None:
    """Pick a table to import: a CSV file or an Excel workbook."""
    filters = "Tables (*.csv *.txt *.xlsx);;CSV files (*.csv *.txt);;Excel workbooks (*.xlsx)"
    name, _ = QFileDialog.getOpenFileName(parent, title, folder, filters + ";;All files (*)")
    return Path(name) if name else None
