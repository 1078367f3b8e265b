"""The briefing's trend chart: the same layout as the page's, drawn by matplotlib."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmdesk.workspaces.goals.chart.layout import (
    GRID_COLOR,
    PLAN_COLOR,
    TARGET_COLOR,
    TEXT_COLOR,
    TODAY_COLOR,
    TrendLayout,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

DPI = 100  # one layout pixel is one point-ish at this size; savefig sets the print resolution


def trend_figure(layout: TrendLayout) -> Figure:
    """A matplotlib figure of the layout, in its pixel coordinates (y pointing down)."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(layout.width / DPI, layout.height / DPI), dpi=DPI)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, layout.width)
    axes.set_ylim(layout.height, 0)
    axes.set_axis_off()
    font = {"fontsize": 7, "color": TEXT_COLOR}
    for y, label in layout.y_ticks:
        axes.plot([layout.left, layout.right], [y, y], color=GRID_COLOR, linewidth=0.6)
        axes.text(layout.left - 6, y, label, ha="right", va="center", **font)
    for x, label in layout.x_ticks:
        axes.plot([x, x], [layout.bottom, layout.bottom + 4], color=TEXT_COLOR, linewidth=0.6)
        axes.text(x, layout.bottom + 6, label, ha="center", va="top", **font)
    axes.plot([layout.left, layout.right], [layout.bottom, layout.bottom], color=TEXT_COLOR, lw=0.6)
    (start, end) = layout.plan
    axes.plot([start[0], end[0]], [start[1], end[1]], color=PLAN_COLOR, lw=1, linestyle="--")
    axes.plot(
        [layout.left, layout.right], [layout.target_y] * 2, color=TARGET_COLOR, lw=0.8, ls=":"
    )
    axes.text(
        layout.right,
        layout.target_y - 3,
        layout.target_label,
        ha="right",
        va="bottom",
        fontsize=7,
        color=TARGET_COLOR,
    )
    if layout.today_x is not None:
        axes.plot([layout.today_x] * 2, [layout.top, layout.bottom], color=TODAY_COLOR, lw=0.8)
    if layout.actual:
        xs = [x for x, _y in layout.actual]
        ys = [y for _x, y in layout.actual]
        axes.plot(xs, ys, color=layout.color, linewidth=1.6, solid_joinstyle="round")
        if layout.markers:
            axes.plot(xs, ys, "o", color=layout.color, markersize=3)
    return figure
