"""The Personas page: the positioning statement, the personas, and what we tell each of them.

Left, the personas; right, the selected one's profile and, in tabs, its key messages with their
proof points and the customer inputs and requirements linked to it. Every edit goes through
``actions``; the page redraws from the controller's ``changed`` signal.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmdesk.gui import theme
from pmdesk.gui.document import Change, DocumentController
from pmdesk.gui.hidden_changes import on_change
from pmdesk.gui.reveal import select_list_item
from pmdesk.gui.text import show_line, show_plain_text
from pmdesk.gui.toolbar import OverflowRow
from pmdesk.workspaces.personas import query
from pmdesk.workspaces.personas.model import BUYING_ROLES, POSITIONING_PARTS, Persona, Positioning
from pmdesk.workspaces.personas.qt import actions, dialogs
from pmdesk.workspaces.personas.qt.widgets import (
    ID_ROLE,
    KIND_ROLE,
    LinksTab,
    MessageTree,
)

# What this page shows; it redraws when an edit touched any of them.
KINDS = frozenset(
    {
        "personas",
        "persona_inputs",
        "persona_requirements",
        "positioning",
        "persona_messages",
        "proof_points",
        "customer_inputs",
        "requirements",
        "competitor_ratings",
        "goal_check_ins",
        "goal_key_results",
    }
)
# Edits of these alone leave the messages and the link lists as they were.
PROFILE_KINDS = frozenset({"personas", "positioning"})
TEXT_FIELDS = (("goals", "Goals"), ("pains", "Pains"), ("jobs", "Jobs to be done"))


class PersonasPage(QWidget):
    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.persona_id: str | None = None
        self.shown_id: str | None = None  # whose messages and links the tabs show
        layout = QVBoxLayout(self)
        heading = QLabel("Personas and messaging")
        heading.setObjectName("pageTitle")
        theme.style(heading, "page_title")
        layout.addWidget(heading)
        layout.addWidget(self._positioning_box())
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._persona_list())
        splitter.addWidget(self._persona_detail())
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([240, 760])
        layout.addWidget(splitter, 1)
        self._apply_read_only()
        on_change(controller, self, self._refresh_if_touched)
        self.refresh()

    # -- building ------------------------------------------------------------------------------

    def _positioning_box(self) -> QGroupBox:
        box = QGroupBox("Positioning statement")
        grid = QGridLayout(box)
        self.positioning: dict[str, QLineEdit] = {}
        # Read across, then down: "For … who …", "the product is … that …", "unlike … we …".
        for index, (part, lead, hint) in enumerate(POSITIONING_PARTS):
            editor = QLineEdit()
            editor.setPlaceholderText(hint)
            editor.textEdited.connect(lambda text, part=part: self._positioning_edited(part, text))
            label = QLabel(lead)
            label.setBuddy(editor)
            row, column = divmod(index, 2)
            grid.addWidget(label, row, column * 2)
            grid.addWidget(editor, row, column * 2 + 1)
            self.positioning[part] = editor
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        return box

    def _persona_list(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setSpacing(3)
        self.list.currentItemChanged.connect(self._selected)
        layout.addWidget(self.list)
        self.add_button = QPushButton("Add Persona")
        self.add_button.clicked.connect(self._add_persona)
        self.delete_button = QPushButton("Delete")
        self.delete_button.clicked.connect(self._delete_persona)
        # One row of actions, "Add" first; what does not fit waits in its "More" menu.
        self.actions_row = OverflowRow()
        self.actions_row.add(self.add_button)
        self.actions_row.add(self.delete_button)
        layout.insertWidget(0, self.actions_row)
        return panel

    def _persona_detail(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.editingFinished.connect(lambda: self._field_edited("name", self.name.text()))
        self.role = QLineEdit()
        self.role.setPlaceholderText("Dispatcher at a mid-size contractor")
        self.role.editingFinished.connect(lambda: self._field_edited("role", self.role.text()))
        self.buying_role = QComboBox()
        for key, shown in BUYING_ROLES.items():
            self.buying_role.addItem(shown, key)
        self.buying_role.activated.connect(
            lambda _index: self._field_edited("buying_role", self.buying_role.currentData())
        )
        self.segment = QLineEdit()
        self.segment.setPlaceholderText("The segment tag on customer inputs from people like this")
        self.segment.editingFinished.connect(
            lambda: self._field_edited("segment", self.segment.text())
        )
        form.addRow("Name", self.name)
        form.addRow("Role", self.role)
        form.addRow("Buying role", self.buying_role)
        form.addRow("Segment", self.segment)
        layout.addLayout(form)
        self.texts: dict[str, QPlainTextEdit] = {}
        texts = QGridLayout()
        for column, (field, label) in enumerate(TEXT_FIELDS):
            editor = QPlainTextEdit()
            editor.setTabChangesFocus(True)
            editor.setFixedHeight(84)
            editor.textChanged.connect(lambda field=field: self._text_edited(field))
            caption = QLabel(label)
            caption.setBuddy(editor)
            texts.addWidget(caption, 0, column)
            texts.addWidget(editor, 1, column)
            self.texts[field] = editor
        layout.addLayout(texts)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._messages_tab(), "Key messages")
        self.inputs_tab = self._links_tab("input", "customer input")
        self.requirements_tab = self._links_tab("requirement", "requirement")
        self.tabs.addTab(self.inputs_tab, "Customer inputs")
        self.tabs.addTab(self.requirements_tab, "Requirements")
        layout.addWidget(self.tabs, 1)
        self.detail = panel
        return panel

    def _messages_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.messages = MessageTree()
        self.messages.itemDoubleClicked.connect(self._edit_message_item)
        self.messages.currentItemChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.messages)
        row = QHBoxLayout()
        self.add_message_button = QPushButton("Add message")
        self.add_message_button.clicked.connect(self._add_message)
        self.add_proof_button = QPushButton("Add proof point")
        self.add_proof_button.clicked.connect(self._add_proof)
        self.evidence_button = QPushButton("Link evidence…")
        self.evidence_button.clicked.connect(self._link_evidence)
        self.remove_message_button = QPushButton("Delete")
        self.remove_message_button.clicked.connect(self._delete_message_item)
        for button in (
            self.add_message_button,
            self.add_proof_button,
            self.evidence_button,
            self.remove_message_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        return tab

    def _links_tab(self, kind: str, word: str) -> LinksTab:
        tab = LinksTab(word)
        tab.buttons[0].clicked.connect(lambda: self._link_suggested(kind))
        tab.buttons[1].clicked.connect(lambda: self._choose_links(kind))
        tab.buttons[2].clicked.connect(lambda: self._unlink(kind))
        return tab

    # -- showing -------------------------------------------------------------------------------

    def _refresh_if_touched(self, change: Change) -> None:
        if not any(change.touches(kind) for kind in KINDS):
            return
        # Typing in a profile field or the positioning statement changes nothing the messages
        # and link lists show, and those can hold thousands of rows: leave them as they are.
        self.refresh(details=not change.kinds <= PROFILE_KINDS)

    def refresh(self, details: bool = True) -> None:
        session = self.controller.session
        for part, text in query.positioning(session).items():
            show_line(self.positioning[part], text)
        people = query.personas(session)
        counts = query.link_counts(session)
        ids = [persona.id for persona in people]
        if self.persona_id not in ids:
            self.persona_id = ids[0] if ids else None
        self.list.blockSignals(True)
        self.list.clear()
        for persona in people:
            inputs, _needs = counts.get(persona.id, (0, 0))
            role = BUYING_ROLES.get(persona.buying_role, persona.buying_role)
            item = QListWidgetItem(f"{persona.name}\n{role} · {inputs:,} inputs")
            item.setData(ID_ROLE, persona.id)
            self.list.addItem(item)
            if persona.id == self.persona_id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._show_persona(details, people)

    def _show_persona(self, details: bool = True, people: list[Persona] | None = None) -> None:
        """Show the chosen persona; ``people`` are the personas when just read (one read less)."""
        session = self.controller.session
        if people is None:
            people = query.personas(session)
        persona = next((p for p in people if p.id == self.persona_id), None)
        self.detail.setEnabled(persona is not None)
        if persona is None:
            for editor in (self.name, self.role, self.segment):
                show_line(editor, "")
            for editor in self.texts.values():
                show_plain_text(editor, "")
            self.messages.clear()
            self.shown_id = None
            for tab in (self.inputs_tab, self.requirements_tab):
                tab.show_links([])
                tab.show_suggestions([])
            self._update_buttons()
            return
        show_line(self.name, persona.name)
        show_line(self.role, persona.role)
        show_line(self.segment, persona.segment)
        self.buying_role.setCurrentIndex(max(0, self.buying_role.findData(persona.buying_role)))
        for field, editor in self.texts.items():
            show_plain_text(editor, getattr(persona, field))
        if details or self.shown_id != persona.id:
            self.messages.show_rows(query.messages(session, [persona.id]).get(persona.id, []))
            self._show_links(self.inputs_tab, query.linked_inputs(session, persona.id))
            self._show_links(self.requirements_tab, query.linked_requirements(session, persona.id))
            self.shown_id = persona.id
        # A new segment suggests other inputs: the suggestions follow every profile edit.
        self.inputs_tab.show_suggestions(query.suggested_input_ids(session, persona.id))
        needs = query.suggested_requirements(session, persona.id)
        self.requirements_tab.show_suggestions([row.target_id for row in needs])
        self._update_buttons()

    def _show_links(self, tab: LinksTab, linked: list[query.LinkRow]) -> None:
        tab.show_links(linked)
        title = "Customer inputs" if tab is self.inputs_tab else "Requirements"
        self.tabs.setTabText(self.tabs.indexOf(tab), f"{title} ({len(linked):,})")

    def _apply_read_only(self) -> None:
        read_only = self.controller.read_only
        for editor in (self.name, self.role, self.segment, *self.positioning.values()):
            editor.setReadOnly(read_only)
        for editor in self.texts.values():
            editor.setReadOnly(read_only)
        self.buying_role.setEnabled(not read_only)
        self.add_button.setEnabled(not read_only)

    def _update_buttons(self) -> None:
        writable = not self.controller.read_only and self.persona_id is not None
        current = self.messages.currentItem()
        self.delete_button.setEnabled(writable)
        self.add_message_button.setEnabled(writable)
        self.add_proof_button.setEnabled(writable and current is not None)
        self.evidence_button.setEnabled(
            writable and current is not None and current.data(0, KIND_ROLE) == "proof"
        )
        self.remove_message_button.setEnabled(writable and current is not None)
        for tab in (self.inputs_tab, self.requirements_tab):
            suggest, choose, remove = tab.buttons
            suggest.setEnabled(writable and bool(tab.suggested))
            choose.setEnabled(writable)
            remove.setEnabled(writable)

    # -- gestures ------------------------------------------------------------------------------

    def _selected(self, current: QListWidgetItem | None, _previous: object) -> None:
        self.persona_id = current.data(ID_ROLE) if current is not None else None
        self._show_persona()

    def _positioning_edited(self, part: str, text: str) -> None:
        actions.set_positioning(self.controller, part, text)

    def _field_edited(self, field: str, value: object) -> None:
        if self.persona_id is None:
            return
        if not actions.set_persona_field(self.controller, self.persona_id, field, value):
            self._show_persona()  # a refused value goes back to what the file holds

    def _text_edited(self, field: str) -> None:
        if self.persona_id is not None:
            actions.set_persona_field(
                self.controller, self.persona_id, field, self.texts[field].toPlainText()
            )

    def _add_persona(self) -> None:
        persona_id = actions.add_persona(self.controller)
        if persona_id is not None:
            self.persona_id = persona_id
            self.refresh()
            self.name.setFocus()
            self.name.selectAll()

    def _delete_persona(self) -> None:
        if self.persona_id is None:
            return
        # No question: the delete is one undo step, and Edit › Undo names what went.
        actions.delete_persona(self.controller, self.persona_id)

    def _current_message_id(self) -> str | None:
        item = self.messages.currentItem()
        if item is None:
            return None
        if item.data(0, KIND_ROLE) == "proof":
            item = item.parent()
        return item.data(0, ID_ROLE)

    def _add_message(self) -> None:
        if self.persona_id is None:
            return
        text = dialogs.ask_line(self, "Add Key Message", "What do we tell this persona?")
        if text:
            actions.add_message(self.controller, self.persona_id, text)

    def _add_proof(self) -> None:
        message_id = self._current_message_id()
        if message_id is None:
            return
        text = dialogs.ask_line(self, "Add Proof Point", "Why is the message true?")
        if text:
            actions.add_proof_point(self.controller, message_id, text)

    def _link_evidence(self) -> None:
        item = self.messages.currentItem()
        if item is None or item.data(0, KIND_ROLE) != "proof":
            return
        session = self.controller.session
        chosen = dialogs.choose_evidence(self, query.evidence_choices(session))
        if chosen is not None:
            actions.set_evidence(self.controller, item.data(0, ID_ROLE), *chosen)

    def _edit_message_item(self, item: QTreeWidgetItem, _column: int) -> None:
        if self.controller.read_only:
            return
        is_proof = item.data(0, KIND_ROLE) == "proof"
        text = dialogs.ask_line(
            self,
            "Edit Proof Point" if is_proof else "Edit Key Message",
            "Proof point:" if is_proof else "Key message:",
            item.text(0),
        )
        if text is None:
            return
        if is_proof:
            actions.set_proof_text(self.controller, item.data(0, ID_ROLE), text)
        else:
            actions.set_message_text(self.controller, item.data(0, ID_ROLE), text)

    def _delete_message_item(self) -> None:
        item = self.messages.currentItem()
        if item is None:
            return
        if item.data(0, KIND_ROLE) == "proof":
            actions.delete_proof_point(self.controller, item.data(0, ID_ROLE))
        else:
            actions.delete_message(self.controller, item.data(0, ID_ROLE))

    def _link_suggested(self, kind: str) -> None:
        tab = self.inputs_tab if kind == "input" else self.requirements_tab
        if self.persona_id is None or not tab.suggested:
            return
        if kind == "input":
            actions.link_inputs(self.controller, self.persona_id, tab.suggested)
        else:
            actions.link_requirements(self.controller, self.persona_id, tab.suggested)

    def _choose_links(self, kind: str) -> None:
        if self.persona_id is None:
            return
        session = self.controller.session
        if kind == "input":
            rows = query.unlinked_inputs(session, self.persona_id)
            chosen = dialogs.choose_links(
                self, "Link Customer Inputs", "Which inputs came from this persona?", rows
            )
            actions.link_inputs(self.controller, self.persona_id, chosen)
        else:
            rows = query.unlinked_requirements(session, self.persona_id)
            chosen = dialogs.choose_links(
                self, "Link Requirements", "Which requirements serve this persona?", rows
            )
            actions.link_requirements(self.controller, self.persona_id, chosen)

    def _unlink(self, kind: str) -> None:
        tab = self.inputs_tab if kind == "input" else self.requirements_tab
        ids = [item.data(ID_ROLE) for item in tab.linked.selectedItems()]
        actions.unlink(self.controller, kind, ids)

    # -- find ----------------------------------------------------------------------------------

    def reveal(self, kind: str, record_id: str) -> bool:
        """Show a persona selected with its details (its messages and proof points are shown
        by it), or the positioning statement."""
        if kind == Positioning.__tablename__:
            return True
        return kind == Persona.__tablename__ and select_list_item(self.list, record_id, ID_ROLE)
