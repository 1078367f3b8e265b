"""The stakeholder pictures as matplotlib figures, for the Word briefing.

They draw from the same layout functions as the app's scenes (``chart/layout.py``), so the
briefing shows what the PM arranged. matplotlib is imported inside the functions: it is slow
to import and the app must not pay for it at start-up.
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from pmdesk.workspaces.stakeholders.chart import layout as chart
from pmdesk.workspaces.stakeholders.model import (
    ATTITUDES,
    RELATIONSHIP_KINDS,
    STRATEGIES,
    Stakeholder,
    StakeholderPosition,
    StakeholderRelationship,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

FIGURE_WIDTH = 10.0  # inches: the text width of a landscape page, roughly
# No text smaller than this once the figure is placed at its width (a hair above the
# briefing's 7 pt floor, so rounding never takes it below).
MIN_TEXT_PT = 7.2
QUADRANT_INK = {
    "manage_closely": "#1d4f9c",
    "keep_satisfied": "#5b3f8c",
    "keep_informed": "#1f6b45",
    "monitor": "#6b6f76",
}
LINE_STYLES = {"reports_to": "-", "influences": "-", "ally": ":", "conflict": "--"}


def grid_figure(
    people: Sequence[Stakeholder],
    relationships: Sequence[StakeholderRelationship] = (),
    before: Mapping[str, StakeholderPosition] | None = None,
    *,
    width: float = FIGURE_WIDTH,
    crowded: Mapping[tuple[int, int], int] | None = None,
    name_of: Callable[[Stakeholder], str] | None = None,
    attitudes: bool = True,
) -> Figure:
    """The power/interest grid; with ``before``, arrows from a snapshot's places to today's.

    ``width`` is the width in inches the figure is shown at: no text is smaller than
    :data:`MIN_TEXT_PT` there, and a card's second line (the role) is left out when it would
    not fit at that size. ``crowded`` maps a cell (influence, interest) to how many more
    people stand there than are drawn; the cell shows a "+N more" card below its person.
    ``name_of`` says what a card calls its person (a role, for readers who must not see
    names; the second line then gives the department); without ``attitudes`` the cards and
    the legend carry no attitude colours.
    """
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle

    plot = chart.PLOT
    left, right = plot.x - 70, plot.x + plot.width + 16
    top, bottom = plot.y - 16, plot.y + plot.height + 90
    scale = width * 72 / (right - left)  # points per layout unit

    def size(units: float) -> float:
        return max(MIN_TEXT_PT, units * scale)

    figure = Figure(figsize=(width, width * (bottom - top) / (right - left)))
    axes = _canvas(figure, left, right, top, bottom)

    for quadrant in chart.quadrants():
        r = quadrant.rect
        tint = chart.QUADRANT_TINTS[quadrant.strategy]
        axes.add_patch(Rectangle((r.x, r.y), r.width, r.height, facecolor=tint, edgecolor="none"))
        at_right = "right" in quadrant.label_at
        at_top = "top" in quadrant.label_at
        x = r.x + r.width - 14 if at_right else r.x + 14
        y = r.y + 12 if at_top else r.y + r.height - 30
        axes.text(
            x,
            y,
            STRATEGIES[quadrant.strategy].upper(),
            ha="right" if at_right else "left",
            va="top",
            fontsize=size(15),
            fontweight="bold",
            color=QUADRANT_INK[quadrant.strategy],
        )
    for step in range(1, chart.CELLS):
        x = plot.x + step * chart.CELL_WIDTH
        y = plot.y + step * chart.CELL_HEIGHT
        axes.plot([x, x], [plot.y, plot.y + plot.height], color="#e2e5ea", lw=0.6)
        axes.plot([plot.x, plot.x + plot.width], [y, y], color="#e2e5ea", lw=0.6)
    split = chart.quadrants()[3].rect
    axes.plot([split.x, split.x], [plot.y, plot.y + plot.height], color="#9aa3b2", lw=1.2)
    axes.plot([plot.x, plot.x + plot.width], [split.y, split.y], color="#9aa3b2", lw=1.2)
    axes.add_patch(
        Rectangle((plot.x, plot.y), plot.width, plot.height, fill=False, edgecolor="#b9c0cb")
    )
    for score in range(1, chart.CELLS + 1):
        x, y = chart.cell_center(score, score)
        axes.text(
            x,
            plot.y + plot.height + 12,
            str(score),
            ha="center",
            va="center",
            fontsize=size(11),
            color=chart.MUTED_INK,
        )
        axes.text(
            plot.x - 12,
            y,
            str(score),
            ha="right",
            va="center",
            fontsize=size(11),
            color=chart.MUTED_INK,
        )
    axes.text(
        plot.x + plot.width / 2,
        plot.y + plot.height + 34,
        "Interest in the product  →",
        ha="center",
        va="center",
        fontsize=size(13),
        fontweight="bold",
        color=chart.INK,
    )
    axes.text(
        plot.x - 46,
        plot.y + plot.height / 2,
        "Influence (power)  →",
        rotation=90,
        ha="center",
        va="center",
        fontsize=size(13),
        fontweight="bold",
        color=chart.INK,
    )

    layout = chart.grid_layout(people)
    chips = _crowded_chips(layout, people, crowded or {})
    for link in relationships:
        if link.source_id in layout.cards and link.target_id in layout.cards:
            source, target = layout.anchor(link.source_id), layout.anchor(link.target_id)
            directed = link.kind in ("reports_to", "influences")
            axes.add_patch(
                FancyArrowPatch(
                    chart.card_edge(source, target),
                    chart.card_edge(target, source),
                    arrowstyle="-|>" if directed else "-",
                    mutation_scale=9 * scale,
                    color=chart.RELATIONSHIP_COLOURS[link.kind],
                    linestyle=LINE_STYLES[link.kind],
                    lw=1.1 * scale,
                    alpha=0.55,
                    zorder=1,
                    shrinkA=0,
                    shrinkB=0,
                )
            )
    for person_id, old in (before or {}).items():
        if person_id in layout.cards and (old.influence, old.interest) != _place(people, person_id):
            start = chart.cell_center(old.influence, old.interest)
            axes.add_patch(
                FancyArrowPatch(
                    start,
                    chart.card_edge(layout.anchor(person_id), start),
                    arrowstyle="-|>",
                    color="#1e3a8a",
                    mutation_scale=14 * scale,
                    lw=2 * scale,
                    zorder=2,
                    shrinkA=0,
                    shrinkB=0,
                )
            )
            axes.plot(
                *start, marker="o", markersize=8 * scale, mfc="white", mec="#1e3a8a", zorder=2
            )
    name_size, role_size = size(12), size(10)
    # The card's text area, in points: the colour bar and a margin on either side.
    room = (chart.CARD_WIDTH - 15) * scale
    two_lines = (name_size + role_size) * 1.15 <= chart.CARD_HEIGHT * scale
    for card, label in chips:
        axes.add_patch(
            FancyBboxPatch(
                (card.x, card.y),
                card.width,
                card.height,
                boxstyle="round,pad=0,rounding_size=5",
                facecolor="#f3f4f6",
                edgecolor="#c9cfd8",
                lw=0.8,
                linestyle="--",
                zorder=3,
            )
        )
        axes.text(
            card.x + card.width / 2,
            card.y + card.height / 2,
            label,
            ha="center",
            va="center",
            fontsize=role_size,
            color=chart.MUTED_INK,
            zorder=5,
        )
    for person in people:
        card = layout.cards[person.id]
        colour = chart.ATTITUDE_COLOURS.get(person.attitude, "#888888") if attitudes else "#888888"
        name = name_of(person) if name_of else person.name
        second = person.department if name != person.name else person.role or person.department
        axes.add_patch(
            FancyBboxPatch(
                (card.x, card.y),
                card.width,
                card.height,
                boxstyle="round,pad=0,rounding_size=5",
                facecolor="white",
                edgecolor="#c9cfd8",
                lw=0.8,
                zorder=3,
            )
        )
        axes.add_patch(Rectangle((card.x, card.y), 5, card.height, facecolor=colour, zorder=4))
        axes.text(
            card.x + 11,
            card.y + 11 if two_lines else card.y + card.height / 2,
            fitted(name, room, name_size, bold=True, name=name == person.name),
            fontsize=name_size,
            fontweight="bold",
            color=chart.INK,
            va="center",
            zorder=5,
        )
        if two_lines:
            axes.text(
                card.x + 11,
                card.y + 25,
                fitted(second, room, role_size),
                fontsize=role_size,
                color=chart.MUTED_INK,
                va="center",
                zorder=5,
            )
    _legend(
        axes,
        plot.x,
        plot.y + plot.height + 66,
        scale,
        with_lines=True,
        size=size(11),
        attitudes=attitudes,
    )
    return figure


def communication_figure(people: Sequence[Stakeholder], product: str = "") -> Figure:
    """Product management in the centre, departments around it, their people beside them."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Circle, FancyBboxPatch

    layout = chart.communication_layout(people)
    bounds = layout.bounds
    left, right = bounds.x, bounds.x + bounds.width
    top, bottom = bounds.y, bounds.y + bounds.height + 30
    scale = FIGURE_WIDTH * 72 / (right - left)
    figure = Figure(figsize=(FIGURE_WIDTH, FIGURE_WIDTH * (bottom - top) / (right - left)))
    axes = _canvas(figure, left, right, top, bottom)
    nodes = {node.name: node for node in layout.departments}
    for person_id, chip in layout.chips.items():
        node = nodes[layout.chip_department[person_id]]
        near_x = chip.x if chip.x + chip.width / 2 > node.x else chip.x + chip.width
        axes.plot(
            [node.x, near_x], [node.y, chip.y + chip.height / 2], color="#9aa8c7", lw=0.7, zorder=1
        )
    for node in layout.departments:
        colour = "#9fd3cb" if node.external else "#a9bce6"
        axes.plot(
            [0, node.x],
            [0, node.y],
            color=colour,
            lw=(2 + min(node.count, 6) * 1.2) * scale,
            linestyle="--" if node.external else "-",
            zorder=1,
        )
    for node in layout.departments:
        ink = "#0f766e" if node.external else "#1e3a8a"
        axes.add_patch(
            Circle(
                (node.x, node.y),
                chart.DEPARTMENT_RADIUS,
                facecolor="#f0fdfa" if node.external else "#eef2ff",
                edgecolor=ink,
                lw=1.5 * scale,
                linestyle="--" if node.external else "-",
                zorder=2,
            )
        )
        axes.text(
            node.x,
            node.y - 4,
            "\n".join(textwrap.wrap(node.name, 13)),
            ha="center",
            va="center",
            fontsize=10 * scale,
            fontweight="bold",
            color=ink,
            zorder=3,
        )
        axes.text(
            node.x,
            node.y + 26,
            f"{node.count} {'person' if node.count == 1 else 'people'}",
            ha="center",
            va="center",
            fontsize=9 * scale,
            color=ink,
            zorder=3,
        )
    axes.add_patch(
        Circle((0, 0), chart.HUB_RADIUS, facecolor="#1d4ed8", edgecolor="white", zorder=2)
    )
    axes.text(
        0,
        -8,
        "Product\nmanagement",
        ha="center",
        va="center",
        color="white",
        fontsize=15 * scale,
        fontweight="bold",
        zorder=3,
    )
    if product:
        axes.text(
            0, 30, product, ha="center", va="center", color="#dbe4ff", fontsize=11 * scale, zorder=3
        )
    by_id = {person.id: person for person in people}
    for person_id, chip in layout.chips.items():
        person = by_id[person_id]
        axes.add_patch(
            FancyBboxPatch(
                (chip.x, chip.y),
                chip.width,
                chip.height,
                boxstyle="round,pad=0,rounding_size=6",
                facecolor="white",
                edgecolor="#c9cfd8",
                lw=0.8,
                zorder=3,
            )
        )
        axes.add_patch(
            Circle(
                (chip.x + 14, chip.y + chip.height / 2),
                6,
                zorder=4,
                color=chart.ATTITUDE_COLOURS.get(person.attitude, "#888888"),
            )
        )
        plan = " · ".join(part for part in (person.channel, person.cadence) if part)
        axes.text(
            chip.x + 26,
            chip.y + 12,
            _short(person.name, 24),
            fontsize=12 * scale,
            fontweight="bold",
            color=chart.INK,
            va="center",
            zorder=5,
        )
        axes.text(
            chip.x + 26,
            chip.y + 27,
            _short(plan or "No communication plan yet", 32),
            fontsize=10 * scale,
            color=chart.MUTED_INK,
            va="center",
            zorder=5,
        )
    _legend(axes, left + 8, bottom - 16, scale, with_lines=False)
    return figure


