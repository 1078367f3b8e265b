"""What makes a file a PM Desk project, read from its first 100 bytes before SQLite sees it.

Reading the header with plain ``open()`` happens before any SQLite connection to the file exists:
closing a plain handle later would drop SQLite's POSIX locks on it.
"""

from __future__ import annotations

import struct
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


@dataclass(frozen=True)
class Header:
    application_id: int
    format_version: int
    page_size: int
    page_count: int | None  # None where the header's count is stale (written by old SQLite)


def quoted(path: Path) -> str:
    return f"“{path.name}”"


def read_header(path: Path) -> Header:
    """Identify ``path`` as a PM Desk project from its header, or raise NotAProjectError."""
    name = quoted(path)
    if not path.exists():
        raise NotAProjectError(f"{name} does not exist (looked in {path.parent}).")
    if path.is_dir():
        raise NotAProjectError(f"{name} is a folder, not a PM Desk project.")
    try:
        with path.open("rb") as handle:
            head = handle.read(HEADER_SIZE)
        size = path.stat().st_size
    except PermissionError:
        raise NotAProjectError(f"{name} cannot be read: you do not have permission.") from None
    except OSError as error:
        raise NotAProjectError(f"{name} cannot be read: {error.strerror}.") from None
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
    header = Header(application_id, format_version, page_size, trusted_count)
    if header.page_count is not None and size < header.page_count * page_size:
        raise NotAProjectError(
            f"{name} is damaged: it is shorter than it should be, as if a copy or download "
            "was cut off. Ask for the file again or restore a backup."
        )
    if format_version < 1:
        raise NotAProjectError(f"{name} is damaged: it does not say which format it is in.")
    return header
