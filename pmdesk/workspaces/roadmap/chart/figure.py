"""The roadmap chart alone as a matplotlib Figure (never pyplot), for export and the briefing.

It draws :func:`pmdesk.workspaces.roadmap.chart.layout.layout_timeline`'s result, so the
picture matches the app. One layout pixel is drawn as one pixel at 96 dpi (0.75 pt), the app's
font size included.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pmdesk.errors import PmdeskError
from pmdesk.workspaces.roadmap.chart.layout import BaselineDates, TimelineLayout, layout_timeline
from pmdesk.workspaces.roadmap.chart.style import (
    BROKEN_LINK_COLOR,
    CHAR_PX,
    GHOST_COLOR,
    GHOST_HEIGHT,
    GRID_COLOR,
    GRID_MAJOR_COLOR,
    HEADER_FILL,
    HEADER_ROW,
    LANE_FILL,
    LANE_LABEL_WIDTH,
    LINK_COLOR,
    MARKER_COLORS,
    MUTED_TEXT,
    TEXT_COLOR,
    TODAY_COLOR,
    legend_entries,
    readable_text_on,
    tint,
)
from pmdesk.workspaces.roadmap.plan import Roadmap

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

PX = 1 / 96  # inches per layout pixel
POINTS_PER_PX = 0.75
SMALLEST_TEXT_PX = 11  # the legend, the lower header row, marker names and "Today"
MARKER_ROW = 20
LEGEND_HEIGHT = 30
FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}


class ExportError(PmdeskError):
    """The chart could not be exported as asked."""


def roadmap_figure(
    roadmap: Roadmap,
    today: date,
    *,
    zoom: str = "quarter",
    first: date | None = None,
    last: date | None = None,
    lane_ids: Collection[str] | None = None,
    colour_by: str = "status",
    baseline: BaselineDates | None = None,
    title: str | None = None,
    squeeze: float = 1.0,
) -> Figure:
    """The timeline for ``[first, last]`` and the chosen lanes, with a legend."""
    from matplotlib.figure import Figure  # matplotlib loads on first use, not at start-up

    if first is not None and last is not None and last < first:
        raise ExportError("The export range ends before it starts.")
    layout = layout_timeline(
        roadmap,
        zoom,
        today,
        colour_by=colour_by,
        lane_ids=lane_ids,
        first=first,
        last=last,
        baseline=baseline,
        squeeze=squeeze,
    )
    if not layout.lanes:
        raise ExportError("Choose at least one lane to export.")
    top = chrome_height(title)
    width, height = figure_pixels(layout.width, layout.height, title)
    figure = Figure(figsize=(width * PX, height * PX), dpi=96)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(-LANE_LABEL_WIDTH, layout.width + 12)
    axes.set_ylim(layout.height + LEGEND_HEIGHT + 8, -top)
    axes.set_axis_off()
    _draw_grid(axes, layout)
    _draw_links(axes, layout)
    _draw_bars(axes, layout)
    _draw_header(axes, layout, title)
    _draw_lanes(axes, layout)
    lanes = [(band.lane.name, band.lane.color) for band in layout.lanes]
    _draw_legend(axes, layout, legend_entries(colour_by, lanes))
    return figure


def chrome_height(title: str | None = None) -> float:
    """Layout pixels above the lanes: the title, the two header rows and the marker row."""
    return (32 if title else 0) + HEADER_ROW * 2 + MARKER_ROW


def figure_pixels(
    lanes_width: float, lanes_height: float, title: str | None = None
) -> tuple[float, float]:
    """The whole figure's size in layout pixels (96 per inch) for lanes of that size, so a
    briefing can plan how many lanes and how long a period one page holds."""
    return (
        LANE_LABEL_WIDTH + lanes_width + 12,
        chrome_height(title) + lanes_height + LEGEND_HEIGHT + 8,
    )


def export_roadmap(path: Path, figure: Figure, dpi: int = 200) -> Path:
    """Write the figure as PNG, SVG or PDF, chosen by the file's suffix."""
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise ExportError(f"{path.name} must end in .png, .svg or .pdf.")
    try:
        figure.savefig(path, format=kind, dpi=dpi if kind == "png" else 96)
    except OSError as error:
        raise ExportError(f"Could not write {path.name}: {error.strerror or error}.") from None
    return path


