"""A page out of sight hears of edits when it is shown again, before it paints, and only then."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from pmdesk.domain.project import get_project
from pmdesk.gui.document import Change, DocumentController
from pmdesk.gui.hidden_changes import on_change
from pmdesk.gui.workspaces import WORKSPACES

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
CTRL = Qt.KeyboardModifier.ControlModifier


def _click_workspace(qtbot, window, key: str) -> QWidget:
    row = next(index for index, workspace in enumerate(WORKSPACES) if workspace.key == key)
    navigation = window.navigation
    centre = navigation.visualItemRect(navigation.item(row)).center()
    qtbot.mouseClick(navigation.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert window.stack.currentWidget() is window._pages[key]
    return window._pages[key]


def test_an_undo_on_another_page_shows_on_the_overview_when_the_pm_goes_back(qtbot, window):
    overview = _click_workspace(qtbot, window, "overview")
    field = overview.ui.vision
    qtbot.mouseClick(field.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(field, Qt.Key.Key_End, CTRL)
    original = field.toPlainText()
    qtbot.keyClicks(field, " alpha")
    goals = _click_workspace(qtbot, window, "goals")
    goals.setFocus()
    window.undo_action.trigger()  # Edit › Undo, with the Overview out of sight
    assert get_project(window.controller.session).vision == original
    assert field.toPlainText() == original + " alpha"  # not redrawn while nobody looks at it
    _click_workspace(qtbot, window, "overview")
    assert field.toPlainText() == original  # what the PM sees on coming back


def _stack_in_a_window(qtbot) -> tuple[QWidget, QStackedWidget, QWidget, QWidget]:
    top = QWidget()
    qtbot.addWidget(top)
    stack = QStackedWidget(top)
    QVBoxLayout(top).addWidget(stack)
    seen, other = QWidget(), QWidget()
    stack.addWidget(seen)
    stack.addWidget(other)
    return top, stack, seen, other


def test_changes_held_for_a_hidden_view_arrive_merged_and_in_order_when_it_is_shown(
    qtbot, sample_document
):
    controller = DocumentController(sample_document)
    top, stack, seen, other = _stack_in_a_window(qtbot)
    heard: list[tuple[str, Change]] = []
    on_change(controller, other, lambda change: heard.append(("first", change)))
    on_change(controller, other, lambda change: heard.append(("second", change)))
    on_change(controller, seen, lambda change: heard.append(("in sight", change)))
    top.show()
    qtbot.waitExposed(top)
    controller.changed.emit(Change.of("stakeholders", ids=["a"]))
    controller.changed.emit(Change.of("criteria", ids=["b"]))
    assert [who for who, _change in heard] == ["in sight", "in sight"]
    heard.clear()
    stack.setCurrentWidget(other)
    merged = Change.of("stakeholders", "criteria", ids=["a", "b"])
    assert heard == [("first", merged), ("second", merged)]
    controller.changed.emit(Change.of("criteria"))
    assert [who for who, _change in heard][2:] == ["first", "second"]  # in sight now: at once


def test_a_view_whose_window_is_not_on_screen_hears_each_edit_at_once(qtbot, sample_document):
    controller = DocumentController(sample_document)
    _top, _stack, _seen, other = _stack_in_a_window(qtbot)  # never shown
    heard: list[Change] = []
    on_change(controller, other, heard.append)
    controller.changed.emit(Change.of("stakeholders"))
    assert heard == [Change.of("stakeholders")]


def test_a_view_that_is_gone_is_no_longer_told(qtbot, sample_document):
    controller = DocumentController(sample_document)
    view = QWidget()
    heard: list[Change] = []
    on_change(controller, view, heard.append)
    shiboken6.delete(view)
    controller.changed.emit(Change.of("stakeholders"))
    assert heard == []
