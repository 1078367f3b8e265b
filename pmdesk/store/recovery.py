"""Working copies left behind by a crash, and the notes that say whose they are.

Beside each working copy lies a small JSON note: the project file it belongs to, the process that
has it open, and the file's fingerprint when it was last opened or saved. A working copy whose
process is gone and that changed after its note was written holds unsaved work.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pmdesk.store.paths import working_dir


@dataclass(frozen=True)
class Orphan:
    """Unsaved work from a session that ended without closing its project."""

    working_path: Path
    source: Path | None  # the project file it came from; None for a never-saved project
    fingerprint: str | None  # the source file's fingerprint when the session opened or saved it
    changed: datetime  # when the work was last committed

    @property
    def note_path(self) -> Path:
        return note_path(self.working_path)

    def describe(self) -> str:
        name = self.source.name if self.source else "An unsaved new project"
        return f"{name}, last changed {self.changed.strftime('%d %b %Y at %H:%M')}"

    def discard(self) -> None:
        for path in (self.working_path, self.note_path):
            path.unlink(missing_ok=True)


def note_path(working_path: Path) -> Path:
    return working_path.with_suffix(".json")


def write_note(working_path: Path, source: Path | None, fingerprint: str | None) -> None:
    record = {
        "source": str(source) if source else None,
        "fingerprint": fingerprint,
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "written": datetime.now().isoformat(timespec="seconds"),
    }
    note_path(working_path).write_text(json.dumps(record), encoding="utf-8")


def find_orphans() -> list[Orphan]:
    """Working copies with unsaved changes whose session has ended, newest first."""
    orphans = []
    for note in working_dir().glob("*.json"):
        working = note.with_suffix(".pmdb")
        try:
            record = json.loads(note.read_text(encoding="utf-8"))
            alive = _session_alive(str(record["host"]), int(record["pid"]))
            noted = note.stat().st_mtime
            changed = working.stat().st_mtime
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if alive:
            continue
        if changed <= noted:  # nothing happened after the last open or save: nothing to recover
            with contextlib.suppress(OSError):
                working.unlink()
                note.unlink()
            continue
        source = Path(record["source"]) if record.get("source") else None
        orphans.append(
            Orphan(working, source, record.get("fingerprint"), datetime.fromtimestamp(changed))
        )
    return sorted(orphans, key=lambda orphan: orphan.changed, reverse=True)


def _session_alive(host: str, pid: int) -> bool:
    if host != socket.gethostname():
        return True  # a synced data folder: not ours to judge
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
