"""The roadmap's time axis, fiscal quarters, row packing and arrows."""

from __future__ import annotations

from datetime import date

import pytest

from pmdesk.workspaces.roadmap.chart.layout import layout_timeline
from pmdesk.workspaces.roadmap.chart.scale import ZOOMS, TimeScale, header_bands, snap
from pmdesk.workspaces.roadmap.chart.style import LATE_COLOR, STATUS_COLORS
from pmdesk.workspaces.roadmap.fiscal import fiscal_quarter, quarter_label
from pmdesk.workspaces.roadmap.plan import Dependency, Item, Lane, Roadmap, load_roadmap

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("day", "start_month", "expected"),
    [
        (date(2026, 10, 1), 10, (2027, 1)),
        (date(2026, 12, 31), 10, (2027, 1)),
        (date(2027, 1, 1), 10, (2027, 2)),
        (date(2027, 9, 30), 10, (2027, 4)),
        (date(2027, 3, 31), 4, (2027, 4)),
        (date(2027, 4, 1), 4, (2028, 1)),
        (date(2027, 2, 14), 1, (2027, 1)),
        (date(2027, 2, 14), 2, (2028, 1)),
    ],
)
def test_fiscal_quarters_follow_the_fiscal_year_start(day, start_month, expected):
    assert fiscal_quarter(day, start_month) == expected


def test_quarter_labels_name_the_fiscal_year_only_when_it_differs():
    assert quarter_label(date(2026, 11, 2), 10) == "Q1 FY27"
    assert quarter_label(date(2026, 11, 2), 1) == "Q4 2026"


def test_the_scale_maps_days_to_x_and_back():
    scale = TimeScale(date(2026, 10, 1), 2.5)
    assert scale.x(date(2026, 10, 11)) == 25.0
    assert scale.x_after(date(2026, 10, 11)) == 27.5
    assert scale.day_at(26.0) == date(2026, 10, 11)
    assert scale.days(-6.0) == -2


def test_week_snapping_lands_on_the_nearest_monday():
    assert snap(date(2026, 11, 27), 7) == date(2026, 11, 30)  # Friday -> next Monday
    assert snap(date(2026, 11, 24), 7) == date(2026, 11, 23)  # Tuesday -> this Monday
    assert snap(date(2026, 11, 26), 1) == date(2026, 11, 26)


@pytest.mark.parametrize(
    ("zoom", "upper", "lower"),
    [
        ("week", "October 2026", "W40  ·  28 Sep"),
        ("month", "Q1 FY27", "October 2026"),
        ("quarter", "FY2027", "Q1 FY27  ·  Oct–Dec 2026"),
        ("half", "FY2027", "H1 FY27"),
        ("year", "FY2027", "Q1"),
    ],
)
def test_every_zoom_level_has_two_header_rows_in_fiscal_terms(zoom, upper, lower):
    scale = TimeScale(date(2026, 10, 1), ZOOMS[zoom].px_per_day)
    top, bottom = header_bands(scale, date(2026, 10, 1), date(2027, 9, 30), zoom, 10)
    assert top[0].label == upper
    assert bottom[0].label == lower
    assert top[0].x0 == 0.0
    assert bottom[-1].x1 == scale.x_after(date(2027, 9, 30))


def test_quarter_zoom_with_a_calendar_year_has_four_quarters_named_by_year():
    scale = TimeScale(date(2027, 1, 1), ZOOMS["quarter"].px_per_day)
    top, bottom = header_bands(scale, date(2027, 1, 1), date(2027, 12, 31), "quarter", 1)
    assert [band.label for band in top] == ["2027"]
    assert [band.label for band in bottom] == [
        "Q1 2027  ·  Jan–Mar",
        "Q2 2027  ·  Apr–Jun",
        "Q3 2027  ·  Jul–Sep",
        "Q4 2027  ·  Oct–Dec",
    ]


def _roadmap(items: list[Item], links: list[tuple[str, str]] = ()) -> Roadmap:
    lane = Lane("lane", "Lane", "#3a6ea5", 0, False)
    dependencies = [Dependency(f"{a}>{b}", a, b) for a, b in links]
    return Roadmap([lane], items, dependencies, [], [], 10)


