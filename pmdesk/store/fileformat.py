"""What makes a file a PM Desk project, read from its first 100 bytes before SQLite sees it.

Reading the header with plain ``open()`` happens before any SQLite connection to the file exists:
closing a plain handle later would drop SQLite's POSIX locks on it.
"""

from __future__ import annotations

import os
import stat
import struct
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pmdesk.errors import NotAProjectError

APPLICATION_ID = 0x504D444B  # "PMDK"
# 2: goals, decisions, launches, personas and the business case.
FORMAT_VERSION = 2
FILE_SUFFIX = ".pmdb"

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
ZIP_MAGIC = b"PK\x03\x04"
MAX_PROJECT_BYTES = 2 * 1024**3  # far beyond any real project; a bigger "project" is not one
NAME_SHOWN = 60  # characters of a file name a message shows before it shortens the middle


@dataclass(frozen=True)
class Header:
    application_id: int
    format_version: int
    page_size: int
    page_count: int | None  # None where the header's count is stale (written by old SQLite)
    wal: bool = False  # marked for write-ahead logging, which PM Desk never uses


def quoted(path: Path | str) -> str:
    """A file's name as messages show it: in quotes, on one line, and shortened in the middle
    when long, so a sentence stays one readable line whatever the name holds."""
    name = path.name if isinstance(path, Path) else str(path)
    flat = "".join(
        " " if unicodedata.category(char)[0] in "CZ" and char != " " else char for char in name
    )
    flat = " ".join(flat.split()) or "(no name)"
    if len(flat) > NAME_SHOWN:
        flat = flat[: NAME_SHOWN - 16] + "…" + flat[-15:]
    return f"“{flat}”"


def shown_path(path: Path) -> str:
    """A folder or path as messages show it unquoted: one line, shortened in the middle."""
    flat = " ".join(str(path).split())
    return flat if len(flat) <= 100 else flat[:60] + "…" + flat[-39:]


def check_regular_file(path: Path) -> int:
    """Refuse anything but a regular file of a plausible size, without opening it (a FIFO would
    block the reader forever, a device never ends); returns its size."""
    name = quoted(path)
    try:
        status = path.stat()
    except FileNotFoundError:
        raise NotAProjectError(
            f"{name} does not exist (looked in {shown_path(path.parent)})."
        ) from None
    except PermissionError:
        raise NotAProjectError(f"{name} cannot be read: you do not have permission.") from None
    except OSError as error:
        raise NotAProjectError(f"{name} cannot be read: {error.strerror}.") from None
    if stat.S_ISDIR(status.st_mode):
        raise NotAProjectError(f"{name} is a folder, not a PM Desk project.")
    if not stat.S_ISREG(status.st_mode):
        raise NotAProjectError(
            f"{name} is not a regular file (it is a device, a pipe or a socket), so it is not a "
            "PM Desk project."
        )
    if status.st_size > MAX_PROJECT_BYTES:
        raise NotAProjectError(
            f"{name} is {status.st_size / 1024**3:.1f} GB, larger than any PM Desk project "
            f"({MAX_PROJECT_BYTES // 1024**3} GB at most)."
        )
    return status.st_size


def read_header(path: Path, name: str | None = None) -> Header:
    """Identify ``path`` as a PM Desk project from its header, or raise NotAProjectError.

    ``name`` is how messages quote the file (the user's file when ``path`` is a private copy).
    """
    shown = name or quoted(path)
    size = check_regular_file(path) if name is None else None
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            head = handle.read(HEADER_SIZE)
            size = os.fstat(handle.fileno()).st_size
    except PermissionError:
        raise NotAProjectError(f"{shown} cannot be read: you do not have permission.") from None
    except OSError as error:
        raise NotAProjectError(f"{shown} cannot be read: {error.strerror}.") from None
    return parse_header(head, size, shown)


def parse_header(head: bytes, size: int, name: str) -> Header:
    """The header of a file of ``size`` bytes starting with ``head``; ``name`` as quoted."""
    if size == 0:
        raise NotAProjectError(f"{name} is empty (0 bytes), so it is not a PM Desk project.")
    if head.startswith(ZIP_MAGIC):
        raise NotAProjectError(
            f"{name} is a zip archive renamed to {FILE_SUFFIX}, not a PM Desk project."
        )
    if len(head) < HEADER_SIZE or not head.startswith(SQLITE_MAGIC):
        raise NotAProjectError(f"{name} is not a PM Desk project (it is not a database file).")
    (application_id,) = struct.unpack(">I", head[68:72])
    (format_version,) = struct.unpack(">I", head[60:64])
    if application_id != APPLICATION_ID:
        raise NotAProjectError(
            f"{name} is a database of another application, not a PM Desk project."
        )
    (raw_page_size,) = struct.unpack(">H", head[16:18])
    page_size = 65536 if raw_page_size == 1 else raw_page_size
    change_counter, page_count = struct.unpack(">II", head[24:32])
    (valid_for,) = struct.unpack(">I", head[92:96])
    trusted_count = page_count if valid_for == change_counter else None
    wal = head[18:20] != b"\x01\x01"
    header = Header(application_id, format_version, page_size, trusted_count, wal)
    if header.page_count is not None and size < header.page_count * page_size:
        raise NotAProjectError(
            f"{name} is damaged: it is shorter than it should be, as if a copy or download "
            "was cut off. Ask for the file again or restore a backup."
        )
    if format_version < 1:
        raise NotAProjectError(f"{name} is damaged: it does not say which format it is in.")
    return header
