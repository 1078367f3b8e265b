"""Rules of canvas boards: a board made from a template, its blocks, and the notes in them.

Notes keep a ``position`` inside their block; moving a note renumbers both blocks, so order is
always 0..n-1 and a move is undone by moving it back to where it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmdesk.domain import records
from pmdesk.domain.base import new_id
from pmdesk.errors import ValidationError
from pmdesk.workspaces.strategy.board_templates import BoardTemplate
from pmdesk.workspaces.strategy.model import (
    DEFAULT_NOTE_COLOUR,
    NAME_MAX,
    NOTE_COLOURS,
    NOTE_MAX,
    Board,
    BoardBlock,
    BoardNote,
    clean_text,
)

LINK_FIELDS = ("stakeholder_id", "competitor_id", "requirement_id")


@dataclass(frozen=True)
class NoteView:
    id: str
    text: str
    colour: str
    link_field: str | None  # which of LINK_FIELDS is set, if any
    link_id: str | None


@dataclass(frozen=True)
class BlockView:
    id: str
    title: str
    hint: str
    row: int
    column: int
    row_span: int
    column_span: int
    notes: tuple[NoteView, ...]


@dataclass(frozen=True)
class BoardView:
    id: str
    name: str
    template: str
    blocks: tuple[BlockView, ...]

    @property
    def note_count(self) -> int:
        return sum(len(block.notes) for block in self.blocks)


def list_boards(session: Session) -> list[tuple[str, str]]:
    """(id, name) of every board, in the PM's order."""
    query = select(Board.id, Board.name).order_by(Board.position, Board.name)
    return [(board_id, name) for board_id, name in session.execute(query)]


def load_board(session: Session, board_id: str) -> BoardView:
    """One board with its blocks and notes: three queries, however many notes."""
    board = records.get(session, Board, board_id)
    blocks = session.scalars(
        select(BoardBlock).where(BoardBlock.board_id == board_id).order_by(BoardBlock.position)
    ).all()
    notes = session.execute(
        select(
            BoardNote.id,
            BoardNote.block_id,
            BoardNote.text,
            BoardNote.colour,
            BoardNote.stakeholder_id,
            BoardNote.competitor_id,
            BoardNote.requirement_id,
        )
        .join(BoardBlock, BoardBlock.id == BoardNote.block_id)
        .where(BoardBlock.board_id == board_id)
        .order_by(BoardNote.position)
    ).all()
    by_block: dict[str, list[NoteView]] = {}
    for note_id, block_id, text, colour, *links in notes:
        field, link = next(
            ((name, value) for name, value in zip(LINK_FIELDS, links, strict=True) if value),
            (None, None),
        )
        by_block.setdefault(block_id, []).append(NoteView(note_id, text, colour, field, link))
    return BoardView(
        board.id,
        board.name,
        board.template,
        tuple(
            BlockView(
                b.id,
                b.title,
                b.hint,
                b.row,
                b.column,
                b.row_span,
                b.column_span,
                tuple(by_block.get(b.id, ())),
            )
            for b in blocks
        ),
    )


def create_board(
    session: Session, template: BoardTemplate, name: object = None, record_id: str | None = None
) -> str:
    """A new board laid out as ``template``, with empty blocks; returns its id."""
    cleaned = clean_text("A board's name", name or template.name, NAME_MAX, required=True)
    position = len(list_boards(session))
    board = Board(id=record_id or new_id(), name=cleaned, template=template.key, position=position)
    session.add(board)
    for index, spec in enumerate(template.blocks):
        session.add(
            BoardBlock(
                board_id=board.id,
                title=spec.title,
                hint=spec.hint,
                position=index,
                row=spec.row,
                column=spec.column,
                row_span=spec.row_span,
                column_span=spec.column_span,
            )
        )
    session.commit()
    return board.id


def rename_board(session: Session, board_id: str, name: object) -> str:
    cleaned = clean_text("A board's name", name, NAME_MAX, required=True)
    return str(records.set_fields(session, Board, board_id, name=cleaned)["name"])


