"""The ERRC grid as a picture for the briefing: eliminate, raise, reduce, create, with each
factor listed under its action and the move from today's level to the target."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmdesk.workspaces.strategy.canvas import Canvas
from pmdesk.workspaces.strategy.chart.canvas import ACTION_COLOURS, INK, MUTED
from pmdesk.workspaces.strategy.model import ACTIONS

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# The classic layout: what to cut on the left, what to add on the right.
PLACES = {"eliminate": (0, 0), "raise": (0, 1), "reduce": (1, 0), "create": (1, 1)}
LINE = 0.24  # inches per listed factor
QUESTIONS = {
    "eliminate": "Taken for granted, but not worth it",
    "raise": "Well above the industry's standard",
    "reduce": "Well below the industry's standard",
    "create": "Never offered by the industry",
}


def errc_entries(canvas: Canvas) -> dict[str, list[str]]:
    """Each action's lines as the grid shows them: “Speed to go live: 6 → 9”."""
    today = canvas.today()
    entries: dict[str, list[str]] = {action: [] for action in ACTIONS}
    for index, factor in enumerate(canvas.factors):
        if factor.action not in entries:
            continue
        now = today.levels[index] if today else 0
        if factor.action == "eliminate":
            text = f"{factor.name}: {now} → 0"
        elif factor.action == "create":
            text = f"{factor.name}: new, to {factor.target_level}"
        else:
            text = f"{factor.name}: {now} → {factor.target_level}"
        entries[factor.action].append(text)
    return entries


def errc_figure(canvas: Canvas, width: float = 9.0) -> Figure:
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyBboxPatch

    entries = errc_entries(canvas)
    rows = max((len(lines) for lines in entries.values()), default=0)
    # Laid out in inches, so text keeps its spacing whatever the number of lines.
    cell = 0.75 + LINE * max(rows, 1) + 0.15
    height = 2 * cell
    figure = Figure(figsize=(width, height))
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, width)
    axes.set_ylim(height, 0)
    axes.axis("off")
    half = width / 2
    for action, (row, column) in PLACES.items():
        colour = ACTION_COLOURS[action]
        x, y = column * half + 0.05, row * cell + 0.05
        axes.add_patch(
            FancyBboxPatch(
                (x, y),
                half - 0.1,
                cell - 0.1,
                boxstyle="round,pad=0,rounding_size=0.08",
                facecolor=colour + "12",
                edgecolor=colour + "66",
            )
        )
        axes.text(
            x + 0.15,
            y + 0.22,
            ACTIONS[action].upper(),
            color=colour,
            fontsize=12,
            fontweight="bold",
            va="center",
        )
        axes.text(
            x + 0.15,
            y + 0.45,
            QUESTIONS[action],
            color=MUTED,
            fontsize=8.5,
            style="italic",
            va="center",
        )
        lines = entries[action] or ["None yet"]
        for number, line in enumerate(lines):
            axes.text(
                x + 0.15,
                y + 0.72 + LINE * number,
                f"• {line}",
                color=INK if entries[action] else MUTED,
                fontsize=9.5,
                va="center",
            )
    return figure