def _item(key: str, start: str, end: str, **values) -> Item:
    return Item(
        key, "lane", key, start=date.fromisoformat(start), end=date.fromisoformat(end), **values
    )


def test_overlapping_bars_take_separate_rows_and_free_rows_are_reused():
    roadmap = _roadmap(
        [
            _item("A", "2026-10-01", "2026-12-31"),
            _item("B", "2026-11-01", "2026-11-30"),
            _item("C", "2027-02-01", "2027-02-28"),
        ]
    )
    layout = layout_timeline(roadmap, "quarter", TODAY)
    tops = {bar.item.id: bar.y for bar in layout.bars}
    assert tops["A"] < tops["B"]
    assert tops["C"] == tops["A"]  # after A ends, its row is free again


def test_a_short_bar_puts_its_label_outside_and_keeps_the_row_clear_for_it():
    roadmap = _roadmap(
        [
            _item("Tiny feature with a long name", "2026-10-01", "2026-10-03"),
            _item("Next", "2026-10-05", "2026-10-30"),
        ]
    )
    layout = layout_timeline(roadmap, "quarter", TODAY)
    tiny, following = layout.bars
    assert not tiny.label_inside
    assert following.y > tiny.y  # the label would have run into it


def test_late_items_are_coloured_late_whatever_the_colouring():
    roadmap = _roadmap(
        [
            _item("Late", "2026-10-01", "2026-11-20", status="in_progress"),
            _item("On time", "2026-10-01", "2026-12-20", status="in_progress"),
        ]
    )
    for colour_by in ("status", "lane", "confidence"):
        layout = layout_timeline(roadmap, "month", TODAY, colour_by=colour_by)
        colours = {bar.item.id: bar.color for bar in layout.bars}
        assert colours["Late"] == LATE_COLOR
        assert colours["On time"] != LATE_COLOR
    assert (
        layout_timeline(roadmap, "month", TODAY).bar_of("On time").color
        == (STATUS_COLORS["in_progress"])
    )


def test_arrows_run_from_end_to_start_and_broken_ones_are_flagged():
    roadmap = _roadmap(
        [
            _item("A", "2026-10-01", "2026-10-31"),
            _item("B", "2026-11-09", "2026-11-30"),
            _item("C", "2026-10-20", "2026-11-30"),
        ],
        [("A", "B"), ("A", "C")],
    )
    layout = layout_timeline(roadmap, "month", TODAY)
    arrows = {arrow.successor_id: arrow for arrow in layout.arrows}
    a, b = layout.bar_of("A"), layout.bar_of("B")
    assert arrows["B"].points[0] == (a.x1, a.mid_y)
    assert arrows["B"].points[-1] == (b.x0, b.mid_y)
    assert not arrows["B"].broken
    assert arrows["C"].broken
    assert layout.bar_of("C").broken and not layout.bar_of("B").broken


def test_the_sample_timeline_covers_its_four_quarters_and_marks_today(sample_document):
    roadmap = load_roadmap(sample_document.session)
    layout = layout_timeline(roadmap, "quarter", TODAY)
    assert layout.first == date(2026, 10, 1)
    assert [band.label.split()[0] for band in layout.lower][:4] == ["Q1", "Q2", "Q3", "Q4"]
    assert layout.today_x == pytest.approx(layout.scale.x(TODAY) + layout.scale.px_per_day / 2)
    assert len(layout.parked) == 4
    assert len(layout.bars) == 42
    assert len(layout.markers) == 5
    # a collapsed lane keeps its items as a thin strip without labels or arrows
    lanes = [
        lane
        if lane.name != "Technician app"
        else type(lane)(**{**lane.__dict__, "collapsed": True})
        for lane in roadmap.lanes
    ]
    roadmap.lanes = lanes
    collapsed = layout_timeline(roadmap, "quarter", TODAY)
    mobile = next(band for band in collapsed.lanes if band.lane.name == "Technician app")
    assert mobile.height < 40
    assert not any(bar.show_label for bar in collapsed.bars if bar.lane_id == mobile.lane.id)
    assert len(collapsed.arrows) < len(layout.arrows)
