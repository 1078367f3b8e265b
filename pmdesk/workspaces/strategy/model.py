"""Strategy: the strategy canvas (factors, value curves, ERRC) and canvas boards.

The records and the vocabulary live here; the rules that change them are in
``strategy_canvas`` (factors, curves, levels, ERRC) and ``strategy_boards`` (boards, blocks,
notes). Text every strategy record shares is checked by :func:`clean_text`.
"""

from __future__ import annotations

import unicodedata

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pmdesk.domain.allowed import between, hex_colour, one_of
from pmdesk.domain.base import Record
from pmdesk.errors import ValidationError

LEVEL_MIN = 0
LEVEL_MAX = 10
NAME_MAX = 120
NOTE_MAX = 1000
GRID_MAX = 24  # rows or columns of a board; more is a typo, not a board

# ERRC actions in the order the grid shows them; "" keeps today's level.
ACTIONS: dict[str, str] = {
    "eliminate": "Eliminate",
    "reduce": "Reduce",
    "raise": "Raise",
    "create": "Create",
}
KEEP = ""

# Curve roles: our product today, a competitor, our planned future.
TODAY = "today"
COMPETITOR = "competitor"
FUTURE = "future"
ROLES: dict[str, str] = {TODAY: "Our product today", COMPETITOR: "Competitor", FUTURE: "Our future"}

# Sticky-note colours a PM picks from; stored by key so a theme can change the shades.
NOTE_COLOURS: dict[str, str] = {
    "yellow": "#FFE98F",
    "blue": "#C4DEF6",
    "green": "#CDEBC4",
    "pink": "#F7CAD8",
    "orange": "#FFD3AB",
    "purple": "#DED0F2",
    "grey": "#E4E6EA",
}
DEFAULT_NOTE_COLOUR = "yellow"


class CanvasFactor(Record):
    """A factor the industry competes on, one point on the canvas's horizontal axis."""

    __tablename__ = "canvas_factors"
    __label__ = "canvas factors"
    __singular__ = "canvas factor"

    name: Mapped[str] = mapped_column(String(NAME_MAX))
    position: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(Text, default="")
    action: Mapped[str] = mapped_column(String(12), default=KEEP, info=one_of(ACTIONS, empty=True))
    target_level: Mapped[int | None] = mapped_column(
        Integer, nullable=True, default=None, info=between(LEVEL_MIN, LEVEL_MAX)
    )
    # True when the factor was taken from the competitive matrix; if that criterion is later
    # removed the factor stays, as the canvas's own, and the canvas tells the PM so.
    from_matrix: Mapped[bool] = mapped_column(Boolean, default=False)
    criterion_id: Mapped[str | None] = mapped_column(
        ForeignKey("criteria.id", ondelete="SET NULL"), nullable=True, default=None
    )


class CanvasCurve(Record):
    """One player's value curve: our product today, a competitor, or our planned future."""

    __tablename__ = "canvas_curves"
    __label__ = "value curves"
    __singular__ = "value curve"

    name: Mapped[str] = mapped_column(String(NAME_MAX))
    role: Mapped[str] = mapped_column(String(12), default=COMPETITOR, info=one_of(ROLES))
    colour: Mapped[str] = mapped_column(String(7), default="#7F8C8D", info=hex_colour())
    position: Mapped[int] = mapped_column(Integer, default=0)
    shown: Mapped[bool] = mapped_column(Boolean, default=True)
    competitor_id: Mapped[str | None] = mapped_column(
        ForeignKey("competitors.id", ondelete="SET NULL"), nullable=True, default=None
    )


class CanvasLevel(Record):
    """The offering level (0-10) of one curve on one factor."""

    __tablename__ = "canvas_levels"
    __label__ = "curve levels"
    __singular__ = "curve level"
    __table_args__ = (UniqueConstraint("curve_id", "factor_id"),)

    curve_id: Mapped[str] = mapped_column(ForeignKey("canvas_curves.id", ondelete="CASCADE"))
    factor_id: Mapped[str] = mapped_column(ForeignKey("canvas_factors.id", ondelete="CASCADE"))
    level: Mapped[int] = mapped_column(Integer, default=0, info=between(LEVEL_MIN, LEVEL_MAX))
    # Future curves only: the PM set this point by hand, so ERRC no longer moves it.
    adjusted: Mapped[bool] = mapped_column(Boolean, default=False)


class Board(Record):
    """A canvas board (Lean Canvas, Go-to-Market canvas, ...) made from a template."""

    __tablename__ = "boards"
    __label__ = "boards"
    __singular__ = "board"

    name: Mapped[str] = mapped_column(String(NAME_MAX))
    template: Mapped[str] = mapped_column(String(60), default="")  # template file's stem
    position: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(Text, default="")


class BoardBlock(Record):
    """A named area of a board; its place on the board's grid is copied from the template, so
    a board still draws when its template file is gone or changed."""

    __tablename__ = "board_blocks"
    __label__ = "board blocks"
    __singular__ = "board block"

    board_id: Mapped[str] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(NAME_MAX))
    hint: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    row: Mapped[int] = mapped_column(Integer, default=0, info=between(0, GRID_MAX))
    column: Mapped[int] = mapped_column(Integer, default=0, info=between(0, GRID_MAX))
    row_span: Mapped[int] = mapped_column(Integer, default=1, info=between(1, GRID_MAX))
    column_span: Mapped[int] = mapped_column(Integer, default=1, info=between(1, GRID_MAX))


class BoardNote(Record):
    """A sticky note in a block, optionally pointing at a record elsewhere in the project."""

    __tablename__ = "board_notes"
    __label__ = "board notes"
    __singular__ = "note"

    block_id: Mapped[str] = mapped_column(ForeignKey("board_blocks.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text, default="")
    colour: Mapped[str] = mapped_column(
        String(12), default=DEFAULT_NOTE_COLOUR, info=one_of(NOTE_COLOURS)
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    # One optional link; a note points at no more than one record (the dialog enforces it).
    stakeholder_id: Mapped[str | None] = mapped_column(
        ForeignKey("stakeholders.id", ondelete="SET NULL"), nullable=True, default=None
    )
    competitor_id: Mapped[str | None] = mapped_column(
        ForeignKey("competitors.id", ondelete="SET NULL"), nullable=True, default=None
    )
    requirement_id: Mapped[str | None] = mapped_column(
        ForeignKey("requirements.id", ondelete="SET NULL"), nullable=True, default=None
    )


def clean_text(label: str, value: object, limit: int, required: bool = False) -> str:
    """Text as stored: trimmed, within ``limit``, free of characters that cannot be saved,
    printed or put in a Word briefing. Raises ValidationError naming the problem."""
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if required and not text:
        raise ValidationError(f"{label} cannot be empty.")
    if len(text) > limit:
        raise ValidationError(
            f"{label} is {len(text):,} characters long; the most is {limit:,}. "
            "Shorten it or split it in two."
        )
    for index, char in enumerate(text):
        if not _allowed(char):
            raise ValidationError(
                f"{label} contains a character that cannot be stored or printed "
                f"(U+{ord(char):04X} at position {index + 1}). Remove it and try again."
            )
    return text


def _allowed(char: str) -> bool:
    if char in "\n\t":
        return True
    category = unicodedata.category(char)
    # Control characters, lone surrogates and non-characters break files and Word documents.
    if category in ("Cc", "Cs"):
        return False
    return not (0xFFFE <= ord(char) <= 0xFFFF or 0xFDD0 <= ord(char) <= 0xFDEF)
