"""The timeline after an edit: only the bars and arrows the edit touched are drawn again."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.roadmap.model import RoadmapItem
from pmdesk.workspaces.roadmap.qt.page import RoadmapPage
from tests.workspaces.roadmap.qt.gestures import drag_bar

TODAY = date(2026, 11, 25)
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def page(qtbot, sample_document):
    controller = DocumentController(sample_document)
    widget = RoadmapPage(controller, today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _id(page, title: str) -> str:
    return page.controller.session.scalar(select(RoadmapItem.id).where(RoadmapItem.title == title))


def _items(page) -> dict[str, object]:
    return dict(page.timeline.bar_items)


def test_moving_one_bar_redraws_that_bar_and_its_arrows_only(page, monkeypatch):
    from pmdesk.workspaces.roadmap.qt import page as page_module

    view = page.timeline
    moved = _id(page, "Route optimisation v1")
    before_items = _items(page)
    before_bars = {bar.item.id: bar for bar in view.layout_result.bars}
    before_arrows = {key: arrow for key, (arrow, _item) in view.arrow_items.items()}
    arrow_items = {key: item for key, (_arrow, item) in view.arrow_items.items()}
    touching = {
        key
        for key, (arrow, _item) in view.arrow_items.items()
        if moved in (arrow.predecessor_id, arrow.successor_id)
    }
    item = view.bar_items[moved].bar.item
    with monkeypatch.context() as patched:  # the edit reads its one item, not the roadmap
        patched.setattr(page_module, "load_roadmap", lambda _session: pytest.fail("reloaded"))
        patched.setattr(page_module, "layout_timeline", lambda *a, **k: pytest.fail("re-laid"))
        page.actions.move_item(moved, item.start + timedelta(days=7), item.end + timedelta(days=7))

    # Every bar keeps its scene item; only the moved one (and bars of its lane that changed
    # rows, or bars below a lane that grew) is placed again.
    assert view.bar_items == before_items
    assert view.bar_items[moved].bar.item.start == item.start + timedelta(days=7)
    placed = {bar.item.id for bar in view.layout_result.bars if bar is not before_bars[bar.item.id]}
    assert moved in placed
    lane = view.bar_items[moved].bar.lane_id
    lanes = [band.lane.id for band in view.layout_result.lanes]
    above = lanes[: lanes.index(lane)]
    assert not any(view.bar_items[key].bar.lane_id in above for key in placed)
    # Its arrows are routed again (by the same scene items); the others are left alone.
    assert {key: item for key, (_arrow, item) in view.arrow_items.items()} == arrow_items
    kept = {key for key, (arrow, _i) in view.arrow_items.items() if arrow is before_arrows[key]}
    assert touching and not touching & kept
    unmoved = {
        key
        for key, (arrow, _item) in view.arrow_items.items()
        if not {arrow.predecessor_id, arrow.successor_id} & placed
    }
    assert unmoved <= kept
    # What is drawn is what a fresh layout gives.
    fresh = page.timeline.layout_result
    page.refresh()
    assert page.timeline.layout_result == fresh

    page.controller.undo_stack.undo()
    assert view.bar_items[moved].bar.item.start == item.start


def test_a_real_drag_redraws_the_bar_and_keeps_the_selection(page):
    view = page.timeline
    moved = _id(page, "Route optimisation v1")
    bar = view.bar_items[moved].bar
    drag_bar(view, bar, 60)
    assert view.bar_items[moved].bar.item.start > bar.item.start
    assert view.bar_items[moved].isSelected()  # the bar the PM dragged is still the chosen one
    assert page.controller.undo_stack.count() == 1


def _drawn_route(item) -> list[float]:
    """The corners of an arrow item's path, x and y in turn."""
    path = item.path()
    return [
        c for n in range(path.elementCount()) for c in (path.elementAt(n).x, path.elementAt(n).y)
    ]


def test_a_real_drag_takes_its_arrows_along_and_leaves_other_lanes_alone(page):
    view = page.timeline
    lanes = [band.lane.id for band in view.layout_result.lanes]
    # A linked bar below the first lane, so that there are lanes above it to watch.
    moved = next(
        arrow.successor_id
        for arrow, _item in view.arrow_items.values()
        if view.bar_items[arrow.successor_id].bar.lane_id != lanes[0]
        and view.bar_items[arrow.successor_id].bar.show_label
    )
    bar = view.bar_items[moved].bar
    above = set(lanes[: lanes.index(bar.lane_id)])
    others = {
        key: (item, item.bar, item.pos())
        for key, item in view.bar_items.items()
        if item.bar.lane_id in above
    }
    touching = {
        key: _drawn_route(item)
        for key, (arrow, item) in view.arrow_items.items()
        if moved in (arrow.predecessor_id, arrow.successor_id)
    }
    assert others and touching
    drag_bar(view, bar, 90)
    assert view.bar_items[moved].bar.item.start > bar.item.start

    # The bars of the lanes above are the same items, in the same place.
    for key, (item, shown, position) in others.items():
        assert view.bar_items[key] is item
        assert item.bar is shown and item.pos() == position
    # Each arrow on screen draws the route a fresh layout gives, the moved bar's included.
    drawn = {key: _drawn_route(item) for key, (_arrow, item) in view.arrow_items.items()}
    page.refresh()
    fresh = {
        arrow.dependency_id: [c for point in arrow.points for c in point]
        for arrow in view.layout_result.arrows
    }
    assert drawn.keys() == fresh.keys()
    for key, route in fresh.items():
        assert drawn[key] == pytest.approx(route)
    assert all(drawn[key] != route for key, route in touching.items())


def test_changing_the_zoom_draws_every_bar_afresh(page):
    before = _items(page)
    page.zoom.setCurrentIndex(page.zoom.findData("month"))
    after = page.timeline.bar_items
    assert set(after) == set(before)
    assert not any(after[key] is before[key] for key in after)
