"""The Business case workspace's own questions; generic ones are in ``pmdesk.gui.dialogs``.

Tests patch these module-level functions, so no dialog ever blocks a test run.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from pmdesk.gui import theme
from pmdesk.gui.record_picker import RecordPicker


def _dialog(parent: QWidget, title: str) -> tuple[QDialog, QFormLayout]:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    form = QFormLayout(dialog)
    return dialog, form


def _buttons(dialog: QDialog, form: QFormLayout) -> None:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)


def ask_new_case(parent: QWidget, items: list[tuple[str, str]]) -> tuple[str, str | None] | None:
    """(title, initiative key or None) of a new business case; None when cancelled. ``items``
    are (key, label) of the launches and roadmap items it may be for."""
    dialog, form = _dialog(parent, "New Business Case")
    title = QLineEdit()
    item = RecordPicker(
        [(label, item_id) for item_id, label in items],
        none_label="No initiative",
        placeholder="Type to find a launch or item",
        noun="launch or roadmap item",
    )
    item.currentIndexChanged.connect(
        lambda _i: (
            title.setText(item.currentText().rsplit(" (", 1)[0])
            if item.currentData() and not title.isModified()
            else None
        )
    )
    problem = QLabel()  # why a name typed into "For" chose nothing
    problem.setObjectName("forProblem")
    problem.setWordWrap(True)
    theme.tone(problem, "danger")
    dialog.setMinimumWidth(440)  # room for a name that ends in "(initiative)"

    def say(sentence: str) -> None:
        problem.setText(sentence)
        form.setRowVisible(problem, bool(sentence))
        dialog.adjustSize()  # as tall as the sentence needs, rather than cut it off

    item.verdict.connect(say)
    form.addRow("For", item)
    form.addRow("", problem)
    form.setRowVisible(problem, False)
    form.addRow("Title", title)
    _buttons(dialog, form)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return title.text(), item.key()


def ask_row(parent: QWidget, kind: str) -> tuple[str, ...] | None:
    """(name, amount) of a one-off cost, or (name, price, mix) of a price tier, as typed."""
    dialog, form = _dialog(parent, "Add One-off Cost" if kind == "cost" else "Add Price Tier")
    name = QLineEdit()
    form.addRow("Name", name)
    fields = [name]
    if kind == "cost":
        amount = QLineEdit()
        form.addRow("Amount", amount)
        fields.append(amount)
    else:
        price, mix = QLineEdit(), QLineEdit()
        form.addRow("Price a month", price)
        form.addRow("Share of new customers (%)", mix)
        fields += [price, mix]
    _buttons(dialog, form)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return tuple(field.text() for field in fields)
