"""Help: F1 opens the guide to the workspace on show; the shortcuts list is the window's own."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from pmdesk.gui import dialogs
from pmdesk.gui.main_window import MainWindow
from pmdesk.gui.workspaces import WORKSPACES

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def window(qtbot, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_args: dialogs.Answer.DISCARD)
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    yield window
    window.close()


@pytest.mark.parametrize("row", range(len(WORKSPACES)), ids=[ws.key for ws in WORKSPACES])
def test_f1_opens_the_guide_to_the_workspace_on_show(qtbot, window, row):
    window.navigation.setCurrentRow(row)
    window.stack.currentWidget().setFocus()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.stack.currentWidget(), Qt.Key.Key_F1)
    guide = window.guide_dialog
    assert guide.isVisible()
    text = guide.text.toPlainText()
    title = WORKSPACES[row].title
    assert text.startswith(title)
    assert len(text.splitlines()) >= 5
    assert guide.workspaces.currentItem().text() == title


def test_the_guide_shows_another_workspace_when_picked(qtbot, window):
    window.show_guide("overview")
    guide = window.guide_dialog
    roadmap = next(
        guide.workspaces.item(row)
        for row in range(guide.workspaces.count())
        if guide.workspaces.item(row).text() == "Roadmap"
    )
    qtbot.mouseClick(
        guide.workspaces.viewport(),
        Qt.MouseButton.LeftButton,
        pos=guide.workspaces.visualItemRect(roadmap).center(),
    )
    assert guide.text.toPlainText().startswith("Roadmap")
    assert "Add Lane" in guide.text.toPlainText()


def _shortcuts(window):
    help_menu = next(a.menu() for a in window.menuBar().actions() if "Help" in a.text())
    action = next(a for a in help_menu.actions() if "Keyboard Shortcuts" in a.text())
    action.trigger()
    return window.shortcuts_dialog


def test_the_shortcuts_list_holds_the_real_keys(qtbot, window):
    shown = dict(_shortcuts(window).rows())
    assert shown["Find…"] == "Ctrl+F"
    assert shown["Guide to This Workspace"] == "F1"
    assert shown["Undo"].startswith("Ctrl+Z")
    assert "Ctrl+Shift+Z" in shown["Redo"]
    assert shown["Save"] == "Ctrl+S" and shown["Copy"] == "Ctrl+C"
    assert shown["Quit"] == "Ctrl+Q"
    for number in range(1, min(9, len(WORKSPACES)) + 1):
        assert shown[WORKSPACES[number - 1].title] == f"Ctrl+{number}"


def test_the_shortcuts_list_follows_a_changed_binding(qtbot, window):
    window.find_action.setShortcut("Ctrl+Shift+F")
    assert dict(_shortcuts(window).rows())["Find…"] == "Ctrl+Shift+F"


def test_the_page_on_shows_own_keys_are_listed(qtbot, window):
    window.show_workspace("stakeholders")
    rows = _shortcuts(window).rows()
    assert ("Delete Selected", "Del") in rows or any(keys == "Del" for _what, keys in rows)


def test_the_find_guide_and_shortcut_windows_clip_nothing_at_1024x700(qtbot, window):
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel

    from tests.gui.test_nothing_clipped import _clipped

    window.find_records()
    qtbot.keyClicks(window.find_dialog.query, "zebra")
    window.find_dialog.search_now()
    window.show_guide("business_case")
    windows = [window.find_dialog, window.guide_dialog, _shortcuts(window)]
    for shown in windows:
        qtbot.waitExposed(shown)
        assert shown.width() <= 1024 and shown.height() <= 700
        problems = [
            problem
            for kind in (QAbstractButton, QComboBox, QLabel)
            for widget in shown.findChildren(kind)
            if widget.isVisible() and (problem := _clipped(widget))
        ]
        assert problems == [], shown.windowTitle()
