"""A click or a double-click on a bar is not a drag: nothing moves, nothing is undoable."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from pmdesk.domain import records
from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.roadmap.model import RoadmapItem
from pmdesk.workspaces.roadmap.qt import dialogs as ask
from pmdesk.workspaces.roadmap.qt.page import RoadmapPage
from tests.support import double_click

TODAY = date(2026, 11, 25)
# Starts on a Tuesday: snapping to weeks would pull it to Monday if a click counted as a move.
TITLE = "Tap-to-pay on phone"
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def page(qtbot, sample_document):
    widget = RoadmapPage(DocumentController(sample_document), today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _dates(page) -> tuple[date, date]:
    session = page.controller.session
    item_id = session.scalar(select(RoadmapItem.id).where(RoadmapItem.title == TITLE))
    item = records.get(session, RoadmapItem, item_id)
    return item.start, item.end


def _bar_point(page, where: str = "middle") -> QPoint:
    view = page.timeline
    item_id = page.controller.session.scalar(
        select(RoadmapItem.id).where(RoadmapItem.title == TITLE)
    )
    bar = view.bar_items[item_id].bar
    x = {"middle": (bar.x0 + bar.x1) / 2, "end": bar.x1 - 2}[where]
    view.centerOn(QPointF(x, bar.mid_y))
    return view.mapFromScene(QPointF(x, bar.mid_y))


@pytest.mark.parametrize("where", ["middle", "end"])
def test_a_click_on_a_bar_changes_nothing(page, where):
    before = _dates(page)
    assert before == (date(2026, 12, 1), date(2027, 2, 5))
    QTest.mouseClick(
        page.timeline.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        _bar_point(page, where),
    )
    assert _dates(page) == before
    assert page.controller.undo_stack.count() == 0
    assert not page.controller.undo_stack.canUndo()


def test_a_double_click_opens_the_item_and_moves_nothing(page, monkeypatch):
    opened = []
    monkeypatch.setattr(
        ask, "edit_roadmap_item", lambda *args, **_kw: opened.append(args[1]) or None
    )
    before = _dates(page)
    double_click(page.timeline.viewport(), _bar_point(page))
    assert [item.title for item in opened] == [TITLE]
    assert _dates(page) == before
    assert page.controller.undo_stack.count() == 0
    assert page.flags.text() == "1 late · 1 broken dependency"


def test_a_hand_that_shakes_less_than_the_drag_distance_moves_nothing(page):
    before = _dates(page)
    viewport = page.timeline.viewport()
    start = _bar_point(page)
    shake = QPoint(start.x() + QApplication.startDragDistance() - 1, start.y())
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(viewport, shake)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, shake)
    assert _dates(page) == before
    assert page.controller.undo_stack.count() == 0
