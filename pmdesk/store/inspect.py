"""Decide whether a file may be trusted before any of our queries run on it."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pmdesk import __version__, registry
from pmdesk.domain.history import RecordHistory
from pmdesk.errors import FormatVersionError, NotAProjectError
from pmdesk.store.content import check_content
from pmdesk.store.copy_in import pages_pass
from pmdesk.store.database import META_TABLE, read_meta
from pmdesk.store.fileformat import FORMAT_VERSION, Header, quoted
from pmdesk.store.migrations import RETIRED_NAMES
from pmdesk.store.text_check import check_text


@dataclass(frozen=True)
class FileInfo:
    """What a valid project file says about itself."""

    format_version: int
    written_by: str  # the PM Desk version that last saved it
    newer_but_readable: bool  # a newer format that declares this version may still read it


def inspect_file(
    path: Path,
    header: Header,
    connection: sqlite3.Connection,
    second: Callable[[], sqlite3.Connection] | None = None,
    *,
    checked_before: bool = False,
    pages: Callable[[], bool] | None = None,
    history: bool = True,
) -> FileInfo:
    """Check header, integrity, schema and version of an opened project file.

    ``checked_before`` says that these exact bytes already passed every check under this
    version (``checked``): then ``quick_check`` and the content rules, which read every page
    and every record, are skipped for a file of the current format; the cheap checks of the
    metadata and of the schema's entries still run.

    ``second`` opens another connection to the file: ``quick_check`` then reads every page
    there, in a thread, while the other checks run here; a damaged file is refused as damaged
    whatever they found, and a trigger, view or unknown table is still refused before any
    record is read. ``pages`` waits for the verdict of a ``quick_check`` started elsewhere
    (``copy_in``), which then counts in the same way. ``history``: the rows of the merge
    history are checked too (``check_records``).

    Raises:
        NotAProjectError: the file is not ours, or is damaged.
        FormatVersionError: a newer PM Desk wrote it in a format this one cannot read.
    """
    name = quoted(path)
    full = not (checked_before and header.format_version == FORMAT_VERSION)
    integrity = _Integrity(connection, second, pages) if full else None
    already = second is None and pages is None  # the verdict is in before the rules
    if integrity is not None and already and not integrity.passed():
        raise _damaged(name)  # nothing reads a damaged file's records
    try:
        info = _inspect(name, header, connection, second, full=full, history=history)
    except Exception:
        # A corrupt page can make any later check fail in its own way: the damage is the cause.
        if integrity is not None and not integrity.passed():
            raise _damaged(name) from None
        raise
    if integrity is not None and not integrity.passed():
        raise _damaged(name)
    return info


def _inspect(
    name: str,
    header: Header,
    connection: sqlite3.Connection,
    second: Callable[[], sqlite3.Connection] | None,
    *,
    full: bool,
    history: bool,
) -> FileInfo:
    try:
        entries = connection.execute("SELECT type, name FROM sqlite_schema").fetchall()
    except sqlite3.DatabaseError:
        raise _damaged(name) from None
    meta = read_meta(connection)
    written_by = meta.get("app_version", "an unknown version")
    min_reader = int(meta.get("min_reader_format", header.format_version))
    newer = header.format_version > FORMAT_VERSION
    if newer and min_reader > FORMAT_VERSION:
        raise FormatVersionError(
            f"{name} was saved by PM Desk {written_by} in project format "
            f"{header.format_version}; this PM Desk ({__version__}) reads formats up to "
            f"{FORMAT_VERSION}. Install a newer PM Desk to open it."
        )
    check_schema_entries(name, entries, allow_unknown_tables=newer)
    # An older format is checked once upgraded.
    if header.format_version >= FORMAT_VERSION and full:
        check_records(connection, name, newer=newer, second=second, history=history)
    return FileInfo(header.format_version, written_by, newer)


def _damaged(name: str) -> NotAProjectError:
    return NotAProjectError(
        f"{name} is damaged and cannot be opened safely. Restore a backup or ask for a fresh copy."
    )


class _Integrity:
    """SQLite's ``quick_check`` of every page. Given a way to open another connection, it runs
    there in a thread (SQLite works without the GIL) while the other checks run; its verdict is
    awaited before any of their outcomes counts. ``pending`` waits for the verdict of one
    already running elsewhere."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        second: Callable[[], sqlite3.Connection] | None,
        pending: Callable[[], bool] | None = None,
    ) -> None:
        self._ok = False
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        self._pending = pending
        if pending is not None:
            return
        if second is None:
            self._ok = pages_pass(connection)
            return
        self._thread = threading.Thread(target=self._run, args=(second,), name="pmdesk-quick-check")
        self._thread.start()

    def _run(self, second: Callable[[], sqlite3.Connection]) -> None:
        try:
            other = second()
            try:
                self._ok = pages_pass(other)
            finally:
                other.close()
        except sqlite3.DatabaseError:
            self._ok = False
        except BaseException as error:
            self._error = error

    def passed(self) -> bool:
        if self._pending is not None:
            self._ok = self._pending()
            self._pending = None
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._error is not None:
            raise self._error
        return self._ok


def check_records(
    connection: sqlite3.Connection,
    name: str,
    *,
    newer: bool = False,
    second: Callable[[], sqlite3.Connection] | None = None,
    history: bool = True,
) -> None:
    """Every record against the rules of its kind (``content``), and every text for UTF-8;
    ``second`` opens another connection so that the SQL checks run beside the Python ones.

    ``history=False`` leaves out the rows of the merge history, as the open does: no page
    shows them, they are a fifth of a big project's rows, and its readers pass over a row
    broken outside PM Desk, which the next save writes afresh (``interchange.history``).
    """
    later = () if history else (RecordHistory.__tablename__,)
    try:
        check_content(
            connection,
            name,
            newer=newer,
            # The workspaces' rules fetch every column of their kinds' rows: decoded already.
            also=lambda: check_text(
                connection, name, read_already={*registry.record_rules(), *later}
            ),
            second=second,
            rows_read_later=later,
        )
    except sqlite3.OperationalError as error:
        if "decode" in str(error).lower():
            # names the kind of record holding the bad bytes
            check_text(connection, name, read_already=later)
        raise


def check_schema_entries(
    name: str, entries: list[tuple[str, str]], *, allow_unknown_tables: bool
) -> None:
    """Refuse any trigger, view or table that our format does not define.

    A trigger or view runs code the moment we read; a file from a stranger must not get that.
    """
    known = set(registry.metadata().tables) | {META_TABLE} | RETIRED_NAMES
    known_indexes = {
        index.name for table in registry.metadata().tables.values() for index in table.indexes
    }
    for kind, entry in entries:
        if kind in ("trigger", "view"):
            raise NotAProjectError(
                f"{name} contains a {kind} called “{entry}” that PM Desk never creates; it was "
                "refused because it could run code when the file is read."
            )
        if kind == "table" and entry not in known and not allow_unknown_tables:
            raise NotAProjectError(
                f"{name} contains a table “{entry}” that is not part of a PM Desk project."
            )
        if kind == "index" and not (
            entry in known_indexes or entry.startswith("sqlite_autoindex_") or allow_unknown_tables
        ):
            raise NotAProjectError(
                f"{name} contains an index “{entry}” that is not part of a PM Desk project."
            )
