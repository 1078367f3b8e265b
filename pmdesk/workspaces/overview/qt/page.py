"""The Overview workspace: the product's strategy basics, edited in place, every change undoable."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QWidget

from pmdesk.domain import project as overview
from pmdesk.domain.project import Project
from pmdesk.gui import theme
from pmdesk.gui.document import Change, DocumentController
from pmdesk.gui.forms.ui_overview import Ui_OverviewPage
from pmdesk.gui.hidden_changes import on_change
from pmdesk.gui.text import show_line, show_plain_text
from pmdesk.workspaces.overview.qt import actions
from pmdesk.workspaces.overview.qt.overdue_panel import OverduePanel

KIND = actions.KIND  # the overview's fields live on the project record
TEXT_FIELDS = tuple(f for f in overview.OVERVIEW_FIELDS if f.name != "name")


class OverviewPage(QWidget):
    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.ui = Ui_OverviewPage()
        self.ui.setupUi(self)
        self.ui.heading.setObjectName("pageTitle")
        theme.style(self.ui.heading, "page_title")
        self.ui.content.setMaximumWidth(960)  # lines longer than this are hard to read
        # What is late anywhere in the project comes first: the page a PM opens the file on.
        self.overdue = OverduePanel(controller)
        self.ui.contentLayout.insertWidget(3, self.overdue)
        for row in range(self.ui.form.rowCount()):
            item = self.ui.form.itemAt(row, self.ui.form.ItemRole.LabelRole)
            if item is not None and item.widget() is not None:
                item.widget().setProperty("formLabel", True)
        self.editors: dict[str, QPlainTextEdit] = {}
        for spec in TEXT_FIELDS:
            editor: QPlainTextEdit = getattr(self.ui, spec.name)
            editor.setPlaceholderText(spec.hint)
            editor.setTabChangesFocus(True)
            editor.setFixedHeight(92)
            editor.textChanged.connect(lambda name=spec.name: self._text_edited(name))
            self.editors[spec.name] = editor
        self.ui.name.setPlaceholderText(overview.OVERVIEW_FIELDS[0].hint)
        self.ui.name.editingFinished.connect(self._name_edited)
        self.currency = _currency_box()
        self.currency.lineEdit().editingFinished.connect(self._currency_edited)
        self.currency.activated.connect(lambda _index: self._currency_edited())
        self.currency.setEnabled(not controller.read_only)
        label = QLabel("Currency")
        label.setProperty("formLabel", True)
        label.setToolTip("Every amount of the project is in it: business cases and the briefing.")
        self.ui.form.insertRow(1, label, self.currency)
        for widget in (self.ui.name, *self.editors.values()):
            widget.setReadOnly(controller.read_only)
        on_change(controller, self, self._refresh_if_touched)
        self.refresh()
        theme.style(self, "overview")  # after the form labels are marked, which its rules read

    def refresh(self) -> None:
        project = overview.get_project(self.controller.session)
        show_line(self.ui.name, project.name)
        self.currency.setCurrentText(overview.currency(self.controller.session))
        for name, editor in self.editors.items():
            show_plain_text(editor, getattr(project, name))

    def _refresh_if_touched(self, change: Change) -> None:
        if change.touches(KIND):
            self.refresh()

    def _text_edited(self, field: str) -> None:
        actions.set_field(self.controller, field, self.editors[field].toPlainText())

    def _name_edited(self) -> None:
        actions.set_field(self.controller, "name", self.ui.name.text())

    def _currency_edited(self) -> None:
        code = self.currency.currentText().strip().upper()
        if not actions.set_currency(self.controller, code):
            # Refused (the controller said why) or unchanged: show what the project holds.
            self.currency.setCurrentText(overview.currency(self.controller.session))

    # -- find ----------------------------------------------------------------------------------

    def reveal(self, kind: str, record_id: str) -> bool:
        """The overview shows the project record: nothing to choose."""
        return kind == Project.__tablename__


def _currency_box() -> QComboBox:
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)  # the file keeps codes, not the list
    box.addItems(list(overview.COMMON_CURRENCIES))
    box.setMaximumWidth(120)
    return box
