from __future__ import annotations

from pmdesk.domain.project import get_project
from pmdesk.gui.document import DocumentController
from pmdesk.store.document import Document
from pmdesk.workspaces.overview.qt import actions
from pmdesk.workspaces.overview.qt.page import OverviewPage


def test_typing_in_a_field_is_stored_and_one_undo_restores_it(qtbot, sample_document):
    controller = DocumentController(sample_document)
    page = OverviewPage(controller)
    qtbot.addWidget(page)
    original = get_project(sample_document.session).vision
    page.ui.vision.setFocus()
    page.ui.vision.moveCursor(page.ui.vision.textCursor().MoveOperation.End)
    qtbot.keyClicks(page.ui.vision, " Fast.")
    assert get_project(sample_document.session).vision == original + " Fast."
    assert controller.undo_stack.count() == 1  # the typing burst is one step
    controller.undo_stack.undo()
    assert get_project(sample_document.session).vision == original
    assert page.ui.vision.toPlainText() == original


def test_an_empty_product_name_is_refused_with_a_message(qtbot, sample_document):
    controller = DocumentController(sample_document)
    page = OverviewPage(controller)
    qtbot.addWidget(page)
    messages: list[str] = []
    controller.failed.connect(messages.append)
    page.ui.name.setText("   ")
    page.ui.name.editingFinished.emit()
    assert messages == ["The product needs a name."]
    assert get_project(sample_document.session).name == "FieldLoop"
    assert page.ui.name.text() == "FieldLoop"
    assert controller.undo_stack.count() == 0


def test_a_read_only_project_shows_read_only_editors_and_refuses_edits(qtbot, sample_file):
    document = Document.open(sample_file, read_only=True)
    try:
        controller = DocumentController(document)
        page = OverviewPage(controller)
        qtbot.addWidget(page)
        assert page.ui.name.isReadOnly() and page.ui.vision.isReadOnly()
        messages: list[str] = []
        controller.failed.connect(messages.append)
        assert not actions.set_field(controller, "vision", "Changed")
        assert len(messages) == 1 and "read-only" in messages[0]
        assert get_project(document.session).vision != "Changed"
        assert controller.undo_stack.count() == 0
    finally:
        document.close()


def _type_currency(qtbot, page, text: str) -> None:
    from PySide6.QtCore import Qt

    editor = page.currency.lineEdit()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_the_projects_currency_is_chosen_on_the_overview_and_used_by_the_business_case(
    qtbot, sample_document
):
    from pmdesk.domain.project import currency
    from pmdesk.workspaces.business_case.query import cases, load_case

    controller = DocumentController(sample_document)
    page = OverviewPage(controller)
    qtbot.addWidget(page)
    assert page.currency.currentText() == "USD"
    _type_currency(qtbot, page, "eur")
    assert currency(sample_document.session) == "EUR"
    case_id = cases(sample_document.session)[0][0]
    assert load_case(sample_document.session, case_id).currency == "EUR"
    controller.undo_stack.undo()
    assert page.currency.currentText() == "USD"
    assert currency(sample_document.session) == "USD"


def test_a_currency_that_is_not_a_code_is_refused_on_the_overview(qtbot, sample_document):
    from pmdesk.domain.project import currency

    controller = DocumentController(sample_document)
    page = OverviewPage(controller)
    qtbot.addWidget(page)
    messages: list[str] = []
    controller.failed.connect(messages.append)
    _type_currency(qtbot, page, "dollars")
    assert messages and messages[0].startswith("A currency is a three-letter code")
    assert page.currency.currentText() == "USD"
    assert currency(sample_document.session) == "USD"
    assert controller.undo_stack.count() == 0


def test_a_read_only_project_cannot_change_its_currency(qtbot, sample_file):
    document = Document.open(sample_file, read_only=True)
    try:
        controller = DocumentController(document)
        page = OverviewPage(controller)
        qtbot.addWidget(page)
        assert not page.currency.isEnabled()
        assert not actions.set_currency(controller, "EUR")
    finally:
        document.close()
