"""The details of the stakeholder selected on the grid, beside it: every field, edited in
place. A field stores when the PM leaves it (Tab, a click elsewhere, Enter) as one undo step,
through the same actions the table uses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pmdesk.gui import theme
from pmdesk.gui.document import Change, DocumentController
from pmdesk.gui.hidden_changes import on_change
from pmdesk.gui.owner_picker import OwnerPicker
from pmdesk.gui.text import NoteEdit, show_line, show_plain_text
from pmdesk.workspaces.stakeholders import edit
from pmdesk.workspaces.stakeholders.model import (
    ATTITUDES,
    SCORE_MAX,
    SCORE_MIN,
    STRATEGIES,
    Stakeholder,
)
from pmdesk.workspaces.stakeholders.qt import actions

LINES = (
    ("name", "Name"),
    ("role", "Title / role"),
    ("department", "Department"),
    ("channel", "Channel"),
    ("cadence", "Cadence"),
    ("last_contact", "Last contact"),
    ("next_touchpoint", "Next touchpoint"),
    ("tags", "Tags"),
)
TEXTS = (
    ("needs", "Needs from PM"),
    ("deliverables", "Key deliverables"),
    ("notes", "Notes"),
)


class PersonPanel(QScrollArea):
    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.person_id: str | None = None
        self.setObjectName("stakeholderDetails")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(260)
        body = QWidget()
        self.empty = QLabel("Select a card to see and edit everything about that person.")
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(theme.css("color: #667085;"))
        self.lines = {field: QLineEdit() for field, _label in LINES}
        for field in ("last_contact", "next_touchpoint"):
            self.lines[field].setPlaceholderText("2027-01-31")
        self.lines["tags"].setPlaceholderText("Comma-separated")
        self.external = QCheckBox("Outside the company")
        self.influence = _score_box("How much they can shape the product's fate")
        self.interest = _score_box("How much they care about it")
        self.attitude = QComboBox()
        for key, label in ATTITUDES.items():
            self.attitude.addItem(label, key)
        self.strategy = QComboBox()
        self.strategy.addItem("Follow the quadrant", "")
        for key, label in STRATEGIES.items():
            self.strategy.addItem(label, key)
        self.owner = OwnerPicker([], free_text=True)
        self.owner.setToolTip("Who on the team keeps in touch with them")
        self.texts = {field: NoteEdit() for field, _label in TEXTS}
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field, label in LINES[:3]:
            form.addRow(label, self.lines[field])
        form.addRow("", self.external)
        form.addRow("Influence", self.influence)
        form.addRow("Interest", self.interest)
        form.addRow("Attitude", self.attitude)
        form.addRow("Strategy", self.strategy)
        form.addRow("Owner", self.owner)
        for field, label in LINES[3:]:
            form.addRow(label, self.lines[field])
        for field, label in TEXTS:
            editor = self.texts[field]
            editor.setMinimumHeight(54)
            editor.setMaximumHeight(110)
            form.addRow(label, editor)
        self.form_box = QWidget()
        self.form_box.setLayout(form)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(10, 6, 8, 6)
        layout.addWidget(self.empty)
        layout.addWidget(self.form_box)
        layout.addStretch(1)
        self.setWidget(body)

        read_only = controller.read_only
        for field, line in self.lines.items():
            line.setReadOnly(read_only)
            line.editingFinished.connect(lambda f=field: self._store(f, self.lines[f].text()))
        for field, editor in self.texts.items():
            editor.setReadOnly(read_only)
            editor.editing_finished.connect(
                lambda f=field: self._store(f, self.texts[f].toPlainText())
            )
        for widget in (
            self.external,
            self.influence,
            self.interest,
            self.attitude,
            self.strategy,
            self.owner,
        ):
            widget.setEnabled(not read_only)
        self.external.toggled.connect(lambda on: self._store("external", on))
        self.influence.editingFinished.connect(self._move)
        self.interest.editingFinished.connect(self._move)
        self.attitude.activated.connect(
            lambda _i: self._store("attitude", self.attitude.currentData())
        )
        self.strategy.activated.connect(
            lambda _i: self._store("strategy_override", self.strategy.currentData())
        )
        self.owner.editing_finished.connect(lambda: self._store("owner", self.owner.owner_text()))
        on_change(controller, self, self._on_changed)
        self.show_person(None)

    # -- showing -------------------------------------------------------------------------------

    def show_person(self, person_id: str | None) -> None:
        session = self.controller.session
        person = session.get(Stakeholder, person_id) if person_id else None
        self.person_id = person.id if person is not None else None
        self.empty.setVisible(person is None)
        self.form_box.setVisible(person is not None)
        if person is None:
            return
        for field, line in self.lines.items():
            value = getattr(person, field)
            text = value.isoformat() if hasattr(value, "isoformat") else str(value or "")
            show_line(line, text)
        for field, editor in self.texts.items():
            show_plain_text(editor, getattr(person, field))
        for widget, value in (
            (self.influence, person.influence),
            (self.interest, person.interest),
        ):
            widget.blockSignals(True)
            widget.setValue(value)
            widget.blockSignals(False)
        self.external.blockSignals(True)
        self.external.setChecked(person.external)
        self.external.blockSignals(False)
        self.attitude.setCurrentIndex(max(self.attitude.findData(person.attitude), 0))
        self.strategy.setCurrentIndex(max(self.strategy.findData(person.strategy_override), 0))
        people = [(p.name, p.id) for p in edit.load_map(session).stakeholders if p.id != person.id]
        self.owner.blockSignals(True)
        if self.owner.people() != sorted(people):
            self.owner.set_people(sorted(people))
        self.owner.set_owner_text(person.owner)
        self.owner.blockSignals(False)

    def _on_changed(self, change: Change) -> None:
        if self.person_id is not None and change.touches(Stakeholder.__tablename__):
            self.show_person(self.person_id)  # an undo, or an edit elsewhere

    # -- editing -------------------------------------------------------------------------------

    def _person(self) -> Stakeholder | None:
        if self.person_id is None:
            return None
        return self.controller.session.get(Stakeholder, self.person_id)

    def _store(self, field: str, value: object) -> None:
        person = self._person()
        if person is None or self.controller.read_only:
            return
        stored = getattr(person, field)
        shown = stored.isoformat() if hasattr(stored, "isoformat") else stored
        if stored == value or (shown or "") == value:
            return
        if not actions.set_stakeholder_field(self.controller, person, field, value):
            self.show_person(self.person_id)  # refused: show what is stored again

    def _move(self) -> None:
        person = self._person()
        if person is None or self.controller.read_only:
            return
        place = (self.influence.value(), self.interest.value())
        if place != (person.influence, person.interest):
            actions.move_stakeholder(self.controller, person.id, *place)


def _score_box(tip: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(SCORE_MIN, SCORE_MAX)
    box.setToolTip(tip)
    return box