def _canvas(figure: Figure, left: float, right: float, top: float, bottom: float) -> Axes:
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(left, right)
    axes.set_ylim(bottom, top)  # y grows downwards, as in the layout
    axes.set_aspect("equal")
    axes.axis("off")
    return axes


def _legend(
    axes: Axes,
    x: float,
    y: float,
    scale: float,
    with_lines: bool,
    size: float | None = None,
    *,
    attitudes: bool = True,
) -> None:
    from matplotlib.patches import Rectangle

    size = size or 11 * scale
    char = 7 * size / (11 * scale)  # a label's advance per character, in layout units
    for key, label in ATTITUDES.items() if attitudes else ():
        axes.add_patch(Rectangle((x, y - 6), 12, 12, color=chart.ATTITUDE_COLOURS[key]))
        axes.text(x + 17, y, label, va="center", fontsize=size, color=chart.INK)
        x += 30 + len(label) * char
    if not with_lines:
        return
    x += 20
    for kind, label in RELATIONSHIP_KINDS.items():
        axes.plot(
            [x, x + 26],
            [y, y],
            color=chart.RELATIONSHIP_COLOURS[kind],
            linestyle=LINE_STYLES[kind],
            lw=1.4 * scale,
        )
        axes.text(x + 32, y, label, va="center", fontsize=size, color=chart.INK)
        x += 50 + len(label) * char