def _text(axes: Axes, x: float, y: float, text: str, px: float = 12, **style: object) -> None:
    axes.text(x, y, text, fontsize=px * POINTS_PER_PX, va="center", **style)  # type: ignore[arg-type]


def _draw_grid(axes: Axes, layout: TimelineLayout) -> None:
    from matplotlib.patches import Rectangle

    for index, band in enumerate(layout.lanes):
        axes.add_patch(
            Rectangle((0, band.y), layout.width, band.height, color=LANE_FILL[index % 2], lw=0)
        )
    # Lines of one style go in one collection: a big roadmap has hundreds of them, and one
    # artist each is most of the drawing time.
    bottom = layout.height
    _lines(
        axes,
        [
            ((-LANE_LABEL_WIDTH, b.y + b.height), (layout.width, b.y + b.height))
            for b in layout.lanes
        ],
        GRID_MAJOR_COLOR,
        0.6,
    )
    _lines(axes, [((x, 0), (x, bottom)) for x in layout.minor], GRID_COLOR, 0.5)
    _lines(axes, [((b.x0, 0), (b.x0, bottom)) for b in layout.lower], GRID_MAJOR_COLOR, 0.7)
    _lines(axes, [((b.x0, 0), (b.x0, bottom)) for b in layout.upper], "#8d99a6", 1.1)
    by_colour: dict[str, list[tuple[tuple[float, float], tuple[float, float]]]] = {}
    for marker, x in layout.markers:
        colour = MARKER_COLORS.get(marker.kind, MUTED_TEXT)
        by_colour.setdefault(colour, []).append(((x, 0), (x, bottom)))
    for colour, segments in by_colour.items():
        _lines(axes, segments, colour, 0.9, style=(0, (4, 3)))
    if layout.today_x is not None:
        axes.plot([layout.today_x] * 2, [0, layout.height], color=TODAY_COLOR, lw=1.5, zorder=6)


def _lines(
    axes: Axes,
    segments: list[tuple[tuple[float, float], tuple[float, float]]],
    colour: str,
    width: float,
    *,
    style: object = "solid",
) -> None:
    from matplotlib.collections import LineCollection

    if segments:
        axes.add_collection(
            LineCollection(segments, colors=colour, linewidths=width, linestyles=style, zorder=2)
        )


def _draw_links(axes: Axes, layout: TimelineLayout) -> None:
    for arrow in layout.arrows:
        xs = [x for x, _y in arrow.points]
        ys = [y for _x, y in arrow.points]
        color = BROKEN_LINK_COLOR if arrow.broken else LINK_COLOR
        axes.plot(
            xs,
            ys,
            color=color,
            lw=1.1 if arrow.broken else 0.8,
            ls=(0, (3, 2)) if arrow.broken else "-",
            zorder=2,
        )
        end_x, end_y = arrow.points[-1]
        axes.fill(
            [end_x, end_x - 6, end_x - 6], [end_y, end_y - 4, end_y + 4], color=color, zorder=2
        )


