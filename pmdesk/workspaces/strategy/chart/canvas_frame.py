"""Where the strategy canvas sits in the app's picture of a given size, without drawing it.

The briefing's figure shows every factor on one page; on screen a factor needs room for its
name, so the app shows the factors that fit (:func:`canvas_frame`) and scrolls to the rest. The
same level axis (:data:`~pmdesk.workspaces.strategy.chart.canvas.Y_LIMITS`) is used by both, so
a point sits at the same height in the app and in the briefing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pmdesk.workspaces.strategy.chart.canvas import Y_LIMITS

PLOT_LEFT = 52.0  # px for the level axis and its title
PLOT_RIGHT = 12.0
PLOT_TOP = 10.0
MIN_COLUMN = 72.0  # px a factor needs for its wrapped name (14 characters a line) to read
LABEL_LINES = 3  # lines of a factor's name shown under the axis; the rest is elided
LABEL_LINE = 15.0
LEGEND_ROW = 22.0
LEGEND_GAP = 18.0  # px between two legend entries
LEGEND_SWATCH = 30.0  # px of line sample before an entry's name
MAX_LEGEND_ROWS = 2  # more curves than fit here are named by "+ N more"
NOTE_ROW = 18.0
PICK_RADIUS = 10.0  # px: how close a press must be to a point to grab it


@dataclass(frozen=True)
class CanvasFrame:
    """The plot area in pixels and the factors it shows (``first`` .. ``first + count - 1``)."""

    left: float
    top: float
    width: float
    height: float
    first: int
    count: int
    total: int

    @property
    def column(self) -> float:
        return self.width / max(self.count, 1)

    @property
    def bottom(self) -> float:
        return self.top + self.height

    @property
    def last(self) -> int:
        """One past the last factor shown."""
        return self.first + self.count

    def x(self, index: float) -> float:
        """The centre of factor ``index``'s column (off the plot for factors not shown)."""
        return self.left + (index - self.first + 0.5) * self.column

    def y(self, level: float) -> float:
        low, high = Y_LIMITS
        return self.top + (high - level) / (high - low) * self.height

    def level_at(self, y: float) -> float:
        """The level (in data units, not rounded) at pixel height ``y``."""
        low, high = Y_LIMITS
        return high - (y - self.top) / max(self.height, 1.0) * (high - low)

    def index_at(self, x: float) -> int | None:
        """The shown factor whose column holds ``x``, or None."""
        if self.count == 0 or not self.left <= x < self.left + self.width:
            return None
        return min(self.first + int((x - self.left) // self.column), self.last - 1)

    def shows(self, index: int) -> bool:
        return self.first <= index < self.last


def fitting_factors(width: float) -> int:
    """How many factors a picture ``width`` pixels wide shows side by side (at least one)."""
    return max(1, int((width - PLOT_LEFT - PLOT_RIGHT) // MIN_COLUMN))


def canvas_frame(
    total: int, width: float, height: float, first: int = 0, rows: int = 1, note: bool = False
) -> CanvasFrame:
    """The plot area of a ``width`` x ``height`` picture of ``total`` factors, scrolled so that
    ``first`` is the leftmost factor shown (kept within range), with room below the axis for
    the factors' names, ``rows`` rows of legend and, with ``note``, one line of note."""
    count = min(total, fitting_factors(width))
    first = max(0, min(first, total - count))
    below = LABEL_LINES * LABEL_LINE + 12 + rows * LEGEND_ROW + (NOTE_ROW if note else 0)
    plot_height = max(height - PLOT_TOP - below, 40.0)
    plot_width = max(width - PLOT_LEFT - PLOT_RIGHT, 1.0)
    return CanvasFrame(PLOT_LEFT, PLOT_TOP, plot_width, plot_height, first, count, total)


@dataclass(frozen=True)
class LegendEntry:
    index: int  # into the legend's order
    row: int
    x: float  # left edge, from the legend's left
    width: float  # swatch and name


def legend_rows(
    labels: Sequence[str], width: float, measure: Callable[[str], float]
) -> tuple[tuple[LegendEntry, ...], int]:
    """Place legend entries left to right in rows ``width`` wide, at most
    :data:`MAX_LEGEND_ROWS` of them; returns the entries placed and how many did not fit (the
    picture then ends the last row with "+ N more", placed by :func:`more_entry_x`).

    ``measure`` gives a name's width in pixels (the Qt layer passes its font metrics).
    """
    entries: list[LegendEntry] = []
    row, x = 0, 0.0
    for index, label in enumerate(labels):
        size = LEGEND_SWATCH + measure(label)
        if x > 0 and x + size > width:
            row, x = row + 1, 0.0
        if row >= MAX_LEGEND_ROWS:
            break
        entries.append(LegendEntry(index, row, x, size))
        x += size + LEGEND_GAP
    hidden = len(labels) - len(entries)
    # Make room for "+ N more" at the end of the last row by dropping entries from its end.
    while hidden and entries and more_entry_x(entries) + measure(more_text(hidden)) > width:
        entries.pop()
        hidden += 1
    return tuple(entries), hidden


def more_text(hidden: int) -> str:
    return f"+ {hidden} more"


def more_entry_x(entries: Sequence[LegendEntry]) -> float:
    """Where "+ N more" starts: after the last entry placed."""
    if not entries:
        return 0.0
    return entries[-1].x + entries[-1].width + LEGEND_GAP
