"""The strategy canvas as a picture: value curves over the factors, ERRC shown on each factor.

:func:`canvas_layout` decides everything about the picture that is not drawing (where each
factor sits, label text, line styles, which points are hand-adjusted, the legend's order);
:func:`draw_canvas` draws it on a matplotlib ``Figure`` for the briefing and the image export,
and the app's ``QGraphicsScene`` draws the same layout on screen (placed by
:mod:`~pmdesk.workspaces.strategy.chart.canvas_frame`), so both always agree. matplotlib is
imported inside functions only: it must not load at start-up, nor with any page.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmdesk.workspaces.strategy.canvas import Canvas
from pmdesk.workspaces.strategy.model import ACTIONS, FUTURE, LEVEL_MAX, LEVEL_MIN, TODAY

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# Band colours behind each factor, by ERRC action: light enough to read the curves over.
ACTION_COLOURS: dict[str, str] = {
    "eliminate": "#C0392B",
    "reduce": "#D68910",
    "raise": "#1E8449",
    "create": "#2471A3",
}
INK = "#1F2933"
MUTED = "#66717E"
GRID = "#E3E7EC"
LABEL_WIDTH = 14  # characters per line of a factor's name under the axis
PICK_RADIUS = 8  # points; how close a click must be to grab a point
DETACHED_MARK = "*"
DETACHED_NOTE = "* No longer in the competitive matrix: the canvas keeps it as its own factor."
PNG_DPI = 200
CROWDED = 12  # factors; more than this and names are slanted
# The level axis runs a little below 0 and above 10: room for the points' markers, and above
# them for each factor's ERRC label.
Y_LIMITS = (LEVEL_MIN - 0.4, LEVEL_MAX + 0.9)
ACTION_LABEL_LEVEL = LEVEL_MAX + 0.55
LEVEL_TICKS = tuple(range(LEVEL_MIN, LEVEL_MAX + 1, 2))


@dataclass(frozen=True)
class CurveStyle:
    curve_id: str
    label: str
    colour: str
    width: float  # points in the briefing, pixels on screen
    dashes: tuple[float, ...]  # on-off lengths in line widths; () for a solid line
    marker: str  # matplotlib marker code: o s ^ D v P X h
    marker_size: float
    z: int
    levels: tuple[int, ...]
    adjusted: tuple[bool, ...]
    editable: bool

    @property
    def looks(self) -> tuple[object, ...]:
        """Everything about the line but where its points are."""
        return (self.curve_id, self.label, self.colour, self.width, self.dashes, self.marker)


@dataclass(frozen=True)
class CanvasLayout:
    factor_labels: tuple[str, ...]  # wrapped, with the detached mark where it applies
    factor_ids: tuple[str, ...]
    actions: tuple[str, ...]
    action_labels: tuple[str, ...]  # "RAISE → 9", "" for keep
    curves: tuple[CurveStyle, ...]  # in drawing order, bottom first
    any_detached: bool
    x_max: float

    def level_at(self, y: float) -> int:
        """The level a drag at height ``y`` (in data units) means."""
        return max(LEVEL_MIN, min(LEVEL_MAX, round(y)))

    def legend(self) -> tuple[CurveStyle, ...]:
        """The curves in the legend's order: us first, then the future, then competitors in
        the PM's order."""
        return tuple(sorted(self.curves, key=_legend_rank))


_COMPETITOR_MARKERS = ("s", "^", "D", "v", "P", "X", "h")


def canvas_layout(canvas: Canvas) -> CanvasLayout:
    """Everything the canvas picture shows, decided without drawing."""
    labels = []
    for factor in canvas.factors:
        text = "\n".join(textwrap.wrap(factor.name, LABEL_WIDTH) or [factor.name])
        labels.append(text + (DETACHED_MARK if factor.detached else ""))
    action_labels = []
    for factor in canvas.factors:
        if not factor.action:
            action_labels.append("")
        elif factor.action == "eliminate":
            action_labels.append("ELIMINATE")
        else:
            action_labels.append(f"{ACTIONS[factor.action].upper()} → {factor.target_level}")
    styles = []
    competitor_number = 0
    for curve in canvas.curves:
        if not curve.shown:
            continue
        dashes: tuple[float, ...] = ()
        if curve.role == TODAY:
            width, marker, z = 3.0, "o", 3
        elif curve.role == FUTURE:
            width, marker, z, dashes = 3.0, "o", 4, (5.0, 2.0)
        else:
            marker = _COMPETITOR_MARKERS[competitor_number % len(_COMPETITOR_MARKERS)]
            competitor_number += 1
            width, z = 1.8, 2
        styles.append(
            CurveStyle(
                curve.id,
                curve.name,
                curve.colour,
                width,
                dashes,
                marker,
                7.0 if width > 2 else 5.5,
                z,
                curve.levels,
                curve.adjusted,
                editable=True,
            )
        )
    styles.sort(key=lambda s: s.z)
    return CanvasLayout(
        tuple(labels),
        tuple(f.id for f in canvas.factors),
        tuple(f.action for f in canvas.factors),
        tuple(action_labels),
        tuple(styles),
        any(f.detached for f in canvas.factors),
        max(len(canvas.factors) - 1, 1) + 0.5,
    )


