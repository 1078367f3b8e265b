"""Choosing who reads a briefing: the profile, its rules as tick boxes, and the page saying
what that audience will not see; every change one undoable step."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt

from pmdesk.briefing.model import Briefing
from pmdesk.briefing.qt.page import BriefingPage
from pmdesk.export import audience
from pmdesk.gui.document import DocumentController
from pmdesk.store.document import Document


@pytest.fixture
def page(qtbot, sample_document):
    page = BriefingPage(DocumentController(sample_document))
    qtbot.addWidget(page)
    page.show()
    return page


def _briefing(page) -> Briefing:
    return page.controller.session.get(Briefing, page.briefing_id)


def test_choosing_external_says_what_its_readers_will_not_see(qtbot, page):
    panel = page.audience
    assert "sees everything" in panel.summary.text()
    panel.profile.setFocus()
    qtbot.keyClick(panel.profile, Qt.Key.Key_Down)  # executive
    qtbot.keyClick(panel.profile, Qt.Key.Key_Down)  # external
    assert _briefing(page).profile == audience.EXTERNAL
    summary = panel.summary.text()
    assert "will <b>not</b> see" in summary
    assert audience.RULES[audience.NAMES] in summary
    assert panel.rules[audience.ATTITUDES].isChecked()
    assert page.controller.undo_stack.count() == 2


def test_a_rule_can_be_turned_off_for_one_briefing_and_undone(qtbot, page):
    panel = page.audience
    panel.profile.setFocus()
    qtbot.keyClick(panel.profile, Qt.Key.Key_End)  # the last profile: external
    assert _briefing(page).profile == audience.EXTERNAL
    dates = panel.rules[audience.EXACT_DATES]
    # On its box, where a person clicks (the row is wider than the box and its words).
    qtbot.mouseClick(dates, Qt.MouseButton.LeftButton, pos=QPoint(8, dates.height() // 2))
    assert json.loads(_briefing(page).profile_rules) == {audience.EXACT_DATES: False}
    assert audience.RULES[audience.EXACT_DATES] not in panel.summary.text()
    page.controller.undo_stack.undo()
    assert json.loads(_briefing(page).profile_rules) == {}
    assert panel.rules[audience.EXACT_DATES].isChecked()


def test_a_read_only_project_shows_the_audience_but_cannot_change_it(qtbot, sample_file):
    document = Document.open(sample_file, read_only=True)
    try:
        page = BriefingPage(DocumentController(document))
        qtbot.addWidget(page)
        assert not page.audience.profile.isEnabled()
        assert not any(box.isEnabled() for box in page.audience.rules.values())
    finally:
        document.close()
