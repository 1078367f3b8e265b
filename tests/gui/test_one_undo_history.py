"""One undo history: in a text field, Undo and Redo are the project's, a word at a time."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

from pmdesk.domain.project import get_project
from pmdesk.gui.text import TypingBursts

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _vision_field(qtbot, window):
    field = window.show_workspace("overview").ui.vision
    qtbot.mouseClick(field.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(field, Qt.Key.Key_End, CTRL)
    return field


def _vision(window) -> str:
    return get_project(window.controller.session).vision


def test_ctrl_z_in_a_field_undoes_the_last_word_and_redo_brings_it_back(qtbot, window):
    field = _vision_field(qtbot, window)
    original = _vision(window)
    qtbot.keyClicks(field, " alpha beta gamma")
    assert _vision(window) == original + " alpha beta gamma"
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert _vision(window) == original + " alpha beta"
    assert field.toPlainText() == original + " alpha beta"
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert field.toPlainText() == original + " alpha"
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL_SHIFT)
    assert _vision(window) == original + " alpha beta"
    window.redo_action.trigger()  # Edit › Redo
    assert _vision(window) == original + " alpha beta gamma"
    assert field.toPlainText() == original + " alpha beta gamma"
    assert not field.document().isUndoRedoEnabled()  # the field keeps no history of its own


def test_a_pause_ends_a_step_and_backspacing_is_a_step_of_its_own(qtbot, window):
    now = [0.0]
    window.controller.typing = TypingBursts(clock=lambda: now[0])
    field = _vision_field(qtbot, window)
    original = _vision(window)
    qtbot.keyClicks(field, " sup")
    now[0] += 5  # the PM stops to think
    qtbot.keyClicks(field, "er")
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert _vision(window) == original + " sup"
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert _vision(window) == original + " super"
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert _vision(window) == original + " sup"
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert _vision(window) == original
    assert not window.controller.undo_stack.canUndo()


def test_ctrl_z_in_a_one_line_field_is_the_projects_undo_too(qtbot, window):
    page = window.show_workspace("overview")
    vision = _vision_field(qtbot, window)
    original = _vision(window)
    qtbot.keyClicks(vision, " Now")
    name = page.ui.name
    qtbot.mouseClick(name, Qt.MouseButton.LeftButton)
    qtbot.keyClick(name, Qt.Key.Key_Z, CTRL)
    assert _vision(window) == original  # Ctrl+Z in another field undoes the last edit
    assert name.text() == "FieldLoop"


def _right_click_menu(qtbot, field):
    target = field.viewport() if hasattr(field, "viewport") else field
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, QPoint(5, 5), target.mapToGlobal(QPoint(5, 5))
    )
    QApplication.sendEvent(target, event)  # what a right-click delivers
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


# A popup menu on the offscreen platform cannot raise itself or grab the keyboard; a desktop can.
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")
@pytest.mark.parametrize("field_name", ["name", "vision"])
def test_undo_in_a_fields_right_click_menu_is_the_projects(qtbot, window, field_name):
    page = window.show_workspace("overview")
    original = _vision(window)
    vision = _vision_field(qtbot, window)
    qtbot.keyClicks(vision, " Now")
    field = getattr(page.ui, field_name)
    menu = _right_click_menu(qtbot, field)
    undo = next(a for a in menu.actions() if a.text().replace("&", "").startswith("Undo"))
    assert undo is window.undo_action and undo.isEnabled()
    undo.trigger()
    menu.close()
    assert _vision(window) == original  # the project's last edit went, whichever field it was
    assert window.controller.undo_stack.canRedo()
