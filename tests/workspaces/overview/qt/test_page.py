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
