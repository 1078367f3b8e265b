"""The workspaces' own rules, applied to records that arrive from a file (``pmdesk load``).

Column types and the limits models declare are checked for every record by ``project_json``;
these rules add what a workspace promises beyond them (an end after the start), by calling the
same functions that guard edits in the app. Each workspace names its rules in its spec; opening a
file runs the same rules through ``pmdesk.store.content``.
"""

from __future__ import annotations

from typing import Any

from pmdesk import registry


def problem_with(table: str, values: dict[str, Any]) -> str | None:
    """The sentence saying why a record breaks its workspace's rules, or None."""
    return registry.record_problem(table, values)
