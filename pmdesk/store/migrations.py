"""Upgrades of older project formats, one step per format version.

A step changes the working copy in place, inside one transaction; the user's own file is copied
to the backup folder first (see ``backups``) and is only replaced when the user saves.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from pmdesk import registry
from pmdesk.errors import NotAProjectError
from pmdesk.store.database import set_format

Migration = Callable[[sqlite3.Connection], None]


def _new_workspaces(_connection: sqlite3.Connection) -> None:
    """Format 2 adds tables (goals, decisions, launches, personas, the business case), which
    ``Document.open`` creates, and the briefing's audience columns, which its own migration
    adds; the workspaces' record upgrades then fill them."""


# from-version -> the step that brings a file to from-version + 1. Format 1 is the first.
MIGRATIONS: dict[int, Migration] = {1: _new_workspaces}

# Tables and indexes older formats had and a later step removes; a file may still hold them.
RETIRED_NAMES: frozenset[str] = frozenset()


def migrate(working_copy: Path, from_version: int, target: int) -> None:
    """Bring a working copy from ``from_version`` up to ``target``, step by step."""
    connection = sqlite3.connect(working_copy, isolation_level=None)
    try:
        for version in range(from_version, target):
            step = MIGRATIONS.get(version)
            if step is None:
                raise NotAProjectError(
                    f"This PM Desk cannot upgrade a project of format {version}; "
                    "open it with an older PM Desk and save it again."
                )
            connection.execute("BEGIN")
            step(connection)
            for workspace_step in registry.migration_steps(version):
                workspace_step(connection)
            connection.execute(f"PRAGMA user_version={version + 1}")
            connection.execute("COMMIT")
    finally:
        connection.close()
    # Tables that are new in this format need no step of their own: Document.open creates them.
    set_format(working_copy, target)
