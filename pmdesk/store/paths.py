"""Where PM Desk keeps its own files: working copies and backups."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

DATA_DIR_ENV = "PMDESK_DATA_DIR"


def data_dir() -> Path:
    """The per-user data folder; ``PMDESK_DATA_DIR`` overrides it (tests, portable installs)."""
    override = os.environ.get(DATA_DIR_ENV)
    folder = Path(override) if override else Path(platformdirs.user_data_dir("pmdesk", False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def working_dir() -> Path:
    folder = data_dir() / "working"
    folder.mkdir(exist_ok=True)
    return folder


def backup_dir() -> Path:
    folder = data_dir() / "backups"
    folder.mkdir(exist_ok=True)
    return folder
