"""Rotating backups of the previous file, taken before every save and every migration.

Each project gets its own folder under the data folder's ``backups``; the newest copies are all
kept, older ones are thinned to one a day, and anything past that is removed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from pmdesk.store.paths import backup_dir

KEEP_RECENT = 10
KEEP_DAYS = 30
STAMP = "%Y%m%d-%H%M%S-%f"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime
    reason: str  # "save" or "migration"

    def describe(self) -> str:
        when = self.taken.strftime("%d %b %Y, %H:%M:%S")
        return f"{when} (before {'an upgrade' if self.reason == 'migration' else 'saving'})"


def folder_for(document: Path) -> Path:
    """One folder per project path, named so a person can still tell whose it is."""
    digest = hashlib.sha1(str(document.absolute()).encode("utf-8")).hexdigest()[:10]
    folder = backup_dir() / f"{document.stem[:100]}-{digest}"  # the digest tells long names apart
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def back_up(document: Path, reason: str = "save") -> Path | None:
    """Copy ``document`` into its backup folder and prune old copies; None if there is no file."""
    if not document.is_file():
        return None
    folder = folder_for(document)
    taken = datetime.now()
    for _attempt in range(100):
        target = folder / f"{taken.strftime(STAMP)}.{reason}.pmdb"
        try:
            # Saving replaces the file rather than writing into it, so a second name for the
            # old one keeps it whole at no cost; across drives a copy is needed.
            os.link(document, target)
            break
        except FileExistsError:
            if os.path.samefile(document, target):
                break  # a teammate's PM Desk on this computer backed up this very file
            taken += timedelta(microseconds=1)  # another backup in the same microsecond
        except OSError:
            shutil.copy2(document, target)
            break
    prune(folder)
    return target


def list_backups(document: Path) -> list[Backup]:
    """The backups of ``document``, newest first."""
    return list_backups_in(folder_for(document))


def list_backups_in(folder: Path) -> list[Backup]:
    backups = []
    for path in folder.glob("*.pmdb"):
        stamp, _, rest = path.name.partition(".")
        try:
            taken = datetime.strptime(stamp, STAMP)
        except ValueError:
            continue
        backups.append(Backup(path, taken, rest.removesuffix(".pmdb")))
    return sorted(backups, key=lambda backup: backup.taken, reverse=True)


def prune(folder: Path, now: datetime | None = None) -> None:
    now = now or datetime.now()
    backups = list_backups_in(folder)
    keep = {backup.path for backup in backups[:KEEP_RECENT]}
    days_seen = set()
    for backup in backups[KEEP_RECENT:]:
        day = backup.taken.date()
        if (now - backup.taken).days < KEEP_DAYS and day not in days_seen:
            keep.add(backup.path)
        days_seen.add(day)
    for backup in backups:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
