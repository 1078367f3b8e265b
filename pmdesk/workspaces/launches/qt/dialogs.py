"""The Launches workspace's own questions. Tests replace these functions, never the dialogs'
internals, so no test waits on a window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from pmdesk.workspaces.launches.model import TIERS


@dataclass(frozen=True)
class NewLaunch:
    """What the PM chose for a new launch."""

    name: str
    tier: str
    roadmap_item_id: str | None
    target_date: date | None


def ask_new_launch(
    parent: QWidget, items: list[tuple[str, str, date]], today: date
) -> NewLaunch | None:
    """Ask for a new launch's name, tier and the roadmap item it follows (or its own date)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("New Launch")
    name = QLineEdit()
    name.setPlaceholderText("e.g. Spring launch")
    tier = QComboBox()
    for key, label in TIERS.items():
        tier.addItem(f"{label} — its checklist comes from the {label.lower()} template", key)
    item = QComboBox()
    item.addItem("No roadmap item: the launch has its own date", "")
    for item_id, title, day in items:
        item.addItem(f"{title} ({day.day} {day:%b %Y})", item_id)
    day_edit = QDateEdit(QDate(today.year, today.month, today.day).addMonths(3))
    day_edit.setCalendarPopup(True)
    day_edit.setDisplayFormat("yyyy-MM-dd")
    item.currentIndexChanged.connect(lambda: day_edit.setEnabled(not item.currentData()))
    form = QFormLayout(dialog)
    form.addRow("Name", name)
    form.addRow("Tier", tier)
    form.addRow("Follows", item)
    form.addRow("Launch day", day_edit)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    chosen = day_edit.date()
    return NewLaunch(
        name.text(),
        str(tier.currentData()),
        str(item.currentData()) or None,
        None if item.currentData() else date(chosen.year(), chosen.month(), chosen.day()),
    )