def _draw_bars(axes: Axes, layout: TimelineLayout) -> None:
    from matplotlib.patches import FancyBboxPatch, Polygon, Rectangle

    for bar in layout.bars:
        if bar.ghost is not None:
            gx0, gx1 = bar.ghost
            axes.add_patch(
                Rectangle(
                    (gx0, bar.ghost_y), gx1 - gx0, GHOST_HEIGHT, color=GHOST_COLOR, lw=0, zorder=3
                )
            )
        edge = BROKEN_LINK_COLOR if bar.broken else bar.color
        style = (0, (3, 2)) if bar.broken else "-"
        if bar.milestone:
            cx, cy, half = (bar.x0 + bar.x1) / 2, bar.mid_y, bar.height / 2
            axes.add_patch(
                Polygon(
                    [(cx, cy - half), (cx + half, cy), (cx, cy + half), (cx - half, cy)],
                    closed=True,
                    facecolor=bar.color,
                    edgecolor=edge,
                    lw=1,
                    ls=style,
                    zorder=4,
                )
            )
        else:
            fill = tint(bar.color, 0.78) if bar.item.kind == "initiative" else bar.color
            width = bar.x1 - bar.x0
            if bar.item.kind == "release":  # a chevron, as in the app
                tip = min(8.0, width / 2)
                shape = Polygon(
                    [
                        (bar.x0, bar.y),
                        (bar.x1 - tip, bar.y),
                        (bar.x1, bar.mid_y),
                        (bar.x1 - tip, bar.y + bar.height),
                        (bar.x0, bar.y + bar.height),
                    ],
                    closed=True,
                    facecolor=fill,
                    edgecolor=edge,
                    lw=0.8,
                    ls=style,
                    zorder=4,
                )
            else:
                shape = FancyBboxPatch(
                    (bar.x0, bar.y),
                    width,
                    bar.height,
                    boxstyle=f"round,pad=0,rounding_size={min(4, width / 2)}",
                    facecolor=fill,
                    edgecolor=edge,
                    lw=1.2 if bar.broken else 0.8,
                    ls=style,
                    zorder=4,
                )
            axes.add_patch(shape)
            if bar.item.progress and width > 6:
                done = (width - 2) * bar.item.progress / 100
                shade = bar.color if bar.item.kind == "initiative" else "#00000055"
                axes.add_patch(
                    Rectangle(
                        (bar.x0 + 1, bar.y + bar.height - 4), done, 3, color=shade, lw=0, zorder=5
                    )
                )
        if not bar.show_label:
            continue
        if bar.label_inside:
            on = tint(bar.color, 0.78) if bar.item.kind == "initiative" else bar.color
            _text(
                axes,
                bar.label_x,
                bar.mid_y - 1,
                bar.label,
                color=readable_text_on(on),
                zorder=6,
                clip_on=True,
            )
        else:
            _text(axes, bar.label_x, bar.mid_y - 1, bar.label, color=TEXT_COLOR, zorder=6)


def _draw_header(axes: Axes, layout: TimelineLayout, title: str | None) -> None:
    from matplotlib.patches import Rectangle

    header_top = -(HEADER_ROW * 2 + MARKER_ROW)
    axes.add_patch(
        Rectangle(
            (-LANE_LABEL_WIDTH, header_top),
            LANE_LABEL_WIDTH + layout.width,
            -header_top,
            color=HEADER_FILL,
            lw=0,
            zorder=7,
        )
    )
    if title:
        _text(
            axes, -LANE_LABEL_WIDTH + 8, header_top - 16, title, 18, color=TEXT_COLOR, weight="bold"
        )
    for row, bands in enumerate((layout.upper, layout.lower)):
        y = header_top + row * HEADER_ROW
        for band in bands:
            axes.plot(
                [band.x0, band.x0], [y, y + HEADER_ROW], color=GRID_MAJOR_COLOR, lw=0.7, zorder=8
            )
            _text(
                axes,
                band.x0 + 6,
                y + HEADER_ROW / 2,
                band.label,
                12 if row == 0 else 11,
                color=TEXT_COLOR if row == 0 else MUTED_TEXT,
                weight="bold" if row == 0 else "normal",
                zorder=8,
                clip_on=True,
            )
        axes.plot(
            [-LANE_LABEL_WIDTH, layout.width],
            [y + HEADER_ROW] * 2,
            color=GRID_MAJOR_COLOR,
            lw=0.7,
            zorder=8,
        )
    marker_y = -MARKER_ROW / 2
    places = [x for _marker, x in layout.markers]
    _triangles(axes, layout, marker_y)
    for index, (marker, x) in enumerate(layout.markers):
        color = MARKER_COLORS.get(marker.kind, MUTED_TEXT)
        # A label stops short of the next marker (shortened, or left out when there is no room)
        # and turns to the left at the right edge of the chart.
        room = (places[index + 1] if index + 1 < len(places) else layout.width) - x - 16
        name = marker.name
        if len(name) * CHAR_PX > room:
            fits = int(room / CHAR_PX) - 1
            name = f"{name[:fits].rstrip()}…" if fits >= 4 else ""
        if not name and index + 1 == len(places):
            _text(axes, x - 7, marker_y, marker.name, 11, color=color, zorder=8, ha="right")
        elif name:
            _text(axes, x + 7, marker_y, name, 11, color=color, zorder=8)
    if layout.today_x is not None:
        axes.add_patch(
            Rectangle(
                (layout.today_x - 20, marker_y - 7), 40, 14, color=TODAY_COLOR, lw=0, zorder=9
            )
        )
        axes.text(
            layout.today_x,
            marker_y,
            "Today",
            fontsize=SMALLEST_TEXT_PX * POINTS_PER_PX,
            color="#ffffff",
            ha="center",
            va="center",
            zorder=10,
        )


