"""The workspaces' own rules, applied to records that arrive from a file (``pmdesk load``).

Column types are checked for every record by ``project_json``; these rules add what a
workspace promises beyond types (a score from 1 to 10, an end after the start), by calling the
same functions that guard edits in the app. Each workspace names its rules in its spec.
"""

from __future__ import annotations

from typing import Any

from pmdesk import registry
from pmdesk.errors import ValidationError


def problem_with(table: str, values: dict[str, Any]) -> str | None:
    """The sentence saying why a record breaks its workspace's rules, or None."""
    rule = registry.record_rules().get(table)
    if rule is None:
        return None
    try:
        rule(values)
    except ValidationError as error:
        return str(error)
    return None
