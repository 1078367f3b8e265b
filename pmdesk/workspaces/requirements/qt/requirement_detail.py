"""One requirement in full: its words, its priority, the evidence behind it, where it is planned.

Every field stores when the PM leaves it (one undo step per visit). A refused value (effort 0,
confidence above 100 %) is reported by the controller and the field shows what is stored again.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.gui import theme
from pmdesk.gui.document import DocumentController
from pmdesk.gui.owner_picker import OwnerPicker
from pmdesk.gui.record_picker import RecordPicker
from pmdesk.gui.text import NoteEdit, show_line, show_plain_text
from pmdesk.workspaces.requirements import links, query
from pmdesk.workspaces.requirements.model import IMPACT_SCALE, Requirement
from pmdesk.workspaces.requirements.qt.actions import RequirementActions
from pmdesk.workspaces.requirements.qt.table_models import format_number, format_score
from pmdesk.workspaces.requirements.qt.widgets import (
    LinkEntry,
    LinkList,
    hint_label,
    narrow_combo,
    section_label,
)
from pmdesk.workspaces.stakeholders.query import people_by_name

TEXT_FIELDS = (
    ("statement", "The product does…", "What the product does, in one or two sentences."),
    ("rationale", "Why", "Why it matters: the customer problem and the business reason."),
    ("acceptance_criteria", "Acceptance criteria", "How engineering and QA know it is done."),
)
LINE_FIELDS = ("title", "reference", "reach", "confidence", "effort")
GAP_STYLE = "font-weight: 600; padding-top: 6px; color: #b42318;"
SECTION_STYLE = "font-weight: 600; padding-top: 6px; color: #344054;"


class RequirementDetail(QWidget):
    open_input = Signal(str)

    def __init__(
        self,
        controller: DocumentController,
        actions: RequirementActions,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.actions = actions
        self.requirement_id: str | None = None

        self.empty = hint_label("Select a requirement to see what it says and why it exists.")
        self.lines = {name: QLineEdit() for name in LINE_FIELDS}
        self.title = self.lines["title"]
        self.title.setPlaceholderText("A short name engineering will recognise")
        self.title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.lines["reference"].setPlaceholderText("e.g. FL-142")
        # The owner is a name: a stakeholder picked from the map, or anyone typed in.
        self.owner = OwnerPicker([], free_text=True)
        narrow_combo(self.owner)
        self.choices = {"impact": QComboBox()}
        narrow_combo(self.choices["impact"])
        self.choices["impact"].addItem("Not scored", None)
        for score, shown in IMPACT_SCALE.items():
            self.choices["impact"].addItem(f"{shown} ({score:g})", score)
        self.score = QLabel()
        self.score.setTextFormat(Qt.TextFormat.RichText)
        self.score.setWordWrap(True)
        self.texts: dict[str, NoteEdit] = {}

        key_row = QHBoxLayout()
        key_row.addWidget(QLabel("Key"))
        key_row.addWidget(self.lines["reference"], 1)
        key_row.addWidget(QLabel("Owner"))
        key_row.addWidget(self.owner, 2)

        # Status, MoSCoW and tags are columns of the table beside this panel; RICE factors
        # are hidden there by default, so they are edited here.
        rice = QFormLayout()
        rice.setContentsMargins(0, 0, 0, 0)
        rice.addRow("Reach", _with_unit(self.lines["reach"], "per quarter"))
        rice.addRow("Impact", self.choices["impact"])
        rice.addRow("Confidence", _with_unit(self.lines["confidence"], "%"))
        rice.addRow("Effort", _with_unit(self.lines["effort"], "person-months"))
        rice.addRow(self.score)

        self.evidence = LinkList()
        self.evidence_title = section_label("Customer evidence")
        self.roadmap_title = section_label("On the roadmap")
        self.roadmap = LinkList()
        self.roadmap_choice = RecordPicker(
            placeholder="Type to find a roadmap item", noun="roadmap item"
        )
        narrow_combo(self.roadmap_choice)
        self.roadmap_choice.setToolTip("Roadmap items, dated ones first.")
        self.roadmap_button = QPushButton("Put on Roadmap")

        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.title)
        body.addLayout(key_row)
        for field, label, hint in TEXT_FIELDS:
            editor = NoteEdit(hint)
            editor.setMinimumHeight(56)
            editor.setMaximumHeight(96)
            editor.editing_finished.connect(lambda f=field: self._text_finished(f))
            self.texts[field] = editor
            body.addWidget(section_label(label))
            body.addWidget(editor)
        body.addWidget(self.evidence_title)
        body.addWidget(self.evidence)
        body.addWidget(self.roadmap_title)
        body.addWidget(self.roadmap)
        roadmap_row = QHBoxLayout()
        roadmap_row.addWidget(self.roadmap_choice, 1)
        roadmap_row.addWidget(self.roadmap_button)
        body.addLayout(roadmap_row)
        body.addWidget(section_label("RICE priority"))
        body.addLayout(rice)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 6)
        layout.addWidget(self.empty)
        layout.addWidget(self.body)
        layout.addStretch(1)

        read_only = controller.read_only
        for name, editor in self.lines.items():
            editor.setReadOnly(read_only)
            editor.editingFinished.connect(lambda n=name: self._store(n, self.lines[n].text()))
        self.owner.setEnabled(not read_only)
        self.owner.editing_finished.connect(self._owner_finished)
        for name, combo in self.choices.items():
            combo.setEnabled(not read_only)
            combo.activated.connect(
                lambda _i, n=name: self._store(n, self.choices[n].currentData())
            )
        for editor in self.texts.values():
            editor.setReadOnly(read_only)
        self.evidence.activated.connect(self._evidence_link)
        self.roadmap.activated.connect(self._roadmap_link)
        self.roadmap_button.clicked.connect(self._put_on_roadmap)
        self.roadmap_button.setEnabled(not read_only)
        self.roadmap_choice.setEnabled(not read_only)
        self.show_requirement(None)

    # -- showing -------------------------------------------------------------------------------

    def show_requirement(self, requirement_id: str | None) -> None:
        session = self.controller.session
        requirement = session.get(Requirement, requirement_id) if requirement_id else None
        self.requirement_id = requirement.id if requirement else None
        self.empty.setVisible(requirement is None)
        self.body.setVisible(requirement is not None)
        if requirement is None:
            return
        for name, editor in self.lines.items():
            show_line(editor, _shown(name, getattr(requirement, name)))
        self._show_owner(requirement.owner)
        suggestion = query.next_reference(session)
        self.lines["reference"].setPlaceholderText(f"e.g. {suggestion or 'FL-142'}")
        for name, combo in self.choices.items():
            combo.setCurrentIndex(max(combo.findData(getattr(requirement, name)), 0))
        for field, editor in self.texts.items():
            show_plain_text(editor, getattr(requirement, field))
        self.score.setText(theme.rich(_score_text(requirement)))
        self._fill_evidence(requirement.id)
        self._fill_roadmap(requirement.id)

    def _fill_evidence(self, requirement_id: str) -> None:
        rows = query.inputs_of_requirement(self.controller.session, requirement_id)
        actions = [("show", "Show input")]
        if not self.controller.read_only:
            actions.append(("unlink", "Unlink"))
        self.evidence.set_entries(
            [
                LinkEntry(
                    row.id,
                    f"“{escape(' '.join(row.quote.split()))}”<br>"
                    f"<span style='color:#667085'>— {escape(row.who or 'someone unnamed')}, "
                    f"{row.received_on:%d %b %Y}</span>",
                    tuple(actions),
                )
                for row in rows
            ]
        )
        if rows:
            self.evidence_title.setText(f"Customer evidence ({len(rows)})")
            self.evidence_title.setStyleSheet(theme.css(SECTION_STYLE))
        else:
            self.evidence_title.setText(
                "No customer evidence yet — link inputs from the Customer inputs tab"
            )
            self.evidence_title.setStyleSheet(theme.css(GAP_STYLE))
        self.evidence_title.setWordWrap(True)

    def _fill_roadmap(self, requirement_id: str) -> None:
        session = self.controller.session
        titles = links.roadmap_item_titles(session)
        linked = query.roadmap_item_ids_of_requirement(session, requirement_id)
        actions = () if self.controller.read_only else (("unlink", "Take off"),)
        self.roadmap.set_entries(
            [LinkEntry(item_id, escape(titles[item_id]), actions) for item_id in linked]
        )
        if linked:
            self.roadmap_title.setText(f"On the roadmap ({len(linked)})")
            self.roadmap_title.setStyleSheet(theme.css(SECTION_STYLE))
        else:
            self.roadmap_title.setText("Not on the roadmap")
            self.roadmap_title.setStyleSheet(theme.css(GAP_STYLE))
        offered = [(title, item_id) for item_id, title in titles.items() if item_id not in linked]
        self.roadmap_choice.set_choices(offered)
        if self.roadmap_choice.key() is None and offered:
            self.roadmap_choice.set_key(offered[0][1])
        self.roadmap_choice.lineEdit().setPlaceholderText(
            "Type to find a roadmap item"
            if offered
            else "No roadmap items yet"
            if not titles
            else "On every roadmap item"
        )
        self.roadmap_button.setEnabled(not self.controller.read_only and bool(offered))

    # -- editing -------------------------------------------------------------------------------

    def _evidence_link(self, action: str, input_id: str) -> None:
        if action == "show":
            self.open_input.emit(input_id)
        elif action == "unlink" and self.requirement_id:
            self.actions.unlink(input_id, self.requirement_id)

    def _roadmap_link(self, action: str, item_id: str) -> None:
        if action == "unlink" and self.requirement_id:
            self.actions.unlink_roadmap(self.requirement_id, item_id)

    def _put_on_roadmap(self) -> None:
        if not self.roadmap_choice.settle():
            return  # the status bar says the name typed is no roadmap item's
        item_id = self.roadmap_choice.key()
        if item_id and self.requirement_id:
            self.actions.link_roadmap(self.requirement_id, item_id)

    def _show_owner(self, owner: str) -> None:
        people = people_by_name(self.controller.session)
        self.owner.blockSignals(True)
        if self.owner.people() != people:  # the map changed: offer its people
            self.owner.set_people(people)
        self.owner.set_owner_text(owner)
        self.owner.blockSignals(False)

    def _owner_finished(self) -> None:
        self._store("owner", self.owner.owner_text())

    def _text_finished(self, field: str) -> None:
        self._store(field, self.texts[field].toPlainText())

    def _store(self, field: str, value: object) -> None:
        if self.requirement_id is None:
            return
        requirement = self.controller.session.get(Requirement, self.requirement_id)
        if requirement is None:
            return  # removed meanwhile (an undo); the table's refresh clears the panel
        stored = getattr(requirement, field)
        if stored == value or _shown(field, stored) == value:
            return
        if not self.actions.update_requirement(self.requirement_id, field, value):
            self.show_requirement(self.requirement_id)  # show what is stored again


def _with_unit(editor: QLineEdit, unit: str) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    editor.setMaximumWidth(90)
    row.addWidget(editor)
    hint = QLabel(unit)
    hint.setStyleSheet(theme.css("color: #667085;"))
    row.addWidget(hint, 1)
    return box


def _shown(field: str, value: object) -> str:
    if field in ("reach", "confidence", "effort"):
        return format_number(value).replace(",", "") if isinstance(value, float) else ""
    return "" if value is None else str(value)


def _score_text(requirement: Requirement) -> str:
    score = requirement.rice_score
    if score is None:
        return "<span style='color:#6b7280'>Not scored yet: fill in all four factors.</span>"
    return (
        f"Score <b style='font-size:16px'>{format_score(score)}</b> "
        f"<span style='color:#6b7280'>= {format_number(requirement.reach)} × "
        f"{format_number(requirement.impact)} × {format_number(requirement.confidence)} % "
        f"÷ {format_number(requirement.effort)}</span>"
    )
