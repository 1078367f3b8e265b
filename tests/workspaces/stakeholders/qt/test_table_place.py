"""Renaming a stakeholder re-sorts the table; the renamed person stays selected and in view."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.stakeholders.qt.page import StakeholdersPage
from pmdesk.workspaces.stakeholders.qt.table_model import ID_ROLE

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def test_a_renamed_stakeholder_stays_selected_and_in_view(qtbot, sample_document):
    page = StakeholdersPage(DocumentController(sample_document), today=date(2026, 11, 25))
    qtbot.addWidget(page)
    page.resize(1100, 500)
    page.show()
    page.tabs.setCurrentWidget(page.table)
    page.activateWindow()
    qtbot.waitActive(page)
    view = page.table
    first = view.model().index(0, 0)
    person = first.data(ID_ROLE)
    view.scrollToTop()
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(first).center()
    )
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = next(e for e in view.viewport().findChildren(QLineEdit) if e.isVisible())
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "Zoe Zimmermann")  # sorts last by name
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    current = view.currentIndex()
    assert current.data(ID_ROLE) == person
    assert current.data() == "Zoe Zimmermann"
    assert [index.data(ID_ROLE) for index in view.selectionModel().selectedRows()] == [person]
    assert view.viewport().rect().intersects(view.visualRect(current))
