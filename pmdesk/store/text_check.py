"""Every free text of a project file read once, so that text that is not UTF-8 is refused at
open, in a sentence naming the kind of record, instead of breaking a view later."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection

from pmdesk import registry
from pmdesk.domain.allowed import limits_of
from pmdesk.errors import NotAProjectError
from pmdesk.store.content import singular


def check_text(
    connection: sqlite3.Connection, name: str, *, read_already: Collection[str] = ()
) -> None:
    """Read every free text once; refuse the file if one is not UTF-8.

    Part of the content checks (``content``): dates, numbers and chosen values meet tests
    that only well-formed ASCII passes, so only free texts and ids need reading. The tables in
    ``read_already`` had every column of every row fetched (and so decoded) by the workspaces'
    rules.
    """
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
            raise NotAProjectError(
                f"{name} is damaged: a {singular(table.name)} holds text that is not valid "
                "UTF-8, so the project cannot be opened safely. Restore a backup or ask for a "
                "fresh copy."
            ) from None