def canvas_figure(
    canvas: Canvas, title: str = "", width: float = 11.0, height: float = 5.6
) -> Figure:
    """A new Figure of the canvas, for export and the briefing. Its text sizes are points at
    ``width`` x ``height`` inches: the briefing asks for the size it places it at."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    draw_canvas(figure, canvas, title)
    return figure


def draw_canvas(figure: Figure, canvas: Canvas, title: str = "") -> dict[str, Any]:
    """Draw the canvas on ``figure`` (cleared first). Returns the line of each curve by id, so
    an editor can move one point and redraw without rebuilding the picture."""
    layout = canvas_layout(canvas)
    figure.clear()
    figure.set_facecolor("white")
    axes = figure.add_subplot()
    count = len(layout.factor_ids)
    xs = list(range(count))
    axes.set_xlim(-0.5, max(count - 0.5, 0.5))
    axes.set_ylim(*Y_LIMITS)
    axes.set_yticks(LEVEL_TICKS)
    axes.set_ylabel("Offering level", color=MUTED, fontsize=10)
    axes.grid(axis="y", color=GRID, linewidth=0.8)
    axes.set_axisbelow(True)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.spines["bottom"].set_color("#B8C0CA")
    axes.tick_params(axis="y", colors=MUTED, length=0, labelsize=9)
    axes.tick_params(axis="x", colors=INK, length=0, labelsize=9, pad=6)
    if count > CROWDED:  # side by side the names would overlap: slant them, one line each
        names = [label.replace("\n", " ") for label in layout.factor_labels]
        axes.set_xticks(xs, names, rotation=35, ha="right", rotation_mode="anchor")
    else:
        axes.set_xticks(xs, layout.factor_labels)

    for x, action, label in zip(xs, layout.actions, layout.action_labels, strict=True):
        if not action:
            continue
        colour = ACTION_COLOURS[action]
        axes.axvspan(x - 0.45, x + 0.45, color=colour, alpha=0.07, linewidth=0, zorder=0)
        axes.text(
            x,
            ACTION_LABEL_LEVEL,
            label if count <= CROWDED else label[:1],
            ha="center",
            va="center",
            fontsize=7.5,
            fontweight="bold",
            color=colour,
        )

    lines: dict[str, Any] = {}
    for style in layout.curves:
        (line,) = axes.plot(
            xs,
            style.levels,
            color=style.colour,
            linewidth=style.width,
            linestyle=(0, style.dashes) if style.dashes else "-",
            marker=style.marker,
            markersize=style.marker_size,
            markeredgecolor="white",
            markeredgewidth=1.0,
            label=style.label,
            zorder=style.z,
            picker=True,
            pickradius=PICK_RADIUS,
            solid_capstyle="round",
        )
        line.set_gid(style.curve_id)
        lines[style.curve_id] = line
        adjusted = [x for x, flag in zip(xs, style.adjusted, strict=True) if flag]
        if adjusted:  # hand-adjusted future points get a ring, so the PM sees what ERRC left
            axes.scatter(
                adjusted,
                [style.levels[x] for x in adjusted],
                s=150,
                facecolors="none",
                edgecolors=style.colour,
                linewidths=1.4,
                zorder=style.z,
            )
    if title:
        axes.set_title(title, loc="left", fontsize=14, fontweight="bold", color=INK, pad=14)
    if layout.curves:
        legend = layout.legend()
        figure.legend(
            [lines[style.curve_id] for style in legend],
            [style.label for style in legend],
            loc="outside lower center",
            ncols=min(len(legend), 5),
            frameon=False,
            fontsize=9,
        )
    if layout.any_detached:
        figure.text(0.01, 0.005, DETACHED_NOTE, fontsize=8, color=MUTED, ha="left", va="bottom")
    empty = empty_message(canvas)
    if empty:
        axes.text(
            0.5,
            0.5,
            empty,
            transform=axes.transAxes,
            ha="center",
            color=MUTED,
        )
    return lines


def empty_message(canvas: Canvas) -> str:
    """What an empty canvas says instead of a picture ("" when there is one)."""
    if not canvas.factors:
        return "Add the factors your market competes on to start the canvas."
    if not canvas.curves:
        return "Add value curves: our product today, competitors, and our future."
    return ""


def _legend_rank(style: CurveStyle) -> int:
    # Us first, then the future, then competitors in the PM's order.
    return {3: 0, 4: 1}.get(style.z, 2)


def save_figure(figure: Figure, path: Path) -> Path:
    """Write ``figure`` as PNG (at briefing resolution) or SVG, chosen by the file's suffix."""
    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg"):
        path = path.with_suffix(".png")
        suffix = ".png"
    figure.savefig(path, format=suffix[1:], dpi=PNG_DPI, facecolor="white")
    return path
