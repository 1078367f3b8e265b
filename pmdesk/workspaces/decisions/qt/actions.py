"""Every edit the Decisions workspace makes, each one undoable step through the controller.

Views call these and ask their questions before. Each function returns what
``controller.edit`` says, so a refused edit (a rule, a read-only project) is False or None and
the view shows what is stored again. Typing bursts in one field of one decision merge into one
undo step.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pmdesk.domain import records
from pmdesk.domain.base import new_id
from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.decisions import edit
from pmdesk.workspaces.decisions.model import Decision, LinkKind

NEW_QUESTION = "New decision"


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def add_decision(
    controller: DocumentController, today: date, status: str = "proposed"
) -> str | None:
    """Add a decision dated today with a placeholder question; its id, or None if refused."""
    session = controller.session
    record_id = new_id()
    values = {"id": record_id, "question": NEW_QUESTION, "decided_on": today, "status": status}
    ok = controller.edit(
        "Add decision",
        lambda: edit.create(session, values),
        lambda: records.remove(session, Decision, [record_id]),
    )
    return record_id if ok else None


def delete_decisions(controller: DocumentController, ids: Sequence[str]) -> bool:
    """Delete decisions with their links, as one step (the linked records stay)."""
    session = controller.session
    ids = list(ids)
    decisions = [records.get(session, Decision, record_id) for record_id in ids]
    removed: list[records.Removal] = []

    def redo() -> None:
        removed[:] = [edit.delete(session, ids)]

    text = (
        f"Delete decision “{_short(decisions[0].question)}”"
        if len(decisions) == 1
        else f"Delete {len(decisions)} decisions"
    )
    return controller.edit(text, redo, lambda: records.restore(session, removed[0]))


def set_decision_field(
    controller: DocumentController, decision_id: str, field: str, value: object
) -> bool:
    """Change one field of one decision as one undoable step."""
    session = controller.session
    decision = records.get(session, Decision, decision_id)
    old = getattr(decision, field)
    label = edit.FIELDS[field].label
    return controller.edit(
        f"Change {label[0].lower() + label[1:]} of “{_short(decision.question)}”",
        lambda: edit.set_field(session, decision_id, field, value),
        lambda: edit.set_field(session, decision_id, field, old),
    )


def set_decider(
    controller: DocumentController, decision_id: str, stakeholder_id: str | None, name: str
) -> bool:
    """Say who decided: a stakeholder, or a name typed in (a council, an outside person)."""
    session = controller.session
    decision = records.get(session, Decision, decision_id)
    before = (decision.decided_by_id, decision.decided_by)
    return controller.edit(
        f"Change who decided “{_short(decision.question)}”",
        lambda: edit.set_decider(session, decision_id, stakeholder_id, name),
        lambda: edit.set_decider(session, decision_id, *before),
    )


def link_record(
    controller: DocumentController, kind: LinkKind, decision_id: str, record_id: str
) -> bool:
    """Link a decision to a record of another workspace."""
    session = controller.session
    link_id = new_id()
    return controller.edit(
        f"Link decision to a {kind.singular}",
        lambda: edit.link(session, kind, decision_id, record_id, link_id),
        lambda: records.remove(session, kind.link, [link_id]),
    )


def unlink_record(
    controller: DocumentController, kind: LinkKind, decision_id: str, record_id: str
) -> bool:
    session = controller.session
    removed: list[records.Removal] = []

    def redo() -> None:
        removed[:] = [edit.unlink(session, kind, decision_id, record_id)]

    return controller.edit(
        f"Unlink decision from a {kind.singular}",
        redo,
        lambda: records.restore(session, removed[0]),
    )
