"""The workspaces' own rules, applied to records that arrive as JSON (``pmdesk load``).

Column types are checked for every record by ``project_json``; these rules add what a
workspace promises beyond types (a score from 1 to 10, an end after the start), by calling the
same domain functions that guard edits in the app.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pmdesk.domain import requirements_edit, roadmap_edit, stakeholders_edit
from pmdesk.errors import ValidationError

RecordRule = Callable[[dict[str, Any]], None]  # raises ValidationError


def _only(fields: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    return {name: values[name] for name in fields if name in values}


def _stakeholder(values: dict[str, Any]) -> None:
    stakeholders_edit.clean_fields(_only(stakeholders_edit.FIELDS, values))


def _roadmap_item(values: dict[str, Any]) -> None:
    roadmap_edit.check_dates(values["title"], values["kind"], values["start"], values["end"])


def _requirement(values: dict[str, Any]) -> None:
    requirements_edit.clean_requirement_values(_only(requirements_edit.REQUIREMENT_FIELDS, values))


RULES: dict[str, RecordRule] = {
    "stakeholders": _stakeholder,
    "roadmap_items": _roadmap_item,
    "requirements": _requirement,
}


def problem_with(table: str, values: dict[str, Any]) -> str | None:
    """The sentence saying why a record breaks its workspace's rules, or None."""
    rule = RULES.get(table)
    if rule is None:
        return None
    try:
        rule(values)
    except ValidationError as error:
        return str(error)
    return None
