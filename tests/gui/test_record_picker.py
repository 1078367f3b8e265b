"""The record picker as a PM uses it: typing part of a name, Tab or Enter, the list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMainWindow, QVBoxLayout, QWidget

from pmdesk.gui.record_picker import RecordPicker

ITEMS = [
    ("Offline job sheets", "a"),
    ("Offline sync for photos", "b"),
    ("Invoice on site", "c"),
    ("Route planning", "d"),
]

# Typing opens the completion list, a popup the offscreen platform cannot raise or grab keys for.
pytestmark = pytest.mark.qt_log_ignore(
    "does not support raise", "does not support grabbing the keyboard"
)


@pytest.fixture
def window(qtbot):
    """A window holding a picker (with a "None" entry) and a field to Tab to."""
    window = QMainWindow()
    body = QWidget()
    layout = QVBoxLayout(body)
    window.picker = RecordPicker(ITEMS, none_label="None", noun="roadmap item")
    window.after = QLineEdit()
    layout.addWidget(window.picker)
    layout.addWidget(window.after)
    window.setCentralWidget(body)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.picker.set_key("c")
    window.finished = []
    window.picker.editing_finished.connect(lambda: window.finished.append(window.picker.key()))
    return window


def _type(qtbot, picker: RecordPicker, text: str, key: Qt.Key = Qt.Key.Key_Tab) -> None:
    line = picker.lineEdit()
    line.setFocus()
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        qtbot.keyClicks(line, text)
    else:
        qtbot.keyClick(line, Qt.Key.Key_Backspace)
    qtbot.keyClick(line, key)


def test_a_part_only_one_name_holds_and_tab_choose_that_record(qtbot, window):
    picker = window.picker
    _type(qtbot, picker, "route")
    assert picker.key() == "d"
    assert picker.currentText() == "Route planning"  # as the record spells it
    assert window.finished == ["d"]  # told once
    assert window.after.hasFocus()  # Tab went on to the next field


def test_a_whole_name_in_any_case_and_enter_choose_that_record(qtbot, window):
    _type(qtbot, window.picker, "offline job sheets", Qt.Key.Key_Return)
    assert window.picker.key() == "a"
    assert window.picker.currentText() == "Offline job sheets"
    assert window.finished == ["a"]


def test_a_name_nothing_holds_springs_back_and_the_status_bar_says_why(qtbot, window):
    picker = window.picker
    _type(qtbot, picker, "Moon base")
    assert picker.key() == "c"  # the record chosen before
    assert picker.currentText() == "Invoice on site"
    assert window.statusBar().currentMessage() == "No roadmap item is called “Moon base”."


def test_a_part_several_names_hold_keeps_the_choice_and_asks_to_pick(qtbot, window):
    picker = window.picker
    _type(qtbot, picker, "offline")
    assert picker.key() == "c"
    assert picker.currentText() == "Invoice on site"
    assert window.statusBar().currentMessage() == (
        "More than one roadmap item holds “offline”: pick one from the list."
    )


def test_an_emptied_box_means_none(qtbot, window):
    _type(qtbot, window.picker, "")
    assert window.picker.key() is None
    assert window.picker.currentText() == ""  # the none entry's label shows greyed instead
    assert window.picker.lineEdit().placeholderText() == "None"
    assert window.finished == [None]


def test_with_none_chosen_a_click_and_a_part_of_a_name_choose_that_record(qtbot, window):
    picker = window.picker
    picker.set_key(None)
    line = picker.lineEdit()
    assert line.text() == "" and line.placeholderText() == "None"
    # A click where the label is, then typing: no select-all first, as a PM does it.
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=line.rect().center())
    qtbot.keyClicks(line, "route")
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    assert picker.key() == "d"
    assert picker.currentText() == "Route planning"
    assert window.finished == ["d"]


def test_picking_the_none_entry_from_the_list_empties_the_box(qtbot, window):
    picker = window.picker
    picker.showPopup()
    view = picker.view()
    qtbot.waitUntil(view.isVisible)
    rect = view.visualRect(view.model().index(0, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert picker.key() is None
    assert picker.currentText() == ""
    assert window.finished == [None]


def test_beside_a_none_entry_the_empty_box_names_it_and_the_hint_is_the_tooltip():
    picker = RecordPicker(ITEMS, none_label="Its own date", placeholder="Type to find an item")
    assert picker.lineEdit().placeholderText() == "Its own date"
    assert picker.toolTip() == "Type to find an item"
    picker.set_key("a")
    assert picker.currentText() == "Offline job sheets"
    picker.set_key(None)
    assert picker.currentText() == ""


def test_typing_lists_the_names_that_hold_it_and_the_list_picks(qtbot, window):
    picker = window.picker
    line = picker.lineEdit()
    line.setFocus()
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, "SYNC")  # any case, any part of the name
    popup = picker.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    model = popup.model()
    assert [model.index(row, 0).data() for row in range(model.rowCount())] == [
        "Offline sync for photos"
    ]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.key() == "b"
    assert window.finished[-1] == "b"


def test_offering_new_choices_keeps_the_record_chosen(window):
    picker = window.picker
    picker.set_choices([("Route planning", "d"), ("Invoice on site, v2", "c")])
    assert picker.key() == "c" and picker.currentText() == "Invoice on site, v2"
    picker.set_choices([("Route planning", "d")])  # the chosen one is gone: none
    assert picker.key() is None and picker.currentText() == ""
    assert window.finished == []  # refilling is not an edit


def test_the_completion_list_is_wide_enough_for_a_long_name(qtbot, window):
    long_name = "Spring launch: offline technician app for rural crews (launch)"
    picker = window.picker
    picker.set_choices([*ITEMS, (long_name, "e")])
    picker.setFixedWidth(160)  # a narrow box, as in a crowded form
    window.resize(900, 300)
    line = picker.lineEdit()
    line.setFocus()
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, "rural")
    popup = picker.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.width() > popup.fontMetrics().horizontalAdvance(long_name) > picker.width()
