"""Lanes, links, baselines and the parking lot, edited the way a person does: a bar dragged
up or down changes lane, a lane header's menu renames, recolours, reorders and deletes, an
arrow is selected and deleted, a parked item is dropped on the timeline."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from pmdesk.domain import records
from pmdesk.gui import dialogs
from pmdesk.gui.document import DocumentController
from pmdesk.store.document import Document
from pmdesk.workspaces.roadmap.model import (
    RoadmapBaseline,
    RoadmapDependency,
    RoadmapItem,
    RoadmapLane,
)
from pmdesk.workspaces.roadmap.qt import dialogs as ask
from pmdesk.workspaces.roadmap.qt import menus
from pmdesk.workspaces.roadmap.qt.page import RoadmapPage

TODAY = date(2026, 11, 25)
TITLE = "Tap-to-pay on phone"  # Payments & invoicing, 1 Dec 2026 – 5 Feb 2027
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def _page(qtbot, document) -> RoadmapPage:
    widget = RoadmapPage(DocumentController(document), today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def page(qtbot, sample_document):
    return _page(qtbot, sample_document)


@pytest.fixture
def read_only_page(qtbot, sample_file):
    document = Document.open(sample_file, read_only=True)
    try:
        yield _page(qtbot, document)
    finally:
        document.close()


def _item(page, title: str = TITLE) -> RoadmapItem:
    session = page.controller.session
    session.expire_all()
    return session.scalars(select(RoadmapItem).where(RoadmapItem.title == title)).one()


def _lane(page, name: str) -> str:
    return next(lane.id for lane in page.roadmap.lanes if lane.name == name)


def _band(page, name: str):
    return next(b for b in page.timeline.layout_result.lanes if b.lane.name == name)


def _drag_bar_to_lane(page, title: str, lane: str, dx: float = 0.0) -> None:
    view = page.timeline
    bar = view.bar_items[_item(page, title).id].bar
    band = _band(page, lane)
    x = (bar.x0 + bar.x1) / 2
    view.centerOn(QPointF(x, (bar.mid_y + band.y) / 2))
    start = view.mapFromScene(QPointF(x, bar.mid_y))
    end = view.mapFromScene(QPointF(x + dx, band.y + band.height / 2))
    viewport = view.viewport()
    none = Qt.KeyboardModifier.NoModifier
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, none, start)
    QTest.mouseMove(viewport, QPoint(start.x(), (start.y() + end.y()) // 2))
    QTest.mouseMove(viewport, end)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, none, end)


def test_dragging_a_bar_down_moves_it_to_that_lane_in_one_undo_step(page):
    before = _item(page)
    dates = (before.start, before.end)
    technician = _lane(page, "Technician app")
    # Sideways by less than a day: the dates stay as they were.
    _drag_bar_to_lane(page, TITLE, "Technician app", dx=0.4)
    moved = _item(page)
    assert moved.lane_id == technician
    assert (moved.start, moved.end) == dates
    stack = page.controller.undo_stack
    assert stack.count() == 1
    assert stack.undoText() == "Move “Tap-to-pay on phone” to “Technician app”"
    # What the PM sees: the bar now sits in the Technician app band.
    band = _band(page, "Technician app")
    bar = page.timeline.bar_items[moved.id].bar
    assert band.y <= bar.y < band.y + band.height
    stack.undo()
    assert _item(page).lane_id == _lane(page, "Payments & invoicing")
    assert stack.isClean()


def test_a_vertical_drag_is_refused_in_a_read_only_project(read_only_page):
    page = read_only_page
    lane = _item(page).lane_id
    _drag_bar_to_lane(page, TITLE, "Technician app")
    assert _item(page).lane_id == lane
    assert page.controller.undo_stack.count() == 0


def _choose(monkeypatch, text: str) -> list[list[str]]:
    """Stand in for a person choosing ``text`` from the next context menu; records what the
    menu offered."""
    offered: list[list[str]] = []

    def pick(menu, _where):
        actions = [a for a in menu.actions() if not a.isSeparator()]
        offered.append([a.text() for a in actions])
        action = next(a for a in actions if a.text() == text)
        assert action.isEnabled(), f"{text} is disabled"
        action.trigger()
        return action

    monkeypatch.setattr(menus, "popup", pick)
    return offered


def _right_click_lane(page, name: str) -> None:
    view = page.timeline
    band = _band(page, name)
    view.centerOn(QPointF(0, band.y + 10))
    y = view.mapFromScene(QPointF(0, band.y + 10)).y()
    where = QPoint(60, y)
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, where)
    QTest.mouseRelease(viewport, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, where)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where, viewport.mapToGlobal(where))
    QApplication.sendEvent(viewport, event)


def test_a_lane_is_renamed_recoloured_and_moved_from_its_header(page, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_text", lambda *args, **kw: "Field app")
    _choose(monkeypatch, "Rename Lane…")
    _right_click_lane(page, "Technician app")
    assert "Field app" in [lane.name for lane in page.roadmap.lanes]
    monkeypatch.setattr(ask, "choose_lane_colour", lambda *args: "#112233")
    _choose(monkeypatch, "Lane Colour…")
    _right_click_lane(page, "Field app")
    lane_id = _lane(page, "Field app")
    assert records.get(page.controller.session, RoadmapLane, lane_id).color == "#112233"
    order = [lane.name for lane in page.roadmap.lanes]
    offered = _choose(monkeypatch, "Move Lane Up")
    _right_click_lane(page, "Field app")
    assert "Add Item Here…" in offered[0] and "Delete Lane…" in offered[0]
    index = order.index("Field app")
    assert [lane.name for lane in page.roadmap.lanes][index - 1] == "Field app"
    stack = page.controller.undo_stack
    assert stack.count() == 3
    for _ in range(3):
        stack.undo()
    assert [lane.name for lane in page.roadmap.lanes] == [
        "Technician app" if name == "Field app" else name for name in order
    ]


def _count(page, model) -> int:
    return page.controller.session.scalar(select(func.count()).select_from(model))


def test_deleting_a_lane_moves_its_items_where_the_pm_says_and_undo_brings_all_back(
    page, monkeypatch
):
    lane_id = _lane(page, "Payments & invoicing")
    ids = {item.id for item in page.roadmap.items if item.lane_id == lane_id}
    asked = []

    def where(_parent, lane, count, others):
        asked.append((lane, count, [name for name, _id in others]))
        return _lane(page, "Go-to-market")

    monkeypatch.setattr(ask, "where_do_items_go", where)
    _choose(monkeypatch, "Delete Lane…")
    _right_click_lane(page, "Payments & invoicing")
    assert asked == [
        (
            "Payments & invoicing",
            len(ids),
            ["Dispatch & scheduling", "Technician app", "Integrations & platform", "Go-to-market"],
        )
    ]
    assert "Payments & invoicing" not in [lane.name for lane in page.roadmap.lanes]
    market = _lane(page, "Go-to-market")
    assert {item.id for item in page.roadmap.items if item.lane_id == market} >= ids
    page.controller.undo_stack.undo()
    assert {item.id for item in page.roadmap.items if item.lane_id == lane_id} == ids


def test_deleting_a_lane_with_its_items_and_undoing_it(page, monkeypatch):
    lane_id = _lane(page, "Payments & invoicing")
    items, links = _count(page, RoadmapItem), _count(page, RoadmapDependency)
    monkeypatch.setattr(ask, "where_do_items_go", lambda *args: "")
    _choose(monkeypatch, "Delete Lane…")
    _right_click_lane(page, "Payments & invoicing")
    assert _count(page, RoadmapItem) < items
    page.controller.undo_stack.undo()
    assert (_count(page, RoadmapItem), _count(page, RoadmapDependency)) == (items, links)
    assert lane_id in [lane.id for lane in page.roadmap.lanes]


def test_cancelling_the_lane_question_deletes_nothing(page, monkeypatch):
    monkeypatch.setattr(ask, "where_do_items_go", lambda *args: None)
    _choose(monkeypatch, "Delete Lane…")
    _right_click_lane(page, "Payments & invoicing")
    assert "Payments & invoicing" in [lane.name for lane in page.roadmap.lanes]
    assert page.controller.undo_stack.count() == 0


def test_add_item_here_puts_the_item_in_that_lane(page, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_text", lambda *args, **kw: "Refunds on site")
    _choose(monkeypatch, "Add Item Here…")
    _right_click_lane(page, "Go-to-market")
    added = _item(page, "Refunds on site")
    assert added.lane_id == _lane(page, "Go-to-market")
    # The Add Item button then keeps to the lane last chosen.
    page.timeline.scene().clearSelection()
    monkeypatch.setattr(dialogs, "ask_text", lambda *args, **kw: "Second one")
    page.add_item_button.click()
    assert _item(page, "Second one").lane_id == _lane(page, "Go-to-market")


def test_add_item_lands_in_the_dates_the_timeline_shows(page, monkeypatch):
    view = page.timeline
    view.scroll_to_day(date(2027, 7, 1))
    first, last = view.visible_days()
    monkeypatch.setattr(dialogs, "ask_text", lambda *args, **kw: "Summer thing")
    page.add_item_button.click()
    added = _item(page, "Summer thing")
    assert first <= added.start <= last
    assert added.start.weekday() == 0


def _arrow_point(page, link_id: str) -> QPoint:
    view = page.timeline
    arrow, _item = view.arrow_items[link_id]
    (x0, y0), (x1, y1) = arrow.points[0], arrow.points[1]
    middle = QPointF((x0 + x1) / 2, (y0 + y1) / 2)
    view.centerOn(middle)
    return view.mapFromScene(middle)


def test_an_arrow_is_selected_and_deleted_with_the_delete_key(page):
    link_id = next(iter(page.timeline.arrow_items))
    links = _count(page, RoadmapDependency)
    viewport = page.timeline.viewport()
    point = _arrow_point(page, link_id)
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert page.timeline.selected_dependencies() == [link_id]
    QTest.keyClick(page.timeline, Qt.Key.Key_Delete)
    assert _count(page, RoadmapDependency) == links - 1
    assert link_id not in page.timeline.arrow_items
    assert page.controller.undo_stack.undoText() == "Remove dependency"
    page.controller.undo_stack.undo()
    assert _count(page, RoadmapDependency) == links
    assert link_id in page.timeline.arrow_items


def test_an_arrow_s_menu_removes_that_dependency(page, monkeypatch):
    link_id = next(iter(page.timeline.arrow_items))
    _choose(monkeypatch, "Remove Dependency")
    viewport = page.timeline.viewport()
    point = _arrow_point(page, link_id)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, viewport.mapToGlobal(point))
    QApplication.sendEvent(viewport, event)
    assert page.controller.session.get(RoadmapDependency, link_id) is None


def test_read_only_offers_no_lane_or_arrow_menu_and_delete_does_nothing(
    read_only_page, monkeypatch
):
    page = read_only_page
    shown = []
    monkeypatch.setattr(menus, "popup", lambda menu, where: shown.append(menu))
    _right_click_lane(page, "Technician app")
    link_id = next(iter(page.timeline.arrow_items))
    viewport = page.timeline.viewport()
    point = _arrow_point(page, link_id)
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    QTest.keyClick(page.timeline, Qt.Key.Key_Delete)
    assert shown == []
    assert page.controller.session.get(RoadmapDependency, link_id) is not None
    assert page.controller.undo_stack.count() == 0


def test_a_baseline_is_renamed_and_deleted_from_its_menu(page, monkeypatch):
    page.baseline.setCurrentIndex(1)
    chosen = page.baseline_id
    menu = page.baseline_more.menu()
    menu.aboutToShow.emit()
    texts = {action.text(): action for action in menu.actions()}
    monkeypatch.setattr(dialogs, "ask_text", lambda *args, **kw: "FY27 as signed off")
    texts["Rename Baseline…"].trigger()
    assert page.baseline.currentText() == "FY27 as signed off"
    menu.aboutToShow.emit()
    next(a for a in menu.actions() if a.text() == "Delete Baseline").trigger()
    assert page.controller.session.get(RoadmapBaseline, chosen) is None
    assert page.baseline.count() == 1  # only "None"
    page.controller.undo_stack.undo()
    page.controller.undo_stack.undo()
    assert records.get(page.controller.session, RoadmapBaseline, chosen).name == (
        "FY27 plan as approved"
    )


def test_the_baseline_menu_is_disabled_without_a_baseline_or_when_read_only(read_only_page):
    page = read_only_page
    page.baseline.setCurrentIndex(1)
    menu = page.baseline_more.menu()
    menu.aboutToShow.emit()
    assert not any(action.isEnabled() for action in menu.actions())


def _drop_parked(page, title: str, lane: str, day: date) -> bool:
    """Drag a parking-lot entry (its own mime data) and drop it over a lane on a day."""
    parking = page.parking
    entry = next(
        parking.item(row)
        for row in range(parking.count())
        if parking.item(row).text().strip() == title
    )
    data = parking.mimeData([entry])
    view = page.timeline
    band = _band(page, lane)
    scene = QPointF(view.layout_result.scale.x(day) + 1, band.y + band.height / 2)
    view.centerOn(scene)
    point = QPointF(view.mapFromScene(scene))
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    none = Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point.toPoint(), actions, data, Qt.MouseButton.LeftButton, none)
    QApplication.sendEvent(view.viewport(), enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(point, actions, data, Qt.MouseButton.LeftButton, none)
    QApplication.sendEvent(view.viewport(), drop)
    return True


def test_a_parked_item_dropped_on_the_timeline_gets_the_day_and_lane_where_it_lands(page):
    assert _item(page, "Fleet GPS integration").start is None
    assert _drop_parked(page, "Fleet GPS integration", "Technician app", date(2027, 2, 3))
    item = _item(page, "Fleet GPS integration")
    assert (item.start, item.end) == (date(2027, 2, 3), date(2027, 2, 16))
    assert item.lane_id == _lane(page, "Technician app")
    assert "Fleet GPS integration" not in [
        page.parking.item(row).text().strip() for row in range(page.parking.count())
    ]
    assert page.controller.undo_stack.count() == 1
    page.controller.undo_stack.undo()
    assert _item(page, "Fleet GPS integration").start is None


def test_a_read_only_timeline_takes_no_drop(read_only_page):
    page = read_only_page
    assert not page.parking.dragEnabled()
    assert not _drop_parked(page, "Fleet GPS integration", "Technician app", date(2027, 2, 3))
    assert _item(page, "Fleet GPS integration").start is None


def test_the_legend_explains_the_colours_chosen(page):
    assert "In progress" in page.legend.text()
    assert page.legend.isVisible()
    page.colour_by.setCurrentIndex(page.colour_by.findData("lane"))
    labels = [label for label, _color in page.legend.entries]
    assert labels[:5] == [lane.name for lane in page.roadmap.lanes]
    assert "Technician app" in page.legend.text()
    page.colour_by.setCurrentIndex(page.colour_by.findData("confidence"))
    assert "High confidence" in page.legend.text()
