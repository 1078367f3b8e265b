"""The communication map and the table are built when their tab is first clicked, and then
show what an eagerly built page showed: every row in name order, the map drawn, read-only kept."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QTableView
from sqlalchemy import select

from pmdesk.gui.document import DocumentController
from pmdesk.gui.tables import natural_key
from pmdesk.workspaces.stakeholders.model import Stakeholder
from pmdesk.workspaces.stakeholders.qt.comm_map import CommunicationMap
from pmdesk.workspaces.stakeholders.qt.page import MAP_TAB, TABLE_TAB, StakeholdersPage
from pmdesk.workspaces.stakeholders.qt.table_model import ID_ROLE

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
TODAY = date(2026, 11, 25)


def _open(qtbot, controller) -> StakeholdersPage:
    page = StakeholdersPage(controller, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    qtbot.waitExposed(page)
    return page


def _click_tab(qtbot, page: StakeholdersPage, index: int) -> None:
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())


def test_the_table_is_built_on_its_first_click_with_every_row_in_name_order(qtbot, sample_document):
    controller = DocumentController(sample_document)
    page = _open(qtbot, controller)
    assert not isinstance(page.tabs.widget(TABLE_TAB), QTableView)  # not built at first paint
    _click_tab(qtbot, page, TABLE_TAB)
    view = page.tabs.currentWidget()
    assert isinstance(view, QTableView) and view is page.table
    assert view.isVisible() and view.model() is page.proxy
    header = view.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        0,
        Qt.SortOrder.AscendingOrder,
    )
    people = list(controller.session.scalars(select(Stakeholder)))
    shown = [view.model().index(row, 0).data() for row in range(view.model().rowCount())]
    assert shown == sorted((p.name for p in people), key=natural_key)


def test_a_card_double_clicked_before_the_table_was_built_is_selected_there(qtbot, sample_document):
    controller = DocumentController(sample_document)
    page = _open(qtbot, controller)
    last = max(controller.session.scalars(select(Stakeholder)), key=lambda p: natural_key(p.name))
    page.select_in_table(last.id)  # what a double-click on its card does
    assert page.tabs.currentIndex() == TABLE_TAB
    assert [index.data(ID_ROLE) for index in page.table.selectionModel().selectedRows()] == [
        last.id
    ]
    assert page.selected_ids() == [last.id]


def test_the_map_is_drawn_on_its_first_click(qtbot, sample_document):
    controller = DocumentController(sample_document)
    page = _open(qtbot, controller)
    assert not isinstance(page.tabs.widget(MAP_TAB), CommunicationMap)
    _click_tab(qtbot, page, MAP_TAB)
    shown = page.tabs.currentWidget()
    assert isinstance(shown, CommunicationMap) and shown.isVisible()
    people = list(controller.session.scalars(select(Stakeholder)))
    assert set(shown.chips) == {p.id for p in people}


def test_a_read_only_table_built_late_still_refuses_to_edit(qtbot, sample_file):
    from pmdesk.store.document import Document

    document = Document.open(sample_file, read_only=True)
    try:
        page = _open(qtbot, DocumentController(document))
        _click_tab(qtbot, page, TABLE_TAB)
        view = page.table
        first = view.model().index(0, 0)
        before = first.data()
        qtbot.mouseDClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(first).center()
        )
        qtbot.keyClick(view, Qt.Key.Key_F2)
        assert not [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]
        assert first.data() == before
    finally:
        document.close()
