"""The stakeholder pictures as matplotlib figures, for the Word briefing.

They draw from the same layout functions as the app's scenes (``chart/layout.py``), so the
briefing shows what the PM arranged. matplotlib is imported inside the functions: it is slow
to import and the app must not pay for it at start-up.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

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
) -> Figure:
    """The power/interest grid; with ``before``, arrows from a snapshot's places to today's."""
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle

    plot = chart.PLOT
    left, right = plot.x - 70, plot.x + plot.width + 16
    top, bottom = plot.y - 16, plot.y + plot.height + 90
    scale = FIGURE_WIDTH * 72 / (right - left)  # points per layout unit
    figure = Figure(figsize=(FIGURE_WIDTH, FIGURE_WIDTH * (bottom - top) / (right - left)))
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
            fontsize=15 * scale,
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
            fontsize=11 * scale,
            color=chart.MUTED_INK,
        )
        axes.text(
            plot.x - 12,
            y,
            str(score),
            ha="right",
            va="center",
            fontsize=11 * scale,
            color=chart.MUTED_INK,
        )
    axes.text(
        plot.x + plot.width / 2,
        plot.y + plot.height + 34,
        "Interest in the product  →",
        ha="center",
        va="center",
        fontsize=13 * scale,
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
        fontsize=13 * scale,
        fontweight="bold",
        color=chart.INK,
    )

    layout = chart.grid_layout(people)
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
    for person in people:
        card = layout.cards[person.id]
        colour = chart.ATTITUDE_COLOURS.get(person.attitude, "#888888")
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
            card.y + 11,
            _short(person.name, 17),
            fontsize=12 * scale,
            fontweight="bold",
            color=chart.INK,
            va="center",
            zorder=5,
        )
        axes.text(
            card.x + 11,
            card.y + 25,
            _short(person.role or person.department, 21),
            fontsize=10 * scale,
            color=chart.MUTED_INK,
            va="center",
            zorder=5,
        )
    _legend(axes, plot.x, plot.y + plot.height + 66, scale, with_lines=True)
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


def _legend(axes: Axes, x: float, y: float, scale: float, with_lines: bool) -> None:
    from matplotlib.patches import Rectangle

    for key, label in ATTITUDES.items():
        axes.add_patch(Rectangle((x, y - 6), 12, 12, color=chart.ATTITUDE_COLOURS[key]))
        axes.text(x + 17, y, label, va="center", fontsize=11 * scale, color=chart.INK)
        x += 30 + len(label) * 7
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
        axes.text(x + 32, y, label, va="center", fontsize=11 * scale, color=chart.INK)
        x += 50 + len(label) * 7


def _place(people: Sequence[Stakeholder], person_id: str) -> tuple[int, int]:
    person = next(p for p in people if p.id == person_id)
    return person.influence, person.interest


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
