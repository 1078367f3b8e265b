"""Where PM Desk keeps its own files: working copies and backups."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import platformdirs

DATA_DIR_ENV = "PMDESK_DATA_DIR"
_fallback: Path | None = None


def data_dir() -> Path:
    """The per-user data folder; ``PMDESK_DATA_DIR`` overrides it (tests, portable installs).

    Without a usable home folder (missing, read-only) working copies go to a private temporary
    folder for this run, and stderr says so once: PM Desk keeps working, without crash recovery.
    """
    global _fallback
    override = os.environ.get(DATA_DIR_ENV)
    folder = Path(override) if override else Path(platformdirs.user_data_dir("pmdesk", False))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK):
            raise PermissionError(13, "it is read-only")
        return folder
    except OSError as error:
        if _fallback is None:
            _fallback = Path(tempfile.mkdtemp(prefix="pmdesk-"))
            print(
                f"pmdesk: cannot use {folder} ({error.strerror}); keeping working copies in "
                f"{_fallback} for now, so they are not recovered after a crash.",
                file=sys.stderr,
            )
        return _fallback


def working_dir() -> Path:
    folder = data_dir() / "working"
    folder.mkdir(exist_ok=True)
    return folder


def backup_dir() -> Path:
    folder = data_dir() / "backups"
    folder.mkdir(exist_ok=True)
    return folder
