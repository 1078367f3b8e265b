"""An older file is upgraded on open, after a backup; the user's file waits for Save."""

from __future__ import annotations

import sqlite3

import pytest

from pmdesk.errors import NotAProjectError
from pmdesk.store import migrations
from pmdesk.store.document import Document
from pmdesk.store.paths import backup_dir
from tests.support import snapshot


def _add_launch_column(connection: sqlite3.Connection) -> None:
    connection.execute("ALTER TABLE pmdesk_meta ADD COLUMN note TEXT DEFAULT 'migrated'")


@pytest.fixture
def format_two(monkeypatch, sample_file):
    """Pretend this PM Desk writes format 2, with one step from format 1 (after the sample
    file was written in format 1)."""
    monkeypatch.setattr("pmdesk.store.document.FORMAT_VERSION", 2)
    monkeypatch.setattr("pmdesk.store.inspect.FORMAT_VERSION", 2)
    monkeypatch.setitem(migrations.MIGRATIONS, 1, _add_launch_column)


def test_an_older_file_is_upgraded_in_the_working_copy_after_a_backup(format_two, sample_file):
    before = snapshot(sample_file)
    backups_before = set(backup_dir().rglob("*.pmdb"))
    document = Document.open(sample_file)
    try:
        connection = sqlite3.connect(document.working_path)
        assert connection.execute("PRAGMA user_version").fetchone()[0] == 2
        assert connection.execute("SELECT DISTINCT note FROM pmdesk_meta").fetchall() == [
            ("migrated",)
        ]
        connection.close()
    finally:
        document.close()
    assert snapshot(sample_file) == before  # only Save replaces the user's file
    new_backups = set(backup_dir().rglob("*.pmdb")) - backups_before
    assert [path.read_bytes() for path in new_backups] == [before[0]]


def test_a_format_without_an_upgrade_step_is_refused(monkeypatch, sample_file):
    before = snapshot(sample_file)
    monkeypatch.setattr("pmdesk.store.document.FORMAT_VERSION", 3)
    monkeypatch.setattr("pmdesk.store.inspect.FORMAT_VERSION", 3)
    with pytest.raises(NotAProjectError, match="cannot upgrade a project of format 1"):
        Document.open(sample_file)
    assert snapshot(sample_file) == before
