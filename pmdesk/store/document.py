"""One open project: a private working copy that every edit commits to, saved atomically.

The user's file is read once at open and written once per save. Between the two, SQLite works
only on a local copy, so a shared or synced folder never sees a journal or a lock, and a crash
leaves the working copy behind for recovery. A presence lock beside the file tells teammates who
has it open, and a fingerprint taken at open tells at save whether someone replaced it meanwhile.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import date
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from pmdesk import registry
from pmdesk.domain.project import get_project
from pmdesk.errors import NotAProjectError, SaveError
from pmdesk.store import history_rows, lock
from pmdesk.store.atomic import ChangedOnDiskError as ChangedOnDiskError  # callers catch it here
from pmdesk.store.atomic import copy_durably, digest_of, replace_atomically
from pmdesk.store.backups import back_up
from pmdesk.store.checked import remember
from pmdesk.store.copy_in import CopyIn, new_working_path
from pmdesk.store.database import (
    create_schema,
    ensure_tables,
    make_session,
    open_engine,
    set_format,
)
from pmdesk.store.fileformat import (
    FILE_SUFFIX,
    FORMAT_VERSION,
    quoted,
    read_header,
)
from pmdesk.store.hardening import connect_read_only
from pmdesk.store.history_rows import HistoryLook
from pmdesk.store.inspect import FileInfo, check_records, inspect_file
from pmdesk.store.migrations import migrate
from pmdesk.store.recovery import Orphan, note_path, write_note
from pmdesk.store.touched import TouchRecorder


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
        self._history_look: HistoryLook | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    @classmethod
    def new(cls) -> Document:
        working = new_working_path()
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
        check_fully: bool = False,
        copied: CopyIn | None = None,
    ) -> Document:
        """Validate ``path`` and open a working copy of it.

        ``as_copy`` opens an untitled copy: no lock, and Save asks where to put it.
        ``check_fully`` runs every check even on bytes this version has checked before
        (``checked``), as ``pmdesk check`` promises. ``copied``: the copy of ``path`` started
        while the project code loaded (``copy_in``); the open owns it from here.

        Raises:
            NotAProjectError, FormatVersionError: the file cannot be opened, in a sentence.
            ProjectLockedError: someone else has it open (``take_over_lock`` to proceed).
        """
        copying = _copy_of(path, copied, check_fully)
        path, name = copying.path, copying.name
        try:
            working = copying.take()
            digest = copying.digest
            info = _inspect_copy(path, copying)
            if copying.needs_full_check and info.format_version == FORMAT_VERSION:
                remember(digest)  # passed every check: the next open of these bytes skips them
            reason = None if as_copy else _read_only_reason(path, info, read_only)
            locked = None if reason or as_copy else _try_lock(path, take_over_lock)
            if reason is None and locked is None and not as_copy:
                reason = (
                    "The folder cannot hold PM Desk's lock file (it may be a read-only share), "
                    "so teammates could not see that you have it open. Use Save As to keep edits."
                )
        except BaseException:
            copying.working.unlink(missing_ok=True)
            raise
        document = None
        try:
            if info.format_version < FORMAT_VERSION:
                back_up(path, "migration")
                migrate(working, info.format_version, FORMAT_VERSION)
                _check_upgraded(working, name)
            document = cls(working, None if as_copy else path, info)
            ensure_tables(document.engine)
            for upgrade in registry.upgrade_steps(info.format_version, FORMAT_VERSION):
                upgrade(document.session, date.today())
        except BaseException:
            if document is not None:
                document.session.close()
                document.engine.dispose()
            if locked is not None:
                lock.release(locked)
            working.unlink(missing_ok=True)
            raise
        document.read_only_reason = reason
        document._locked = locked
        document.fingerprint = None if as_copy else digest
        if not check_fully:
            document._look_at_history()
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
        document._look_at_history()  # the crashed session may not have looked
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
        if self._history_look is not None:
            self._history_look.wait()  # it reads the working copy
        self.session.close()
        self.engine.dispose()
        if self._locked is not None:
            lock.release(self._locked)
            self._locked = None
        for leftover in (self.working_path, note_path(self.working_path)):
            leftover.unlink(missing_ok=True)

    def _look_at_history(self) -> None:
        """Look for broken rows of the merge history, which the open did not check, beside the
        work that follows (``history_rows``); its readers wait for the verdict."""
        self._history_look = HistoryLook(lambda: connect_read_only(self.working_path))
        self.session.info[history_rows.SESSION_KEY] = self._history_look

    # -- saving ------------------------------------------------------------------------------

    def save(self, target: Path | str | None = None, *, overwrite_changed: bool = False) -> Path:
        """Write the project to ``target`` (default: where it came from) atomically.

        A temporary file beside the target receives the working copy's bytes (hashed on the
        way: the new fingerprint), is flushed to disk, and only then takes the target's place,
        whose previous content goes to the backup folder first. The replace takes only the
        version this document last read or wrote (see ``atomic``). Any failure leaves the
        target as it was.

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
        # Saving through a symbolic link writes the file it names; the link stays a link.
        destination = Path(os.path.realpath(target)) if target.is_symlink() else target
        # The version this document read or last wrote: the replace takes only that one.
        expect = self.fingerprint if same_file and not overwrite_changed else None
        new_lock = None if same_file and self._locked else _try_lock(target, take_over=False)
        from pmdesk.interchange.history import record_saved_values  # the merge history

        record_saved_values(self.session)
        self.session.commit()
        set_format(self.working_path, FORMAT_VERSION)
        try:
            back_up(destination)
            digest = replace_atomically(
                destination,
                lambda temporary: _copy_out(self.working_path, temporary),
                expect=expect,
                shown=quoted(target),
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
        self.fingerprint = digest
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
    """What identifies this version of the file: the SHA-256 of its content (an open and a save
    compute it while copying the bytes anyway). None when the file is gone."""
    return digest_of(path)


def _try_lock(path: Path, take_over: bool) -> Path | None:
    """Take the presence lock; None where the folder cannot hold one."""
    try:
        lock.acquire(path, take_over=take_over)
    except lock.ProjectLockedError:
        raise
    except OSError:
        return None
    return path


def _copy_of(path: Path | str, copied: CopyIn | None, check_fully: bool) -> CopyIn:
    """``copied`` if it is a copy of ``path`` started as the open asks, else one made here."""
    if copied is not None:
        if copied.path == Path(path).absolute() and copied.check_fully == check_fully:
            return copied
        copied.discard()  # started for another file
    copying = CopyIn(path, check_fully=check_fully)
    copying.copy_here()
    return copying


def _inspect_copy(path: Path, copied: CopyIn) -> FileInfo:
    """Every check of the file, run on the working copy (so the user's file is never locked);
    those that read every page and record only for bytes not checked here before."""
    assert copied.header is not None, "copied first"
    connection = None
    try:
        connection = connect_read_only(copied.working)
        return inspect_file(
            path,
            copied.header,
            connection,
            lambda: connect_read_only(copied.working),
            checked_before=not copied.needs_full_check,
            pages=copied.pages_verdict(),
            history=copied.check_fully,  # else left to its readers (``check_records``)
        )
    except sqlite3.DatabaseError:
        raise NotAProjectError(f"{copied.name} is damaged and cannot be opened.") from None
    finally:
        if connection is not None:
            connection.close()
        # The thread's quick_check reads the working copy: done before anyone may remove it.
        with contextlib.suppress(Exception):
            copied.wait()


def _check_upgraded(working: Path, name: str) -> None:
    """The content rules are those of the current format: an older file meets them once
    upgraded."""
    connection = connect_read_only(working)
    try:
        check_records(connection, name)
    except sqlite3.DatabaseError:
        raise NotAProjectError(f"{name} is damaged and cannot be opened.") from None
    finally:
        connection.close()


def _copy_out(working: Path, temporary: Path) -> str:
    """Copy the working copy's bytes into ``temporary``; returns their fingerprint.

    A read transaction holds SQLite's shared lock for the copy, so no write can start halfway
    (and a journal left by a crash is rolled back first). The bytes are those of a database
    SQLite has committed, so instead of a ``quick_check`` that would read them all again, the
    header is checked against the size written: a short or foreign file cannot pass.
    """
    connection = sqlite3.connect(working, isolation_level=None)
    try:
        connection.execute("BEGIN")
        connection.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        digest = copy_durably(working, temporary)
        connection.execute("COMMIT")
    finally:
        connection.close()
    header = read_header(temporary, quoted(temporary))
    size = temporary.stat().st_size
    if header.page_count is None or header.page_count * header.page_size != size:
        raise sqlite3.DatabaseError("the written copy does not match its own header")
    return digest


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
