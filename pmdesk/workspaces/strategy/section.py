"""Strategy: the strategy canvas with its ERRC grid, and the strategy boards the PM chose."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from pmdesk.export.blocks import GridCell
from pmdesk.export.section import OptionSpec, SectionContext
from pmdesk.export.text import counted
from pmdesk.workspaces.strategy.boards import BoardView, list_boards, load_board
from pmdesk.workspaces.strategy.canvas import Canvas, load_canvas
from pmdesk.workspaces.strategy.chart.board import BLOCK_FILL
from pmdesk.workspaces.strategy.chart.canvas import ACTION_COLOURS, CROWDED, canvas_figure
from pmdesk.workspaces.strategy.chart.errc import PLACES, QUESTIONS, errc_entries
from pmdesk.workspaces.strategy.model import ACTIONS, FUTURE, NOTE_COLOURS, TODAY

if TYPE_CHECKING:  # the Word writer loads only when a briefing is written
    from pmdesk.export.writer import BriefingDocument

CANVAS_HEIGHT = 5.6  # inches, at most
CANVAS_ROOM = 0.38  # of the page's height: the ERRC grid fits below it
CANVAS_ROOM_CROWDED = 0.68  # with slanted factor names; the ERRC grid may then turn the page
CANVAS = OptionSpec("canvas", "Strategy canvas and ERRC grid", "bool", True)
BOARDS = OptionSpec(
    "boards",
    "Boards to include",
    "names",
    [],
    hint="None ticked: all",
    names_in=lambda session: [name for _id, name in list_boards(session)],
)

MAX_FACTORS = 30
MAX_CURVES = 6  # more lines than this on one canvas cannot be told apart
MAX_ERRC_ROWS = 6  # lines per ERRC quadrant, so the grid fits below the canvas; the rest counted
MAX_UNCHOSEN = 3  # boards shown when the PM chose none: each is a full page


@dataclass(frozen=True)
class StrategyContent:
    canvas: Canvas | None
    boards: list[BoardView]


class StrategySection:
    key = "strategy"
    options = (CANVAS, BOARDS)
    empty_message = "No strategy canvas or strategy board has been drawn yet."

    def collect(self, context: SectionContext) -> StrategyContent | None:
        session = context.session
        canvas = load_canvas(session) if context.option(CANVAS) else None
        if canvas is not None and (not canvas.factors or not canvas.curves):
            canvas = None
        wanted = {name.casefold() for name in context.option(BOARDS)}
        every_board = list_boards(session)
        chosen = [board_id for board_id, name in every_board if name.casefold() in wanted]
        if not wanted:
            chosen = [board_id for board_id, _name in every_board[:MAX_UNCHOSEN]]
            if len(every_board) > MAX_UNCHOSEN:
                context.warnings.append(
                    f"The strategy section shows the first {MAX_UNCHOSEN} of "
                    f"{len(every_board)} boards. Choose boards in the section's options."
                )
        boards = [load_board(session, board_id) for board_id in chosen]
        boards = [board for board in boards if board.note_count]
        if canvas is None and not boards:
            return None
        return StrategyContent(canvas, boards)

    def landscape(self, content: StrategyContent) -> bool:
        return True  # the canvas and the boards are wide pictures

    def write(
        self, content: StrategyContent, out: BriefingDocument, context: SectionContext
    ) -> None:
        if content.canvas is not None:
            _write_canvas(content.canvas, out)
        for index, board in enumerate(content.boards):
            # A heading that starts a page, not a page break: a break after a full page would
            # leave a blank one behind.
            new_page = content.canvas is not None or index > 0
            out.heading(board.name, 2, field="Strategy › Board name", new_page=new_page)
            _write_board(board, out)


def _write_board(board: BoardView, out: BriefingDocument) -> None:
    """The board's blocks as a Word table on the template's grid, notes in their colours."""
    cells = [
        GridCell(
            row=block.row,
            column=block.column,
            row_span=max(1, block.row_span),
            column_span=max(1, block.column_span),
            title=block.title,
            hint=block.hint,
            lines=tuple(
                (note.text, NOTE_COLOURS.get(note.colour, NOTE_COLOURS["yellow"]))
                for note in block.notes
            ),
            fill=BLOCK_FILL,
        )
        for block in board.blocks
    ]
    out.grid(cells, f"Strategy board “{board.name}”", empty="–")


def _visible_canvas(canvas: Canvas) -> tuple[Canvas, int]:
    """At most MAX_FACTORS factors, those with a move first, in the canvas's own order, and
    at most MAX_CURVES curves, ours first; and how many factors were left out."""
    shown = [curve for curve in canvas.curves if curve.shown]
    ours = [curve for curve in shown if curve.role in (TODAY, FUTURE)]
    others = [curve for curve in shown if curve.role not in (TODAY, FUTURE)]
    kept_curves = {curve.id for curve in (ours + others)[:MAX_CURVES]}
    if len(kept_curves) < len(canvas.curves):
        canvas = Canvas(canvas.factors, tuple(c for c in canvas.curves if c.id in kept_curves))
    if len(canvas.factors) <= MAX_FACTORS:
        return canvas, 0
    moving = [i for i, f in enumerate(canvas.factors) if f.action in ACTIONS]
    still = [i for i, f in enumerate(canvas.factors) if f.action not in ACTIONS]
    kept = sorted((moving + still)[:MAX_FACTORS])
    curves = tuple(
        replace(
            curve,
            levels=tuple(curve.levels[i] for i in kept if i < len(curve.levels)),
            adjusted=tuple(curve.adjusted[i] for i in kept if i < len(curve.adjusted)),
        )
        for curve in canvas.curves
    )
    factors = tuple(canvas.factors[i] for i in kept)
    return Canvas(factors, curves), len(canvas.factors) - len(kept)


def _write_canvas(canvas: Canvas, out: BriefingDocument) -> None:
    out.heading("Strategy canvas", 2)
    shown, hidden = _visible_canvas(canvas)
    curves = [curve.name for curve in shown.curves]
    drawn = sum(1 for curve in canvas.curves if curve.shown)
    if len(curves) < drawn:
        hidden_note = f"{len(curves)} of {drawn:,} curves are drawn, ours first."
    else:
        hidden_note = ""
    # Drawn at the size it is placed at, so its text keeps the sizes the chart sets (7.5 pt
    # and up); the ERRC grid below shares the page.
    # Many factors get slanted names below the axis, which need height of their own.
    room = CANVAS_ROOM_CROWDED if len(shown.factors) > CROWDED else CANVAS_ROOM
    height = min(CANVAS_HEIGHT, out.content_height * room)
    out.figure(
        canvas_figure(shown, width=out.content_width, height=height),
        max_height=height,
        alt_text=f"Strategy canvas: {counted(len(shown.factors), 'factor')} rated "
        f"for {', '.join(curves[:8]) or 'no curve'}.",
        caption=" ".join(
            part
            for part in (
                f"{counted(len(shown.factors), 'factor')} of {len(canvas.factors):,} are drawn "
                f"(those with a move first); {hidden:,} more are in the Strategy workspace."
                if hidden
                else "",
                hidden_note,
            )
            if part
        ),
    )
    entries = errc_entries(canvas)
    if not any(entries.values()):
        out.note("No factor has an eliminate, reduce, raise or create move yet.")
        return
    out.heading("Eliminate – reduce – raise – create", 3)
    cells = []
    for action, (row, column) in PLACES.items():
        lines = entries[action]
        extra = len(lines) - MAX_ERRC_ROWS
        shown_lines: list[tuple[str, str | None]] = [(line, None) for line in lines[:MAX_ERRC_ROWS]]
        if extra > 0:
            shown_lines.append((f"…and {extra:,} more in the Strategy workspace", None))
        colour = ACTION_COLOURS[action]
        cells.append(
            GridCell(
                row=row,
                column=column,
                title=ACTIONS[action].upper(),
                hint=QUESTIONS[action],
                lines=tuple(shown_lines),
                accent=colour,
                fill=_tint(colour),
            )
        )
    out.grid(cells, "Strategy › Factor name", empty="Nothing yet")


def _tint(colour: str, share: float = 0.08) -> str:
    """``colour`` mixed with white, for a block's background."""
    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    mixed = (round(255 - (255 - part) * share) for part in (red, green, blue))
    return "#" + "".join(f"{part:02X}" for part in mixed)


SECTION = StrategySection()
