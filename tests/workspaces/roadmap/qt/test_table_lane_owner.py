"""The roadmap table edits an item's lane and owner in place: a list of lanes, and the owner
picker (stakeholders, found by typing) every workspace uses."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox

from pmdesk.gui.owner_picker import OwnerPicker
from pmdesk.store.document import Document
from tests.workspaces.roadmap.qt import test_table_editing as editing
from tests.workspaces.roadmap.qt.test_table_editing import TITLE, TODAY, _item

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
table = editing.table


def _open_cell(qtbot, page, view, key: str):
    from pmdesk.workspaces.roadmap.qt.table_model import COLUMN_KEYS, ID_ROLE

    proxy = view.model()
    item_id = _item(page).id
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(ID_ROLE) == item_id)
    cell = proxy.index(row, COLUMN_KEYS.index(key))
    view.scrollTo(cell)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(cell).center())
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert view.state() == QAbstractItemView.State.EditingState, "no editor opened"
    return next(e for e in view.viewport().findChildren(QComboBox) if e.isVisible())


def test_the_lane_is_chosen_from_a_list_in_the_table(qtbot, table):
    page, view = table
    editor = _open_cell(qtbot, page, view, "lane")
    assert [editor.itemText(i) for i in range(editor.count())] == [
        lane.name for lane in page.roadmap.lanes
    ]
    editor.setCurrentIndex(editor.findText("Go-to-market"))
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # Tab keeps the value and edits the next cell
    lanes = {lane.name: lane.id for lane in page.roadmap.lanes}
    qtbot.waitUntil(lambda: _item(page).lane_id == lanes["Go-to-market"])
    from pmdesk.workspaces.roadmap.qt.table_model import COLUMN_KEYS

    assert view.currentIndex().column() == COLUMN_KEYS.index("kind")
    assert page.controller.undo_stack.undoText() == f"Change lane of “{TITLE}”"
    page.controller.undo_stack.undo()
    assert _item(page).lane_id == lanes["Dispatch & scheduling"]


# The completion list is a popup: the offscreen platform cannot raise it or grab keys for it.
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_the_owner_is_typed_and_picked_from_the_stakeholders(qtbot, table):
    page, view = table
    editor = _open_cell(qtbot, page, view, "owner")
    assert isinstance(editor, OwnerPicker)
    qtbot.keyClick(editor.lineEdit(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    name = editor.itemText(2)
    qtbot.keyClicks(editor.lineEdit(), name.lower())  # any case finds the stakeholder
    qtbot.keyClick(editor.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    owner = editor.itemData(2)
    assert _item(page).owner_id == owner
    assert page.table.model.owners[owner] == name


def test_read_only_table_cells_open_no_lane_or_owner_editor(qtbot, sample_file):
    from pmdesk.gui.document import DocumentController
    from pmdesk.workspaces.roadmap.qt.page import RoadmapPage
    from pmdesk.workspaces.roadmap.qt.table_model import COLUMN_KEYS

    document = Document.open(sample_file, read_only=True)
    try:
        page = RoadmapPage(DocumentController(document), today=TODAY)
        qtbot.addWidget(page)
        model = page.table.model
        page.tabs.setCurrentWidget(page.table)
        for key in ("lane", "owner"):
            flags = model.flags(model.index(0, COLUMN_KEYS.index(key)))
            assert not flags & Qt.ItemFlag.ItemIsEditable
    finally:
        document.close()
