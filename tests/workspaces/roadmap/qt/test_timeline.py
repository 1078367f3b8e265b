"""The roadmap timeline: drag and resize with undo, zoom levels, flags, collapsing lanes."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from sqlalchemy import func, select

from pmdesk.domain import records
from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.roadmap.chart.scale import ZOOMS
from pmdesk.workspaces.roadmap.chart.style import LATE_COLOR
from pmdesk.workspaces.roadmap.model import RoadmapItem, RoadmapLane
from pmdesk.workspaces.roadmap.qt.page import RoadmapPage
from tests.workspaces.roadmap.qt.gestures import bar_tooltip, drag_bar

TODAY = date(2026, 11, 25)
QUARTER_PX = ZOOMS["quarter"].px_per_day
# The offscreen platform of the tests cannot size or raise a tooltip's window, and says so.
pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "This plugin does not support raise"
)


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
    session = page.controller.session
    return session.scalar(select(RoadmapItem.id).where(RoadmapItem.title == title))


def _dates(page, title: str) -> tuple[date, date]:
    item = records.get(page.controller.session, RoadmapItem, _id(page, title))
    return item.start, item.end


def _drag(page, title: str, where: str, dx: float) -> None:
    """Press on a bar (its middle, or an edge), move ``dx`` scene pixels, release."""
    drag_bar(page.timeline, page.timeline.bar_items[_id(page, title)].bar, dx, where)


def _rows_written(page) -> int:
    session = page.controller.session
    stamp = session.scalar(select(func.max(RoadmapItem.updated_at)))
    return session.scalar(
        select(func.count()).select_from(RoadmapItem).where(RoadmapItem.updated_at == stamp)
    )


def test_dragging_a_bar_moves_it_by_whole_weeks_in_one_undo_step(page):
    assert page.zoom.currentData() == "quarter"
    before = _dates(page, "Route optimisation v1")  # Mon 1 Feb - Fri 30 Apr 2027
    _drag(page, "Route optimisation v1", "middle", QUARTER_PX * 15)  # about two weeks
    assert _dates(page, "Route optimisation v1") == (date(2027, 2, 15), date(2027, 5, 14))
    stack = page.controller.undo_stack
    assert stack.count() == 1
    assert stack.undoText() == "Move “Route optimisation v1”"
    stack.undo()
    assert _dates(page, "Route optimisation v1") == before
    bar = page.timeline.bar_items[_id(page, "Route optimisation v1")].bar
    assert bar.x0 == page.timeline.layout_result.scale.x(before[0])
    stack.redo()
    assert _dates(page, "Route optimisation v1") == (date(2027, 2, 15), date(2027, 5, 14))


def test_dragging_an_edge_resizes_and_snaps_to_days_at_month_zoom(page):
    page.zoom.setCurrentIndex(page.zoom.findData("month"))
    _drag(page, "Route optimisation v1", "end", 8.0 * 3)  # three days later
    assert _dates(page, "Route optimisation v1") == (date(2027, 2, 1), date(2027, 5, 3))
    assert page.controller.undo_stack.undoText() == "Resize “Route optimisation v1”"
    _drag(page, "Route optimisation v1", "start", -8.0 * 2)
    assert _dates(page, "Route optimisation v1") == (date(2027, 1, 30), date(2027, 5, 3))
    assert page.controller.undo_stack.count() == 2
    page.controller.undo_stack.undo()
    page.controller.undo_stack.undo()
    assert _dates(page, "Route optimisation v1") == (date(2027, 2, 1), date(2027, 4, 30))


def test_a_drag_writes_one_row(page, sample_document):
    _drag(page, "Job checklists", "middle", QUARTER_PX * 7)
    assert _rows_written(page) == 1


def test_dragging_onto_a_date_that_breaks_a_dependency_is_allowed_and_flagged(page):
    assert page.flags.text() == "1 late · 1 broken dependency"
    # Dispatch 3.0 depends on Auto-dispatch beta (15 Jan); drag it back before that
    _drag(page, "Dispatch 3.0", "middle", -QUARTER_PX * 70)
    assert _dates(page, "Dispatch 3.0")[0] < date(2027, 1, 15)
    assert page.flags.text() == "1 late · 2 broken dependencies"
    bar = page.timeline.bar_items[_id(page, "Dispatch 3.0")].bar
    assert bar.broken
    assert "Dependency broken" in bar_tooltip(page.timeline, bar)


def test_a_bars_tooltip_names_the_item_and_follows_a_drag(page):
    def tip() -> str:
        return bar_tooltip(page.timeline, page.timeline.bar_items[_id(page, title)].bar)

    title = "Route optimisation v1"
    first = tip()
    assert first.startswith(f"<b>{title}</b>")
    assert "1 Feb 2027 – 30 Apr 2027" in first
    _drag(page, title, "middle", QUARTER_PX * 15)
    assert "15 Feb 2027 – 14 May 2027" in tip()
    page.controller.undo_stack.undo()
    assert "1 Feb 2027 – 30 Apr 2027" in tip()


def test_late_items_are_coloured_late(page):
    bar = page.timeline.bar_items[_id(page, "Sync conflict resolution")].bar
    assert bar.late and bar.color == LATE_COLOR
    assert bar.label == "Sync conflict resolution  · late"


@pytest.mark.parametrize(
    ("zoom", "first_lower"),
    [
        ("week", "W40  ·  28 Sep"),
        ("month", "October 2026"),
        ("quarter", "Q1 FY27  ·  Oct–Dec 2026"),
        ("half", "H1 FY27"),
        ("year", "Q1"),
    ],
)
def test_every_zoom_level_redraws_with_fiscal_headers(page, zoom, first_lower):
    page.zoom.setCurrentIndex(page.zoom.findData(zoom))
    layout = page.timeline.layout_result
    assert layout.zoom == zoom
    assert layout.lower[0].label == first_lower
    assert len(page.timeline.bar_items) == 42


def test_changing_the_fiscal_year_start_relabels_quarters_and_can_be_undone(page):
    page.fiscal.setCurrentIndex(0)  # January
    page.fiscal.activated.emit(0)
    assert page.timeline.layout_result.lower[0].label == "Q4 2026  ·  Oct–Dec"
    page.controller.undo_stack.undo()
    assert page.timeline.layout_result.lower[0].label == "Q1 FY27  ·  Oct–Dec 2026"
    assert page.fiscal.currentData() == 10


def test_clicking_a_lane_name_collapses_it_undoably(page):
    view = page.timeline
    band = next(b for b in view.layout_result.lanes if b.lane.name == "Technician app")
    y = view.mapFromScene(QPointF(0, band.y + 10)).y()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(40, y))
    lane = records.get(page.controller.session, RoadmapLane, band.lane.id)
    assert lane.collapsed
    band = next(b for b in view.layout_result.lanes if b.lane.name == "Technician app")
    assert band.height < 40
    page.controller.undo_stack.undo()
    assert not lane.collapsed


def test_the_parking_lot_lists_undated_items_under_their_lanes_in_roadmap_order(page):
    shown = [page.parking.item(row).text() for row in range(page.parking.count())]
    assert shown == [
        "Technician app",
        "   Dark mode in the technician app",
        "   Voice notes turned into job notes",
        "Payments & invoicing",
        "   Customer self-service portal",
        "Integrations & platform",
        "   Fleet GPS integration",
    ]
    assert page.parking_title.text() == "Parking lot · 4 undated"


def test_double_clicking_a_parked_item_puts_it_on_the_timeline(page):
    entry = next(
        page.parking.item(row)
        for row in range(page.parking.count())
        if page.parking.item(row).text().strip() == "Fleet GPS integration"
    )
    page.parking.itemDoubleClicked.emit(entry)
    assert _dates(page, "Fleet GPS integration") == (date(2026, 11, 30), date(2026, 12, 13))
    assert "Fleet GPS integration" not in [
        page.parking.item(row).text().strip() for row in range(page.parking.count())
    ]


def test_a_read_only_roadmap_cannot_be_dragged(qtbot, sample_file):
    from pmdesk.store.document import Document

    document = Document.open(sample_file, read_only=True)
    try:
        controller = DocumentController(document)
        widget = RoadmapPage(controller, today=TODAY)
        qtbot.addWidget(widget)
        widget.resize(1300, 800)
        widget.show()
        before = _dates(widget, "Route optimisation v1")
        _drag(widget, "Route optimisation v1", "middle", QUARTER_PX * 14)
        assert _dates(widget, "Route optimisation v1") == before
        assert controller.undo_stack.count() == 0
    finally:
        document.close()


def test_a_read_only_roadmap_offers_no_gesture_that_edits(qtbot, sample_file):
    from pmdesk.store.document import Document

    document = Document.open(sample_file, read_only=True)
    try:
        controller = DocumentController(document)
        refused: list[str] = []
        controller.failed.connect(refused.append)
        widget = RoadmapPage(controller, today=TODAY)
        qtbot.addWidget(widget)
        widget.resize(1300, 800)
        widget.show()
        assert not widget.fiscal.isEnabled()
        view = widget.timeline
        band = next(b for b in view.layout_result.lanes if b.lane.name == "Technician app")
        y = view.mapFromScene(QPointF(0, band.y + 10)).y()
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(40, y))
        assert not records.get(controller.session, RoadmapLane, band.lane.id).collapsed
        entry = next(
            widget.parking.item(row)
            for row in range(widget.parking.count())
            if widget.parking.item(row).text().strip() == "Fleet GPS integration"
        )
        widget.parking.itemDoubleClicked.emit(entry)
        assert _dates(widget, "Fleet GPS integration") == (None, None)
        assert controller.undo_stack.count() == 0
        assert refused == []  # nothing was offered, so nothing had to be refused
    finally:
        document.close()


def _select(page, *titles: str) -> None:
    page.timeline.scene().clearSelection()
    for title in titles:
        page.timeline.bar_items[_id(page, title)].setSelected(True)


def test_adding_a_lane_and_an_item_is_undoable(page, monkeypatch):
    from pmdesk.gui import dialogs

    answers = iter(["Data & AI", "Smart scheduling model"])
    monkeypatch.setattr(dialogs, "ask_text", lambda *args, **kwargs: next(answers))
    page.add_lane_button.click()
    assert page.roadmap.lanes[-1].name == "Data & AI"
    _select(page, "Job checklists")
    page.add_item_button.click()
    added = next(item for item in page.roadmap.items if item.title == "Smart scheduling model")
    lanes = {lane.id: lane.name for lane in page.roadmap.lanes}
    assert lanes[added.lane_id] == "Technician app"  # the lane of the selected item
    assert (added.start, added.end) == (date(2026, 11, 30), date(2026, 12, 13))
    page.controller.undo_stack.undo()
    assert "Smart scheduling model" not in {item.title for item in page.roadmap.items}
    page.controller.undo_stack.redo()
    assert "Smart scheduling model" in {item.title for item in page.roadmap.items}


def test_linking_two_selected_items_and_refusing_a_repeat(page):
    messages: list[str] = []
    page.controller.failed.connect(messages.append)
    before = len(page.roadmap.dependencies)
    _select(page, "Xero sync", "Single sign-on for office users")
    page.link_button.click()
    assert len(page.roadmap.dependencies) == before + 1
    assert len(page.timeline.layout_result.arrows) == before + 1
    page.controller.undo_stack.undo()
    assert len(page.roadmap.dependencies) == before
    _select(page, "App store submission", "Job checklists")
    page.link_button.click()
    assert messages == ["“App store submission” already depends on “Job checklists”."]
    assert len(page.roadmap.dependencies) == before
    _select(page, "Job checklists")
    page.link_button.click()
    assert messages[-1].startswith("Select exactly two items to link")


def test_deleting_selected_items_takes_their_links_and_undo_restores_both(page):
    links = len(page.roadmap.dependencies)
    _select(page, "App store submission")
    page.delete_button.click()
    assert "App store submission" not in {item.title for item in page.roadmap.items}
    assert len(page.roadmap.dependencies) == links - 3
    page.controller.undo_stack.undo()
    assert "App store submission" in {item.title for item in page.roadmap.items}
    assert len(page.roadmap.dependencies) == links


def test_clicking_a_marker_in_the_header_opens_it(page, qtbot, monkeypatch):
    from pmdesk.workspaces.roadmap.qt.timeline import HEADER_ROW

    opened = []
    monkeypatch.setattr(
        "pmdesk.workspaces.roadmap.qt.dialogs.edit_roadmap_marker",
        lambda *args: opened.append(args[1]),
    )

    view = page.timeline
    marker, x = next((m, x) for m, x in view.layout_result.markers if m.name == "Spring trade show")
    view.centerOn(QPointF(x, 0))
    vx = view.mapFromScene(QPointF(x, 0)).x()
    with qtbot.waitSignal(view.marker_activated) as signal:
        QTest.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(vx + 20, HEADER_ROW * 2 + 10)
        )
    assert signal.args == [marker.id]
    assert opened == [{"name": "Spring trade show", "on_date": "2027-04-13", "kind": "launch"}]


def test_dragging_the_late_item_past_today_clears_the_late_flag_and_undo_brings_it_back(page):
    from pmdesk.workspaces.roadmap.plan import is_late

    late = [item for item in page.roadmap.items if is_late(item, page.today)]
    assert len(late) == 1 and page.flags.text().startswith("1 late")
    title = late[0].title
    _drag(page, title, "middle", QUARTER_PX * 40)  # well into the future
    assert _dates(page, title)[1] > page.today
    assert "late" not in page.flags.text()
    page.controller.undo_stack.undo()
    assert page.flags.text().startswith("1 late")
