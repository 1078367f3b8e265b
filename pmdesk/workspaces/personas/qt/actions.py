"""Every edit the Personas workspace makes, each one undoable step through the controller.

Views ask their questions first and then call one of these. Each returns what
``controller.edit`` says, so a refused edit (a rule, a read-only project) is False and the view
leaves its widgets as they were. Typing in one field merges into one undo step.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import count

from pmdesk.domain import records
from pmdesk.domain.base import new_id
from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.personas import edit
from pmdesk.workspaces.personas.model import (
    EVIDENCE_COLUMNS,
    POSITIONING_PARTS,
    KeyMessage,
    Persona,
    PersonaInput,
    PersonaRequirement,
    Positioning,
    ProofPoint,
)
from pmdesk.workspaces.personas.query import personas

_PART_NAMES = {part: lead for part, lead, _hint in POSITIONING_PARTS}


def _plural(number: int, word: str) -> str:
    return f"{number:,} {word}{'' if number == 1 else 's'}"


# -- personas ------------------------------------------------------------------------------------


def add_persona(controller: DocumentController) -> str | None:
    """Add a persona under a unique placeholder name; its id, or None if refused."""
    session = controller.session
    taken = {persona.name.lower() for persona in personas(session)}
    names = (f"New persona {n}" if n > 1 else "New persona" for n in count(1))
    name = next(name for name in names if name.lower() not in taken)
    persona_id = new_id()
    ok = controller.edit(
        f"Add {name}",
        lambda: edit.add_persona(session, {"name": name}, persona_id),
        lambda: records.remove(session, Persona, [persona_id]),
    )
    return persona_id if ok else None


def set_persona_field(
    controller: DocumentController, persona_id: str, field: str, value: object
) -> bool:
    session = controller.session
    persona = records.get(session, Persona, persona_id)
    old = getattr(persona, field)
    if old == value:
        return False
    label = edit.PERSONA_FIELDS[field][0]
    return controller.edit(
        f"Change {label.lower()} of {persona.name}",
        lambda: edit.set_persona_field(session, persona_id, field, value),
        lambda: edit.set_persona_field(session, persona_id, field, old),
        merge_key=("persona", persona_id, field),
    )


def delete_persona(controller: DocumentController, persona_id: str) -> bool:
    session = controller.session
    persona = records.get(session, Persona, persona_id)
    removed: list[records.Removal] = []

    def redo() -> None:
        removed[:] = [edit.remove_persona(session, persona_id)]

    return controller.edit(
        f"Delete {persona.name}", redo, lambda: records.restore(session, removed[0])
    )


# -- links ---------------------------------------------------------------------------------------


def link_inputs(controller: DocumentController, persona_id: str, input_ids: Sequence[str]) -> bool:
    """Tie customer inputs to a persona, all of them as one step."""
    session = controller.session
    links = {input_id: new_id() for input_id in dict.fromkeys(input_ids)}
    if not links:
        return False
    return controller.edit(
        f"Link {_plural(len(links), 'customer input')}",
        lambda: edit.link_inputs(session, persona_id, links),
        lambda: records.remove(session, PersonaInput, list(links.values())),
    )


def link_requirements(
    controller: DocumentController, persona_id: str, requirement_ids: Sequence[str]
) -> bool:
    session = controller.session
    links = {requirement_id: new_id() for requirement_id in dict.fromkeys(requirement_ids)}
    if not links:
        return False
    return controller.edit(
        f"Link {_plural(len(links), 'requirement')}",
        lambda: edit.link_requirements(session, persona_id, links),
        lambda: records.remove(session, PersonaRequirement, list(links.values())),
    )


def unlink(controller: DocumentController, kind: str, link_ids: Sequence[str]) -> bool:
    """Remove links to inputs (``kind`` "input") or requirements; what they point at stays."""
    session = controller.session
    model = PersonaInput if kind == "input" else PersonaRequirement
    ids = list(link_ids)
    if not ids:
        return False
    removed: list[records.Removal] = []

    def redo() -> None:
        removed[:] = [edit.unlink(session, model, ids)]

    word = "customer input" if kind == "input" else "requirement"
    return controller.edit(
        f"Unlink {_plural(len(ids), word)}", redo, lambda: records.restore(session, removed[0])
    )


# -- positioning ---------------------------------------------------------------------------------


def set_positioning(controller: DocumentController, part: str, text: str) -> bool:
    session = controller.session
    row = edit.positioning_row(session)
    old = getattr(row, part) if row is not None else ""
    if old == text:
        return False

    def undo() -> None:
        if row is None:  # the first words of the statement made its row: undo takes it away
            created = edit.positioning_row(session)
            if created is not None:
                records.remove(session, Positioning, [created.id])
        else:
            edit.set_positioning(session, part, old)

    return controller.edit(
        f"Edit positioning “{_PART_NAMES.get(part, part)}”",
        lambda: edit.set_positioning(session, part, text),
        undo,
        merge_key=("positioning", part),
    )


# -- messages and proof points -------------------------------------------------------------------


def add_message(controller: DocumentController, persona_id: str, text: str) -> str | None:
    session = controller.session
    message_id = new_id()
    ok = controller.edit(
        "Add key message",
        lambda: edit.add_message(session, persona_id, text, message_id),
        lambda: records.remove(session, KeyMessage, [message_id]),
    )
    return message_id if ok else None


def set_message_text(controller: DocumentController, message_id: str, text: str) -> bool:
    session = controller.session
    old = records.get(session, KeyMessage, message_id).text
    if old == text:
        return False
    return controller.edit(
        "Edit key message",
        lambda: edit.set_message_text(session, message_id, text),
        lambda: edit.set_message_text(session, message_id, old),
    )


def delete_message(controller: DocumentController, message_id: str) -> bool:
    session = controller.session
    records.get(session, KeyMessage, message_id)
    removed: list[records.Removal] = []

    def redo() -> None:
        removed[:] = [records.remove(session, KeyMessage, [message_id])]

    return controller.edit("Delete key message", redo, lambda: records.restore(session, removed[0]))


def add_proof_point(
    controller: DocumentController,
    message_id: str,
    text: str,
    kind: str = "",
    evidence_id: str | None = None,
) -> str | None:
    session = controller.session
    proof_id = new_id()
    ok = controller.edit(
        "Add proof point",
        lambda: edit.add_proof_point(session, message_id, text, proof_id, kind, evidence_id),
        lambda: records.remove(session, ProofPoint, [proof_id]),
    )
    return proof_id if ok else None


def set_proof_text(controller: DocumentController, proof_id: str, text: str) -> bool:
    session = controller.session
    old = records.get(session, ProofPoint, proof_id).text
    if old == text:
        return False
    return controller.edit(
        "Edit proof point",
        lambda: edit.set_proof_text(session, proof_id, text),
        lambda: edit.set_proof_text(session, proof_id, old),
    )


def set_evidence(
    controller: DocumentController, proof_id: str, kind: str, evidence_id: str | None
) -> bool:
    session = controller.session
    proof = records.get(session, ProofPoint, proof_id)
    before = {"evidence_kind": proof.evidence_kind}
    before.update({column: getattr(proof, column) for column in EVIDENCE_COLUMNS.values()})
    return controller.edit(
        "Link evidence" if kind else "Unlink evidence",
        lambda: edit.set_evidence(session, proof_id, kind, evidence_id),
        lambda: edit.restore_evidence(session, proof_id, before),
    )


def delete_proof_point(controller: DocumentController, proof_id: str) -> bool:
    session = controller.session
    records.get(session, ProofPoint, proof_id)
    removed: list[records.Removal] = []

    def redo() -> None:
        removed[:] = [records.remove(session, ProofPoint, [proof_id])]

    return controller.edit("Delete proof point", redo, lambda: records.restore(session, removed[0]))
