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


# -- stakeholders --------------------------------------------------------------------------------


def confirm_delete_stakeholders(parent: QWidget, names: list[str], lines: int) -> bool:
    """Ask before removing stakeholders; says how many relationship lines go with them."""
    who = f"“{names[0]}”" if len(names) == 1 else f"{len(names)} stakeholders"
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Delete Stakeholders")
    box.setText(f"Delete {who}?")
    extra = f" and {lines} relationship line{'s' if lines != 1 else ''}" if lines else ""
    box.setInformativeText(
        f"Their interactions, snapshot positions{extra} go too. You can undo this."
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Yes


def ask_snapshot_name(parent: QWidget, suggestion: str) -> str | None:
    from PySide6.QtWidgets import QInputDialog

    text, ok = QInputDialog.getText(
        parent, "Save Snapshot", "Name this assessment of the map:", text=suggestion
    )
    return text if ok else None


def choose_csv_to_import(parent: QWidget, folder: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Import Stakeholders", folder, "CSV files (*.csv *.txt);;All files (*)"
    )
    return Path(name) if name else None


def choose_export_file(parent: QWidget, title: str, suggestion: str, filters: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, suggestion, filters)
    return Path(name) if name else None


def review_stakeholder_import(parent: QWidget, review: object) -> bool:
    """Show the CSV import preview; True when the PM confirms importing the good rows."""
    from pmdesk.workspaces.stakeholders.qt.import_dialog import ImportPreviewDialog

    return ImportPreviewDialog(review, parent).exec() == ImportPreviewDialog.DialogCode.Accepted


def confirm_requirements_removal(parent: QWidget | None, title: str, question: str) -> bool:
    """Ask before deleting customer inputs or requirements; the question names lost links."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(question)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Yes


# -- competition -------------------------------------------------------------------------------


def confirm_competition_removal(parent: QWidget, title: str, question: str, detail: str) -> bool:
    """Ask before removing competitors, categories or criteria; ``detail`` says what goes with
    them and where else they are used (the strategy canvas, for instance)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(question)
    box.setInformativeText(detail)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Yes


def ask_competition_name(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    """Ask for the name of a new competitor or category; None when cancelled."""
    from PySide6.QtWidgets import QInputDialog

    value, accepted = QInputDialog.getText(parent, title, label, text=text)
    return value if accepted else None


def choose_competition_csv(parent: QWidget, folder: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Import Competitive Matrix", folder, "CSV files (*.csv *.txt);;All files (*)"
    )
    return Path(name) if name else None


def review_competition_import(parent: QWidget, review: object) -> bool:
    """Show the matrix CSV preview (rows, problems, new competitors); True to import."""
    from pmdesk.workspaces.competition.qt.import_dialog import MatrixImportDialog

    return MatrixImportDialog(review, parent).exec() == MatrixImportDialog.DialogCode.Accepted


def ask_strategy_text(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    """Ask for a factor, curve or board name; None when cancelled."""
    from PySide6.QtWidgets import QInputDialog

    value, accepted = QInputDialog.getText(parent, title, label, text=text)
    return value if accepted else None


def choose_strategy_image(parent: QWidget, suggestion: str) -> Path | None:
    """Where to save a canvas or board picture; the suffix (.png or .svg) picks the format."""
    name, chosen = QFileDialog.getSaveFileName(
        parent, "Export Picture", suggestion, "PNG image (*.png);;SVG drawing (*.svg)"
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() not in (".png", ".svg"):
        path = path.with_suffix(".svg" if "svg" in chosen.lower() else ".png")
    return path


def edit_board_note(
    parent: QWidget,
    title: str,
    note: tuple[str, str, object],
    links: list[tuple[str, object]],
    check: object,
) -> tuple[str, str, object] | None:
    """Add or edit a board note: (text, colour key, link) or None when cancelled. ``check``
    validates before the dialog closes, so a refused note loses nothing."""
    from pmdesk.workspaces.strategy.qt.note_dialog import NoteDialog

    dialog = NoteDialog(title, note[0], note[1], links, note[2], check, parent)  # type: ignore[arg-type]
    if dialog.exec() != NoteDialog.DialogCode.Accepted:
        return None
    return dialog.values()


# -- briefing ---------------------------------------------------------------------------------


def choose_briefing_file(parent: QWidget, suggestion: str) -> Path | None:
    """Where to write the Word briefing; a name without a suffix gets .docx."""
    name, _ = QFileDialog.getSaveFileName(
        parent, "Export Briefing", suggestion, "Word documents (*.docx)"
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".docx" else path.with_name(path.name + ".docx")


def choose_briefing_logo(parent: QWidget, folder: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Choose Logo", folder, "Pictures (*.png *.jpg *.jpeg *.gif *.bmp);;All files (*)"
    )
    return Path(name) if name else None


def choose_briefing_template(parent: QWidget, folder: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Choose Word Template", folder, "Word documents (*.docx);;All files (*)"
    )
    return Path(name) if name else None


def ask_open_briefing(parent: QWidget, path: Path, warnings: list[str]) -> bool:
    """Tell the PM the briefing is written (with any warnings) and offer to open it."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if warnings else QMessageBox.Icon.Information)
    box.setWindowTitle("Briefing exported")
    box.setText(f"The briefing was written to “{path.name}”. Open it now?")
    if warnings:
        box.setInformativeText("\n\n".join(warnings))
    box.setStandardButtons(QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close)
    box.setDefaultButton(QMessageBox.StandardButton.Open)
    return box.exec() == QMessageBox.StandardButton.Open


def open_with_default_app(path: Path) -> bool:
    """Open a file in the program the desktop associates with it (Word, LibreOffice...)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def choose_requirements_csv(parent: QWidget, title: str, folder: str) -> Path | None:
    """Pick a CSV file of requirements or customer inputs to import."""
    name, _ = QFileDialog.getOpenFileName(
        parent, title, folder, "CSV files (*.csv *.txt);;All files (*)"
    )
    return Path(name) if name else None


def review_requirements_import(parent: QWidget, review: object) -> bool:
    """Show the requirements CSV preview; True when the PM confirms importing the good rows."""
    from pmdesk.workspaces.requirements.qt.import_dialog import RequirementsImportDialog

    dialog = RequirementsImportDialog(review, parent)  # type: ignore[arg-type]
    return dialog.exec() == RequirementsImportDialog.DialogCode.Accepted


# -- roadmap -----------------------------------------------------------------------------------


def ask_roadmap_text(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    """Ask for a baseline, lane or item name; None when cancelled."""
    from PySide6.QtWidgets import QInputDialog

    value, accepted = QInputDialog.getText(parent, title, label, text=text)
    return value if accepted else None


def choose_roadmap_export(parent: QWidget, choices: object) -> object | None:
    """Ask what to export (date range, lanes, file); returns the filled choices or None."""
    from pmdesk.workspaces.roadmap.qt.export_dialog import ExportDialog

    dialog = ExportDialog(choices, parent)  # type: ignore[arg-type]
    if dialog.exec() != ExportDialog.DialogCode.Accepted:
        return None
    return dialog.choices()


def edit_roadmap_item(
    parent: QWidget, item: object, lanes: list, owners: list, check: object
) -> dict | None:
    """Edit every detail of a roadmap item; the changed fields, or None when cancelled.
    ``check`` validates before the dialog closes, so a refused edit loses nothing typed."""
    from pmdesk.workspaces.roadmap.qt.item_dialog import ItemDialog

    dialog = ItemDialog(item, lanes, owners, check, parent)  # type: ignore[arg-type]
    if dialog.exec() != ItemDialog.DialogCode.Accepted:
        return None
    return dialog.changes()


def edit_roadmap_marker(
    parent: QWidget, values: dict, check: object, removable: bool
) -> dict | str | None:
    """Add or edit a date marker: its values, "delete", or None when cancelled."""
    from pmdesk.workspaces.roadmap.qt.item_dialog import MarkerDialog

    dialog = MarkerDialog(values, check, removable, parent)  # type: ignore[arg-type]
    result = dialog.exec()
    if result == MarkerDialog.DELETE:
        return "delete"
    return dialog.values() if result == MarkerDialog.DialogCode.Accepted else None
