"""One customer input in full, what it supports, and the two ways out of the inbox: link it
to an existing requirement, or turn it into a new one."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.gui import theme
from pmdesk.gui.document import DocumentController
from pmdesk.gui.record_picker import RecordPicker
from pmdesk.gui.text import NoteEdit, show_line, show_plain_text
from pmdesk.workspaces.requirements import query
from pmdesk.workspaces.requirements.model import SOURCES, STATUSES, CustomerInput
from pmdesk.workspaces.requirements.qt.actions import RequirementActions
from pmdesk.workspaces.requirements.qt.widgets import (
    LinkEntry,
    LinkList,
    hint_label,
    narrow_combo,
    section_label,
)
from pmdesk.workspaces.stakeholders.query import people_by_name

NEW_REQUIREMENT_TITLE_MAX = 80


QUOTE_MAX_HEIGHT = 320  # px: the rest of the panel stays in sight


class InputDetail(QWidget):
    """One input in full, what it supports, and the two ways out of the inbox."""

    open_requirement = Signal(str)

    def __init__(
        self,
        controller: DocumentController,
        actions: RequirementActions,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.actions = actions
        self.input_id: str | None = None

        self.empty = hint_label(
            "Select a customer input to link it to a requirement, or to turn it into one."
        )
        self.quote = NoteEdit("What the customer said, in their words.")
        self.quote.setMinimumHeight(90)
        # A long quote grows the box up to a screenful; beyond, it scrolls inside it.
        self.quote.document().documentLayout().documentSizeChanged.connect(
            lambda _size: self._fit_quote()
        )
        self.stakeholder = RecordPicker(
            none_label="(none)", placeholder="Type to find one", noun="stakeholder"
        )
        narrow_combo(self.stakeholder)
        self.stakeholder.setToolTip("Someone on your stakeholder map who said it.")
        self.lines = {name: QLineEdit() for name in ("customer", "segment", "tags")}
        self.lines["customer"].setPlaceholderText("A named customer, if not a stakeholder")
        self.lines["tags"].setPlaceholderText("Comma-separated")
        self.source = QComboBox()
        for key, shown in SOURCES.items():
            self.source.addItem(shown, key)
        self.received_on = QDateEdit()
        self.received_on.setCalendarPopup(True)
        self.received_on.setDisplayFormat("d MMM yyyy")
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Stakeholder", self.stakeholder)
        form.addRow("Customer", self.lines["customer"])
        form.addRow("Segment", self.lines["segment"])
        form.addRow("Source", self.source)
        form.addRow("Date", self.received_on)
        form.addRow("Tags", self.lines["tags"])
        self.supports_title = section_label("Supports these requirements")
        self.supports_title.setWordWrap(True)
        self.supports = LinkList()
        self.requirement_choice = RecordPicker(
            placeholder="Type to find a requirement", noun="requirement"
        )
        narrow_combo(self.requirement_choice)
        self.link_button = QPushButton("Link")
        self.create_button = QPushButton("Add Requirement from This Input")
        self.create_button.setToolTip(
            "Creates a requirement titled after the quote, with this input as its evidence."
        )

        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(section_label("The customer said"))
        body.addWidget(self.quote)
        body.addLayout(form)
        body.addWidget(self.supports_title)
        body.addWidget(self.supports)
        body.addWidget(section_label("Answer it with a requirement"))
        link_row = QHBoxLayout()
        link_row.addWidget(self.requirement_choice, 1)
        link_row.addWidget(self.link_button)
        body.addLayout(link_row)
        body.addWidget(self.create_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 6)
        layout.addWidget(self.empty)
        layout.addWidget(self.body)
        layout.addStretch(1)

        read_only = controller.read_only
        self.quote.setReadOnly(read_only)
        for button in (self.link_button, self.create_button):
            button.setEnabled(not read_only)
        self.quote.editing_finished.connect(self._quote_finished)
        for name, editor in self.lines.items():
            editor.setReadOnly(read_only)
            editor.editingFinished.connect(lambda n=name: self._store(n, self.lines[n].text()))
        for combo in (self.stakeholder, self.source):
            combo.setEnabled(not read_only)
        self.received_on.setReadOnly(read_only)
        self.stakeholder.editing_finished.connect(
            lambda: self._store("stakeholder_id", self.stakeholder.key())
        )
        self.source.activated.connect(lambda _i: self._store("source", self.source.currentData()))
        self.received_on.editingFinished.connect(
            lambda: self._store("received_on", self.received_on.date().toPython())
        )
        self.link_button.clicked.connect(self._link)
        self.create_button.clicked.connect(self._create)
        self.supports.activated.connect(self._supports_link)
        self.show_input(None)

    def show_input(self, input_id: str | None) -> None:
        record = self.controller.session.get(CustomerInput, input_id) if input_id else None
        self.input_id = record.id if record else None
        self.empty.setVisible(record is None)
        self.body.setVisible(record is not None)
        if record is None:
            return
        show_plain_text(self.quote, record.quote)
        self._fill_stakeholders(record.stakeholder_id)
        for name, editor in self.lines.items():
            show_line(editor, getattr(record, name))
        self.source.setCurrentIndex(max(self.source.findData(record.source), 0))
        self.received_on.setDate(record.received_on)
        linked = query.requirements_of_input(self.controller.session, record.id)
        actions = [("show", "Show requirement")]
        if not self.controller.read_only:
            actions.append(("unlink", "Unlink"))
        self.supports.set_entries(
            [
                LinkEntry(
                    requirement.id,
                    f"<b>{escape(requirement.title)}</b> "
                    f"<span style='color:#667085'>{escape(requirement.reference)} · "
                    f"{escape(STATUSES.get(requirement.status, requirement.status))}</span>",
                    tuple(actions),
                )
                for requirement in linked
            ]
        )
        if linked:
            self.supports_title.setText(f"Supports these requirements ({len(linked)})")
            self.supports_title.setStyleSheet(theme.css("font-weight: 600; color: #344054;"))
        else:
            self.supports_title.setText("In the inbox — no requirement answers it yet")
            self.supports_title.setStyleSheet(theme.css("font-weight: 600; color: #b42318;"))
        self._fill_choices({row.id for row in linked})

    def _fill_choices(self, linked: set[str]) -> None:
        self.requirement_choice.set_choices(
            [
                (f"{title} ({reference})" if reference else title, record_id)
                for record_id, reference, title in query.requirement_choices(
                    self.controller.session
                )
                if record_id not in linked
            ]
        )
        self.requirement_choice.set_key(None)

    def _fill_stakeholders(self, chosen: str | None) -> None:
        self.stakeholder.set_choices(people_by_name(self.controller.session))
        self.stakeholder.set_key(chosen)

    def _store(self, field: str, value: object) -> None:
        if self.input_id is None:
            return
        record = self.controller.session.get(CustomerInput, self.input_id)
        if record is None or getattr(record, field) == value:
            return
        if not self.actions.update_input(self.input_id, field, value):
            self.show_input(self.input_id)  # show what is stored again

    def _fit_quote(self) -> None:
        document = self.quote.document()
        # A plain-text layout measures its height in lines, wrapped lines included.
        lines = document.documentLayout().documentSize().height()
        margins = self.quote.contentsMargins()
        wanted = int(
            lines * self.quote.fontMetrics().lineSpacing()
            + 2 * document.documentMargin()
            + margins.top()
            + margins.bottom()
        )
        self.quote.setFixedHeight(max(90, min(wanted, QUOTE_MAX_HEIGHT)))

    def _quote_finished(self) -> None:
        if self.input_id is None:
            return
        record = self.controller.session.get(CustomerInput, self.input_id)
        text = self.quote.toPlainText()
        if record is None or record.quote == text:
            return
        if not self.actions.update_input(self.input_id, "quote", text):
            self.show_input(self.input_id)

    def _link(self) -> None:
        settled = self.requirement_choice.settle()
        requirement_id = self.requirement_choice.key() if settled else None
        if self.input_id is None or requirement_id is None:
            self.controller.failed.emit("Pick a requirement from the list to link this input to.")
            return
        self.actions.link(self.input_id, requirement_id)

    def _create(self) -> None:
        if self.input_id is None:
            return
        record = self.controller.session.get(CustomerInput, self.input_id)
        if record is None:
            return
        quote = " ".join(record.quote.split())
        title = quote if len(quote) <= NEW_REQUIREMENT_TITLE_MAX else quote[:77].rstrip() + "…"
        new_id = self.actions.add_requirement(
            {"title": title, "rationale": f"Customer input: “{quote}”", "tags": record.tags},
            evidence_from=self.input_id,
        )
        if new_id is not None:
            self.open_requirement.emit(new_id)

    def _supports_link(self, action: str, requirement_id: str) -> None:
        if action == "show":
            self.open_requirement.emit(requirement_id)
        elif action == "unlink" and self.input_id:
            self.actions.unlink(self.input_id, requirement_id)
