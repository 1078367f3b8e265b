"""The Goals workspace's own questions. Tests patch these functions; generic questions (confirm,
choose a CSV file) come from ``pmdesk.gui.dialogs``."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QInputDialog, QWidget

from pmdesk.workspaces.goals.io import CheckInReview
from pmdesk.workspaces.goals.qt.forms import Check, KeyResultForm, ObjectiveForm


def objective_form(
    parent: QWidget, values: dict[str, Any], owners: list[tuple[str, str]], check: Check
) -> dict[str, Any] | None:
    """The objective's fields as typed, checked by ``check``; None when cancelled."""
    form = ObjectiveForm(values, owners, check, parent)
    return form.values() if form.exec() == ObjectiveForm.DialogCode.Accepted else None


def key_result_form(parent: QWidget, values: dict[str, Any], check: Check) -> dict[str, Any] | None:
    form = KeyResultForm(values, check, parent)
    return form.values() if form.exec() == KeyResultForm.DialogCode.Accepted else None


def choose_work(
    parent: QWidget, choices: list[tuple[str, str, str]]
) -> tuple[str, str, str] | None:
    """Pick a roadmap item or requirement (kind, title, id) to link; None when cancelled."""
    shown = [
        f"{'Roadmap' if kind == 'roadmap_item' else 'Requirement'}: {title}"
        for kind, title, _ in choices
    ]
    if not shown:
        return None
    picked, accepted = QInputDialog.getItem(
        parent,
        "Link Work",
        "Roadmap item or requirement that moves this key result:",
        shown,
        0,
        False,
    )
    return choices[shown.index(picked)] if accepted and picked in shown else None


def review_check_in_import(parent: QWidget, review: CheckInReview, title: str) -> bool:
    """Show the check-in import preview, where the PM picks each field's column; True when
    they import."""
    from pmdesk.workspaces.goals.qt.import_dialog import CheckInImportDialog

    dialog = CheckInImportDialog(review, title, parent)
    return dialog.exec() == CheckInImportDialog.DialogCode.Accepted
