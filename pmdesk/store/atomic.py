"""Writing a file so that it is either entirely the old one or entirely the new one.

A save copies its bytes into a temporary file beside the target, hashing them on the way (the
hash is the file's fingerprint from then on, at no extra read), and flushes it to disk. When the
caller knows which version it expects to replace, the last step runs in a save's turn: a tiny
file ``.<name>.saving`` created exclusively says "a PM Desk is replacing this file now", for the
milliseconds it takes to confirm that the target is the expected version (its hash is computed
on the other core while the new file is written, and taken again if the file changed since) and
to move the new file into place. Two PM Desks saving at once therefore take turns, and the
second one finds the first one's version and is told, instead of overwriting it. The turn file
of a session that was killed is recognised (a process that is gone, or older than a minute) and
removed.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import mmap
import os
import shutil
import socket
import sqlite3
import threading
import time
import uuid
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from pmdesk.errors import SaveError
from pmdesk.store.fileformat import quoted, shown_path

TEMPORARY_SUFFIX = ".saving"


class ChangedOnDiskError(SaveError):
    """The file was replaced by someone else since it was opened or last saved here; a save
    that expected the earlier version left theirs as it is."""


def digest_of(path: Path) -> str | None:
    """The fingerprint of ``path``'s content (SHA-256); None when it cannot be read."""
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def copy_hashing(source: Path, target: Path, *, limit: int | None = None) -> str:
    """Copy ``source`` into the new file ``target`` and return the SHA-256 of the copy.

    The operating system copies (``shutil.copyfile``), and the copy is hashed rather than the
    source: the source may be someone else's and change meanwhile, and the bytes that matter
    are those opened. Both steps are one call each, so a copy in a thread beside Python work
    (``copy_in``) waits for the GIL a few times, not at every chunk. Not flushed to the disk: a
    working copy made at open is not the only copy of anything.

    Raises:
        OSError: from reading or writing; ``target`` may be partly written (the caller removes
            it). ``EFBIG`` when ``source`` is longer than ``limit`` bytes.
    """
    too_large = OSError(errno.EFBIG, "the file is too large")
    if limit is not None and source.stat().st_size > limit:
        raise too_large
    shutil.copyfile(source, target)
    if limit is not None and target.stat().st_size > limit:  # it grew while being copied
        raise too_large
    return _digest_of_private(target)


