"""Format 1 → 2 for the project record: it gains the project's currency.

Format 1 had no business case, so no amount was in any currency yet: every upgraded project
reads as US dollars, which the PM changes on the Overview (amounts are never converted).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from pmdesk.domain.project import DEFAULT_CURRENCY


def add_currency(connection: sqlite3.Connection) -> None:
    """Add ``project.currency`` where it is missing (inside the caller's transaction)."""
    present = {row[1] for row in connection.execute("PRAGMA table_info(project)")}
    if present and "currency" not in present:
        connection.execute(
            f"ALTER TABLE project ADD COLUMN currency VARCHAR(3) NOT NULL "
            f"DEFAULT '{DEFAULT_CURRENCY}'"
        )


def upgrade_dump(data: dict[str, Any]) -> dict[str, Any]:
    """A format 1 dump's project with the currency it implies."""
    project = data.get("project")
    if isinstance(project, dict):
        project.setdefault("currency", DEFAULT_CURRENCY)
    return data
