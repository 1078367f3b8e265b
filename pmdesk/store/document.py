"""One open project: a private working copy that every edit commits to, saved atomically.

The user's file is read once at open and written once per save. Between the two, SQLite works
only on a local copy, so a shared or synced folder never sees a journal or a lock, and a crash
leaves the working copy behind for recovery. A presence lock beside the file tells teammates who
has it open, and a fingerprint taken at open tells at save whether someone replaced it meanwhile.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from pmdesk.domain.base import new_id
from pmdesk.domain.project import get_project
from pmdesk.errors import NotAProjectError, SaveError
from pmdesk.store import lock
from pmdesk.store.atomic import replace_atomically
from pmdesk.store.backups import back_up
from pmdesk.store.database import (
    create_schema,
    ensure_tables,
    make_session,
    open_engine,
    set_format,
)
from pmdesk.store.fileformat import FILE_SUFFIX, FORMAT_VERSION, quoted, read_header
from pmdesk.store.inspect import FileInfo, connect_read_only, inspect_file
from pmdesk.store.migrations import migrate
from pmdesk.store.paths import working_dir
from pmdesk.store.recovery import Orphan, note_path, write_note
from pmdesk.store.touched import TouchRecorder


class ChangedOnDiskError(SaveError):
    """The file was replaced by someone else since it was opened or last saved here."""


class Document:
    """An open project. Create with :meth:`new`, :meth:`open` or :meth:`recover`; always
    :meth:`close`."""

    def __init__(self, working_path: Path, path: Path | None, info: FileInfo | None) -> None:
        self.working_path = working_path
        self.path = path
        self.info = info
        self.read_only_reason: str | None = None
        self.fingerprint: str | None = None  # of the user's file, when opened or last saved
        self._locked: Path | None = None
        self.engine: Engine = open_engine(working_path)
        self.session: Session = make_session(self.engine)
        self.touches = TouchRecorder(self.engine, self.session)  # what each edit wrote

    # -- lifecycle ---------------------------------------------------------------------------

    @classmethod
    def new(cls) -> Document:
        working = _new_working_path()
        create_schema(working)
        document = cls(working, None, None)
        get_project(document.session)
        document._write_note()
        return document

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        read_only: bool = False,
        take_over_lock: bool = False,
        as_copy: bool = False,
    ) -> Document:
        """Validate ``path`` and open a working copy of it.

        ``as_copy`` opens an untitled copy: no lock, and Save asks where to put it.

        Raises:
            NotAProjectError, FormatVersionError: the file cannot be opened, in a sentence.
            ProjectLockedError: someone else has it open (``take_over_lock`` to proceed).
        """
        path = Path(path).absolute()
        working = _new_working_path()
        source = None
        try:
            header = read_header(path)  # before SQLite holds the file (see fileformat)
            source = connect_read_only(path)
            info = inspect_file(path, header, source)
            reason = None if as_copy else _read_only_reason(path, info, read_only)
            locked = None if reason or as_copy else _try_lock(path, take_over_lock)
            if reason is None and locked is None and not as_copy:
                reason = (
                    "The folder cannot hold PM Desk's lock file (it may be a read-only share), "
                    "so teammates could not see that you have it open. Use Save As to keep edits."
                )
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
            back_up(path, "migration")
            migrate(working, info.format_version, FORMAT_VERSION)
        document = cls(working, None if as_copy else path, info)
        ensure_tables(document.engine)
        document.read_only_reason = reason
        document._locked = locked
        document.fingerprint = None if as_copy else fingerprint(path)
        document._write_note()
        return document

    @classmethod
    def recover(cls, orphan: Orphan) -> Document:
        """Continue the unsaved work a crashed session left behind.

        The recovered project keeps its file name, but remembers the file as it was when that
        session opened it: if the file changed since, saving over it asks first.
        """
        document = cls(orphan.working_path, orphan.source, None)
        document.fingerprint = orphan.fingerprint
        if orphan.source is not None:
            try:
                document._locked = _try_lock(orphan.source, take_over=False)
            except lock.ProjectLockedError as error:
                if not error.can_take_over:  # a teammate has the file open now
                    document.read_only_reason = f"{error} Use Save As to keep the recovered work."
                else:  # the crashed session's own lock
                    document._locked = _try_lock(orphan.source, take_over=True)
        document._write_note()
        return document

    def close(self) -> None:
        """Forget the working copy. Unsaved changes are gone: ask the user before calling."""
        self.session.close()
        self.engine.dispose()
        if self._locked is not None:
            lock.release(self._locked)
            self._locked = None
        for leftover in (self.working_path, note_path(self.working_path)):
            leftover.unlink(missing_ok=True)

    # -- saving ------------------------------------------------------------------------------

    def save(self, target: Path | str | None = None, *, overwrite_changed: bool = False) -> Path:
        """Write the project to ``target`` (default: where it came from) atomically.

        A temporary file beside the target receives a backup of the working copy, is checked
        and flushed to disk, and only then replaces the target, whose previous content goes to
        the backup folder first. Any failure leaves the target as it was.

        Raises:
            ChangedOnDiskError: someone replaced the file since it was opened or saved here
                (``overwrite_changed`` to save anyway).
            ProjectLockedError: a different target is open by someone else.
            SaveError: with the reason, in a sentence naming the target.
        """
        if target is None:
            if self.path is None or self.read_only:
                raise SaveError("Choose where to save this project (Save As).")
            target = self.path
        target = Path(target).absolute()
        if target.suffix.lower() != FILE_SUFFIX:
            target = target.with_name(target.name + FILE_SUFFIX)
        same_file = target == self.path
        if same_file and not overwrite_changed and self.changed_on_disk():
            raise ChangedOnDiskError(
                f"{quoted(target)} was changed by someone else after you opened it. Save your "
                "work under another name, or replace their version."
            )
        new_lock = None if same_file and self._locked else _try_lock(target, take_over=False)
        from pmdesk.interchange.history import record_saved_values  # the merge history

        record_saved_values(self.session)
        self.session.commit()
        set_format(self.working_path, FORMAT_VERSION)
        try:
            back_up(target)
            replace_atomically(
                target, lambda temporary: _copy_checked(self.working_path, temporary)
            )
        except BaseException:
            if new_lock is not None:
                lock.release(new_lock)
            raise
        if new_lock is not None:
            if self._locked is not None:
                lock.release(self._locked)
            self._locked = new_lock
        self.path = target
        self.read_only_reason = None
        self.fingerprint = fingerprint(target)
        self._write_note()
        return target

    def changed_on_disk(self) -> bool:
        """Whether the user's file is no longer what this document last read or wrote."""
        if self.path is None or self.fingerprint is None:
            return False
        return fingerprint(self.path) != self.fingerprint

    # -- state -------------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else "Untitled"

    def _write_note(self) -> None:
        write_note(self.working_path, self.path, self.fingerprint)


def fingerprint(path: Path) -> str | None:
    """What identifies this version of the file, without reading it all: its size, its time of
    change, and SQLite's own change counter from the header. A teammate's save replaces the file,
    which changes them. None when the file is gone."""
    try:
        status = path.stat()
        with path.open("rb") as handle:
            counter = handle.read(28)[24:28]
    except OSError:
        return None
    return f"{status.st_size}:{status.st_mtime_ns}:{counter.hex()}"


def _try_lock(path: Path, take_over: bool) -> Path | None:
    """Take the presence lock; None where the folder cannot hold one."""
    try:
        lock.acquire(path, take_over=take_over)
    except lock.ProjectLockedError:
        raise
    except OSError:
        return None
    return path


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


def _copy_checked(working: Path, temporary: Path) -> None:
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
