"""A canvas board as a picture: blocks on the template's grid, sticky notes flowing inside.

:func:`board_layout` places everything in pixels (origin top left, y down); the app's
QGraphicsScene and :func:`board_figure` (matplotlib, for export and the briefing) both draw from
it. Rows grow to fit their notes, so a full block never hides a note.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pmdesk.workspaces.strategy.boards import BoardView
from pmdesk.workspaces.strategy.model import NOTE_COLOURS

if TYPE_CHECKING:
    from matplotlib.figure import Figure

GAP = 8.0  # between blocks
PADDING = 10.0  # inside a block
TITLE_HEIGHT = 24.0
HINT_HEIGHT = 16.0
NOTE_WIDTH = 148.0
NOTE_GAP = 8.0
LINE_HEIGHT = 14.0
CHAR_WIDTH = 6.3  # average width of a 9 pt character, for wrapping without a font
TITLE_CHAR_WIDTH = 7.6  # the same for a block title (10.5 pt bold)
NOTE_LINES_MAX = 7
MIN_ROW_HEIGHT = 150.0
BLOCK_FILL = "#F7F8FA"
BLOCK_EDGE = "#D5DAE1"
TITLE_INK = "#1F2933"
HINT_INK = "#7B8794"
NOTE_INK = "#1F2933"


@dataclass(frozen=True)
class NoteBox:
    id: str
    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]
    fill: str
    linked: bool
    block_id: str
    index: int

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.x + self.width and self.y <= y <= self.y + self.height


@dataclass(frozen=True)
class BlockBox:
    id: str
    title: str
    hint: str
    x: float
    y: float
    width: float
    height: float
    notes: tuple[NoteBox, ...]

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.x + self.width and self.y <= y <= self.y + self.height


@dataclass(frozen=True)
class BoardLayout:
    width: float
    height: float
    blocks: tuple[BlockBox, ...]

    def drop_slot(self, x: float, y: float) -> tuple[str, int] | None:
        """The block and index a note dropped at (x, y) goes to; None outside every block."""
        block = next((b for b in self.blocks if b.contains(x, y)), None)
        if block is None:
            return None
        index = 0
        for note in block.notes:
            below = y > note.y + note.height
            beside = note.y <= y <= note.y + note.height and x > note.x + note.width / 2
            if below or beside:
                index = note.index + 1
        return block.id, index


def wrap_note(text: str, width: float) -> tuple[str, ...]:
    """Lines of a note as shown; long notes end in an ellipsis (the full text is in the editor)."""
    per_line = max(8, int((width - 12) / CHAR_WIDTH))
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines.extend(textwrap.wrap(paragraph, per_line, break_long_words=True) or [""])
    if len(lines) > NOTE_LINES_MAX:
        lines = [*lines[: NOTE_LINES_MAX - 1], lines[NOTE_LINES_MAX - 1][: per_line - 1] + "…"]
    return tuple(lines)


def fit_text(text: str, width: float, char_width: float) -> str:
    """``text`` cut with an ellipsis where it would not fit ``width`` pixels."""
    most = max(4, int(width / char_width))
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def note_height(lines: tuple[str, ...]) -> float:
    return 14.0 + LINE_HEIGHT * len(lines)


def board_layout(board: BoardView, width: float = 1200.0) -> BoardLayout:
    """Place blocks and notes for a board drawn ``width`` pixels wide."""
    columns = max((b.column + b.column_span for b in board.blocks), default=1)
    rows = max((b.row + b.row_span for b in board.blocks), default=1)
    column_width = (width - GAP * (columns + 1)) / columns

    def block_width(span: int) -> float:
        return column_width * span + GAP * (span - 1)

    # How tall each block's content is, given its width; rows then grow to fit.
    content: dict[str, tuple[float, list[tuple[float, float, tuple[str, ...]]]]] = {}
    for block in board.blocks:
        inner = block_width(block.column_span) - 2 * PADDING
        per_row = max(1, int((inner + NOTE_GAP) // (NOTE_WIDTH + NOTE_GAP)))
        note_w = (inner - NOTE_GAP * (per_row - 1)) / per_row
        placed = []
        y = TITLE_HEIGHT + (HINT_HEIGHT if block.hint else 0) + 6
        row_height = 0.0
        for index, note in enumerate(block.notes):
            column = index % per_row
            if column == 0 and index:
                y += row_height + NOTE_GAP
                row_height = 0.0
            lines = wrap_note(note.text, note_w)
            height = note_height(lines)
            row_height = max(row_height, height)
            placed.append((PADDING + column * (note_w + NOTE_GAP), y, lines))
        needed = y + row_height + PADDING
        content[block.id] = (needed, placed)

    row_heights = [MIN_ROW_HEIGHT] * rows
    for block in sorted(board.blocks, key=lambda b: b.row_span):
        span = range(block.row, block.row + block.row_span)
        have = sum(row_heights[r] for r in span) + GAP * (block.row_span - 1)
        need = content[block.id][0]
        if need > have:
            row_heights[block.row + block.row_span - 1] += need - have
    row_tops = [GAP]
    for height in row_heights[:-1]:
        row_tops.append(row_tops[-1] + height + GAP)

    boxes = []
    for block in board.blocks:
        x = GAP + block.column * (column_width + GAP)
        y = row_tops[block.row]
        w = block_width(block.column_span)
        h = sum(row_heights[block.row : block.row + block.row_span]) + GAP * (block.row_span - 1)
        inner = w - 2 * PADDING
        per_row = max(1, int((inner + NOTE_GAP) // (NOTE_WIDTH + NOTE_GAP)))
        note_w = (inner - NOTE_GAP * (per_row - 1)) / per_row
        notes = tuple(
            NoteBox(
                note.id,
                x + nx,
                y + ny,
                note_w,
                note_height(lines),
                lines,
                NOTE_COLOURS.get(note.colour, NOTE_COLOURS["yellow"]),
                note.link_id is not None,
                block.id,
                index,
            )
            for index, (note, (nx, ny, lines)) in enumerate(
                zip(block.notes, content[block.id][1], strict=True)
            )
        )
        boxes.append(BlockBox(block.id, block.title, block.hint, x, y, w, h, notes))
    height = row_tops[-1] + row_heights[-1] + GAP
    return BoardLayout(width, height, tuple(boxes))


def board_figure(board: BoardView, title: str | None = None, width: float = 1200.0) -> Figure:
    """The board as a matplotlib Figure, for export and the briefing."""
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyBboxPatch

    layout = board_layout(board, width)
    heading = 40.0
    dpi = 100
    figure = Figure(figsize=(width / dpi, (layout.height + heading) / dpi), dpi=dpi)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, width)
    axes.set_ylim(layout.height, -heading)
    axes.axis("off")
    axes.text(
        GAP,
        -heading / 2,
        board.name if title is None else title,
        fontsize=15,
        fontweight="bold",
        color=TITLE_INK,
        va="center",
    )
    for block in layout.blocks:
        axes.add_patch(
            FancyBboxPatch(
                (block.x, block.y),
                block.width,
                block.height,
                boxstyle="round,pad=0,rounding_size=6",
                facecolor=BLOCK_FILL,
                edgecolor=BLOCK_EDGE,
                linewidth=1,
            )
        )
        axes.text(
            block.x + PADDING,
            block.y + 15,
            fit_text(block.title, block.width - 2 * PADDING, TITLE_CHAR_WIDTH),
            fontsize=10.5,
            fontweight="bold",
            color=TITLE_INK,
            va="center",
        )
        if block.hint:
            hint = textwrap.shorten(
                block.hint, int((block.width - 2 * PADDING) / 4.6), placeholder="…"
            )
            axes.text(
                block.x + PADDING,
                block.y + TITLE_HEIGHT + 5,
                hint,
                fontsize=7.5,
                color=HINT_INK,
                va="center",
                style="italic",
            )
        for note in block.notes:
            axes.add_patch(
                FancyBboxPatch(
                    (note.x, note.y),
                    note.width,
                    note.height,
                    boxstyle="round,pad=0,rounding_size=3",
                    facecolor=note.fill,
                    edgecolor="#00000018",
                    linewidth=0.8,
                )
            )
            axes.text(
                note.x + 6,
                note.y + 7,
                "\n".join(note.lines),
                fontsize=8.2,
                color=NOTE_INK,
                va="top",
                linespacing=1.25,
            )
            if note.linked:
                axes.text(
                    note.x + note.width - 5,
                    note.y + 6,
                    "↗",
                    fontsize=7,
                    color=HINT_INK,
                    ha="right",
                    va="top",
                )
    return figure
