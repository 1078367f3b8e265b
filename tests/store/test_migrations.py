"""An older file is upgraded on open, after a backup; the user's file waits for Save."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from pmdesk import registry
from pmdesk.briefing.model import Briefing
from pmdesk.briefing.upgrade import NEW_COLUMNS
from pmdesk.domain.project import currency
from pmdesk.errors import NotAProjectError
from pmdesk.store import migrations
from pmdesk.store.document import Document
from pmdesk.store.fileformat import FORMAT_VERSION
from pmdesk.store.paths import backup_dir
from pmdesk.workspaces.decisions.model import Decision
from tests.support import snapshot

# The workspaces format 2 added; a format-1 file has none of their tables.
FORMAT_2_WORKSPACES = ("goals", "decisions", "launches", "personas", "business_case")
ASKS = "Approve two more engineers for sync\n- Decide on financing partner by March\n"


def _as_format_1(path: Path) -> None:
    """Turn a saved project into what PM Desk 0.1 wrote: no format-2 tables, asks as text."""
    tables = [
        model.__tablename__
        for key in FORMAT_2_WORKSPACES
        for model in registry.spec(key).models().values()
    ]
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys=OFF")
        for table in tables:
            connection.execute(f'DROP TABLE "{table}"')
        for column in NEW_COLUMNS:  # format 1 briefings had no audience, named files by path
            connection.execute(f"ALTER TABLE briefings DROP COLUMN {column}")
        connection.execute("ALTER TABLE project DROP COLUMN currency")  # format 2 added it
        connection.execute("UPDATE briefings SET decisions = ?", (ASKS,))
        connection.execute("UPDATE pmdesk_meta SET value = '1' WHERE key = 'min_reader_format'")
        connection.execute("PRAGMA user_version=1")
    finally:
        connection.close()


@pytest.fixture
def format_one_file(sample_file) -> Path:
    _as_format_1(sample_file)
    return sample_file


def test_a_format_1_file_gains_the_new_workspaces_and_its_asks_join_the_log(format_one_file):
    before = snapshot(format_one_file)
    backups_before = set(backup_dir().rglob("*.pmdb"))
    document = Document.open(format_one_file)
    try:
        connection = sqlite3.connect(document.working_path)
        assert connection.execute("PRAGMA user_version").fetchone()[0] == FORMAT_VERSION == 2
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_schema")}
        connection.close()
        assert set(registry.metadata().tables) <= tables
        session = document.session
        questions = set(session.scalars(select(Decision.question)))
        assert "Approve two more engineers for sync" in questions
        assert "Decide on financing partner by March" in questions
        assert [(b.decisions, b.profile) for b in session.scalars(select(Briefing))] == [
            ("", "internal")
        ]
        assert currency(session) == "USD"  # the project gained its currency
    finally:
        document.close()
    assert snapshot(format_one_file) == before  # only Save replaces the user's file
    new_backups = set(backup_dir().rglob("*.pmdb")) - backups_before
    assert [path.read_bytes() for path in new_backups] == [before[0]]


def test_an_upgraded_file_saves_as_the_current_format_and_opens_again(format_one_file, tmp_path):
    document = Document.open(format_one_file)
    try:
        saved = document.save(tmp_path / "upgraded.pmdb")
    finally:
        document.close()
    again = Document.open(saved)
    try:
        asks = [d.question for d in again.session.scalars(select(Decision))]
        # Opening a current file upgrades nothing: the asks are not added a second time.
        assert asks.count("Approve two more engineers for sync") == 1
    finally:
        again.close()


def _add_note_column(connection: sqlite3.Connection) -> None:
    connection.execute("ALTER TABLE pmdesk_meta ADD COLUMN note TEXT DEFAULT 'migrated'")


def test_a_step_runs_inside_the_upgrade_of_the_working_copy(monkeypatch, sample_file):
    """Pretend this PM Desk writes the next format, with one step from today's."""
    following = FORMAT_VERSION + 1
    monkeypatch.setattr("pmdesk.store.document.FORMAT_VERSION", following)
    monkeypatch.setattr("pmdesk.store.inspect.FORMAT_VERSION", following)
    monkeypatch.setitem(migrations.MIGRATIONS, FORMAT_VERSION, _add_note_column)
    before = snapshot(sample_file)
    document = Document.open(sample_file)
    try:
        connection = sqlite3.connect(document.working_path)
        assert connection.execute("PRAGMA user_version").fetchone()[0] == following
        assert connection.execute("SELECT DISTINCT note FROM pmdesk_meta").fetchall() == [
            ("migrated",)
        ]
        connection.close()
    finally:
        document.close()
    assert snapshot(sample_file) == before


def test_a_format_without_an_upgrade_step_is_refused(monkeypatch, sample_file):
    before = snapshot(sample_file)
    monkeypatch.setattr("pmdesk.store.document.FORMAT_VERSION", FORMAT_VERSION + 2)
    monkeypatch.setattr("pmdesk.store.inspect.FORMAT_VERSION", FORMAT_VERSION + 2)
    with pytest.raises(
        NotAProjectError, match=f"cannot upgrade a project of format {FORMAT_VERSION}"
    ):
        Document.open(sample_file)
    assert snapshot(sample_file) == before


def test_a_format_1_dump_loads_with_the_new_workspaces_empty(sample_document, tmp_path):
    from pmdesk.interchange.project_json import dump_project, load_project

    data = dump_project(sample_document.session)
    data["format"]["version"] = 1
    for key in FORMAT_2_WORKSPACES:
        del data[key]
    for briefing in data["briefings"]["briefings"]:
        for column in NEW_COLUMNS:
            del briefing[column]
    del data["project"]["currency"]
    document = Document.new()
    try:
        load_project(document.session, data, "an old dump")
        again = dump_project(document.session)
    finally:
        document.close()
    assert again["format"]["version"] == FORMAT_VERSION
    assert all(not any(again[key].values()) for key in FORMAT_2_WORKSPACES)
    assert [b["profile"] for b in again["briefings"]["briefings"]] == ["internal"]
    assert again["project"]["currency"] == "USD"
    assert again["roadmap"] == dump_project(sample_document.session)["roadmap"]
