"""The first steps of opening a project, which need neither SQLAlchemy nor the models: the
user's file copied byte for byte into a private working copy and fingerprinted, its header
read, and SQLite's ``quick_check`` of every page.

The app starts them in a thread (:meth:`CopyIn.start`) before it loads the project code, about
a third of a second of Python. Copying, hashing and ``quick_check`` run outside the GIL nearly
all the time, so on a second core a big file's copy is done by the time the models are. The
content rules start as soon as the copy is there, beside a ``quick_check`` still running, whose
verdict they wait for before any of their outcomes counts. ``Document.open`` without one runs
the same steps here, and ``quick_check`` beside the content rules.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import threading
import uuid
from collections.abc import Callable
from pathlib import Path

from pmdesk.errors import NotAProjectError
from pmdesk.store.atomic import copy_hashing
from pmdesk.store.checked import was_checked
from pmdesk.store.fileformat import (
    FILE_SUFFIX,
    FORMAT_VERSION,
    MAX_PROJECT_BYTES,
    Header,
    check_regular_file,
    quoted,
    read_header,
    shown_path,
)
from pmdesk.store.hardening import connect_read_only
from pmdesk.store.leftovers import remove_abandoned_saves
from pmdesk.store.paths import working_dir


class CopyIn:
    """A user's file on its way into a new working copy.

    Whoever gets one either hands it to ``Document.open`` (which then owns the working copy) or
    calls :meth:`discard`.
    """

    def __init__(self, path: Path | str, *, check_fully: bool = False) -> None:
        self.path = Path(path).absolute()
        self.name = quoted(self.path)
        self.working = new_working_path()
        self.check_fully = check_fully
        self.digest = ""
        self.header: Header | None = None
        # These exact bytes passed every check under this version before (``checked``).
        self.checked_before = False
        self._error: Exception | None = None
        self._pages_passed: bool | None = None  # quick_check's verdict, when it ran here
        self._thread: threading.Thread | None = None
        self._copied = threading.Event()  # the working copy and its header are there
        self._taken = False

    @classmethod
    def start(cls, path: Path | str) -> CopyIn:
        """Begin copying ``path`` in, and checking its pages, in a thread."""
        copy = cls(path)
        copy._thread = threading.Thread(target=copy._run, name="pmdesk-copy-in", daemon=True)
        copy._thread.start()
        return copy

    def copy_here(self) -> None:
        """Copy the file in on this thread, leaving ``quick_check`` to the caller; nothing is
        left behind when that fails."""
        try:
            self._copy()
        except BaseException:
            self.working.unlink(missing_ok=True)
            raise

    @property
    def needs_full_check(self) -> bool:
        """Whether the content rules and ``quick_check`` must run on these bytes."""
        assert self.header is not None, "copied first"
        return not (self.checked_before and self.header.format_version == FORMAT_VERSION)

    def wait(self) -> None:
        """Wait for the thread, if any; raises what stopped the copy (NotAProjectError)."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._error is not None:
            raise self._error

    def pages_passed(self) -> bool | None:
        """The verdict of ``quick_check`` when it ran in the thread, else None."""
        self.wait()
        return self._pages_passed

    def pages_verdict(self) -> Callable[[], bool] | None:
        """What waits for the thread's ``quick_check`` verdict, when one runs there, else None.
        Call it after :meth:`take`: until the copy is there, no one knows."""
        if self._thread is None or not self.needs_full_check:
            return None
        return lambda: bool(self.pages_passed())

    def take(self) -> Path:
        """The working copy, now the caller's to keep or remove; a ``quick_check`` of it may
        still be running in the thread (:meth:`pages_verdict`)."""
        if self._thread is not None:
            self._copied.wait()
        if self._error is not None:
            self.wait()  # what stopped the copy, raised here
        self._taken = True
        return self.working

    def discard(self) -> None:
        """Remove the working copy unless it was taken; never raises."""
        with contextlib.suppress(Exception):  # whatever stopped the copy, it is thrown away
            self.wait()
        if not self._taken:
            self.working.unlink(missing_ok=True)

    def _run(self) -> None:
        try:
            self._copy()
        except Exception as error:  # raised again by take() and wait(), on the caller's thread
            self._error = error
            return
        finally:
            self._copied.set()
        try:
            if self.needs_full_check:
                self._pages_passed = quick_check(self.working)
        except Exception as error:
            self._error = error

    def _copy(self) -> None:
        check_regular_file(self.path)
        remove_abandoned_saves(self.path)
        self.digest = _copy_bytes(self.path, self.working, self.name)
        self.checked_before = not self.check_fully and was_checked(self.digest)
        self.header = read_header(self.working, self.name)
        if self.header.wal:
            _as_rollback_journal(self.working)


def new_working_path() -> Path:
    """A new working copy's place: a random name, so open projects never share one."""
    return working_dir() / f"{uuid.uuid4()}{FILE_SUFFIX}"


def quick_check(path: Path) -> bool:
    """SQLite's ``quick_check`` of every page of ``path``, on a connection of its own."""
    try:
        connection = connect_read_only(path)
    except sqlite3.DatabaseError:
        return False
    try:
        return pages_pass(connection)
    finally:
        connection.close()


def pages_pass(connection: sqlite3.Connection) -> bool:
    try:
        result = connection.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError:
        return False
    return result is not None and result[0] == "ok"


def _copy_bytes(path: Path, working: Path, name: str) -> str:
    """Copy the user's file into the working copy byte for byte; SQLite never opens the user's
    file, so nothing (a journal, a WAL index) can appear beside it. Returns its fingerprint."""
    try:
        return copy_hashing(path, working, limit=MAX_PROJECT_BYTES)
    except OSError as error:
        # First: the system's copy names the source in whatever error it meets on the way.
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            raise NotAProjectError(
                f"{name} cannot be opened: PM Desk's data folder ({shown_path(working.parent)}) "
                "is on a full disk. Free some space there and open it again."
            ) from None
        if error.filename is not None and Path(error.filename) == path:
            raise NotAProjectError(f"{name} cannot be read: {error.strerror}.") from None
        if error.errno == errno.EFBIG:
            raise NotAProjectError(f"{name} is larger than any PM Desk project.") from None
        raise NotAProjectError(
            f"{name} cannot be opened: PM Desk cannot write its working copy in "
            f"{shown_path(working.parent)} ({error.strerror})."
        ) from None


def _as_rollback_journal(working: Path) -> None:
    """A header marked for write-ahead logging would make SQLite create ``-wal`` and ``-shm``
    files; PM Desk never writes such files, so the copy is switched back to a plain journal."""
    descriptor = os.open(working, os.O_RDWR)
    try:
        os.pwrite(descriptor, b"\x01\x01", 18)
    finally:
        os.close(descriptor)
