"""The Briefing workspace: settings edits are undoable, sections are chosen and ordered, and the
export runs off the UI thread, can be cancelled, and offers to open the file."""

from __future__ import annotations

import base64
from datetime import date

import docx
import pytest
from PySide6.QtCore import Qt

from pmdesk.briefing.model import Briefing, list_briefings, section_choices
from pmdesk.briefing.qt import actions
from pmdesk.briefing.qt.page import BriefingPage
from pmdesk.gui import dialogs
from pmdesk.gui.document import DocumentController
from pmdesk.store.document import Document
from tests.support import snapshot


@pytest.fixture
def page(qtbot, sample_document):
    controller = DocumentController(sample_document)
    page = BriefingPage(controller)
    qtbot.addWidget(page)
    yield page
    if page.export_thread is not None:
        page.export_thread.wait()


def _briefing(page) -> Briefing:
    return page.controller.session.get(Briefing, page.briefing_id)


def test_the_sample_briefing_is_shown(page):
    assert page.chooser.currentText() == "Exec staff"
    assert page.lines["title"].text() == "FieldLoop: state of the product"
    assert page.texts["decisions"].toPlainText().startswith("Decide: hold the spring launch")
    assert not page.use_export_date.isChecked()
    assert page.date_edit.date().toPython() == date(2026, 12, 1)


def test_editing_the_title_is_stored_and_undone_in_one_step(page):
    page.lines["title"].setText("Q1 review")
    page.lines["title"].editingFinished.emit()
    assert _briefing(page).title == "Q1 review"
    page.controller.undo_stack.undo()
    assert _briefing(page).title == "FieldLoop: state of the product"
    assert page.lines["title"].text() == "FieldLoop: state of the product"


def test_typing_the_summary_is_one_undo_step(qtbot, page):
    editor = page.texts["executive_summary"]
    original = editor.toPlainText()
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " Done.")
    assert _briefing(page).executive_summary == original + " Done."
    assert page.controller.undo_stack.count() == 1
    page.controller.undo_stack.undo()
    assert _briefing(page).executive_summary == original


def test_a_duplicate_name_is_refused_with_a_message(page):
    messages: list[str] = []
    page.controller.failed.connect(messages.append)
    page.new_briefing()
    page.lines["name"].setText("exec staff")
    page.lines["name"].editingFinished.emit()
    assert messages == ["Another briefing is already called “exec staff”."]
    assert page.lines["name"].text() == "Briefing"


def test_date_can_follow_the_day_of_export(page):
    page.use_export_date.setChecked(True)
    assert _briefing(page).briefing_date is None
    page.controller.undo_stack.undo()
    assert _briefing(page).briefing_date == date(2026, 12, 1)


def test_unticking_and_moving_sections_changes_the_briefing_undoably(page):
    before = section_choices(_briefing(page))
    panel = page.sections
    first = panel.list.item(0)
    assert first.text() == "Product overview"
    first.setCheckState(Qt.CheckState.Unchecked)
    keys = [choice.key for choice in section_choices(_briefing(page))]
    assert "overview" not in keys
    panel.list.setCurrentRow(2)
    moved = panel.list.item(2).text()
    panel.move_current(-1)
    assert panel.list.item(1).text() == moved
    assert page.controller.undo_stack.count() == 2
    page.controller.undo_stack.undo()
    page.controller.undo_stack.undo()
    assert section_choices(_briefing(page)) == before


def test_a_new_briefing_can_be_added_undone_and_redone_as_the_same_record(page):
    page.new_briefing()
    session = page.controller.session
    created = page.briefing_id
    assert [b.name for b in list_briefings(session)] == ["Briefing", "Exec staff"]
    page.controller.undo_stack.undo()
    assert [b.name for b in list_briefings(session)] == ["Exec staff"]
    page.controller.undo_stack.redo()
    assert session.get(Briefing, created) is not None


def test_deleting_a_briefing_is_undoable(page):
    before = section_choices(list_briefings(page.controller.session)[0])
    page.delete_briefing()
    assert list_briefings(page.controller.session) == []
    assert page.empty_label.isVisibleTo(page)
    assert not page.export_button.isEnabled()
    page.controller.undo_stack.undo()
    assert section_choices(list_briefings(page.controller.session)[0]) == before


def test_export_runs_in_the_background_and_offers_to_open_the_file(
    qtbot, page, tmp_path, monkeypatch
):
    target = tmp_path / "exec.docx"
    offered: list[tuple] = []
    opened: list = []
    monkeypatch.setattr(
        "pmdesk.briefing.qt.dialogs.choose_briefing_file", lambda parent, suggestion: target
    )
    monkeypatch.setattr(
        "pmdesk.briefing.qt.dialogs.ask_open_briefing",
        lambda parent, path, warnings: offered.append(path) or True,
    )
    monkeypatch.setattr(dialogs, "open_with_default_app", opened.append)
    project_file = page.controller.document.path
    before = snapshot(project_file)
    with qtbot.waitSignal(page.export_finished, timeout=60_000) as finished:
        page.export()
        assert not page.export_button.isEnabled()
    assert finished.args[0].path == target
    assert offered == [target] and opened == [target]
    texts = [p.text for p in docx.Document(str(target)).paragraphs]
    assert "FieldLoop: state of the product" in texts
    assert page.export_button.isEnabled()
    assert snapshot(project_file) == before


