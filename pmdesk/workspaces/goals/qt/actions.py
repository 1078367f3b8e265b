"""Every edit the Goals workspace makes, each one undoable step through the controller.

Views ask their questions first and call these; each returns what ``controller.edit`` says
(False or None when refused: a rule, a read-only project), so a view leaves its widgets as they
were. Rules are checked before the edit is pushed, so a refused value never reaches the stack.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from pmdesk.domain import records
from pmdesk.domain.base import Record, new_id
from pmdesk.errors import PmdeskError
from pmdesk.gui.document import Change, DocumentController
from pmdesk.workspaces.goals import edit
from pmdesk.workspaces.goals.model import CheckIn, GoalLink, KeyResult, Objective


def _refuse(controller: DocumentController, error: PmdeskError) -> bool:
    controller.failed.emit(str(error))
    return False


# -- objectives -------------------------------------------------------------------------------


def add_objective(controller: DocumentController, values: Mapping[str, Any]) -> str | None:
    """Add an objective from a form's values ("period" as typed); its id, or None if refused."""
    session = controller.session
    record_id = new_id()
    title = str(values.get("title", "")).strip() or "objective"
    ok = controller.edit(
        f"Add objective {title}",
        lambda: edit.create_objective(session, {**values, "id": record_id}),
        lambda: records.remove(session, Objective, [record_id]),
    )
    return record_id if ok else None


def edit_objective(
    controller: DocumentController, objective_id: str, values: Mapping[str, Any]
) -> bool:
    session = controller.session
    title = records.get(session, Objective, objective_id).title
    return _edit_fields(
        controller,
        f"Edit objective {title}",
        Objective,
        objective_id,
        lambda: edit.set_objective(session, objective_id, values),
    )


def delete_objective(controller: DocumentController, objective_id: str) -> bool:
    """Delete an objective with its key results, check-ins and links, as one step."""
    title = records.get(controller.session, Objective, objective_id).title
    return _delete(controller, Objective, [objective_id], f"Delete objective {title}")


# -- key results ------------------------------------------------------------------------------


def add_key_result(
    controller: DocumentController, objective_id: str, values: Mapping[str, Any]
) -> str | None:
    session = controller.session
    record_id = new_id()
    metric = str(values.get("metric", "")).strip() or "key result"
    ok = controller.edit(
        f"Add key result {metric}",
        lambda: edit.create_key_result(session, objective_id, {**values, "id": record_id}),
        lambda: records.remove(session, KeyResult, [record_id]),
    )
    return record_id if ok else None


def edit_key_result(
    controller: DocumentController, key_result_id: str, values: Mapping[str, Any]
) -> bool:
    session = controller.session
    metric = records.get(session, KeyResult, key_result_id).metric
    return _edit_fields(
        controller,
        f"Edit key result {metric}",
        KeyResult,
        key_result_id,
        lambda: edit.set_key_result(session, key_result_id, values),
    )


def delete_key_result(controller: DocumentController, key_result_id: str) -> bool:
    metric = records.get(controller.session, KeyResult, key_result_id).metric
    return _delete(controller, KeyResult, [key_result_id], f"Delete key result {metric}")


# -- check-ins --------------------------------------------------------------------------------


def add_check_ins(
    controller: DocumentController,
    key_result_id: str,
    rows: Sequence[Mapping[str, Any]],
    today: date,
) -> bool:
    """Add one check-in, or a pasted or imported column of them, as one undoable step.

    Every row is checked before anything is written: one bad row refuses them all, named.
    """
    if controller.read_only:
        return controller.edit("Add check-ins", lambda: None, lambda: None)  # says read-only
    try:
        prepared = edit.prepare_check_ins(controller.session, key_result_id, rows, today)
    except PmdeskError as error:
        return _refuse(controller, error)
    session = controller.session
    ids = [row["id"] for row in prepared]
    text = "Add check-in" if len(ids) == 1 else f"Add {len(ids)} check-ins"
    return controller.edit(
        text,
        lambda: edit.add_check_ins(session, prepared),
        lambda: records.remove(session, CheckIn, ids),
        Change.of(ids=[key_result_id, *ids]),  # the page reads these rows again, not all
    )


def set_check_in(
    controller: DocumentController, check_in_id: str, field: str, value: object, today: date
) -> bool:
    """Change one field of a check-in (a table cell), as one step."""
    session = controller.session
    check_in = records.get(session, CheckIn, check_in_id)
    return _edit_fields(
        controller,
        f"Change check-in of {check_in.on_date.isoformat()}",
        CheckIn,
        check_in_id,
        lambda: edit.set_check_in(session, check_in_id, {field: value}, today),
        Change.of(ids=[check_in.key_result_id, check_in_id]),
    )


def delete_check_ins(
    controller: DocumentController, key_result_id: str, ids: Sequence[str]
) -> bool:
    count = len(ids)
    text = "Delete check-in" if count == 1 else f"Delete {count} check-ins"
    # The ids tell the page which rows went, so it redraws one key result without reading all.
    return _delete(controller, CheckIn, ids, text, Change.of(ids=[key_result_id, *ids]))


# -- links ------------------------------------------------------------------------------------


def link_work(
    controller: DocumentController, key_result_id: str, kind: str, target_id: str, title: str
) -> bool:
    """Link a roadmap item or requirement to a key result it contributes to."""
    session = controller.session
    link_id = new_id()
    return controller.edit(
        f"Link {title}",
        lambda: edit.add_link(session, key_result_id, kind, target_id, link_id),
        lambda: records.remove(session, GoalLink, [link_id]),
    )


def unlink_work(controller: DocumentController, link_id: str, title: str) -> bool:
    return _delete(controller, GoalLink, [link_id], f"Unlink {title}")


def _edit_fields(
    controller: DocumentController,
    text: str,
    model: type[Record],
    record_id: str,
    change_fields: Callable[[], dict[str, Any]],
    change: Change | None = None,
) -> bool:
    """One undoable edit of a record's fields: ``change_fields`` writes them and returns the
    values it replaced, which the undo puts back."""
    session = controller.session
    before: dict[str, Any] = {}

    def redo() -> None:
        before.clear()
        before.update(change_fields())

    def undo() -> None:
        edit.restore_fields(session, model, record_id, before)

    return controller.edit(text, redo, undo, change)


def _delete(
    controller: DocumentController,
    model: type,
    ids: Sequence[str],
    text: str,
    change: Change | None = None,
) -> bool:
    session = controller.session
    ids = list(ids)
    removed: list[records.Removal] = []

    def redo() -> None:
        removed[:] = [records.remove(session, model, ids)]

    return controller.edit(text, redo, lambda: records.restore(session, removed[0]), change)
