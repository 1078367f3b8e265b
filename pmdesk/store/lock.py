"""The presence lock: a small file beside a project saying who has it open, and since when.

It is advice between people, not an operating-system lock (those do not work on many shared and
synced folders): a second opener is told who has the file and chooses what to do.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import json
import os
import socket
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pmdesk.errors import PmdeskError
from pmdesk.store.fileformat import quoted

# Paths this process holds, with how many open documents use each (the same file may be
# reopened before the previous document is closed).
_held: dict[Path, int] = {}


@dataclass(frozen=True)
class LockOwner:
    user: str
    host: str
    pid: int
    since: str  # local time, ISO format

    def describe(self) -> str:
        try:
            since = datetime.fromisoformat(self.since).strftime("%d %b %Y at %H:%M")
        except ValueError:
            since = "an unknown time"
        return f"{self.user} on {self.host} since {since}"

    @property
    def is_this_process(self) -> bool:
        return self.host == socket.gethostname() and self.pid == os.getpid()

    @property
    def is_stale(self) -> bool:
        """True when the owner's session is known to be gone (a crash on this computer)."""
        if self.host != socket.gethostname():
            return False  # another computer: only its user knows
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False


class ProjectLockedError(PmdeskError):
    """Someone else has the project open, or left a lock behind."""

    def __init__(self, path: Path, owner: LockOwner | None) -> None:
        if owner is None:
            message = (
                f"{quoted(path)} has a lock file that cannot be read; someone may have it open."
            )
        elif owner.is_stale:
            message = (
                f"{quoted(path)} was left locked by {owner.describe()}, in a session that "
                "has ended (PM Desk may have crashed)."
            )
        else:
            message = f"{quoted(path)} is open by {owner.describe()}."
        super().__init__(message)
        self.path = path
        self.owner = owner

    @property
    def can_take_over(self) -> bool:
        return self.owner is None or self.owner.is_stale


# A lock that cannot be read (empty after a full disk, cut off by a crash) is being written
# only for a moment; one older than this was abandoned and is replaced without asking.
TORN_AFTER = 10.0  # seconds


def _shared_file(document: Path) -> Path:
    """The file teammates open: a symbolic link's target, so that a colleague who opens the
    target directly (or through another link) sees the same lock."""
    return Path(os.path.realpath(document))


def lock_path(document: Path) -> Path:
    """``.~lock.<name>#`` beside the project (beside a link's target); for a name so long that
    this would pass the file system's limit, the name is cut and a short hash of it keeps locks
    of two such files apart."""
    document = _shared_file(document)
    name = f".~lock.{document.name}#"
    if len(os.fsencode(name)) > 255:
        digest = hashlib.sha1(os.fsencode(document.name)).hexdigest()[:10]
        name = f".~lock.{os.fsdecode(os.fsencode(document.name)[:200])}…{digest}#"
        while len(os.fsencode(name)) > 255:  # the cut fell inside a character
            name = name[:7] + name[8:]
    return document.with_name(name)


def read_owner(document: Path) -> LockOwner | None:
    """The lock's owner; None if there is no lock. Raises ValueError for an unreadable one."""
    try:
        text = lock_path(document).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError("unreadable lock") from error
    try:
        data = json.loads(text)
        return LockOwner(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]))
    except (ValueError, KeyError, TypeError) as error:
        raise ValueError("unreadable lock") from error


def acquire(document: Path, *, take_over: bool = False) -> None:
    """Mark ``document`` as open by this session.

    Raises:
        ProjectLockedError: another session holds it (``take_over`` replaces a stale or
            unreadable lock, or any lock the user chose to take over).
        OSError: the folder cannot hold a lock file (a read-only share).
    """
    document = _shared_file(document)
    if _held.get(document):
        _held[document] += 1
        return
    try:
        owner = read_owner(document)
    except ValueError:
        owner = None
        if not take_over and not _abandoned(lock_path(document)):
            raise ProjectLockedError(document, None) from None
        take_over = True
    else:
        if owner is not None and not owner.is_this_process and not take_over:
            raise ProjectLockedError(document, owner)
    record = {
        "user": _user_name(),
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "since": datetime.now().isoformat(timespec="seconds"),
    }
    try:
        _write(lock_path(document), json.dumps(record), replace=take_over or owner is not None)
    except FileExistsError:  # another session locked it a moment ago
        raise ProjectLockedError(document, None) from None
    _held[document] = 1


def _write(path: Path, text: str, *, replace: bool) -> None:
    """Write the lock whole or not at all: into a private file first, which then takes the lock's
    name (a full disk fails before the lock exists, so it never leaves an empty one).

    Raises:
        FileExistsError: ``replace`` is false and a lock is already there.
        OSError: the folder cannot hold the lock.
    """
    temporary = path.with_name(f".~lock.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with temporary.open("x", encoding="utf-8") as handle:
            handle.write(text)
        if replace:
            os.replace(temporary, path)
            return
        try:
            os.link(temporary, path)  # FileExistsError if a lock appeared meanwhile
        except FileExistsError:
            raise
        except OSError:  # no hard links here (some shares): exclusive create instead
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(text)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()


def _abandoned(path: Path) -> bool:
    """An unreadable lock that nobody is still writing: empty or cut off, and not new."""
    try:
        return time.time() - path.stat().st_mtime > TORN_AFTER
    except OSError:
        return True


def release(document: Path) -> None:
    """Drop this session's claim; the lock file goes when no open document uses it."""
    document = _shared_file(document)
    count = _held.get(document, 0)
    if count > 1:
        _held[document] = count - 1
        return
    _held.pop(document, None)
    with contextlib.suppress(ValueError, OSError):
        owner = read_owner(document)
        if owner is not None and owner.is_this_process:
            lock_path(document).unlink()


_chosen_name = ""  # the name the PM gave in Preferences; the login name otherwise


def set_user_name(name: str) -> None:
    """Name lock notes after ``name`` (empty: the account's login name)."""
    global _chosen_name
    _chosen_name = name.strip()


def _user_name() -> str:
    if _chosen_name:
        return _chosen_name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "someone"
