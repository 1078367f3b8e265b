"""The matrix edits like a spreadsheet: type to edit, Enter and Tab commit and move, Delete
clears, and blocks of cells copy to and paste from a spreadsheet."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from pmdesk.workspaces.competition import edit
from pmdesk.workspaces.competition.qt.matrix_view import MatrixPanel
from tests.workspaces.competition.qt.test_matrix import controller  # noqa: F401  (a fixture)

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def panel(qtbot, controller):  # noqa: F811
    panel = MatrixPanel(controller)
    qtbot.addWidget(panel)
    panel.resize(1100, 600)
    panel.show()
    panel.activateWindow()
    qtbot.waitActive(panel)
    return panel


def _proxy_cell(panel, criterion: str, competitor: str):
    proxy = panel.proxy
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == criterion)
    column = next(
        c
        for c in range(proxy.columnCount())
        if proxy.headerData(c, Qt.Orientation.Horizontal) in (competitor, f"{competitor} (us)")
    )
    return proxy.index(row, column)


def _click(qtbot, panel, criterion: str, competitor: str):
    index = _proxy_cell(panel, criterion, competitor)
    table = panel.table
    table.scrollTo(index)
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center()
    )
    return index


def _rating(controller, criterion: str, competitor: str) -> str:  # noqa: F811
    session = controller.session
    criteria = {c.name: c.id for c in edit.criteria(session)}
    competitors = {c.name: c.id for c in edit.competitors(session)}
    state = edit.rating_state(session, competitors[competitor], criteria[criterion])
    return state.value if state else ""


def _type(qtbot, panel, text: str) -> None:
    """Type on the selected cell: the first key opens its editor, the rest go to the editor."""
    qtbot.keyClicks(panel.table, text[0])
    if text[1:]:
        qtbot.keyClicks(QApplication.focusWidget(), text[1:])


def _settle(qtbot, panel) -> None:
    qtbot.waitUntil(lambda: panel.table.state() != QAbstractItemView.State.EditingState)


def test_typing_on_a_cell_replaces_it_and_tab_commits_and_moves_right(qtbot, controller, panel):  # noqa: F811
    _click(qtbot, panel, "Auto dispatch", "FieldLoop")
    _type(qtbot, panel, "4")
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    _settle(qtbot, panel)
    assert _rating(controller, "Auto dispatch", "FieldLoop") == "4"  # not "54"
    assert panel.table.currentIndex() == _proxy_cell(panel, "Auto dispatch", "ServicePeak")
    assert controller.undo_stack.count() == 1


def test_enter_commits_and_moves_down(qtbot, controller, panel):  # noqa: F811
    _click(qtbot, panel, "Auto dispatch", "ServicePeak")
    _type(qtbot, panel, "2")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    _settle(qtbot, panel)
    assert _rating(controller, "Auto dispatch", "ServicePeak") == "2"
    assert panel.table.currentIndex() == _proxy_cell(panel, "Works offline", "ServicePeak")
    # Yes / no / partial typed as a spreadsheet user would: a letter and Enter
    _type(qtbot, panel, "y")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    _settle(qtbot, panel)
    assert _rating(controller, "Works offline", "ServicePeak") == "yes"
    assert panel.table.currentIndex() == _proxy_cell(panel, "Price per technician", "ServicePeak")


def test_partial_and_a_price_are_typed_straight_in(qtbot, controller, panel):  # noqa: F811
    _click(qtbot, panel, "Works offline", "FieldLoop")
    _type(qtbot, panel, "Partial")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    _settle(qtbot, panel)
    _type(qtbot, panel, "49")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    _settle(qtbot, panel)
    assert _rating(controller, "Works offline", "FieldLoop") == "partial"
    assert _rating(controller, "Price per technician", "FieldLoop") == "49"


def test_delete_clears_a_rating_and_undo_brings_it_back(qtbot, controller, panel):  # noqa: F811
    _click(qtbot, panel, "Auto dispatch", "ServicePeak")
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert _rating(controller, "Auto dispatch", "ServicePeak") == ""
    assert _proxy_cell(panel, "Auto dispatch", "ServicePeak").data() == "—"
    controller.undo_stack.undo()
    assert _rating(controller, "Auto dispatch", "ServicePeak") == "3"


def test_a_block_copies_as_spreadsheet_text_and_pastes_back(qtbot, controller, panel):  # noqa: F811
    table = panel.table
    first = _click(qtbot, panel, "Auto dispatch", "FieldLoop")
    last = _proxy_cell(panel, "Works offline", "ServicePeak")
    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        CTRL.__class__.ShiftModifier,
        table.visualRect(last).center(),
    )
    assert len(table.selectionModel().selectedIndexes()) == 4
    qtbot.keyClick(table, Qt.Key.Key_C, CTRL)
    assert QApplication.clipboard().text() == "5\t3\n—\t—"
    # A block from a spreadsheet: two rows of two, pasted at the top-left of the block
    QApplication.clipboard().setText("4\t2\nYes\tpartial\n")
    table.setCurrentIndex(first)
    qtbot.keyClick(table, Qt.Key.Key_V, CTRL)
    values = [
        _rating(controller, criterion, competitor)
        for criterion in ("Auto dispatch", "Works offline")
        for competitor in ("FieldLoop", "ServicePeak")
    ]
    assert values == ["4", "2", "yes", "partial"]
    assert controller.undo_stack.count() == 1  # one paste, one undo step
    controller.undo_stack.undo()
    assert _rating(controller, "Auto dispatch", "FieldLoop") == "5"
    assert _rating(controller, "Works offline", "ServicePeak") == ""


def test_a_bad_value_in_a_pasted_block_changes_nothing_and_says_where(qtbot, controller, panel):  # noqa: F811
    messages: list[str] = []
    controller.failed.connect(messages.append)
    first = _click(qtbot, panel, "Auto dispatch", "FieldLoop")
    QApplication.clipboard().setText("4\t9\n")
    panel.table.setCurrentIndex(first)
    qtbot.keyClick(panel.table, Qt.Key.Key_V, CTRL)
    assert len(messages) == 1 and "ServicePeak" in messages[0] and "0 to 5" in messages[0]
    assert _rating(controller, "Auto dispatch", "FieldLoop") == "5"  # the good cell not half-done
    assert controller.undo_stack.count() == 0
