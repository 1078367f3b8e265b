"""The basics of a desktop app: Ctrl+1…Ctrl+9 switch workspaces, Edit acts on the focused
widget, and Save As suggests the product's name."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pmdesk.gui import dialogs
from pmdesk.gui.main_window import MainWindow
from pmdesk.gui.workspaces import WORKSPACES
from pmdesk.workspaces.overview.qt import actions as overview_actions

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def window(qtbot, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_args: dialogs.Answer.DISCARD)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    yield window
    window.close()


def test_ctrl_and_a_number_switches_to_that_workspace(qtbot, window):
    for number in (3, 1, len(WORKSPACES[:9])):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert window.navigation.currentRow() == number - 1
        assert window.stack.currentWidget() is window.show_workspace(WORKSPACES[number - 1].key)


def _edit_action(window, name: str):
    return next(a for a in window.edit_menu.actions() if a.text().replace("&", "").startswith(name))


def test_edit_copy_and_paste_act_on_the_focused_field(qtbot, window):
    page = window.show_workspace("overview")
    field = page.ui.vision
    qtbot.mouseClick(field.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(field, "Fast dispatch")
    _edit_action(window, "Select All").trigger()
    _edit_action(window, "Copy").trigger()
    assert QApplication.clipboard().text() == "Fast dispatch"
    name = page.ui.name
    qtbot.mouseClick(name, Qt.MouseButton.LeftButton)
    name.selectAll()
    _edit_action(window, "Paste").trigger()
    assert name.text() == "Fast dispatch"
    assert "Ctrl+C" in _edit_action(window, "Copy").text()  # the menu says the key


def test_save_as_suggests_the_products_name(qtbot, window, monkeypatch, tmp_path):
    asked: list[str] = []
    monkeypatch.setattr(
        dialogs, "choose_file_to_save", lambda _parent, suggestion: asked.append(suggestion)
    )
    monkeypatch.setattr(window, "_last_folder", lambda: str(tmp_path))
    overview_actions.set_field(window.controller, "name", "Route/Planner: Pro")
    window.save_as()
    assert [Path(path).name for path in asked] == ["Route-Planner- Pro.pmdb"]
    assert Path(asked[0]).parent == tmp_path
