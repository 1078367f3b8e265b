"""The Competitors tab: each competitor's profile (ours too), edited in place and undoable."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

from pmdesk.gui.document import Change, DocumentController
from pmdesk.gui.hidden_changes import on_change
from pmdesk.workspaces.competition import edit
from pmdesk.workspaces.competition.model import THREAT_LEVELS
from pmdesk.workspaces.competition.qt import actions

LINE_FIELDS = {
    "name": "Name",
    "website": "Website",
    "segment": "Segment",
    "pricing_model": "Pricing model",
    "as_of": "As of",
}
TEXT_FIELDS = {
    "description": "Description",
    "price_points": "Price points",
    "strengths": "Strengths",
    "weaknesses": "Weaknesses",
    "positioning": "Positioning statement",
}


class ProfilePanel(QWidget):
    def __init__(
        self, controller: DocumentController, parent: QWidget | None = None, lazy: bool = False
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self._lazy = self._stale = lazy
        self.competitor_id: str | None = None
        self.picker = QListWidget()
        self.picker.setFixedWidth(220)
        self.picker.setStyleSheet("QListWidget::item { padding: 6px 4px; }")
        self.picker.currentItemChanged.connect(lambda *_: self._picked())
        read_only = controller.read_only
        form = QFormLayout()
        self.lines: dict[str, QLineEdit] = {}
        for field, label in LINE_FIELDS.items():
            line = QLineEdit()
            line.setObjectName(field)
            line.setReadOnly(read_only)
            line.editingFinished.connect(lambda f=field: self._line_edited(f))
            self.lines[field] = line
            form.addRow(label, line)
        self.lines["as_of"].setPlaceholderText("YYYY-MM-DD: when this profile was last checked")
        self.is_us = QCheckBox("This is our own product")
        self.is_us.setEnabled(not read_only)
        self.is_us.toggled.connect(self._us_toggled)
        form.addRow("", self.is_us)
        self.threat = QComboBox()
        for key, label in THREAT_LEVELS.items():
            self.threat.addItem(label, key)
        self.threat.setEnabled(not read_only)
        self.threat.activated.connect(
            lambda _i: self._set("threat_level", self.threat.currentData())
        )
        form.addRow("Threat level", self.threat)
        self.texts: dict[str, QPlainTextEdit] = {}
        for field, label in TEXT_FIELDS.items():
            text = QPlainTextEdit()
            text.setObjectName(field)
            text.setReadOnly(read_only)
            text.setTabChangesFocus(True)
            text.setMaximumHeight(90)
            text.textChanged.connect(lambda f=field: self._text_edited(f))
            self.texts[field] = text
            form.addRow(label, text)
        body = QWidget()
        body.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.picker)
        layout.addWidget(scroll, 1)
        on_change(controller, self, self._on_changed)
        if not lazy:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        self.competitors = {c.id: c for c in edit.competitors(self.controller.session)}
        ordered = sorted(self.competitors.values(), key=lambda c: (not c.is_us, c.position, c.name))
        self.picker.blockSignals(True)
        self.picker.clear()
        for competitor in ordered:
            label = f"{competitor.name} (us)" if competitor.is_us else competitor.name
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, competitor.id)
            self.picker.addItem(item)
        keep = self.competitor_id if self.competitor_id in self.competitors else None
        chosen = keep or (ordered[0].id if ordered else None)
        for row in range(self.picker.count()):
            if self.picker.item(row).data(Qt.ItemDataRole.UserRole) == chosen:
                self.picker.setCurrentRow(row)
        self.picker.blockSignals(False)
        self._show(chosen)

    def _picked(self) -> None:
        item = self.picker.currentItem()
        self._show(item.data(Qt.ItemDataRole.UserRole) if item else None)

    def _show(self, competitor_id: str | None) -> None:
        self.competitor_id = competitor_id
        competitor = self.competitors.get(competitor_id or "")
        for widget in (*self.lines.values(), *self.texts.values()):
            widget.setEnabled(competitor is not None)  # read-only shows as setReadOnly
        for widget in (self.is_us, self.threat):
            widget.setEnabled(competitor is not None and not self.controller.read_only)
        for field, line in self.lines.items():
            value = getattr(competitor, field, None) if competitor else None
            shown = value.isoformat() if isinstance(value, date) else (value or "")
            if line.text() != shown:
                line.setText(shown)
        for field, text in self.texts.items():
            value = (getattr(competitor, field) if competitor else "") or ""
            if text.toPlainText() != value:
                text.blockSignals(True)
                text.setPlainText(value)
                text.blockSignals(False)
        self.is_us.blockSignals(True)
        self.is_us.setChecked(bool(competitor and competitor.is_us))
        self.is_us.blockSignals(False)
        self.threat.setCurrentIndex(
            max(0, self.threat.findData(getattr(competitor, "threat_level", "")))
        )

    def _line_edited(self, field: str) -> None:
        self._set(field, self.lines[field].text())

    def _text_edited(self, field: str) -> None:
        self._set(field, self.texts[field].toPlainText(), merge=True)

    def _set(self, field: str, value: object, merge: bool = False) -> None:
        competitor = self.competitors.get(self.competitor_id or "")
        if competitor is not None:
            label = LINE_FIELDS.get(field) or TEXT_FIELDS.get(field) or "Threat level"
            actions.set_competitor_field(self.controller, competitor, field, label, value, merge)

    def _us_toggled(self, checked: bool) -> None:
        competitor_id = self.competitor_id
        if competitor_id is None:
            return
        before = next((c.id for c in self.competitors.values() if c.is_us), None)
        actions.mark_us(self.controller, competitor_id if checked else None, before)

    def _on_changed(self, change: Change) -> None:
        if change.kinds & edit.COMPETITION_TABLES:
            if self.isVisible() or not self._lazy:
                self.refresh()
            else:
                self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)
