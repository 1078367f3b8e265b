"""A requirement's owner is picked like everywhere else (a stakeholder, or any name typed),
a new requirement takes the next key in the project's own style, and a long quote can be read
to its last word."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from pmdesk.gui.document import DocumentController
from pmdesk.gui.owner_picker import OwnerPicker
from pmdesk.store.document import Document
from pmdesk.workspaces.requirements.model import CustomerInput, Requirement
from pmdesk.workspaces.requirements.qt.page import RequirementsPage
from pmdesk.workspaces.requirements.query import suggest_reference
from pmdesk.workspaces.stakeholders.model import Stakeholder

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def _page(qtbot, document) -> RequirementsPage:
    page = RequirementsPage(DocumentController(document))
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    page.activateWindow()
    qtbot.waitActive(page)
    return page


@pytest.fixture
def page(qtbot, sample_document):
    page = _page(qtbot, sample_document)
    yield page
    _leave(page)


def _leave(page) -> None:
    """Leave the focused field and close, while the project is still open: leaving a field
    stores it."""
    focused = QApplication.focusWidget()
    if focused is not None:
        focused.clearFocus()
    page.close()


def _requirement(page, reference: str) -> Requirement:
    session = page.controller.session
    session.expire_all()
    return session.scalars(select(Requirement).where(Requirement.reference == reference)).one()


def test_keys_follow_the_project_s_prefix():
    assert suggest_reference(["FL-12", "FL-7", "X1"]) == "FL-13"
    assert suggest_reference(["REQ-009", "REQ-010"]) == "REQ-011"
    assert suggest_reference(["", "no number"]) is None


def test_a_new_requirement_takes_the_next_key_of_the_project(qtbot, page):
    tab = page.requirements
    tab.new_button.click()
    detail = tab.detail
    assert detail.lines["reference"].text() == "FL-117"  # the sample runs FL-101 … FL-116
    assert _requirement(page, "FL-117").title == "New requirement"
    page.controller.undo_stack.undo()
    tab.new_button.click()
    assert detail.lines["reference"].text() == "FL-117"  # the undone one freed its number


def _select(qtbot, page, reference: str) -> None:
    assert page.requirements.select(_requirement(page, reference).id)


# The completion list is a popup: the offscreen platform cannot raise it or grab keys for it.
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_the_owner_is_a_stakeholder_picked_by_typing_or_any_name(qtbot, page):
    _select(qtbot, page, "FL-108")
    owner = page.requirements.detail.owner
    assert isinstance(owner, OwnerPicker)
    names = set(page.controller.session.scalars(select(Stakeholder.name)))
    assert {name for name, _key in owner.people()} == names
    assert owner.owner_text() == "Mei Lin"
    someone = sorted(names)[0]
    line = owner.lineEdit()
    line.setFocus()
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, someone)
    qtbot.keyClick(line, Qt.Key.Key_Tab)  # typing + Tab keeps the value
    assert _requirement(page, "FL-108").owner == someone
    line.setFocus()
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, "Field ops lead (TBD)")
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    assert _requirement(page, "FL-108").owner == "Field ops lead (TBD)"
    assert page.controller.undo_stack.count() == 2
    page.controller.undo_stack.undo()
    assert owner.owner_text() == someone


def test_a_read_only_project_s_owner_cannot_be_changed(qtbot, sample_file):
    document = Document.open(sample_file, read_only=True)
    try:
        page = _page(qtbot, document)
        _select(qtbot, page, "FL-108")
        owner = page.requirements.detail.owner
        assert not owner.isEnabled()
        assert not page.requirements.new_button.isEnabled()
        _leave(page)
    finally:
        document.close()


def test_a_two_thousand_character_quote_is_readable_to_its_last_word(qtbot, page):
    words = " ".join(f"word{n}" for n in range(400))
    quote = (words[:1990] + " THE-END").strip()
    assert len(quote) >= 1990
    session = page.controller.session
    record = session.scalars(select(CustomerInput)).first()
    assert page.inputs.actions.update_input(record.id, "quote", quote)
    page.show_input(record.id)
    tab = page.inputs
    editor = tab.detail.quote
    qtbot.waitUntil(lambda: editor.toPlainText() == quote)
    # The box grows for a long quote, wraps it to its width and scrolls for the rest.
    assert editor.height() > 150
    assert editor.horizontalScrollBar().maximum() == 0
    bar = editor.verticalScrollBar()
    bar.setValue(bar.maximum())
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    assert editor.viewport().rect().contains(editor.cursorRect().center())
    # The table's cell offers the whole quote as a wrapped tooltip.
    row = tab.model.row_of(record.id) if hasattr(tab.model, "row_of") else None
    column = tab.model.column_of("quote")
    index = next(
        tab.model.index(r, column)
        for r in range(tab.model.rowCount())
        if tab.model.index(r, 0).data(Qt.ItemDataRole.UserRole + 2) == record.id or row == r
    )
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("<p>") and "THE-END" in tip and "word0 " in tip


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_the_table_s_owner_cell_uses_the_same_picker(qtbot, page):
    from PySide6.QtWidgets import QAbstractItemView

    tab = page.requirements
    _select(qtbot, page, "FL-104")
    view = tab.table
    column = tab.model.column_of("owner")
    cell = view.model().index(view.currentIndex().row(), column)
    view.setCurrentIndex(cell)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert view.state() == QAbstractItemView.State.EditingState
    editor = next(e for e in view.viewport().findChildren(OwnerPicker) if e.isVisible())
    assert editor.owner_text() == "Elena Rossi"
    qtbot.keyClicks(editor.lineEdit(), "Procurement board")
    qtbot.keyClick(editor.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _requirement(page, "FL-104").owner == "Procurement board")
