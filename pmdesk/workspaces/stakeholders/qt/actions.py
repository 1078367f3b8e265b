"""Every edit the Stakeholders workspace makes, each one undoable step through the controller.

Views call these and ask their questions (confirmations, names) before. Each function returns
what ``controller.edit`` says, so a refused edit (a rule, a read-only project) is False or
None and the view leaves its widgets as they were. The controller finds the kinds of record an
edit touched; ids are passed only where a view redraws just those records (the grid's cards).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from itertools import count
from typing import Any

from pmdesk.domain import records
from pmdesk.domain.base import new_id
from pmdesk.gui.document import Change, DocumentController
from pmdesk.workspaces.stakeholders import edit, log
from pmdesk.workspaces.stakeholders.chart.layout import free_cell
from pmdesk.workspaces.stakeholders.model import (
    RELATIONSHIP_KINDS,
    Stakeholder,
    StakeholderInteraction,
    StakeholderRelationship,
    StakeholderSnapshot,
)

# -- stakeholders ------------------------------------------------------------------------------


def _placeholder_name(taken: Mapping[str, str]) -> str:
    """ "New stakeholder", else the first "New stakeholder <n>" nobody has (ignoring case)."""
    names = (f"New stakeholder {n}" if n > 1 else "New stakeholder" for n in count(1))
    return next(name for name in names if name.lower() not in taken)


def add_stakeholder(controller: DocumentController, department: str = "") -> str | None:
    """Add a stakeholder under a unique placeholder name; its id, or None if refused."""
    session = controller.session
    name = _placeholder_name(edit.existing_names(session))
    record_id = new_id()
    influence, interest = free_cell(edit.load_map(session).stakeholders)
    values = {
        "id": record_id,
        "name": name,
        "department": department,
        "influence": influence,
        "interest": interest,
    }
    ok = controller.edit(
        f"Add {name}",
        lambda: edit.create(session, values),
        lambda: records.remove(session, Stakeholder, [record_id]),
    )
    return record_id if ok else None


def import_stakeholders(controller: DocumentController, rows: Sequence[Mapping[str, Any]]) -> bool:
    """Add the good rows of a CSV import, all together as one step (each row holds its id)."""
    session = controller.session
    ids = [str(row["id"]) for row in rows]
    return controller.edit(
        f"Import {len(rows)} stakeholder{'s' if len(rows) != 1 else ''}",
        lambda: edit.create_many(session, rows),
        lambda: records.remove(session, Stakeholder, ids),
    )


def delete_stakeholders(controller: DocumentController, ids: Sequence[str]) -> bool:
    """Delete stakeholders with their lines, interactions and snapshot places, as one step."""
    session = controller.session
    ids = list(ids)
    people = [records.get(session, Stakeholder, record_id) for record_id in ids]
    removed: list[records.Removal] = []

    def redo() -> None:
        removed[:] = [edit.delete(session, ids)]

    text = f"Delete {people[0].name}" if len(people) == 1 else f"Delete {len(people)} stakeholders"
    return controller.edit(text, redo, lambda: records.restore(session, removed[0]))


def set_stakeholder_field(
    controller: DocumentController, person: Stakeholder, field: str, value: object
) -> bool:
    """Change one field of one stakeholder as one undoable step."""
    session = controller.session
    person_id = person.id
    old = getattr(person, field)
    label = edit.FIELDS[field].label
    return controller.edit(
        f"Change {label.lower()} of {person.name}",
        lambda: edit.set_field(session, person_id, field, value),
        lambda: edit.set_field(session, person_id, field, old),
        Change.of(ids=[person_id]),  # the grid redraws only this card
    )


def move_stakeholder(
    controller: DocumentController, person_id: str, influence: int, interest: int
) -> bool:
    """Place a stakeholder in another cell of the grid (a drag, a drop)."""
    session = controller.session
    person = records.get(session, Stakeholder, person_id)
    old = (person.influence, person.interest)
    return controller.edit(
        f"Move {person.name}",
        lambda: edit.move(session, person_id, influence, interest),
        lambda: edit.move(session, person_id, *old),
        Change.of(ids=[person_id]),  # the grid redraws only this card
    )


# -- relationships -----------------------------------------------------------------------------


def add_relationship(
    controller: DocumentController, source_id: str, target_id: str, kind: str
) -> bool:
    session = controller.session
    link_id = new_id()
    source = records.get(session, Stakeholder, source_id)
    target = records.get(session, Stakeholder, target_id)
    return controller.edit(
        f"{source.name} {RELATIONSHIP_KINDS.get(kind, kind)} {target.name}",
        lambda: edit.add_relationship(session, source_id, target_id, kind, relationship_id=link_id),
        lambda: records.remove(session, StakeholderRelationship, [link_id]),
    )


def remove_relationship(controller: DocumentController, link_id: str) -> bool:
    session = controller.session
    removed: list[records.Removal] = []

    def redo() -> None:
        removed[:] = [edit.remove_relationship(session, link_id)]

    return controller.edit(
        "Remove relationship", redo, lambda: records.restore(session, removed[0])
    )


# -- snapshots ---------------------------------------------------------------------------------


def save_snapshot(controller: DocumentController, name: str, today: date) -> str | None:
    """Save where everyone stands today under ``name``; the snapshot's id, or None."""
    session = controller.session
    snapshot_id = new_id()
    ok = controller.edit(
        f"Save snapshot {name.strip()}",
        lambda: log.take_snapshot(session, name, today, snapshot_id),
        lambda: records.remove(session, StakeholderSnapshot, [snapshot_id]),
    )
    return snapshot_id if ok else None


def delete_snapshot(controller: DocumentController, snapshot_id: str) -> bool:
    """Delete a snapshot and its places (undoable, so the view asks nothing)."""
    session = controller.session
    name = records.get(session, StakeholderSnapshot, snapshot_id).name
    removed: list[records.Removal] = []

    def redo() -> None:
        removed[:] = [log.remove_snapshot(session, snapshot_id)]

    return controller.edit(
        f"Delete snapshot {name}", redo, lambda: records.restore(session, removed[0])
    )


# -- interactions ------------------------------------------------------------------------------


def log_interaction(
    controller: DocumentController, person_id: str, values: Mapping[str, Any]
) -> str | None:
    """Record a conversation (``log.INTERACTION_FIELDS``); its id, or None if refused.

    Logging may also move the stakeholder's last contact, so one undo puts that back too.
    """
    session = controller.session
    person = records.get(session, Stakeholder, person_id)
    before = person.last_contact
    interaction_id = new_id()

    def undo() -> None:
        records.remove(session, StakeholderInteraction, [interaction_id])
        edit.set_field(session, person_id, "last_contact", before)

    ok = controller.edit(
        f"Log interaction with {person.name}",
        lambda: log.log_interaction(session, person_id, interaction_id=interaction_id, **values),
        undo,
    )
    return interaction_id if ok else None


def set_follow_up_done(controller: DocumentController, interaction_id: str, done: bool) -> bool:
    session = controller.session
    return controller.edit(
        "Mark follow-up done" if done else "Reopen follow-up",
        lambda: log.set_follow_up_done(session, interaction_id, done),
        lambda: log.set_follow_up_done(session, interaction_id, not done),
    )


def remove_interaction(controller: DocumentController, interaction_id: str) -> bool:
    session = controller.session
    removed: list[records.Removal] = []

    def redo() -> None:
        removed[:] = [log.remove_interaction(session, interaction_id)]

    return controller.edit("Remove interaction", redo, lambda: records.restore(session, removed[0]))
