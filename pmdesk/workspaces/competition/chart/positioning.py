"""The positioning map: where each competitor sits on two chosen axes, and how big its bubble is.

One layout function serves the interactive map (a QGraphicsScene) and the exported picture (a
matplotlib Figure), so the app, the PNG/SVG and the briefing always agree. Values are points on
the 0–5 scale of the matrix; a category axis is the weighted average of its criteria.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from pmdesk.errors import PmdeskError
from pmdesk.export.text import clipped
from pmdesk.workspaces.competition.cards import QUADRANT_FIELDS, axis, settings
from pmdesk.workspaces.competition.edit import categories, competitors, criteria, load_scoreboard
from pmdesk.workspaces.competition.model import SCORE_MAX
from pmdesk.workspaces.competition.rules import Scoreboard

AXIS_LABEL_MAX = 50  # characters of an axis's name: about a map's width at 10 pt
BUBBLE_LABEL_MAX = 30  # a competitor's name under its bubble, so the labels stay apart

if TYPE_CHECKING:
    from matplotlib.figure import Figure

MIDPOINT = SCORE_MAX / 2
# Bubble radius as a share of the plot's width: readable when small, never covering a quadrant.
RADIUS_MIN = 0.03
RADIUS_MAX = 0.07
RADIUS_PLAIN = 0.045
# Room around the 0–5 square so bubbles at the edge are drawn whole.
MARGIN = 0.4
LABEL_GAP = 0.08  # between a bubble and its name, which sits below it
US_COLOUR = "#1d4ed8"
THEM_COLOUR = "#64748b"
QUADRANT_TINTS = ("#eef2ff", "#ecfdf5", "#f8fafc", "#fff7ed")  # TL, TR, BL, BR


@dataclass(frozen=True)
class AxisSpec:
    """One axis: a label and the criteria it averages (one criterion or a whole category)."""

    label: str
    criterion_ids: tuple[str, ...]


@dataclass(frozen=True)
class Bubble:
    competitor_id: str
    name: str
    is_us: bool
    x: float  # 0..SCORE_MAX
    y: float
    radius: float  # share of the plot width
    size_value: float | None


@dataclass(frozen=True)
class MapLayout:
    x_label: str
    y_label: str
    size_label: str
    quadrants: tuple[str, str, str, str]  # top left, top right, bottom left, bottom right
    bubbles: tuple[Bubble, ...]
    unplaced: tuple[str, ...]  # names of competitors without a value on an axis


def positioning_layout(
    board: Scoreboard,
    names: dict[str, str],
    x: AxisSpec | None,
    y: AxisSpec | None,
    size: AxisSpec | None = None,
    quadrants: Sequence[str] = ("", "", "", ""),
) -> MapLayout:
    """Bubbles for every competitor that has a value on both axes, largest drawn first so
    small ones stay clickable on top."""
    bubbles: list[Bubble] = []
    unplaced: list[str] = []
    for competitor_id in board.competitor_ids:
        name = names.get(competitor_id, "")
        x_value = _value(board, x, competitor_id)
        y_value = _value(board, y, competitor_id)
        if x_value is None or y_value is None:
            unplaced.append(name)
            continue
        size_value = _value(board, size, competitor_id)
        radius = RADIUS_PLAIN
        if size is not None:
            share = (size_value or 0.0) / SCORE_MAX
            radius = RADIUS_MIN + (RADIUS_MAX - RADIUS_MIN) * share
        bubbles.append(
            Bubble(
                competitor_id,
                name,
                competitor_id == board.us_id,
                x_value,
                y_value,
                radius,
                size_value,
            )
        )
    bubbles.sort(key=lambda bubble: -bubble.radius)
    labels = (*quadrants, "", "", "", "")[:4]
    return MapLayout(
        x.label if x else "",
        y.label if y else "",
        size.label if size else "",
        (labels[0], labels[1], labels[2], labels[3]),
        tuple(bubbles),
        tuple(unplaced),
    )


def project_map_layout(session: Session) -> MapLayout:
    """The positioning map of a project as its settings describe it: what the app shows and
    what the briefing draws (``map_figure(project_map_layout(session))``)."""
    board = load_scoreboard(session)
    all_criteria = criteria(session)
    groups = {category.id: category.name for category in categories(session)}
    current = settings(session)

    def spec(name: str) -> AxisSpec | None:
        chosen = axis(current, name)
        for criterion in all_criteria:
            if criterion.id == chosen.criterion_id:
                return AxisSpec(criterion.name, (criterion.id,))
        if chosen.category_id in groups:
            members = tuple(c.id for c in all_criteria if c.category_id == chosen.category_id)
            return AxisSpec(f"{groups[chosen.category_id]} (category score)", members)
        return None

    names = {competitor.id: competitor.name for competitor in competitors(session)}
    quadrants = tuple(getattr(current, field) for field in QUADRANT_FIELDS)
    return positioning_layout(board, names, spec("x"), spec("y"), spec("size"), quadrants)


def _value(board: Scoreboard, axis: AxisSpec | None, competitor_id: str) -> float | None:
    if axis is None or not axis.criterion_ids:
        return None
    if len(axis.criterion_ids) == 1:
        (criterion_id,) = axis.criterion_ids
        return board.points.get(criterion_id, {}).get(competitor_id)
    return board.group_score(axis.criterion_ids, competitor_id)


def clamp_score(value: float) -> float:
    return min(float(SCORE_MAX), max(0.0, value))


def map_figure(layout: MapLayout, width_inches: float = 7.5, height_inches: float = 6.0) -> Figure:
    """The positioning map as a matplotlib Figure (never pyplot), for PNG, SVG and the briefing."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Circle, Rectangle

    figure = Figure(figsize=(width_inches, height_inches), layout="constrained")
    axes = figure.add_subplot()
    axes.set_xlim(-MARGIN, SCORE_MAX + MARGIN)
    axes.set_ylim(-MARGIN, SCORE_MAX + MARGIN)
    axes.set_aspect("equal")
    corners = ((0, MIDPOINT), (MIDPOINT, MIDPOINT), (0, 0), (MIDPOINT, 0))
    # Quadrant names sit just outside the square's corners, where no bubble can hide them.
    top, bottom = SCORE_MAX + LABEL_GAP, -LABEL_GAP
    label_spots = ((0, top, "left"), (SCORE_MAX, top, "right"), (0, bottom, "left"))
    label_spots += ((SCORE_MAX, bottom, "right"),)
    for (left, bottom), tint, text, (tx, ty, align) in zip(
        corners, QUADRANT_TINTS, layout.quadrants, label_spots, strict=True
    ):
        axes.add_patch(Rectangle((left, bottom), MIDPOINT, MIDPOINT, color=tint, zorder=0))
        vertical = "bottom" if ty > MIDPOINT else "top"
        axes.text(
            tx,
            ty,
            text,
            ha=align,
            va=vertical,
            fontsize=10,
            color="#475569",
            style="italic",
            zorder=2,
        )
    axes.plot([0, SCORE_MAX], [MIDPOINT, MIDPOINT], color="#cbd5e1", linewidth=1, zorder=1)
    axes.plot([MIDPOINT, MIDPOINT], [0, SCORE_MAX], color="#cbd5e1", linewidth=1, zorder=1)
    axes.add_patch(
        Rectangle((0, 0), SCORE_MAX, SCORE_MAX, fill=False, edgecolor="#cbd5e1", zorder=1)
    )
    for bubble in layout.bubbles:
        colour = US_COLOUR if bubble.is_us else THEM_COLOUR
        radius = bubble.radius * SCORE_MAX
        axes.add_patch(
            Circle(
                (bubble.x, bubble.y),
                radius,
                facecolor=colour,
                alpha=0.85 if bubble.is_us else 0.55,
                edgecolor="white",
                linewidth=1.5,
                zorder=3,
            )
        )
        axes.text(
            bubble.x,
            bubble.y - radius - LABEL_GAP,
            clipped(bubble.name, BUBBLE_LABEL_MAX),
            ha="center",
            va="top",
            fontsize=9,
            fontweight="bold" if bubble.is_us else "normal",
            color="#0f172a",
            zorder=4,
        )
    # An axis is named by a criterion or category: a long name is cut to the axis's length.
    axes.set_xlabel(f"{clipped(layout.x_label, AXIS_LABEL_MAX)}  →", fontsize=10, color="#1f2733")
    axes.set_ylabel(
        f"{clipped(layout.y_label, AXIS_LABEL_MAX)}  →", fontsize=10, color="#1f2733", labelpad=16
    )
    axes.set_xticks([])  # the scale is relative: position, not the exact score, is the message
    axes.set_yticks([])
    for spine in axes.spines.values():
        spine.set_visible(False)
    if layout.size_label:
        figure.suptitle(
            f"Bubble size: {clipped(layout.size_label, AXIS_LABEL_MAX)}",
            fontsize=9,
            color="#64748b",
            x=0.99,
            ha="right",
        )
    return figure


def save_map(layout: MapLayout, path: Path) -> Path:
    """Write the map as PNG (200 dpi) or SVG, chosen by the file's suffix."""
    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise PmdeskError(f"The map can be saved as .png or .svg, not “{suffix or path.name}”.")
    if not layout.bubbles:
        raise PmdeskError("The map is empty: choose two axes that competitors are rated on.")
    figure = map_figure(layout)
    try:
        figure.savefig(path, dpi=200 if suffix == ".png" else None, format=suffix[1:])
    except OSError as error:
        raise PmdeskError(f"The map could not be saved to {path}: {error.strerror}.") from None
    return path
