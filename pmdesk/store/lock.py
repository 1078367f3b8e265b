"""The presence lock: a small file beside a project saying who has it open, and since when.

It is advice between people, not an operating-system lock (those do not work on many shared and
synced folders): a second opener is told who has the file and chooses what to do.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
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


def lock_path(document: Path) -> Path:
    return document.with_name(f".~lock.{document.name}#")


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
    document = document.absolute()
    if _held.get(document):
        _held[document] += 1
        return
    try:
        owner = read_owner(document)
    except ValueError:
        owner = None
        if not take_over:
            raise ProjectLockedError(document, None) from None
    else:
        if owner is not None and not owner.is_this_process and not take_over:
            raise ProjectLockedError(document, owner)
    record = {
        "user": _user_name(),
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "since": datetime.now().isoformat(timespec="seconds"),
    }
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if take_over or owner else os.O_EXCL)
    try:
        descriptor = os.open(lock_path(document), flags, 0o644)
    except FileExistsError:  # another session locked it a moment ago
        raise ProjectLockedError(document, None) from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(record, handle)
    _held[document] = 1


def release(document: Path) -> None:
    """Drop this session's claim; the lock file goes when no open document uses it."""
    document = document.absolute()
    count = _held.get(document, 0)
    if count > 1:
        _held[document] = count - 1
        return
    _held.pop(document, None)
    with contextlib.suppress(ValueError, OSError):
        owner = read_owner(document)
        if owner is not None and owner.is_this_process:
            lock_path(document).unlink()


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "someone"
