"""The forms of an objective and of a key result. Each checks its values before closing, so a
refused value (a target equal to the baseline, "FY27 H3") keeps everything typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from pmdesk.errors import PmdeskError
from pmdesk.gui import theme
from pmdesk.gui.owner_picker import OwnerPicker
from pmdesk.workspaces.goals.model import CONFIDENCES, DIRECTIONS, OBJECTIVE_STATUSES

Check = Callable[[dict[str, Any]], object]


def _combo(choices: list[tuple[str, str | None]], current: str | None) -> QComboBox:
    combo = QComboBox()
    for shown, value in choices:
        combo.addItem(shown, value)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


class _Form(QDialog):
    def __init__(self, title: str, check: Check, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self._check = check
        self.form = QFormLayout(self)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setObjectName("formProblem")
        self.problem.setStyleSheet(theme.css("color: #b3261e"))
        self._picker_said = ""  # the problem label's text when the owner picker set it

    def _show_verdict(self, sentence: str) -> None:
        """Why the name typed for the owner chose nobody; a problem found on OK stays."""
        if sentence or self.problem.text() == self._picker_said:
            self.problem.setText(sentence)
            self.adjustSize()  # as tall as the sentence needs, rather than cut it off
        self._picker_said = sentence

    def _finish(self) -> None:
        self.form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        self.form.addRow(buttons)

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def _accept_if_valid(self) -> None:
        try:
            self._check(self.values())
        except PmdeskError as error:
            self.problem.setText(str(error))
            return
        self.accept()


class ObjectiveForm(_Form):
    def __init__(
        self,
        values: dict[str, Any],
        owners: list[tuple[str, str]],
        check: Check,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Objective", check, parent)
        self.title = QLineEdit(values.get("title", ""))
        self.title.setPlaceholderText("What the product means to achieve")
        self.period = QLineEdit(values.get("period", ""))
        self.period.setPlaceholderText("FY27 H1, Q2 FY27, FY27 or 2026-10-01 to 2027-03-31")
        self.owner = OwnerPicker(owners)
        self.owner.set_owner_id(values.get("owner_id"))
        self.owner.verdict.connect(self._show_verdict)
        self.status = _combo(
            [(shown, key) for key, shown in OBJECTIVE_STATUSES.items()], values.get("status")
        )
        self.why = QPlainTextEdit(values.get("why", ""))
        self.why.setPlaceholderText("Why it matters now")
        self.why.setTabChangesFocus(True)  # Tab moves on, as in every other field
        for label, widget in (
            ("Title", self.title),
            ("Period", self.period),
            ("Owner", self.owner),
            ("Status", self.status),
            ("Why", self.why),
        ):
            self.form.addRow(label, widget)
        self._finish()

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title.text(),
            "period": self.period.text(),
            "owner_id": self.owner.owner_id(),
            "status": self.status.currentData(),
            "why": self.why.toPlainText(),
        }


class KeyResultForm(_Form):
    def __init__(self, values: dict[str, Any], check: Check, parent: QWidget | None = None) -> None:
        super().__init__("Key Result", check, parent)
        self.metric = QLineEdit(values.get("metric", ""))
        self.metric.setPlaceholderText("What is measured, e.g. Net revenue retention")
        self.unit = QLineEdit(values.get("unit", ""))
        self.unit.setPlaceholderText("%, $M, days, stars…")
        self.direction = _combo(
            [(shown, key) for key, shown in DIRECTIONS.items()], values.get("direction")
        )
        self.baseline = QLineEdit(_number(values.get("baseline")))
        self.target = QLineEdit(_number(values.get("target")))
        for edit in (self.baseline, self.target):
            edit.setPlaceholderText("a plain number, such as 104 or 4.5")
        self.confidence = _combo(
            [(shown, key) for key, shown in CONFIDENCES.items()], values.get("confidence")
        )
        self.cadence = QLineEdit(str(values.get("cadence_days", 31)))
        self.cadence.setToolTip("Days between check-ins; longer silence is flagged")
        for label, widget in (
            ("Metric", self.metric),
            ("Unit", self.unit),
            ("Direction", self.direction),
            ("Baseline", self.baseline),
            ("Target", self.target),
            ("Confidence", self.confidence),
            ("Check in every (days)", self.cadence),
        ):
            self.form.addRow(label, widget)
        self._finish()

    def values(self) -> dict[str, Any]:
        return {
            "metric": self.metric.text(),
            "unit": self.unit.text(),
            "direction": self.direction.currentData(),
            "baseline": self.baseline.text(),
            "target": self.target.text(),
            "confidence": self.confidence.currentData(),
            "cadence_days": self.cadence.text(),
        }


def _number(value: object) -> str:
    if value is None or value == "":
        return ""
    return f"{float(value):g}" if isinstance(value, int | float) else str(value)
