"""Every detail of one roadmap item in a form. It checks the values before closing, so a
refused edit (an end before the start, year 9999) keeps everything typed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from pmdesk.errors import PmdeskError
from pmdesk.gui import theme
from pmdesk.workspaces.roadmap.model import CONFIDENCES, HORIZONS, KINDS, MARKER_KINDS, STATUSES
from pmdesk.workspaces.roadmap.plan import Item

Choices = list[tuple[str, str | None]]  # (shown, value)


def _combo(choices: Choices, current: str | None) -> QComboBox:
    combo = QComboBox()
    for shown, value in choices:
        combo.addItem(shown, value)
    if current is not None and combo.findData(current) < 0:
        combo.addItem("(as it is)", current)  # keep a value the list does not offer
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


class ItemDialog(QDialog):
    def __init__(
        self,
        item: Item,
        lanes: Choices,
        owners: Choices,
        check: Callable[[dict[str, Any]], object],
        parent: QWidget | None = None,
        goals: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Roadmap Item")
        self.setMinimumWidth(460)
        self._item = item
        self._check = check
        self.title = QLineEdit(item.title)
        self.lane = _combo(lanes, item.lane_id)
        self.kind = _combo([(v, k) for k, v in KINDS.items()], item.kind)
        self.start = QLineEdit(item.start.isoformat() if item.start else "")
        self.end = QLineEdit(item.end.isoformat() if item.end else "")
        for edit in (self.start, self.end):
            edit.setPlaceholderText("2027-03-31, or empty for the parking lot")
        self.status = _combo([(v, k) for k, v in STATUSES.items()], item.status)
        self.confidence = _combo([(v, k) for k, v in CONFIDENCES.items()], item.confidence)
        self.progress = QSpinBox()
        self.progress.setRange(0, 100)
        self.progress.setSuffix(" %")
        self.progress.setValue(item.progress)
        self.owner = _combo([("Nobody", None), *owners], item.owner_id)
        self.horizon = _combo([(v, k) for k, v in HORIZONS.items()], item.horizon)
        self.horizon.setToolTip("Where the item sits on Now / Next / Later while it has no dates")
        self.tags = QLineEdit(item.tags)
        self.description = QPlainTextEdit(item.description)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(theme.css("color: #b3261e"))
        form = QFormLayout(self)
        for label, widget in (
            ("Title", self.title),
            ("Lane", self.lane),
            ("Kind", self.kind),
            ("Start", self.start),
            ("End", self.end),
            ("Status", self.status),
            ("Confidence", self.confidence),
            ("Progress", self.progress),
            ("Owner", self.owner),
            ("Undated, show under", self.horizon),
            ("Tags", self.tags),
            ("Description", self.description),
        ):
            form.addRow(label, widget)
        # The key results this item moves (linked in the Goals workspace), to read, not edit.
        self.goals = QLabel("\n".join(goals) if goals else "Not linked to a key result")
        self.goals.setWordWrap(True)
        form.addRow("Goals", self.goals)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def changes(self) -> dict[str, Any]:
        """The fields that differ from the item, as typed or chosen."""
        item = self._item
        values: dict[str, Any] = {
            "title": self.title.text(),
            "lane_id": self.lane.currentData(),
            "kind": self.kind.currentData(),
            "start": self.start.text().strip(),
            "end": self.end.text().strip(),
            "status": self.status.currentData(),
            "confidence": self.confidence.currentData(),
            "progress": self.progress.value(),
            "owner_id": self.owner.currentData(),
            "horizon": self.horizon.currentData(),
            "tags": self.tags.text(),
            "description": self.description.toPlainText(),
        }
        before = {
            "start": item.start.isoformat() if item.start else "",
            "end": item.end.isoformat() if item.end else "",
        }
        return {
            name: value
            for name, value in values.items()
            if value != before.get(name, getattr(item, name))
        }

    def _accept_if_valid(self) -> None:
        try:
            self._check(self.changes())
        except PmdeskError as error:
            self.problem.setText(str(error))
            return
        self.accept()


class MarkerDialog(QDialog):
    """Name, date and kind of a date marker; ``removable`` adds a Delete button."""

    DELETE = 2  # the dialog's result when the PM chose Delete

    def __init__(
        self,
        values: dict[str, Any],
        check: Callable[[dict[str, Any]], object],
        removable: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Date Marker")
        self._check = check
        self.name = QLineEdit(values.get("name", ""))
        self.name.setPlaceholderText("Trade show, board meeting, contract deadline…")
        self.on_date = QLineEdit(values.get("on_date", ""))
        self.on_date.setPlaceholderText("2027-04-13")
        self.kind = _combo([(v, k) for k, v in MARKER_KINDS.items()], values.get("kind"))
        self.problem = QLabel()
        self.problem.setStyleSheet(theme.css("color: #b3261e"))
        form = QFormLayout(self)
        form.addRow("Name", self.name)
        form.addRow("Date", self.on_date)
        form.addRow("Kind", self.kind)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        if removable:
            delete = buttons.addButton("Delete", QDialogButtonBox.ButtonRole.DestructiveRole)
            delete.clicked.connect(lambda: self.done(self.DELETE))
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text(),
            "on_date": self.on_date.text().strip(),
            "kind": self.kind.currentData(),
        }

    def _accept_if_valid(self) -> None:
        try:
            self._check(self.values())
        except PmdeskError as error:
            self.problem.setText(str(error))
            return
        self.accept()
