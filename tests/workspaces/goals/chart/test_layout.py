"""The trend chart's layout: where actuals, the straight line and the target sit, readable at
any number of check-ins."""

from __future__ import annotations

from datetime import date, timedelta

from pmdesk.workspaces.goals.chart.figure import trend_figure
from pmdesk.workspaces.goals.chart.layout import STATE_COLORS, trend_columns, trend_layout

FIRST, LAST = date(2026, 10, 1), date(2027, 9, 30)


def test_the_straight_line_runs_from_the_baseline_at_the_start_to_the_target_at_the_end():
    layout = trend_layout(
        [(date(2026, 11, 1), 84.0)], 82.0, 99.5, FIRST, LAST, date(2026, 12, 1), "at_risk", "%"
    )
    (x0, y0), (x1, y1) = layout.plan
    assert (x0, x1) == (layout.left, layout.right)
    assert y1 == layout.target_y < y0  # the target is above the baseline on screen
    assert layout.target_label == "Target 99.5 %"
    assert layout.left < layout.today_x < layout.right
    assert layout.color == STATE_COLORS["at_risk"]
    labels = [label for _y, label in layout.y_ticks]
    assert labels[0] == "80 %" and labels[-1] == "100 %"


def test_ten_thousand_check_ins_draw_at_most_two_points_a_pixel_column_without_dots():
    start = date(2000, 1, 1)
    check_ins = [(start + timedelta(days=n), float(n % 97)) for n in range(10_000)]
    last = check_ins[-1][0]
    layout = trend_layout(check_ins, 0.0, 200.0, start, last, last, "on_track", width=520)
    columns = layout.right - layout.left
    assert layout.points == 10_000
    assert len(layout.actual) <= 2 * (columns + 1)
    assert not layout.markers
    # The extremes survive: the line still reaches the lowest and the highest value drawn.
    ys = [y for _x, y in layout.actual]
    full = [layout.bottom - (layout.bottom - layout.top) * v / 200 for _d, v in check_ins]
    assert min(ys) == min(full) and max(ys) == max(full)
    xs = [x for x, _y in layout.actual]
    assert xs == sorted(xs)  # in time order


def test_the_briefing_figure_draws_the_same_layout():
    layout = trend_layout(
        [(date(2026, 11, 1), 84.0), (date(2026, 11, 20), 86.0)],
        82.0,
        99.5,
        FIRST,
        LAST,
        date(2026, 12, 1),
        "on_track",
        "%",
    )
    figure = trend_figure(layout)
    axes = figure.axes[0]
    actual = [
        line
        for line in axes.lines
        if line.get_color() == layout.color and line.get_linestyle() == "-"
    ]
    assert list(actual[0].get_xdata()) == [x for x, _y in layout.actual]
    assert figure.get_size_inches().tolist() == [layout.width / 100, layout.height / 100]


def _long_record(count=10_000):
    start = date(2000, 1, 1)
    # Distinct values, so that each column's extremes are one point whichever way it is built.
    return start, [(start + timedelta(days=n), (n * 7919 % 10_007) / 100) for n in range(count)]


def test_a_check_in_added_to_a_long_record_redoes_its_column_and_draws_what_a_full_layout_does():
    start, check_ins = _long_record()
    last = date(2030, 12, 31)
    args = (0.0, 100.0, start, last, date(2026, 12, 1), "on_track", "", 520.0, 220.0)
    _layout, columns = trend_columns(check_ins, *args)
    assert columns is not None
    new = [(date(2026, 11, 30), 55.5), (date(2011, 6, 1), 99.99)]  # one among the old ones
    assert columns.add(new)
    both = sorted([*check_ins, *new], key=lambda point: point[0])
    assert columns.layout("at_risk") == trend_layout(both, *args[:5], "at_risk", *args[6:])


def test_a_check_in_beyond_the_axes_asks_for_the_whole_chart_again():
    start, check_ins = _long_record()
    args = (0.0, 100.0, start, date(2030, 12, 31), date(2026, 12, 1), "on_track", "", 520.0, 220.0)
    layout, columns = trend_columns(check_ins, *args)
    assert columns.add([(date(2026, 11, 30), 250.0)]) is False  # the y axis must grow
    assert columns.add([(date(2031, 1, 5), 50.0)]) is False  # outside the period
    assert columns.layout("on_track") == layout  # nothing was taken
    assert trend_columns(check_ins[:100], *args)[1] is None  # every point drawn: no columns
