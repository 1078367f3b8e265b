"""Every modal question the app asks, in one place, so tests can answer them without blocking."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

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
