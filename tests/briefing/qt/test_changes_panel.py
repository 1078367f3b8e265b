"""The briefing page shows, before exporting, what the next export will list as changed; an
export remembers what it showed in one undo step."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from pmdesk.briefing.qt.page import BriefingPage
from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.roadmap.model import RoadmapItem


@pytest.fixture
def page(qtbot, sample_document, monkeypatch):
    monkeypatch.setattr("pmdesk.briefing.qt.dialogs.ask_open_briefing", lambda *args: False)
    controller = DocumentController(sample_document)
    page = BriefingPage(controller)
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    yield page
    if page.export_thread is not None:
        page.export_thread.wait()


def _export(qtbot, page, target, monkeypatch):
    monkeypatch.setattr("pmdesk.briefing.qt.dialogs.choose_briefing_file", lambda *a: target)
    with qtbot.waitSignal(page.export_finished, timeout=120_000):
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)


def test_the_page_lists_what_changed_since_the_last_export(qtbot, page, tmp_path, monkeypatch):
    assert "has not been exported yet" in page.changes_label.text()
    _export(qtbot, page, tmp_path / "first.docx", monkeypatch)
    assert page.controller.undo_stack.undoText() == "Remember what the briefing showed"
    assert "Nothing this briefing shows has changed" in page.changes_label.text()
    # Meanwhile, on the roadmap page, an item slips by two weeks.
    session = page.controller.session
    item = session.scalars(select(RoadmapItem).where(RoadmapItem.end.is_not(None))).first()
    item.end += timedelta(days=14)
    session.commit()
    page.hide()
    page.show()
    text = page.changes_label.text()
    assert "The next export opens with what changed since" in text
    assert f"• “{item.title}” slipped 2 weeks" in text
    page.controller.undo_stack.undo()  # forgetting the export: nothing to compare with
    page.hide()
    page.show()
    assert "has not been exported yet" in page.changes_label.text()


def test_a_read_only_project_exports_without_remembering(qtbot, page, tmp_path, monkeypatch):
    monkeypatch.setattr(type(page.controller), "read_only", property(lambda self: True))
    _export(qtbot, page, tmp_path / "ro.docx", monkeypatch)
    assert (tmp_path / "ro.docx").exists()
    assert page.controller.undo_stack.count() == 0
    assert "has not been exported yet" in page.changes_label.text()
