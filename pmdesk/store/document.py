"""One open project: a private working copy that every edit commits to, saved atomically.

The user's file is read once at open and written once per save. Between the two, SQLite works
only on a local copy, so a shared or synced folder never sees a journal or a lock, and a crash
leaves the working copy behind for recovery.
"""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from pmdesk.domain.base import new_id
from pmdesk.domain.overview import get_project
from pmdesk.errors import NotAProjectError, SaveError
from pmdesk.store.atomic import replace_atomically
from pmdesk.store.database import create_schema, make_session, open_engine, set_format
from pmdesk.store.fileformat import FILE_SUFFIX, FORMAT_VERSION, quoted, read_header
from pmdesk.store.inspect import FileInfo, connect_read_only, inspect_file
from pmdesk.store.migrations import back_up_before_migration, migrate
from pmdesk.store.paths import working_dir


class Document:
    """An open project. Create with :meth:`new` or :meth:`open`; always :meth:`close`."""

    def __init__(self, working_path: Path, path: Path | None, info: FileInfo | None) -> None:
        self.working_path = working_path
        self.path = path
        self.info = info
        self.read_only_reason: str | None = None
        self.engine: Engine = open_engine(working_path)
        self.session: Session = make_session(self.engine)
        self._write_sidecar()

    # -- lifecycle ---------------------------------------------------------------------------

    @classmethod
    def new(cls) -> Document:
        working = _new_working_path()
        create_schema(working)
        document = cls(working, None, None)
        get_project(document.session)
        return document

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False) -> Document:
        """Validate ``path`` and open a working copy of it.

        Raises:
            NotAProjectError, FormatVersionError: with a sentence naming the file.
        """
        path = Path(path).absolute()
        working = _new_working_path()
        source = None
        try:
            header = read_header(path)  # before SQLite holds the file (see fileformat)
            source = connect_read_only(path)
            info = inspect_file(path, header, source)
            _copy_database(source, working)
        except sqlite3.DatabaseError:
            working.unlink(missing_ok=True)
            raise NotAProjectError(f"{quoted(path)} is damaged and cannot be opened.") from None
        except BaseException:
            working.unlink(missing_ok=True)
            raise
        finally:
            if source is not None:
                source.close()
        if info.format_version < FORMAT_VERSION:
            back_up_before_migration(path, info.format_version)
            migrate(working, info.format_version, FORMAT_VERSION)
        document = cls(working, path, info)
        document.read_only_reason = _read_only_reason(path, info, read_only)
        return document

    def close(self) -> None:
        """Forget the working copy. Unsaved changes are gone: ask the user before calling."""
        self.session.close()
        self.engine.dispose()
        for leftover in (self.working_path, self._sidecar_path):
            leftover.unlink(missing_ok=True)

    # -- saving ------------------------------------------------------------------------------

    def save(self, target: Path | str | None = None) -> Path:
        """Write the project to ``target`` (default: where it came from) atomically.

        A temporary file beside the target receives a backup of the working copy, is checked
        and flushed to disk, and only then replaces the target. Any failure leaves the target
        as it was and removes the temporary file.

        Raises:
            SaveError: with the reason, in a sentence naming the target.
        """
        if target is None:
            if self.path is None or self.read_only:
                raise SaveError("Choose where to save this project (Save As).")
            target = self.path
        target = Path(target).absolute()
        if target.suffix.lower() != FILE_SUFFIX:
            target = target.with_name(target.name + FILE_SUFFIX)
        self.session.commit()
        set_format(self.working_path, FORMAT_VERSION)
        replace_atomically(target, lambda temporary: _backup_checked(self.working_path, temporary))
        self.path = target
        self.read_only_reason = None
        self._write_sidecar()
        return target

    # -- state -------------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else "Untitled"

    @property
    def _sidecar_path(self) -> Path:
        return self.working_path.with_suffix(".json")

    def _write_sidecar(self) -> None:
        """Note which file this working copy belongs to, for recovery after a crash."""
        record = {
            "source": str(self.path) if self.path else None,
            "opened": datetime.now().isoformat(timespec="seconds"),
            "pid": os.getpid(),
        }
        self._sidecar_path.write_text(json.dumps(record), encoding="utf-8")


def _new_working_path() -> Path:
    return working_dir() / f"{new_id()}{FILE_SUFFIX}"


def _copy_database(source: sqlite3.Connection, target: Path) -> None:
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
    finally:
        destination.close()


def _read_only_reason(path: Path, info: FileInfo, requested: bool) -> str | None:
    if requested:
        return "Opened read-only."
    if info.newer_but_readable:
        return (
            f"A newer PM Desk ({info.written_by}) saved this project. You can read it here; "
            "Save As writes a copy in this version's format."
        )
    if not os.access(path, os.W_OK):
        return "You can read this file but not change it. Use Save As to keep your edits."
    if not os.access(path.parent, os.W_OK):
        return "The folder of this file is read-only. Use Save As to keep your edits."
    return None


def _backup_checked(working: Path, temporary: Path) -> None:
    """Copy the working copy into ``temporary`` and make sure the copy reads back whole."""
    source = sqlite3.connect(working)
    try:
        _copy_database(source, temporary)
    finally:
        source.close()
    check = sqlite3.connect(temporary)
    try:
        result = check.execute("PRAGMA quick_check").fetchone()
    finally:
        check.close()
    if result is None or result[0] != "ok":
        raise sqlite3.DatabaseError("the written copy did not pass its integrity check")
