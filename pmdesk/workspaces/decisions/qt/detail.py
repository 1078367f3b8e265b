"""One decision in full: the question, the options, what was decided and why, who decided,
when to revisit it, and the records it concerns.

Every field stores when the PM leaves it (Tab, Return or a click elsewhere): one visit to a
field is one undo step. A refused value (a revisit date before the decision's date) is reported
by the controller and the field shows what is stored again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pmdesk.gui.document import DocumentController
from pmdesk.gui.text import NoteEdit, show_line, show_plain_text
from pmdesk.workspaces.decisions import query
from pmdesk.workspaces.decisions.model import LINK_KINDS, STATUSES, link_kind
from pmdesk.workspaces.decisions.qt import actions
from pmdesk.workspaces.decisions.qt.table_model import WORKSPACE_NAMES
from pmdesk.workspaces.decisions.qt.widgets import section_label
from pmdesk.workspaces.decisions.query import LogEntry
from pmdesk.workspaces.stakeholders.query import people_by_name

LINK_ROLE = Qt.ItemDataRole.UserRole + 1  # (kind key, record id) of a listed link
TEXT_FIELDS = (
    ("options", "Options considered", "One option a line, the chosen one included."),
    ("outcome", "What was decided", "The decision, as the people who took it would say it."),
    ("rationale", "Why", "The reasons, the evidence and what was traded away."),
    ("notes", "Notes", "Context, follow-ups, what would make us look again."),
)
DATE_HINT = "YYYY-MM-DD"


class DecisionDetail(QWidget):
    """The editor of the decision selected in the log."""

    def __init__(
        self,
        controller: DocumentController,
        lookup: Callable[[str], LogEntry | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self._lookup = lookup  # the log as the table last read it: the panel never reads twice
        self.decision_id: str | None = None
        self._entry: LogEntry | None = None
        self._targets_for: tuple[str, frozenset[str]] | None = None  # what the chooser offers
        self._people: list[tuple[str, str]] | None = None  # who may have decided, read once

        self.empty = QLabel("Select a decision to see what was decided and why.")
        self.empty.setWordWrap(True)
        self.question = QLineEdit()
        self.question.setPlaceholderText("The question, as the people deciding would ask it")
        self.question.setAccessibleName("Question")
        self.question.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.decided_on = _date_edit("Date: when it was decided, or asked")
        self.revisit_on = _date_edit("Revisit on (leave empty for no revisit)")
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        for key, shown in STATUSES.items():
            self.status.addItem(shown, key)
        self.decider = QComboBox()
        self.decider.setEditable(True)
        self.decider.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.decider.setAccessibleName("Decided by")
        self.decider.setToolTip("A stakeholder, or type a name (a council, someone outside)")
        self.decider.lineEdit().setPlaceholderText("A stakeholder, or type a name")
        self.texts: dict[str, NoteEdit] = {}

        facts = QFormLayout()
        facts.setContentsMargins(0, 0, 0, 0)
        facts.addRow("Date", self.decided_on)
        facts.addRow("Status", self.status)
        facts.addRow("Decided by", self.decider)
        facts.addRow("Revisit on", self.revisit_on)

        self.links = QListWidget()
        self.links.setAccessibleName("Records this decision concerns")
        self.links.setMaximumHeight(140)
        self.links.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.links_title = section_label("Concerns")
        self.link_kind = QComboBox()
        self.link_kind.setAccessibleName("Workspace to link from")
        for kind in LINK_KINDS:
            self.link_kind.addItem(kind.workspace, kind.key)
        self.link_target = QComboBox()
        self.link_target.setAccessibleName("Record to link")
        for combo in (self.link_kind, self.link_target, self.decider, self.status):
            # Long titles must not widen the panel past the splitter: they elide instead.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
        self.link_target.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.link_button = QPushButton("Link")
        self.unlink_button = QPushButton("Unlink")

        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.question)
        body.addLayout(facts)
        for field, label, hint in TEXT_FIELDS:
            editor = NoteEdit(hint)
            editor.setAccessibleName(label)
            editor.setMinimumHeight(72)  # the panel scrolls rather than squash the text
            editor.setMaximumHeight(110)
            editor.editing_finished.connect(lambda f=field: self._text_finished(f))
            self.texts[field] = editor
            body.addWidget(section_label(label))
            body.addWidget(editor)
        body.addWidget(self.links_title)
        body.addWidget(self.links)
        link_row = QHBoxLayout()
        link_row.addWidget(self.link_kind)
        link_row.addWidget(self.link_target, 1)
        body.addLayout(link_row)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.unlink_button)
        body.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 6)
        layout.addWidget(self.empty)
        layout.addWidget(self.body)
        layout.addStretch(1)

        read_only = controller.read_only
        self.question.setReadOnly(read_only)
        self.decided_on.setReadOnly(read_only)
        self.revisit_on.setReadOnly(read_only)
        for editor in self.texts.values():
            editor.setReadOnly(read_only)
        for widget in (self.status, self.decider, self.link_kind, self.link_target):
            widget.setEnabled(not read_only)
        self.link_button.setEnabled(not read_only)
        self.unlink_button.setEnabled(False)

        self.question.editingFinished.connect(lambda: self._store("question", self.question.text()))
        self.decided_on.editingFinished.connect(
            lambda: self._store("decided_on", self.decided_on.text())
        )
        self.revisit_on.editingFinished.connect(
            lambda: self._store("revisit_on", self.revisit_on.text())
        )
        self.status.activated.connect(lambda _i: self._store("status", self.status.currentData()))
        self.decider.activated.connect(self._decider_chosen)
        self.decider.lineEdit().editingFinished.connect(self._decider_typed)
        self.link_kind.currentIndexChanged.connect(self._fill_targets)
        self.link_button.clicked.connect(self._link)
        self.unlink_button.clicked.connect(self._unlink)
        self.links.currentItemChanged.connect(self._link_selected)
        self.show_decision(None)

    # -- showing -------------------------------------------------------------------------------

    def show_decision(self, decision_id: str | None) -> None:
        entry = self._lookup(decision_id) if decision_id else None
        self._entry = entry
        self.decision_id = entry.id if entry else None
        self.empty.setVisible(entry is None)
        self.body.setVisible(entry is not None)
        if entry is None:
            return
        decision = entry.decision
        show_line(self.question, decision.question)
        show_line(self.decided_on, decision.decided_on.isoformat())
        show_line(self.revisit_on, decision.revisit_on.isoformat() if decision.revisit_on else "")
        # A status no PM Desk writes (a hand-edited file) shows as none rather than as another.
        self.status.setCurrentIndex(self.status.findData(decision.status))
        self._fill_deciders(entry)
        for field, editor in self.texts.items():
            show_plain_text(editor, getattr(decision, field))
        self._fill_links(entry)
        self._fill_targets()

    def _fill_deciders(self, entry: LogEntry) -> None:
        self.decider.blockSignals(True)
        self.decider.clear()
        self.decider.addItem("", None)
        if self._people is None:
            self._people = people_by_name(self.controller.session)
        for name, person_id in self._people:
            self.decider.addItem(name, person_id)
        found = self.decider.findData(entry.decision.decided_by_id)
        if entry.decision.decided_by_id and found >= 0:
            self.decider.setCurrentIndex(found)
        else:
            self.decider.setCurrentIndex(0)
            self.decider.setEditText(entry.decider)
        self.decider.blockSignals(False)

    def _fill_links(self, entry: LogEntry) -> None:
        self.links.clear()
        for link in entry.links:
            item = QListWidgetItem(f"{WORKSPACE_NAMES[link.kind]} · {link.title}")
            item.setData(LINK_ROLE, (link.kind, link.record_id))
            item.setToolTip(link.title)
            self.links.addItem(item)
        count = len(entry.links)
        self.links_title.setText(f"Concerns ({count})" if count else "Concerns nothing yet")
        self.links.setVisible(bool(count))
        self.unlink_button.setEnabled(False)

    def _fill_targets(self) -> None:
        kind = link_kind(str(self.link_kind.currentData()))
        linked = frozenset(link.record_id for link in self._entry.links) if self._entry else None
        if linked is None or self._targets_for == (kind.key, linked):
            return  # offering the same records again would only cost time
        self._targets_for = (kind.key, linked)
        self.link_target.clear()
        for record_id, title in query.linkable(self.controller.session, kind):
            if record_id not in linked:
                self.link_target.addItem(title, record_id)
        if not self.link_target.count():
            self.link_target.addItem(f"No {kind.singular} left to link", None)
        self.link_button.setEnabled(
            not self.controller.read_only and self.link_target.currentData() is not None
        )

    def refresh(self, records_changed: bool = True) -> None:
        """Show the decision on show again, as stored (empty if it was deleted meanwhile).

        ``records_changed`` says records a decision may link to were added, renamed or removed,
        so the link chooser reads them again.
        """
        if records_changed:
            self._targets_for = None
            self._people = None
        if self.decision_id:
            self.show_decision(self.decision_id)

    # -- editing -------------------------------------------------------------------------------

    def _store(self, field: str, value: object) -> None:
        entry = self._entry
        if entry is None or self.decision_id is None:
            return
        stored = getattr(entry.decision, field)
        shown = stored.isoformat() if hasattr(stored, "isoformat") else stored
        if shown == value or (stored is None and value == ""):
            return
        if not actions.set_decision_field(self.controller, self.decision_id, field, value):
            self.show_decision(self.decision_id)  # show what is stored again

    def _text_finished(self, field: str) -> None:
        self._store(field, self.texts[field].toPlainText())

    def _decider_chosen(self, index: int) -> None:
        person_id = self.decider.itemData(index)
        if self._entry is None or self.decision_id is None:
            return
        if person_id == self._entry.decision.decided_by_id and person_id is not None:
            return
        if person_id is None and not self._entry.decision.decided_by_id:
            return  # the empty entry while no stakeholder was chosen: typing handles it
        if not actions.set_decider(
            self.controller, self.decision_id, person_id, self.decider.itemText(index)
        ):
            self.show_decision(self.decision_id)

    def _decider_typed(self) -> None:
        entry = self._entry
        if entry is None or self.decision_id is None:
            return
        text = self.decider.currentText().strip()
        if text == entry.decider:
            return
        # A typed name that is a stakeholder's links that stakeholder; any other is kept as text.
        found = self.decider.findText(text, Qt.MatchFlag.MatchFixedString)
        person_id = self.decider.itemData(found) if found > 0 else None
        if not actions.set_decider(self.controller, self.decision_id, person_id, text):
            self.show_decision(self.decision_id)

    def _link(self) -> None:
        record_id = self.link_target.currentData()
        if self.decision_id and record_id:
            kind = link_kind(str(self.link_kind.currentData()))
            actions.link_record(self.controller, kind, self.decision_id, str(record_id))

    def _unlink(self) -> None:
        item = self.links.currentItem()
        if item is None or self.decision_id is None:
            return
        kind_key, record_id = item.data(LINK_ROLE)
        actions.unlink_record(self.controller, link_kind(kind_key), self.decision_id, record_id)

    def _link_selected(self, current: QListWidgetItem | None, _previous: object) -> None:
        self.unlink_button.setEnabled(current is not None and not self.controller.read_only)


def _date_edit(tip: str) -> QLineEdit:
    editor = QLineEdit()
    editor.setPlaceholderText(DATE_HINT)
    editor.setToolTip(tip)
    editor.setAccessibleName(tip.split(":")[0].split(" (")[0])
    editor.setMaximumWidth(110)
    return editor
