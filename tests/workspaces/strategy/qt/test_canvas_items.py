"""The canvas's curve items share what every curve of one picture would otherwise work out
again: the x of each factor, the y of each level, and the pens of each colour."""

from __future__ import annotations

from PySide6.QtGui import QColor

from pmdesk.gui import theme
from pmdesk.workspaces.strategy.chart.canvas import CurveStyle
from pmdesk.workspaces.strategy.chart.canvas_frame import canvas_frame
from pmdesk.workspaces.strategy.qt.canvas_items import CurveItem, _inks


def style(curve_id: str, levels: tuple[int, ...]) -> CurveStyle:
    return CurveStyle(
        curve_id, curve_id, "#1f77b4", 2.0, (), "o", 6.0, 1, levels, (False,) * len(levels), True
    )


def test_curves_sit_where_their_frame_puts_them_whichever_frame_came_first(qapp):
    levels = (3, 7, 0, 10, 5, 5, 2, 9)
    small, wide = canvas_frame(len(levels), 400, 300), canvas_frame(len(levels), 900, 500, 2)
    first = CurveItem(style("a", levels), small, selected=False)
    second = CurveItem(style("b", tuple(reversed(levels))), wide, selected=False)
    first.set_style(style("a", levels), wide, selected=False)  # moved to the other frame
    for item in (first, second):
        assert item._points, "a curve with factors on show has points"
        for index, point in item._points.items():
            assert (point.x(), point.y()) == (wide.x(index), wide.y(item.style.levels[index]))


def test_curve_pens_follow_the_scheme_they_are_painted_in(qapp):
    colour = "#1f77b4"
    light = _inks(colour, 2.0, (), theme.LIGHT)
    dark = _inks(colour, 2.0, (), theme.DARK)
    assert light[2].color() == QColor(theme.LIGHT.paper)
    assert dark[2].color() == QColor(theme.DARK.paper)
    assert light[0].color() == theme.ink(colour, on=theme.LIGHT.card)
    assert dark[0].color() == theme.ink(colour, on=theme.DARK.card)
    assert dark[3].color() == dark[0].color()
    assert _inks(colour, 2.0, (4.0, 2.0), theme.LIGHT)[0].dashPattern() == [4.0, 2.0]
