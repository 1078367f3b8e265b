"""The rows of the merge history, looked at once a project is open instead of during the open.

No page shows the history, and a big project holds a row per record, a fifth of all its rows:
the open checks the history's fields but not its rows (``inspect.check_records``). Once the
project is open, a thread looks for rows broken outside PM Desk, a slice of the history at a
time, so that an edit's commit never waits long for the file. Where it finds any, the history's
readers pass over them and the first save deletes them, so that those records' histories start
again (``pmdesk.interchange.history``): a merge then compares their fields, never guesses.
"""

from __future__ import annotations

import itertools
import sqlite3
import threading
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from pmdesk.domain.history import RecordHistory
from pmdesk.store.content import rows_breaking_rules

# Where a session keeps the look (``HistoryLook``) while its rows are not known to be sound.
SESSION_KEY = "pmdesk.history.look"
# The history is keyed by record UUIDs, so slices by their first hex digit hold about as many
# rows each; the first slice also holds ids below "1", the last those above "f".
_BOUNDS: tuple[str | None, ...] = (None, *"123456789abcdef", None)


@cache
def broken_rows() -> str:
    """SQL true for a history row that breaks the content rules. SQL cannot tell text that is
    not UTF-8, so the readers decode the history's texts themselves."""
    return rows_breaking_rules(RecordHistory.__table__)


class HistoryLook:
    """Looks for broken history rows in a thread, on a connection of its own."""

    def __init__(self, connect: Callable[[], sqlite3.Connection]) -> None:
        self._found: bool | None = None  # None: the look did not finish
        self._thread = threading.Thread(
            target=self._run, args=(connect,), name="pmdesk-history-look", daemon=True
        )
        self._thread.start()

    def any_broken(self) -> bool:
        """Wait for the look: True where it found a broken row, or could not finish."""
        self.wait()
        return self._found is not False

    def wait(self) -> None:
        """Wait for the thread (before the working copy it reads goes away)."""
        self._thread.join()

    def _run(self, connect: Callable[[], sqlite3.Connection]) -> None:
        try:
            connection = connect()
        except sqlite3.Error:
            return
        try:
            # Each slice's rows are read to the end, so its statement lets go of the file.
            self._found = any(connection.execute(*query).fetchall() for query in _slices())
        except sqlite3.Error:
            pass  # the readers and the first save then test every row themselves
        finally:
            connection.close()


def _slices() -> Iterator[tuple[str, tuple[Any, ...]]]:
    table = RecordHistory.__tablename__
    for low, high in itertools.pairwise(_BOUNDS):
        within = " AND ".join(
            test for test, bound in (('"id" >= ?', low), ('"id" < ?', high)) if bound is not None
        )
        bounds = tuple(bound for bound in (low, high) if bound is not None)
        yield f'SELECT 1 FROM "{table}" WHERE {within} AND ({broken_rows()}) LIMIT 1', bounds
