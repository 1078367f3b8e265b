"""The cumulative cash chart as a matplotlib Figure (never pyplot), for the briefing.

It draws :func:`~pmdesk.workspaces.business_case.chart.layout.layout_cash`'s unit-box layout,
the same one the page's scene draws, so the app and the document always agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmdesk.workspaces.business_case.chart.layout import (
    GRID_COLOR,
    MUTED_TEXT,
    TEXT_COLOR,
    ZERO_COLOR,
    CashLayout,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def cash_figure(layout: CashLayout, width: float = 6.5, height: float = 3.2) -> Figure:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=200)
    axes = figure.add_axes((0.11, 0.16, 0.86, 0.72))
    axes.set_xlim(0, 1)
    axes.set_ylim(0, 1)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        axes.spines[side].set_color(GRID_COLOR)
    axes.set_yticks([tick.position for tick in layout.y_ticks])
    axes.set_yticklabels([tick.label for tick in layout.y_ticks], fontsize=7.5, color=MUTED_TEXT)
    axes.set_xticks([tick.position for tick in layout.x_ticks])
    axes.set_xticklabels([tick.label for tick in layout.x_ticks], fontsize=7.5, color=MUTED_TEXT)
    axes.tick_params(length=0)
    axes.grid(axis="y", color=GRID_COLOR, linewidth=0.6)
    axes.axhline(layout.zero, color=ZERO_COLOR, linewidth=0.9)
    for series in layout.series:
        xs = [x for x, _y in series.points]
        ys = [y for _x, y in series.points]
        axes.plot(xs, ys, color=series.color, linewidth=1.8, label=series.label)
        if series.break_even is not None:
            axes.plot(*series.break_even, marker="o", markersize=4, color=series.color)
    axes.legend(loc="upper left", fontsize=7.5, frameon=False)
    axes.set_title(layout.title, fontsize=8.5, color=TEXT_COLOR, loc="left")
    return figure
