"""The New Business Case dialog as a PM fills it in: the "For" box takes part of a name, and a
name that matches nothing keeps the dialog open with a sentence instead of making a case for no
initiative."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

from pmdesk.gui.record_picker import RecordPicker
from pmdesk.workspaces.business_case.qt.dialogs import ask_new_case

ITEMS = [("l1", "Payments GA (launch)"), ("r1", "Offline sync (initiative)")]

# Typing opens the completion list, a popup the offscreen platform cannot raise or grab keys for.
pytestmark = pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard"
)


def _fill_in(qtbot, seen: dict, parent: QWidget) -> None:
    """Type a name that matches nothing and press Enter, then a part of one and press Enter."""
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QDialog)
    picker = dialog.findChild(RecordPicker)
    line = picker.lineEdit()
    line.setFocus()
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, "Moon base")
    qtbot.keyClick(picker, Qt.Key.Key_Return)
    seen["open after a name that matches nothing"] = dialog.isVisible()
    seen["said"] = dialog.findChild(QLabel, "forProblem").text()
    seen["for"] = (picker.key(), picker.currentText(), line.placeholderText())
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, "payments")
    qtbot.keyClick(picker, Qt.Key.Key_Return)
    seen["said after"] = dialog.findChild(QLabel, "forProblem").text()
    if dialog.isVisible():  # Enter did not accept it: close it, so the test cannot hang
        seen["open after a name"] = True
        dialog.reject()


def test_a_name_that_matches_nothing_keeps_the_dialog_open_and_says_why(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    seen: dict = {}
    QTimer.singleShot(0, lambda: _fill_in(qtbot, seen, parent))
    answer = ask_new_case(parent, ITEMS)
    assert seen["open after a name that matches nothing"] is True
    assert seen["said"] == "No launch or roadmap item is called “Moon base”."
    # Sprang back to what was chosen: no initiative, its label greyed in the empty box.
    assert seen["for"] == (None, "", "No initiative")
    assert seen["said after"] == ""  # the sentence goes once a name chose a record
    assert "open after a name" not in seen  # the second Enter accepted the dialog
    assert answer == ("Payments GA", "l1")  # for the launch that part of its name found