def _triangles(axes: Axes, layout: TimelineLayout, y: float) -> None:
    """Each marker's triangle in the header, all in one collection."""
    from matplotlib.collections import PolyCollection

    if not layout.markers:
        return
    shapes = [[(x - 5, y - 4), (x + 5, y - 4), (x, y + 5)] for _marker, x in layout.markers]
    colours = [MARKER_COLORS.get(marker.kind, MUTED_TEXT) for marker, _x in layout.markers]
    axes.add_collection(
        PolyCollection(shapes, facecolors=colours, edgecolors=colours, linewidths=0, zorder=8)
    )


def _draw_lanes(axes: Axes, layout: TimelineLayout) -> None:
    from matplotlib.patches import Rectangle

    for band in layout.lanes:
        axes.add_patch(
            Rectangle(
                (-LANE_LABEL_WIDTH, band.y),
                LANE_LABEL_WIDTH,
                band.height,
                color=HEADER_FILL,
                lw=0,
                zorder=7,
            )
        )
        axes.add_patch(
            Rectangle(
                (-LANE_LABEL_WIDTH, band.y + 1),
                5,
                band.height - 2,
                color=band.lane.color,
                lw=0,
                zorder=8,
            )
        )
        _text(
            axes,
            -LANE_LABEL_WIDTH + 12,
            band.y + 14,
            band.lane.name,
            13,
            color=TEXT_COLOR,
            weight="bold",
            zorder=8,
        )
    axes.plot(
        [0, 0],
        [-(HEADER_ROW * 2 + MARKER_ROW), layout.height],
        color=GRID_MAJOR_COLOR,
        lw=0.8,
        zorder=8,
    )


def _draw_legend(axes: Axes, layout: TimelineLayout, entries: list[tuple[str, str]]) -> None:
    from matplotlib.patches import Rectangle

    y = layout.height + LEGEND_HEIGHT / 2 + 4
    x = -LANE_LABEL_WIDTH + 12
    for label, color in entries:
        axes.add_patch(Rectangle((x, y - 6), 18, 12, color=color, lw=0))
        _text(axes, x + 24, y, label, 11, color=MUTED_TEXT)
        x += 24 + len(label) * 6.2 + 18
    if any(bar.ghost for bar in layout.bars):
        axes.add_patch(Rectangle((x, y - 2), 18, GHOST_HEIGHT, color=GHOST_COLOR, lw=0))
        _text(axes, x + 24, y, "Baseline", 11, color=MUTED_TEXT)
        x += 24 + 50 + 18
    if layout.arrows:
        axes.plot([x, x + 18], [y, y], color=LINK_COLOR, lw=0.8)
        _text(axes, x + 24, y, "Depends on", 11, color=MUTED_TEXT)
        x += 24 + 70 + 18
        if any(arrow.broken for arrow in layout.arrows):
            axes.plot([x, x + 18], [y, y], color=BROKEN_LINK_COLOR, lw=1.1, ls=(0, (3, 2)))
            _text(axes, x + 24, y, "Dependency broken", 11, color=MUTED_TEXT)