def _digest_of_private(path: Path) -> str:
    """The SHA-256 of a file no one but this PM Desk writes, hashed in one call from a mapping
    of it (a mapped file that someone else shortens would crash the reader)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        if os.fstat(handle.fileno()).st_size:  # an empty file cannot be mapped
            with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as content:
                digest.update(content)
    return digest.hexdigest()


def copy_durably(source: Path, target: Path) -> str:
    """Copy ``source``, which nothing writes meanwhile (a database under a read transaction),
    into ``target`` and flush it to the disk; returns the SHA-256 of the bytes copied.

    The operating system copies (``shutil.copyfile``: ``sendfile`` on Linux, the platform's own
    copy elsewhere) while a thread hashes the source, so a save costs about what a plain copy
    and flush cost. Should the source change all the same, the copy is hashed instead.

    Raises:
        OSError: from reading or writing; ``target`` may be partly written.
    """
    before = _identity(source)
    hashing = _Hashing(source)
    shutil.copyfile(source, target)
    with target.open("rb+") as handle:
        os.fsync(handle.fileno())
        digest = hashing.digest(again=False)
        if digest is None or _identity(source) != before:
            handle.seek(0)
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
    return digest


def temporary_name(target: Path) -> Path:
    """Where a save of ``target`` writes first: a hidden file beside it naming this session, so a
    later open can tell an abandoned one (see ``leftovers``)."""
    host = zlib.crc32(socket.gethostname().encode("utf-8")) & 0xFFFFFFFF
    token = f"{host:08x}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    name = f".{target.name}.{token}{TEMPORARY_SUFFIX}"
    if len(os.fsencode(name)) > 255:  # a long file name: keep the session part whole
        name = f".{target.name[:100]}.{token}{TEMPORARY_SUFFIX}"
    return target.with_name(name)


def replace_atomically(
    target: Path,
    fill: Callable[[Path], str | None],
    *,
    expect: str | None = None,
    shown: str | None = None,
) -> str | None:
    """Let ``fill`` write a temporary file beside ``target``, then move it into place.

    ``fill`` returns the new content's hash (or None). With ``expect`` (the hash of the version
    the caller read or last wrote) the move replaces only that version: if the target is another
    one, or is gone, nothing is replaced and ChangedOnDiskError is raised (see ``save_turn``).
    ``shown`` is how messages name the file (by default its quoted name).

    The temporary file is flushed to disk before the move, and the move is flushed too. On any
    failure ``target`` is untouched, the temporary file is removed, and SaveError says why.
    """
    folder = target.parent
    where = shown or quoted(target)
    if not folder.is_dir():
        raise SaveError(f"Cannot save {where}: the folder {shown_path(folder)} does not exist.")
    if target.is_dir():
        raise SaveError(f"Cannot save {where}: a folder of that name is in the way.")
    temporary = temporary_name(target)
    # The version in place is hashed on the other core while the new one is written.
    current = _Hashing(target) if expect is not None else None
    try:
        # Creating the file ourselves first turns a bad folder into a precise OSError.
        with temporary.open("xb"):
            pass
        written = fill(temporary)
        if current is None:
            os.replace(temporary, target)
        else:
            _replace_if_unchanged(temporary, target, expect or "", where, current)
        _fsync_folder(folder)
    except OSError as error:
        raise SaveError(f"Cannot save {where}: {_describe(error, folder)}") from None
    except sqlite3.DatabaseError as error:
        full = "full" in str(error).lower()
        reason = "the disk is full." if full else f"the database could not be written ({error})."
        raise SaveError(f"Cannot save {where}: {reason}") from None
    finally:
        with contextlib.suppress(OSError):  # never created, or already moved into place
            temporary.unlink(missing_ok=True)
    return written


def _replace_if_unchanged(
    temporary: Path, target: Path, expect: str, where: str, current: _Hashing
) -> None:
    with save_turn(target):
        if current.digest() != expect:  # gone, or another version than the one we read
            raise ChangedOnDiskError(
                f"{where} was changed by someone else after you opened it. Save your work "
                "under another name, or replace their version."
            )
        os.replace(temporary, target)


class _Hashing:
    """The hash of a file, computed in a thread (hashlib and file reads release the GIL).

    :meth:`digest` is asked for right before the replace: if the file is no longer the one that
    was hashed (a different inode, size or change time, as any replace or write gives), it is
    hashed again there and then.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._result: tuple[tuple[int, ...] | None, str | None] = (None, None)
        self._thread = threading.Thread(target=self._run, name="pmdesk-fingerprint", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        before = _identity(self._path)
        digest = digest_of(self._path)
        self._result = (before if before == _identity(self._path) else None, digest)

    def digest(self, *, again: bool = True) -> str | None:
        """The file's hash as it is now; if it changed since it was hashed, hashed ``again``
        (or None)."""
        self._thread.join()
        hashed, digest = self._result
        if hashed is None or hashed != _identity(self._path):
            return digest_of(self._path) if again else None
        return digest


def _identity(path: Path) -> tuple[int, ...] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


TURN_WAIT = 10.0  # seconds a save waits for another one's turn (a turn takes milliseconds)
TURN_ABANDONED = 60.0  # a turn file this old was left by a session that was killed


def turn_path(target: Path) -> Path:
    name = f".{target.name}.saving"
    if len(os.fsencode(name)) > 255:
        name = f".{target.name[:100]}.saving"
    return target.with_name(name)


@contextlib.contextmanager
def save_turn(target: Path) -> Iterator[None]:
    """Hold the save turn of ``target`` for the block (see the module's docstring).

    Raises:
        SaveError: another save kept its turn longer than TURN_WAIT seconds.
        OSError: the folder cannot hold the turn file.
    """
    turn = turn_path(target)
    record = json.dumps({"host": socket.gethostname(), "pid": os.getpid()}).encode("utf-8")
    deadline = time.monotonic() + TURN_WAIT
    while True:
        try:
            _create_holding(turn, record, staged=temporary_name(target))
            break
        except FileExistsError:
            if turn_abandoned(turn):
                with contextlib.suppress(OSError):
                    turn.unlink()
                continue
            if time.monotonic() > deadline:
                raise SaveError(
                    f"Cannot save {quoted(target)}: another PM Desk has been saving it for "
                    f"{TURN_WAIT:.0f} seconds. Try again in a moment."
                ) from None
            time.sleep(0.005)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            turn.unlink()


def _create_holding(path: Path, data: bytes, *, staged: Path) -> None:
    """Create ``path`` holding ``data`` in one step, or raise FileExistsError.

    The data goes into ``staged`` (a name of this session's, which the next open removes as an
    abandoned save's should the session be killed now), which is then linked into place: no
    one ever finds ``path`` empty, as a session killed between creating and writing it left it
    before. A folder without hard links (FAT, some network shares) gets the two steps.
    """
    try:
        staged.write_bytes(data)
        try:
            os.link(staged, path)
        except FileExistsError:
            raise
        except OSError:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            try:
                os.write(descriptor, data)
            finally:
                os.close(descriptor)
    finally:
        with contextlib.suppress(OSError):
            staged.unlink()


def turn_abandoned(turn: Path) -> bool:
    """Whether a turn file was left by a session that is gone."""
    try:
        age = time.time() - turn.stat().st_mtime
        owner = json.loads(turn.read_text(encoding="utf-8"))
        host, pid = str(owner["host"]), int(owner["pid"])
    except FileNotFoundError:
        return False  # its save just ended
    except (OSError, ValueError, KeyError, TypeError):
        return time.time() - _mtime(turn) > 2.0  # being written, or torn by a crash
    if host == socket.gethostname() and pid != os.getpid():
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except (PermissionError, OverflowError):
            pass
    return age > TURN_ABANDONED


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return time.time()


def write_text_atomically(target: Path, text: str) -> None:
    def fill(temporary: Path) -> None:
        with temporary.open("w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())

    replace_atomically(target, fill)


def _describe(error: OSError, folder: Path) -> str:
    if error.errno == errno.EROFS:
        return f"the folder {shown_path(folder)} is on a read-only drive."
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"you do not have permission to write in the folder {shown_path(folder)}."
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full."
    if error.errno == errno.ENAMETOOLONG:
        return "the name is too long for this drive; choose a shorter one."
    return f"{error.strerror or error}."


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not every platform can open a folder.
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