def test_cancelling_the_export_writes_nothing(qtbot, page, tmp_path, monkeypatch):
    target = tmp_path / "exec.docx"
    monkeypatch.setattr(
        "pmdesk.briefing.qt.dialogs.ask_open_briefing", lambda *args: pytest.fail("no file")
    )
    with qtbot.waitSignal(page.export_finished, timeout=60_000) as finished:
        page.start_export(target)
        page.cancel_export()
    assert finished.args == [None]
    assert not target.exists()


def test_a_failed_export_shows_the_reason(qtbot, page, tmp_path, monkeypatch):
    errors: list[str] = []
    monkeypatch.setattr(
        dialogs, "show_error", lambda parent, title, message: errors.append(message)
    )
    # A teammate's file whose stored template is damaged (valid text, broken document).
    briefing = _briefing(page)
    briefing.template_docx = base64.b64encode(b"PK\x03\x04 not a document").decode()
    briefing.template_name = "house.docx"
    page.controller.session.commit()
    with qtbot.waitSignal(page.export_finished, timeout=60_000):
        page.start_export(tmp_path / "exec.docx")
    assert len(errors) == 1 and "“house.docx”" in errors[0] and "damaged" in errors[0]
    assert not (tmp_path / "exec.docx").exists()


def test_a_read_only_project_can_export_but_not_edit(qtbot, sample_file):
    document = Document.open(sample_file, read_only=True)
    try:
        page = BriefingPage(DocumentController(document))
        qtbot.addWidget(page)
        assert page.lines["title"].isReadOnly()
        assert not page.new_button.isEnabled()
        assert page.export_button.isEnabled()
        assert not any(button.isEnabled() for button in page.browse_buttons)
        panel = page.sections
        assert panel.list.dragDropMode() == panel.list.DragDropMode.NoDragDrop
        assert not panel.list.dragEnabled()
        for row in range(panel.list.count()):
            flags = panel.list.item(row).flags()
            assert not flags & Qt.ItemFlag.ItemIsUserCheckable
            assert not flags & Qt.ItemFlag.ItemIsDragEnabled
    finally:
        document.close()


def test_a_read_only_project_refuses_an_edit_with_a_message(qtbot, sample_file):
    document = Document.open(sample_file, read_only=True)
    try:
        controller = DocumentController(document)
        page = BriefingPage(controller)
        qtbot.addWidget(page)
        messages: list[str] = []
        controller.failed.connect(messages.append)
        done = actions.update_briefing(controller, page.briefing_id, "Edit", {"title": "New"})
        assert not done and len(messages) == 1 and "read-only" in messages[0]
        assert page.lines["title"].text() == "FieldLoop: state of the product"
        assert controller.undo_stack.count() == 0
    finally:
        document.close()


def test_an_empty_project_offers_to_create_a_briefing(qtbot):
    document = Document.new()
    try:
        page = BriefingPage(DocumentController(document))
        qtbot.addWidget(page)
        assert page.empty_label.isVisibleTo(page)
        page.new_briefing()
        assert page.chooser.currentText() == "Exec staff"
        assert page.splitter.isVisibleTo(page)
    finally:
        document.close()


def test_choosing_a_logo_stores_it_in_the_project_in_one_undoable_step(
    qtbot, page, tmp_path, monkeypatch
):
    from PIL import Image

    from pmdesk.briefing.qt import dialogs as ask

    logo = tmp_path / "brand.png"
    Image.new("RGB", (300, 100), "#224466").save(logo)
    monkeypatch.setattr(ask, "choose_briefing_logo", lambda parent, folder: logo)
    choose = page.browse_buttons[0]
    qtbot.mouseClick(choose, Qt.MouseButton.LeftButton)
    assert _briefing(page).logo_name == "brand.png" and _briefing(page).logo_png
    assert page.stored["logo"].text() == "brand.png (stored in the project)"
    logo.unlink()  # the project no longer needs the file
    page.controller.undo_stack.undo()
    assert _briefing(page).logo_png == "" and page.stored["logo"].text() == ""


def test_choosing_a_broken_picture_says_why_and_stores_nothing(qtbot, page, tmp_path, monkeypatch):
    from pmdesk.briefing.qt import dialogs as ask

    broken = tmp_path / "logo.png"
    broken.write_bytes(b"not a picture")
    errors: list[str] = []
    monkeypatch.setattr(ask, "choose_briefing_logo", lambda parent, folder: broken)
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: errors.append(text))
    qtbot.mouseClick(page.browse_buttons[0], Qt.MouseButton.LeftButton)
    assert len(errors) == 1 and "not a picture PM Desk can read" in errors[0]
    assert _briefing(page).logo_png == ""
    assert page.controller.undo_stack.count() == 0
