"""Defences for reading a .pmdb that may come from anyone (SQLite's "Defense Against the Dark
Arts"): no code from the file runs, and no query can grow without bound."""

from __future__ import annotations

import sqlite3
from pathlib import Path

# What our own data needs, with room to spare; far below SQLite's defaults.
LIMITS = {
    sqlite3.SQLITE_LIMIT_LENGTH: 32 * 1024 * 1024,  # longest text or blob
    sqlite3.SQLITE_LIMIT_SQL_LENGTH: 16 * 1024 * 1024,  # bulk inserts build long statements
    sqlite3.SQLITE_LIMIT_COLUMN: 500,
    sqlite3.SQLITE_LIMIT_EXPR_DEPTH: 500,
    sqlite3.SQLITE_LIMIT_COMPOUND_SELECT: 50,
    sqlite3.SQLITE_LIMIT_FUNCTION_ARG: 16,
    sqlite3.SQLITE_LIMIT_ATTACHED: 0,
    sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH: 10_000,
    sqlite3.SQLITE_LIMIT_TRIGGER_DEPTH: 1,
}


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A hardened connection that can neither write to the file nor leave a journal beside it."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    connection = sqlite3.connect(uri, uri=True, isolation_level=None)
    harden(connection)
    return connection


def harden(connection: sqlite3.Connection) -> None:
    """Apply every defence Python 3.11 offers to a fresh connection, before any query."""
    connection.execute("PRAGMA trusted_schema=OFF")
    connection.set_authorizer(_only_top_level)
    for limit, value in LIMITS.items():
        connection.setlimit(limit, value)
    defensive = getattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE", None)
    if defensive is not None and hasattr(connection, "setconfig"):  # Python 3.12+
        connection.setconfig(defensive, True)


def _only_top_level(
    _action: int, _arg1: str | None, _arg2: str | None, _database: str | None, source: str | None
) -> int:
    # ``source`` names the trigger or view an access comes from; our own SQL has neither.
    return sqlite3.SQLITE_DENY if source else sqlite3.SQLITE_OK
