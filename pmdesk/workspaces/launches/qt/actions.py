"""Every edit the Launches workspace makes, each one undoable step through the controller.

Views ask their questions first and then call these. Each returns what ``controller.edit``
says (or the new record's id), so a refused edit (a rule, a read-only project) leaves the view's
widgets as they were. Ids of new records are chosen here, before the edit, so that a redo makes
the very same rows and later steps on the stack still find them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from pmdesk.domain import records
from pmdesk.domain.base import new_id
from pmdesk.gui.document import Change, DocumentController
from pmdesk.workspaces.launches import edit, templates
from pmdesk.workspaces.launches.model import (
    DEPARTMENTS,
    TIERS,
    Launch,
    LaunchTask,
    LaunchTemplate,
    LaunchTemplateTask,
)
from pmdesk.workspaces.launches.query import plan


def create_launch(
    controller: DocumentController,
    name: str,
    tier: str,
    *,
    roadmap_item_id: str | None = None,
    target_date: object = None,
    owner_id: str | None = None,
    goal: str = "",
) -> str | None:
    """Add a launch with its tier's checklist as one step; its id, or None if refused."""
    session = controller.session
    launch_id = new_id()
    lines = templates.template_lines(session, tier) if tier in TIERS else []
    tasks = [
        {
            "id": new_id(),
            "department": line.department,
            "title": line.title,
            "offset_days": line.offset_days,
        }
        for line in lines
    ]
    seed = None
    if tier in TIERS and templates.stored_template(session, tier) is None:
        # The first launch of a tier keeps its checklist in the project, for the PM to edit.
        seed = (tier, new_id(), [new_id() for _ in templates.DEFAULT_TEMPLATES[tier]])
    values: dict[str, Any] = {
        "id": launch_id,
        "name": name,
        "tier": tier,
        "roadmap_item_id": roadmap_item_id,
        "target_date": target_date,
        "owner_id": owner_id,
        "goal": goal,
    }

    def undo() -> None:
        records.remove(session, Launch, [launch_id])
        if seed is not None:
            records.remove(session, LaunchTemplate, [seed[1]])

    ok = controller.edit(
        f"Add launch {name.strip()}",
        lambda: edit.create_launch(session, values, tasks, seed),
        undo,
    )
    return launch_id if ok else None


def delete_launch(controller: DocumentController, launch_id: str) -> bool:
    """Delete a launch with its readiness tasks, as one step."""
    session = controller.session
    name = records.get(session, Launch, launch_id).name
    removed: list[records.Removal] = []

    def redo() -> None:
        removed[:] = [records.remove(session, Launch, [launch_id])]

    return controller.edit(
        f"Delete launch {name}", redo, lambda: records.restore(session, removed[0])
    )


def set_launch_field(
    controller: DocumentController, launch_id: str, field: str, value: object, day: date
) -> bool:
    """Change one field of a launch; ``day`` is its launch day, to read "L−7" or a date."""
    session = controller.session
    launch = records.get(session, Launch, launch_id)
    old = getattr(launch, field)
    previous: dict[str, Any] = {field: old}
    return controller.edit(
        f"Change {_LAUNCH_LABELS.get(field, field)} of {launch.name}",
        lambda: edit.update_launch(session, launch_id, day, **{field: value}),
        lambda: records.set_fields(session, Launch, launch_id, **previous),
        merge_key=("launch", launch_id, field) if field in ("goal", "note") else None,
    )


def link_roadmap_item(controller: DocumentController, launch_id: str, item_id: str | None) -> bool:
    """Make a launch follow a roadmap release or milestone (None: keep its own date)."""
    session = controller.session
    launch = records.get(session, Launch, launch_id)
    previous = {"roadmap_item_id": launch.roadmap_item_id, "target_date": launch.target_date}
    text = f"Link {launch.name} to the roadmap" if item_id else f"Unlink {launch.name}"
    return controller.edit(
        text,
        lambda: edit.link_item(session, launch_id, item_id),
        lambda: records.set_fields(session, Launch, launch_id, **previous),
    )


# -- tasks ---------------------------------------------------------------------------------


def add_task(
    controller: DocumentController, launch_id: str, department: str, title: str = "New task"
) -> str | None:
    session = controller.session
    task_id = new_id()
    # Last of its department in the checklist order.
    found = plan(session, launch_id, date.today())
    siblings = [t.position for t in (found.tasks if found else []) if t.department == department]
    position = 1 + max(siblings, default=-1)
    values = {
        "id": task_id,
        "launch_id": launch_id,
        "department": department,
        "title": title,
        "offset_days": 0,
        "position": position,
    }
    ok = controller.edit(
        f"Add {DEPARTMENTS.get(department, department).lower()} task",
        lambda: edit.add_task(session, values),
        lambda: records.remove(session, LaunchTask, [task_id]),
    )
    return task_id if ok else None


