"""Strategy: the strategy canvas with its ERRC grid, and the strategy boards the PM chose."""

from __future__ import annotations

from dataclasses import dataclass

from pmdesk.export.section import OptionSpec, SectionContext
from pmdesk.export.writer import BriefingDocument, Column
from pmdesk.workspaces.strategy.boards import BoardView, list_boards, load_board
from pmdesk.workspaces.strategy.canvas import Canvas, load_canvas
from pmdesk.workspaces.strategy.chart.board import board_figure
from pmdesk.workspaces.strategy.chart.canvas import canvas_figure
from pmdesk.workspaces.strategy.chart.errc import errc_figure
from pmdesk.workspaces.strategy.model import ACTIONS

CANVAS = OptionSpec("canvas", "Strategy canvas and ERRC grid", "bool", True)
BOARDS = OptionSpec(
    "boards", "Boards to include", "names", [], hint="Board names, comma-separated; empty: all"
)

MAX_FACTORS = 30
MAX_ERRC_ROWS = 12
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
            out.figure(board_figure(board, title=""), max_height=out.content_height * 0.86)


def _write_canvas(canvas: Canvas, out: BriefingDocument) -> None:
    moves = {action: [f.name for f in canvas.factors if f.action == action] for action in ACTIONS}
    out.heading("Strategy canvas", 2)
    if len(canvas.factors) <= MAX_FACTORS:
        out.figure(canvas_figure(canvas), max_height=out.content_height * 0.55)
    else:
        out.note(
            f"The canvas has {len(canvas.factors)} factors, too many to draw legibly on a page "
            f"(up to {MAX_FACTORS} fit); see it in the Strategy workspace."
        )
    if not any(moves.values()):
        out.note("No factor has an eliminate, reduce, raise or create move yet.")
        return
    out.heading("Eliminate – reduce – raise – create", 3)
    if sum(len(names) for names in moves.values()) <= MAX_ERRC_ROWS * 2:
        out.figure(errc_figure(canvas), max_height=out.content_height * 0.6)
        return
    # Too many moves for the picture's boxes: the same grid as a table, trimmed.
    columns = [Column(label) for label in ACTIONS.values()]
    depth = min(MAX_ERRC_ROWS, max(len(names) for names in moves.values()))
    rows = [
        [names[index] if index < len(names) else "" for names in moves.values()]
        for index in range(depth)
    ]
    out.table(columns, rows, "Strategy › Factor name")
    hidden = sum(max(0, len(names) - MAX_ERRC_ROWS) for names in moves.values())
    if hidden:
        out.note(f"…and {hidden} more factors with a move, in the Strategy workspace.")


SECTION = StrategySection()
