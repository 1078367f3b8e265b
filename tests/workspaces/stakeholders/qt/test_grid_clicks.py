"""Clicks on the grid are not drags, and a read-only grid refuses the gesture itself."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from pmdesk.gui.document import DocumentController
from pmdesk.store.document import Document
from pmdesk.workspaces.stakeholders.chart import layout as chart
from pmdesk.workspaces.stakeholders.model import Stakeholder
from pmdesk.workspaces.stakeholders.qt.page import StakeholdersPage
from tests.support import double_click

TODAY = date(2026, 11, 25)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _page(qtbot, document: Document) -> StakeholdersPage:
    page = StakeholdersPage(DocumentController(document), today=TODAY)
    page.resize(1300, 850)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def _omar(page) -> str:
    session = page.controller.session
    return session.scalar(select(Stakeholder.id).where(Stakeholder.name == "Omar Haddad"))


def test_a_shaking_click_leaves_the_card_where_it_was(qtbot, sample_document):
    page = _page(qtbot, sample_document)
    card = page.grid.scene.cards[_omar(page)]
    home = QPointF(card.pos())
    viewport = page.grid.view.viewport()
    start = page.grid.view.mapFromScene(card.pos())
    shake = start + QPoint(QApplication.startDragDistance() - 1, 0)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, shake)
    assert card.pos() == home  # the card does not wobble under a click
    assert not page.grid.scene.target.isVisible()
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=shake)
    assert card.pos() == home
    assert page.controller.undo_stack.count() == 0


def test_a_double_click_on_a_card_moves_nothing(qtbot, sample_document):
    page = _page(qtbot, sample_document)
    card = page.grid.scene.cards[_omar(page)]
    home = QPointF(card.pos())
    double_click(page.grid.view.viewport(), page.grid.view.mapFromScene(card.pos()))
    assert card.pos() == home
    assert page.controller.undo_stack.count() == 0


def test_dragging_a_card_in_a_read_only_project_moves_nothing(qtbot, sample_file):
    document = Document.open(sample_file, read_only=True)
    try:
        page = _page(qtbot, document)
        refused: list[str] = []
        page.controller.failed.connect(refused.append)
        card = page.grid.scene.cards[_omar(page)]
        home = QPointF(card.pos())
        viewport = page.grid.view.viewport()
        start = page.grid.view.mapFromScene(card.pos())
        end = page.grid.view.mapFromScene(QPointF(*chart.cell_center(9, 9)))
        qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
        for step in range(1, 6):
            qtbot.mouseMove(viewport, start + (end - start) * step / 5)
            assert card.pos() == home  # the card never follows the mouse
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
        assert card.pos() == home
        assert page.controller.undo_stack.count() == 0
        assert refused == []  # nothing was offered that then had to be refused
        person = document.session.get(Stakeholder, _omar(page))
        assert (person.influence, person.interest) == (5, 3)
    finally:
        document.close()


def test_new_stakeholders_land_on_free_cells_not_on_each_other(qtbot, sample_document):
    page = _page(qtbot, sample_document)
    session = page.controller.session
    taken = {(p.influence, p.interest) for p in session.scalars(select(Stakeholder))}
    before = set(page.grid.scene.cards)
    for _ in range(2):
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)  # each opens the table
    bar = page.tabs.tabBar()  # back to the grid, to see where the two cards landed
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(0).center())
    assert page.tabs.currentWidget() is page.grid
    first, second = set(page.grid.scene.cards) - before
    cells = [
        chart.snap(page.grid.scene.cards[i].pos().x(), page.grid.scene.cards[i].pos().y())
        for i in (first, second)
    ]
    assert cells[0] != cells[1]
    assert not taken & set(cells)  # each in a cell of its own: every name readable
    # near the middle of the grid, where the PM looks for it
    assert all(abs(influence - 5) <= 2 and abs(interest - 5) <= 2 for influence, interest in cells)
