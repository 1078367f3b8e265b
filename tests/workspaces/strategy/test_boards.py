"""Canvas boards: made from templates, notes added, edited, reordered and moved, undoable."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pmdesk.domain import records
from pmdesk.errors import ValidationError
from pmdesk.store.document import Document
from pmdesk.workspaces.stakeholders.model import Stakeholder
from pmdesk.workspaces.strategy import boards
from pmdesk.workspaces.strategy.board_templates import load_templates


@pytest.fixture
def session() -> Iterator:
    document = Document.new()
    yield document.session
    document.close()


@pytest.fixture
def lean(session) -> str:
    return boards.create_board(session, load_templates().get("lean_canvas"))


def texts(session, board_id: str) -> dict[str, list[str]]:
    view = boards.load_board(session, board_id)
    return {block.title: [note.text for note in block.notes] for block in view.blocks}


def block_id(session, board_id: str, title: str) -> str:
    return next(b.id for b in boards.load_board(session, board_id).blocks if b.title == title)


def test_a_board_gets_the_template_blocks_and_places(session, lean):
    view = boards.load_board(session, lean)
    assert view.name == "Lean Canvas"
    assert len(view.blocks) == 9
    problem = view.blocks[0]
    assert (problem.title, problem.row_span, problem.column_span) == ("Problem", 2, 2)


def test_notes_keep_their_order_and_move_between_blocks(session, lean):
    problem = block_id(session, lean, "Problem")
    solution = block_id(session, lean, "Solution")
    first = boards.add_note(session, problem, "Calls all day")
    boards.add_note(session, problem, "Late invoices")
    boards.add_note(session, problem, "Whiteboards", index=0)
    assert texts(session, lean)["Problem"] == ["Whiteboards", "Calls all day", "Late invoices"]

    came_from = boards.move_note(session, first, solution, 0)
    assert texts(session, lean)["Problem"] == ["Whiteboards", "Late invoices"]
    assert texts(session, lean)["Solution"] == ["Calls all day"]
    boards.move_note(session, first, *came_from)  # undo
    assert texts(session, lean)["Problem"] == ["Whiteboards", "Calls all day", "Late invoices"]
    assert texts(session, lean)["Solution"] == []


def test_reordering_inside_a_block(session, lean):
    problem = block_id(session, lean, "Problem")
    ids = [boards.add_note(session, problem, t) for t in ("a", "b", "c")]
    boards.move_note(session, ids[0], problem, 2)
    assert texts(session, lean)["Problem"] == ["b", "c", "a"]


def test_a_note_cannot_move_to_another_board(session, lean):
    other = boards.create_board(session, load_templates().get("lean_canvas"), "Second")
    note = boards.add_note(session, block_id(session, lean, "Problem"), "Stay")
    with pytest.raises(ValidationError, match="same board only"):
        boards.move_note(session, note, block_id(session, other, "Problem"), 0)
    session.rollback()
    assert texts(session, lean)["Problem"] == ["Stay"]


def test_editing_a_note_returns_what_undo_needs(session, lean):
    person = Stakeholder(name="Rachel Osei")
    session.add(person)
    session.commit()
    note = boards.add_note(session, block_id(session, lean, "Channels"), "Inside sales")
    previous = boards.edit_note(
        session, note, "Inside sales above 25", "orange", ("stakeholder_id", person.id)
    )
    shown = boards.load_board(session, lean).blocks[5].notes[0]
    assert (shown.text, shown.colour, shown.link_field) == (
        "Inside sales above 25",
        "orange",
        "stakeholder_id",
    )
    boards.edit_note(session, note, *previous)
    shown = boards.load_board(session, lean).blocks[5].notes[0]
    assert (shown.text, shown.colour, shown.link_id) == ("Inside sales", "yellow", None)


def test_removing_a_linked_stakeholder_keeps_the_note(session, lean):
    person = Stakeholder(name="Omar Haddad")
    session.add(person)
    session.commit()
    boards.add_note(
        session,
        block_id(session, lean, "Channels"),
        "Ask finance",
        link=("stakeholder_id", person.id),
    )
    removal = records.remove(session, Stakeholder, [person.id])
    assert boards.load_board(session, lean).blocks[5].notes[0].link_id is None
    records.restore(session, removal)
    assert boards.load_board(session, lean).blocks[5].notes[0].link_id == person.id


def test_removed_notes_come_back_in_their_place(session, lean):
    problem = block_id(session, lean, "Problem")
    ids = [boards.add_note(session, problem, t) for t in ("a", "b", "c")]
    removal = boards.remove_notes(session, [ids[1]])
    assert texts(session, lean)["Problem"] == ["a", "c"]
    records.restore(session, removal)
    assert texts(session, lean)["Problem"] == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("text", "colour", "message"),
    [
        ("x" * 1001, "yellow", "The note is 1,001 characters long; the most is 1,000"),
        ("tab\x0bstop", "yellow", r"The note contains a character .* \(U\+000B at position 4\)"),
        ("   ", "yellow", "The note cannot be empty"),
        ("ok", "chartreuse", "A note's colour is one of yellow, blue"),
    ],
)
def test_bad_notes_are_refused_and_the_old_text_is_kept(session, lean, text, colour, message):
    note = boards.add_note(session, block_id(session, lean, "Problem"), "Original")
    with pytest.raises(ValidationError, match=message):
        boards.edit_note(session, note, text, colour)
    with pytest.raises(ValidationError, match=message):
        boards.add_note(session, block_id(session, lean, "Problem"), text, colour)
    session.rollback()
    assert texts(session, lean)["Problem"] == ["Original"]


def test_removing_a_board_takes_its_blocks_and_notes_and_undo_brings_them_back(session, lean):
    boards.add_note(session, block_id(session, lean, "Problem"), "Kept")
    removal = boards.remove_board(session, lean)
    assert boards.list_boards(session) == []
    records.restore(session, removal)
    assert texts(session, lean)["Problem"] == ["Kept"]