def remove_board(session: Session, board_id: str) -> records.Removal:
    return records.remove(session, Board, [board_id])


def clean_note(text: object, colour: object = DEFAULT_NOTE_COLOUR) -> tuple[str, str]:
    """A note's text and colour as stored, or ValidationError saying what is wrong."""
    cleaned = clean_text("The note", text, NOTE_MAX, required=True)
    key = str(colour or DEFAULT_NOTE_COLOUR).strip().lower()
    if key not in NOTE_COLOURS:
        raise ValidationError(
            f"A note's colour is one of {', '.join(NOTE_COLOURS)}; not “{colour}”."
        )
    return cleaned, key


def add_note(
    session: Session,
    block_id: str,
    text: object,
    colour: object = DEFAULT_NOTE_COLOUR,
    index: int | None = None,
    link: tuple[str, str] | None = None,
    record_id: str | None = None,
) -> str:
    """Add a note to a block at ``index`` (the end when None); returns its id."""
    cleaned, colour_key = clean_note(text, colour)
    records.get(session, BoardBlock, block_id)
    note = BoardNote(id=record_id or new_id(), block_id=block_id, text=cleaned, colour=colour_key)
    _set_link(note, link)
    ordered = _notes_in(session, block_id)
    ordered.insert(len(ordered) if index is None else max(0, min(index, len(ordered))), note)
    session.add(note)
    _renumber(ordered)
    session.commit()
    return note.id


def edit_note(
    session: Session,
    note_id: str,
    text: object,
    colour: object,
    link: tuple[str, str] | None = None,
) -> tuple[str, str, tuple[str, str] | None]:
    """Change a note's text, colour and link; returns the previous three (for undo)."""
    cleaned, colour_key = clean_note(text, colour)
    note = records.get(session, BoardNote, note_id)
    previous = (note.text, note.colour, note_link(note))
    note.text = cleaned
    note.colour = colour_key
    _set_link(note, link)
    session.commit()
    return previous


def note_link(note: BoardNote) -> tuple[str, str] | None:
    for field in LINK_FIELDS:
        value = getattr(note, field)
        if value:
            return field, value
    return None


def _set_link(note: BoardNote, link: tuple[str, str] | None) -> None:
    if link is not None and link[0] not in LINK_FIELDS:
        raise ValidationError("A note links to a stakeholder, a competitor or a requirement.")
    for field in LINK_FIELDS:
        setattr(note, field, link[1] if link and link[0] == field else None)


def move_note(session: Session, note_id: str, block_id: str, index: int) -> tuple[str, int]:
    """Move a note to ``index`` in ``block_id`` (its own block or another of the same board);
    returns the block and index it came from."""
    note = records.get(session, BoardNote, note_id)
    target = records.get(session, BoardBlock, block_id)
    source = records.get(session, BoardBlock, note.block_id)
    if source.board_id != target.board_id:
        raise ValidationError("A note moves between blocks of the same board only.")
    old_block = note.block_id
    old_list = _notes_in(session, old_block)
    old_index = old_list.index(note)
    old_list.remove(note)
    _renumber(old_list)
    new_list = old_list if block_id == old_block else _notes_in(session, block_id)
    new_list.insert(max(0, min(index, len(new_list))), note)
    note.block_id = block_id
    _renumber(new_list)
    session.commit()
    return old_block, old_index


def remove_notes(session: Session, note_ids: Iterable[str]) -> records.Removal:
    # Positions keep their gap, so records.restore puts a note back exactly where it was.
    return records.remove(session, BoardNote, note_ids)


def _notes_in(session: Session, block_id: str) -> list[BoardNote]:
    query = select(BoardNote).where(BoardNote.block_id == block_id).order_by(BoardNote.position)
    return list(session.scalars(query))


def _renumber(notes: list[BoardNote]) -> None:
    for position, note in enumerate(notes):
        if note.position != position:
            note.position = position
