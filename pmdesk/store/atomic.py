"""Writing a file so that it is either entirely the old one or entirely the new one."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path

from pmdesk.errors import SaveError
from pmdesk.store.fileformat import quoted


def replace_atomically(target: Path, fill: Callable[[Path], None]) -> None:
    """Let ``fill`` write a temporary file beside ``target``, then move it into place.

    The temporary file is flushed to disk before the rename, and the rename is flushed too. On
    any failure ``target`` is untouched, the temporary file is removed, and SaveError says why.
    """
    folder = target.parent
    where = quoted(target)
    if not folder.is_dir():
        raise SaveError(f"Cannot save {where}: the folder {folder} does not exist.")
    if target.is_dir():
        raise SaveError(f"Cannot save {where}: a folder of that name is in the way.")
    temporary = folder / f".{target.name}.{uuid.uuid4().hex[:8]}.saving"
    try:
        # Creating the file ourselves first turns a bad folder into a precise OSError.
        with temporary.open("xb"):
            pass
        fill(temporary)
        with temporary.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
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


def write_text_atomically(target: Path, text: str) -> None:
    replace_atomically(target, lambda temporary: temporary.write_text(text, encoding="utf-8"))


def _describe(error: OSError, folder: Path) -> str:
    if error.errno == errno.EROFS:
        return f"the folder {folder} is on a read-only drive."
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"you do not have permission to write in the folder {folder}."
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full."
    return f"{error.strerror or error}."


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not every platform can open a folder.
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
