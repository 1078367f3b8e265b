"""The roadmap table keeps the record under the PM's hands while it re-sorts after an edit."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit
from sqlalchemy import select

from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.roadmap.model import RoadmapItem
from pmdesk.workspaces.roadmap.qt.page import RoadmapPage
from pmdesk.workspaces.roadmap.qt.table_model import COLUMN_KEYS, ID_ROLE

TODAY = date(2026, 11, 25)
TITLE = "Auto-filled dispatch board"  # 1 Oct 2026 – 31 Mar 2027: first by start
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def table(qtbot, sample_document):
    page = RoadmapPage(DocumentController(sample_document), today=TODAY)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    page.tabs.setCurrentWidget(page.table)
    page.activateWindow()
    qtbot.waitActive(page)
    view = page.table.table
    view.sortByColumn(COLUMN_KEYS.index("start"), Qt.SortOrder.AscendingOrder)
    return page, view


def _item(page) -> RoadmapItem:
    session = page.controller.session
    return session.scalars(select(RoadmapItem).where(RoadmapItem.title == TITLE)).one()


def _type_into_cell(qtbot, view, text: str) -> None:
    """F2 on the current cell, replace its text, Enter: as a person edits a cell."""
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert view.state() == QAbstractItemView.State.EditingState, "no editor opened"
    editor = next(e for e in view.viewport().findChildren(QLineEdit) if e.isVisible())
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on the next turn of the event loop, as it does for a person.
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def test_the_edited_record_stays_selected_and_in_view_after_a_re_sort(qtbot, table):
    page, view = table
    item = _item(page)
    proxy = view.model()
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(ID_ROLE) == item.id)
    cell = proxy.index(row, COLUMN_KEYS.index("start"))
    view.scrollTo(cell)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(cell).center())
    _type_into_cell(qtbot, view, "2027-03-01")  # now far down by start
    page.controller.session.expire_all()
    assert _item(page).start == date(2027, 3, 1)
    current = view.currentIndex()
    assert current.data(ID_ROLE) == item.id
    assert current.column() == COLUMN_KEYS.index("start")
    assert [index.data(ID_ROLE) for index in view.selectionModel().selectedRows()] == [item.id]
    assert view.viewport().rect().intersects(view.visualRect(current))  # still in sight
    assert view.hasFocus()  # the next key goes to the table, not to the filter box
    # The next edit lands on the same record, never on whichever row took its place.
    qtbot.keyClick(view, Qt.Key.Key_Right)
    _type_into_cell(qtbot, view, "2027-12-17")
    page.controller.session.expire_all()
    assert (_item(page).start, _item(page).end) == (date(2027, 3, 1), date(2027, 12, 17))
    assert page.controller.undo_stack.count() == 2


def test_a_start_typed_after_the_end_moves_the_end_along(qtbot, table):
    page, view = table
    item = _item(page)  # 1 Oct 2026 – 31 Mar 2027: 181 days
    messages: list[str] = []
    page.controller.failed.connect(messages.append)
    proxy = view.model()
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(ID_ROLE) == item.id)
    cell = proxy.index(row, COLUMN_KEYS.index("start"))
    view.scrollTo(cell)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(cell).center())
    _type_into_cell(qtbot, view, "2027-05-03")
    page.controller.session.expire_all()
    moved = _item(page)
    assert messages == []  # no refusal, no pop-up
    assert (moved.start, moved.end) == (date(2027, 5, 3), date(2027, 10, 31))
    assert page.controller.undo_stack.count() == 1
    page.controller.undo_stack.undo()
    page.controller.session.expire_all()
    assert (_item(page).start, _item(page).end) == (date(2026, 10, 1), date(2027, 3, 31))
