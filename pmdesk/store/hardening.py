"""Defences for reading a .pmdb that may come from anyone (SQLite's "Defense Against the Dark
Arts"): no code from the file runs, and no query can grow without bound."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection

from pmdesk import registry
from pmdesk.domain.allowed import limits_of
from pmdesk.errors import NotAProjectError

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


def check_text(
    connection: sqlite3.Connection, name: str, *, read_already: Collection[str] = ()
) -> None:
    """Read every free text once, so that text that is not UTF-8 is found now, with a clear
    message, instead of breaking a view later.

    Run after the content rules (``content``): dates, numbers and chosen values have passed
    tests only well-formed ASCII passes, so only free texts and ids need reading. The tables in
    ``read_already`` had every column of every row fetched (and so decoded) by those rules.
    """
    models = {model.__tablename__: model for model in registry.record_models()}
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_schema")}
    for table in registry.metadata().sorted_tables:
        if table.name not in tables or table.name in read_already:
            continue
        texts = [
            f'"{column.key}"'
            for column in table.columns
            if (limits := limits_of(column)).kind == "text" and limits.choices is None
        ]
        if not texts:
            continue
        try:
            for _row in connection.execute(f'SELECT {", ".join(texts)} FROM "{table.name}"'):
                pass
        except sqlite3.OperationalError as error:
            if "decode" not in str(error).lower():
                raise
            singular = getattr(models.get(table.name), "__singular__", "record")
            raise NotAProjectError(
                f"{name} is damaged: a {singular} holds text that is not valid UTF-8, so the "
                "project cannot be opened safely. Restore a backup or ask for a fresh copy."
            ) from None
