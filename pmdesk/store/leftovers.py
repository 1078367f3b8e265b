"""What an interrupted save leaves beside a project, recognised and removed at the next open.

A save writes ``.<name>.<host>-<pid>-<random>.saving`` beside the project before moving it into
place (see ``atomic.temporary_name``), and holds ``.<name>.saving`` for the moment it replaces
the file (``atomic.save_turn``). If the session is killed in between, they stay. The next open
removes those whose session is known to be gone: on this computer, a process that no longer
runs; from another computer, a temporary file older than a day (no save takes that long) or a
turn older than a minute.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import time
import zlib
from pathlib import Path

from pmdesk.store.atomic import TEMPORARY_SUFFIX, turn_abandoned, turn_path

FOREIGN_AGE = 24 * 3600  # seconds after which another computer's temporary file is abandoned
UNNAMED_AGE = 600  # a temporary file from an older PM Desk, which did not name its session
_TOKEN = re.compile(r"\.([0-9a-f]{8})-(\d+)-[0-9a-f]{6}\.saving(-journal)?$")
_OLD_TOKEN = re.compile(r"\.[0-9a-f]{8}\.saving(-journal)?$")


def remove_abandoned_saves(document: Path) -> list[Path]:
    """Remove the temporary files of interrupted saves of ``document``; returns them."""
    removed = []
    turn = turn_path(document)
    if turn_abandoned(turn):
        with contextlib.suppress(OSError):
            turn.unlink()
            removed.append(turn)
    prefix = f".{document.name[:100]}."
    here = zlib.crc32(socket.gethostname().encode("utf-8")) & 0xFFFFFFFF
    try:
        entries = list(os.scandir(document.parent))
    except OSError:
        return []
    now = time.time()
    for entry in entries:
        if not entry.name.startswith(prefix) or TEMPORARY_SUFFIX not in entry.name:
            continue
        if entry.name == turn.name:
            continue  # a save's turn, judged above
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
            if not entry.is_file(follow_symlinks=False):
                continue
        except OSError:
            continue
        match = _TOKEN.search(entry.name)
        if match:
            host, pid = int(match.group(1), 16), int(match.group(2))
            abandoned = not _alive(pid) if host == here else age > FOREIGN_AGE
        else:
            abandoned = bool(_OLD_TOKEN.search(entry.name)) and age > UNNAMED_AGE
        if abandoned:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True
