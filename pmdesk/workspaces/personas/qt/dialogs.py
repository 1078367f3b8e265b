"""The Personas workspace's own questions; generic ones are in ``pmdesk.gui.dialogs``.

Tests patch these module-level functions, so no dialog ever blocks a test run.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmdesk.workspaces.personas.model import EVIDENCE_KINDS
from pmdesk.workspaces.personas.query import LinkRow


class _ChooserDialog(QDialog):
    """A filterable list of checkable rows."""

    def __init__(self, parent: QWidget, title: str, prompt: str, rows: Sequence[LinkRow]):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(640, 480)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        layout.addWidget(self.filter)
        self.list = QListWidget()
        for row in rows:
            item = QListWidgetItem(f"{row.label}  —  {row.detail}" if row.detail else row.label)
            item.setData(Qt.ItemDataRole.UserRole, row.target_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _filter(self, text: str) -> None:
        needle = text.casefold()
        for index in range(self.list.count()):
            item = self.list.item(index)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def chosen(self) -> list[str]:
        return [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]


def choose_links(parent: QWidget, title: str, prompt: str, rows: Sequence[LinkRow]) -> list[str]:
    """The ids of the rows the PM ticked; empty when cancelled."""
    dialog = _ChooserDialog(parent, title, prompt, rows)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else []


def choose_evidence(parent: QWidget, choices: dict[str, dict[str, str]]) -> tuple[str, str] | None:
    """(kind, id) of the evidence the PM picked for a proof point; None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("Link Evidence")
    dialog.resize(640, 480)
    layout = QVBoxLayout(dialog)
    kind = QComboBox()
    for key, shown in EVIDENCE_KINDS.items():
        kind.addItem(shown, key)
    layout.addWidget(kind)
    options = QListWidget()
    layout.addWidget(options)

    def fill() -> None:
        options.clear()
        for record_id, label in choices.get(kind.currentData(), {}).items():
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, record_id)
            options.addItem(item)

    kind.currentIndexChanged.connect(fill)
    fill()
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted or options.currentItem() is None:
        return None
    return kind.currentData(), options.currentItem().data(Qt.ItemDataRole.UserRole)


def ask_line(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    """One line of text (a message, a proof point); None when cancelled."""
    from pmdesk.gui import dialogs

    return dialogs.ask_text(parent, title, label, text)
