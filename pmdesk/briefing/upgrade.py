"""Upgrading the briefings of a file (or a JSON dump) written before audience profiles and
stored logos and templates.

Format 1 briefings have no ``profile`` and ``profile_rules`` columns and keep their logo and
template as paths. :func:`upgrade_briefings` is the step that adds the new columns (every
existing briefing reads as *internal*, exactly what it showed before, with nothing stored);
it is written for :data:`pmdesk.store.migrations.MIGRATIONS` and needs no Qt. The old path
columns stay as they are and are never read: :func:`path_notes` says, per briefing, which
file to choose again, and the export says the same when it leaves a named file out.
:func:`upgrade_dump` does the same for a JSON dump of that format.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from pmdesk.export.audience import INTERNAL

# column -> its SQL declaration, in the order they were added
NEW_COLUMNS = {
    "profile": f"VARCHAR(20) NOT NULL DEFAULT '{INTERNAL}'",
    "profile_rules": "TEXT NOT NULL DEFAULT '{}'",
    "logo_png": "TEXT NOT NULL DEFAULT ''",
    "logo_name": "VARCHAR(200) NOT NULL DEFAULT ''",
    "template_docx": "TEXT NOT NULL DEFAULT ''",
    "template_name": "VARCHAR(200) NOT NULL DEFAULT ''",
}


def upgrade_briefings(connection: sqlite3.Connection) -> None:
    """Add the audience columns to ``briefings`` where they are missing (inside the caller's
    transaction). A file without a briefings table needs nothing: it is created on open."""
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if "briefings" not in tables:
        return
    present = {row[1] for row in connection.execute("PRAGMA table_info(briefings)")}
    for column, declaration in NEW_COLUMNS.items():
        if column not in present:
            connection.execute(f"ALTER TABLE briefings ADD COLUMN {column} {declaration}")


def upgrade_dump(data: dict[str, Any]) -> dict[str, Any]:
    """A dump's briefings with the audience fields filled in where an older dump lacks them."""
    group = data.get("briefings")
    rows = group.get("briefings") if isinstance(group, dict) else None
    for row in rows if isinstance(rows, list) else []:
        if isinstance(row, dict):
            row.setdefault("profile", INTERNAL)
            row.setdefault("profile_rules", "{}")
            for field in ("logo_png", "logo_name", "template_docx", "template_name"):
                row.setdefault(field, "")
    return data


def path_notes(connection: sqlite3.Connection) -> list[str]:
    """One sentence per file an upgraded file's briefings name by path only (never read)."""
    present = {row[1] for row in connection.execute("PRAGMA table_info(briefings)")}
    if not {"logo_path", "template_path"} <= present:
        return []
    notes = []
    query = "SELECT name, logo_path, template_path FROM briefings ORDER BY name"
    for name, logo, template in connection.execute(query):
        for what, path in (("logo", logo), ("Word template", template)):
            if path and path.strip():
                notes.append(
                    f"The briefing “{name}” names a {what} file ({path.strip()[:120]}); "
                    f"PM Desk no longer reads files a project names: choose the {what} "
                    "again on the briefing page to store it in the project."
                )
    return notes