def set_task_field(
    controller: DocumentController, task: LaunchTask, field: str, value: object, day: date
) -> bool:
    """Change one field of one task; ``day`` is launch day, to read a date typed as due date."""
    session = controller.session
    task_id = task.id
    previous = {field: getattr(task, field)}
    return controller.edit(
        f"Change {_TASK_LABELS.get(field, field)} of {task.title}",
        lambda: edit.update_task(session, task_id, day, **{field: value}),
        lambda: records.set_fields(session, LaunchTask, task_id, **previous),
        Change.of(ids=[task_id]),
    )


def delete_tasks(controller: DocumentController, task_ids: Sequence[str]) -> bool:
    session = controller.session
    ids = list(task_ids)
    removed: list[records.Removal] = []

    def redo() -> None:
        removed[:] = [records.remove(session, LaunchTask, ids)]

    text = f"Delete {len(ids)} readiness task{'s' if len(ids) != 1 else ''}"
    return controller.edit(text, redo, lambda: records.restore(session, removed[0]))


# -- templates -----------------------------------------------------------------------------


def _seed_ids(tier: str) -> tuple[str, list[str]]:
    """Ids for storing a tier's default template, should the edit need to."""
    return new_id(), [new_id() for _ in templates.DEFAULT_TEMPLATES.get(tier, ())]


def set_template_task_field(
    controller: DocumentController, tier: str, position: int, field: str, value: object
) -> bool:
    """Change one line of a tier's template, storing the default template first if needed
    (one undo step for both)."""
    session = controller.session
    stored = templates.stored_template(session, tier)
    template_id, line_ids = _seed_ids(tier)
    if stored is not None:
        lines = templates.template_tasks(session, stored.id)
        line_id, previous = lines[position].id, {field: getattr(lines[position], field)}
    else:
        line_id, previous = line_ids[position], {}

    def redo() -> None:
        edit.materialize_template(session, tier, template_id, line_ids)
        edit.update_template_task(session, line_id, **{field: value})

    def undo() -> None:
        if stored is None:
            records.remove(session, LaunchTemplate, [template_id])
        else:
            records.set_fields(session, LaunchTemplateTask, line_id, **previous)

    return controller.edit(f"Change the {TIERS[tier].lower()} launch template", redo, undo)


def add_template_task(controller: DocumentController, tier: str, department: str) -> str | None:
    session = controller.session
    stored = templates.stored_template(session, tier)
    template_id, line_ids = _seed_ids(tier)
    line_id = new_id()
    count = len(templates.template_tasks(session, stored.id)) if stored else len(line_ids)

    def redo() -> None:
        owner = edit.materialize_template(session, tier, template_id, line_ids)
        values = {
            "id": line_id,
            "template_id": owner,
            "department": department,
            "title": "New task",
            "offset_days": 0,
            "position": count,
        }
        edit.add_template_task(session, values)

    def undo() -> None:
        if stored is None:
            records.remove(session, LaunchTemplate, [template_id])
        else:
            records.remove(session, LaunchTemplateTask, [line_id])

    ok = controller.edit(f"Add a task to the {TIERS[tier].lower()} launch template", redo, undo)
    return line_id if ok else None


def delete_template_task(controller: DocumentController, tier: str, position: int) -> bool:
    session = controller.session
    stored = templates.stored_template(session, tier)
    template_id, line_ids = _seed_ids(tier)
    removed: list[records.Removal] = []

    def redo() -> None:
        owner = edit.materialize_template(session, tier, template_id, line_ids)
        line = templates.template_tasks(session, owner)[position]
        removed[:] = [records.remove(session, LaunchTemplateTask, [line.id])]

    def undo() -> None:
        if stored is None:
            records.remove(session, LaunchTemplate, [template_id])
        else:
            records.restore(session, removed[0])

    return controller.edit(
        f"Remove a task from the {TIERS[tier].lower()} launch template", redo, undo
    )


_LAUNCH_LABELS = {
    "name": "the name",
    "tier": "the tier",
    "target_date": "the target date",
    "go_no_go_offset": "the go/no-go date",
    "decision": "the go/no-go decision",
    "owner_id": "the owner",
    "goal": "the goal",
    "note": "the note",
}
_TASK_LABELS = {
    "title": "the task",
    "department": "the department",
    "offset_days": "the due date",
    "status": "the status",
    "owner_id": "the owner",
    "note": "the note",
}
