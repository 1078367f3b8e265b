"""Who reads a briefing: the audience profile, its rules as tick boxes, and in plain words
what that audience will not see."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pmdesk.export.audience import DEFAULT_RULES, PROFILES, RULES, Audience, parse_adjustments


class AudiencePanel(QWidget):
    """Emits ``edited`` with the briefing fields to change (``profile``, ``profile_rules``)."""

    edited = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile = QComboBox()
        for key, label in PROFILES.items():
            self.profile.addItem(label, key)
        self.profile.activated.connect(self._profile_chosen)
        self.rules: dict[str, QCheckBox] = {}
        rules = QVBoxLayout()
        rules.setSpacing(2)
        for rule, text in RULES.items():
            # The short name on the box, the whole rule in its tooltip: the panel stays narrow.
            box = QCheckBox(text.split(":")[0].split(" (")[0])
            box.setToolTip(text)
            box.toggled.connect(self._rule_toggled)
            self.rules[rule] = box
            rules.addWidget(box)
        self.summary = QLabel()
        # No word wrap: a wrapped label's height-for-width makes a scroll area squeeze the
        # rows above it; each line is short.
        self.summary.setObjectName("audienceSummary")
        form = QFormLayout(self)
        form.addRow("Audience profile", self.profile)
        form.addRow("Leave out", rules)
        form.addRow(self.summary)
        # As tall as its content: in the settings' scroll area it must scroll, not squeeze.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._audience = Audience()

    def show_briefing(self, profile: str, profile_rules: str, read_only: bool) -> None:
        self._audience = Audience.of(profile, parse_adjustments(profile_rules))
        self.profile.setCurrentIndex(max(0, self.profile.findData(self._audience.profile)))
        for rule, box in self.rules.items():
            box.blockSignals(True)
            box.setChecked(self._audience.hides(rule))
            box.blockSignals(False)
            box.setEnabled(not read_only)
        self.profile.setEnabled(not read_only)
        self._say()

    def _say(self) -> None:
        hidden = self._audience.not_shown()
        if not hidden:
            self.summary.setText("This audience sees everything in the briefing.")
            return
        lines = "".join(f"<li>{text}</li>" for text in hidden)
        self.summary.setText(f"This audience will <b>not</b> see:<ul>{lines}</ul>")

    def _profile_chosen(self, index: int) -> None:
        # A new profile starts from its own rules: earlier adjustments were for another one.
        self.edited.emit({"profile": self.profile.itemData(index), "profile_rules": {}})

    def _rule_toggled(self, _checked: bool) -> None:
        profile = self._audience.profile
        defaults = DEFAULT_RULES[profile]
        adjustments: dict[str, Any] = {
            rule: box.isChecked()
            for rule, box in self.rules.items()
            if box.isChecked() != (rule in defaults)
        }
        self.edited.emit({"profile": profile, "profile_rules": adjustments})