def fitted(text: str, points: float, size: float, *, bold: bool = False, name: bool = False) -> str:
    """``text`` as it fits ``points`` wide at ``size``: whole; for a ``name``, then with the
    first names as initials ("D. Whitfield"); then cut short with "…"."""
    if _width(text, size, bold) <= points:
        return text
    parts = text.split()
    if name and len(parts) > 1:
        text = " ".join([*(f"{part[0]}." for part in parts[:-1]), parts[-1]])
        if _width(text, size, bold) <= points:
            return text
    for length in range(len(text) - 1, 1, -1):
        short = _short(text, length)
        if _width(short, size, bold) <= points:
            return short
    return _short(text, 2)


def _width(text: str, size: float, bold: bool) -> float:
    """The width of ``text`` in points, as matplotlib lays it out in its default font."""
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(size=size, weight="bold" if bold else "normal")
    width, _height, _descent = _text_to_path().get_text_width_height_descent(
        text, prop, ismath=False
    )
    return float(width)


@functools.cache
def _text_to_path() -> Any:
    from matplotlib.textpath import TextToPath  # matplotlib loads only when drawing

    return TextToPath()


def grid_aspect() -> float:
    """The grid figure's height as a share of its width."""
    plot = chart.PLOT
    return (plot.height + 106) / (plot.width + 86)


def _crowded_chips(
    layout: chart.GridLayout, people: Sequence[Stakeholder], crowded: Mapping[tuple[int, int], int]
) -> list[tuple[chart.Rect, str]]:
    """Put the one drawn person of each crowded cell in its upper slot and return the
    "+N more" cards for the lower slots."""
    chips: list[tuple[chart.Rect, str]] = []
    if not crowded:
        return chips
    by_cell = {chart.cell_of(person): person for person in people}
    for (influence, interest), more in crowded.items():
        cx, cy = chart.cell_center(influence, interest)
        slots = [chart.stack_offset(index, 2) for index in (0, 1)]
        rects = [
            chart.Rect(
                cx + dx - chart.CARD_WIDTH / 2,
                cy + dy - chart.CARD_HEIGHT / 2,
                chart.CARD_WIDTH,
                chart.CARD_HEIGHT,
            )
            for dx, dy in slots
        ]
        person = by_cell.get((influence, interest))
        if person is not None:
            layout.cards[person.id] = rects[0]
        chips.append((rects[1], f"+{more:,} more"))
    return chips


def _place(people: Sequence[Stakeholder], person_id: str) -> tuple[int, int]:
    person = next(p for p in people if p.id == person_id)
    return person.influence, person.interest


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
