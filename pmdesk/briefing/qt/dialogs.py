"""The briefing's own questions; generic ones are in ``pmdesk.gui.dialogs``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


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
