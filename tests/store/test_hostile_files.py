"""A .pmdb may come from anyone: nothing in it runs, and bad bytes get a clear sentence."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select

from pmdesk import registry
from pmdesk.domain.allowed import limits_of
from pmdesk.errors import NotAProjectError
from pmdesk.store.document import Document
from pmdesk.store.hardening import harden
from pmdesk.workspaces.competition.model import Rating
from tests.support import snapshot


def _tamper(path, *statements: str) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    for statement in statements:
        connection.execute(statement)
    connection.close()


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        (
            "CREATE TRIGGER audit AFTER UPDATE ON project BEGIN "
            "INSERT INTO pmdesk_meta VALUES ('x' || random(), 'y'); END",
            "contains a trigger called “audit” that PM Desk never creates",
        ),
        (
            "CREATE VIEW shout AS SELECT upper(name), load_extension('evil') FROM project",
            "contains a view called “shout” that PM Desk never creates",
        ),
        ("CREATE TABLE stash (secret TEXT)", "contains a table “stash” that is not part of"),
        ("CREATE INDEX peek ON project (vision)", "contains an index “peek” that is not part of"),
    ],
)
def test_schema_that_our_format_does_not_define_is_refused(sample_file, statement, message):
    _tamper(sample_file, statement)
    before = snapshot(sample_file)
    with pytest.raises(NotAProjectError, match=message):
        Document.open(sample_file)
    assert snapshot(sample_file) == before


def test_a_trigger_cannot_act_even_where_one_slipped_through(tmp_path):
    path = tmp_path / "t.db"
    _tamper(
        path,
        "CREATE TABLE notes (text TEXT)",
        "CREATE TABLE log (text TEXT)",
        "CREATE TRIGGER copy AFTER INSERT ON notes BEGIN INSERT INTO log VALUES (new.text); END",
    )
    connection = sqlite3.connect(path)
    harden(connection)
    with pytest.raises(sqlite3.DatabaseError, match="not authorized"):
        connection.execute("INSERT INTO notes VALUES ('hello')")
    assert connection.execute("SELECT count(*) FROM log").fetchone() == (0,)
    connection.close()


def _free_text_of_each_ruled_kind() -> list[tuple[str, str, str]]:
    """(table, a free-text column, the kind's name) for every kind a workspace rule checks."""
    models = {model.__tablename__: model for model in registry.record_models()}
    found = []
    for table_name in sorted(registry.record_rules()):
        table = registry.metadata().tables[table_name]
        free_texts = [
            column.key
            for column in table.columns
            if (limits := limits_of(column)).kind == "text"
            and limits.choices is None
            and limits.glob is None
            and not limits.identity
        ]
        column = free_texts[0] if free_texts else None
        if column is not None:  # a kind of ids and numbers only: its ids are checked as ids
            found.append((table_name, column, models[table_name].__singular__))
    return found


@pytest.mark.parametrize(("table", "column", "kind"), _free_text_of_each_ruled_kind())
def test_text_that_is_not_utf8_in_a_kind_with_its_own_rule_names_the_kind(
    sample_file, table, column, kind
):
    """The rules read these kinds' rows in full, and that read is their UTF-8 check."""
    _assert_refused_as_not_utf8(sample_file, table, column, "c328ff", kind)


def test_limits_are_lowered_on_every_connection(sample_document):
    raw = sample_document.engine.raw_connection()
    try:
        driver = raw.driver_connection
        assert driver.getlimit(sqlite3.SQLITE_LIMIT_ATTACHED) == 0
        assert driver.getlimit(sqlite3.SQLITE_LIMIT_LENGTH) < 1_000_000_000
        assert driver.execute("PRAGMA trusted_schema").fetchone() == (0,)
    finally:
        raw.close()


# The refusal names the kind of record; in a kind without a rule of its own (ratings), every way
# bytes can fail to be UTF-8 is found: a lone leading byte among ASCII, a NUL before a bad byte,
# a lone continuation byte, an encoded surrogate, a four-byte lead followed by ASCII (SQL's own
# tests of text miss some of these).
@pytest.mark.parametrize(
    ("table", "column", "stored", "kind"),
    [("project", "vision", "c328ff", "project")]
    + [
        ("competitor_ratings", "source", stored, "rating")
        for stored in ("c328ff", "41ff42", "4100ff", "80", "eda080", "f0414243")
    ],
)
def test_text_that_is_not_utf8_is_refused_naming_the_kind(sample_file, table, column, stored, kind):
    assert "competitor_ratings" not in registry.record_rules()
    _assert_refused_as_not_utf8(sample_file, table, column, stored, kind)


def _assert_refused_as_not_utf8(sample_file, table: str, column: str, stored: str, kind: str):
    """The first record's ``column`` holding the bytes ``stored`` (hex) stops the open."""
    _tamper(
        sample_file,
        f'UPDATE "{table}" SET "{column}" = CAST(x\'{stored}\' AS TEXT) '
        f'WHERE id = (SELECT min(id) FROM "{table}")',
    )
    before = snapshot(sample_file)
    with pytest.raises(NotAProjectError) as raised:
        Document.open(sample_file)
    assert str(raised.value).startswith(
        f"“sample.pmdb” is damaged: a {kind} holds text that is not valid UTF-8"
    )
    assert snapshot(sample_file) == before


def test_text_past_ascii_that_is_utf8_opens_as_written(sample_file):
    written = "Café – 東京 🚀"
    _tamper(
        sample_file,
        f"UPDATE competitor_ratings SET source = '{written}' "
        "WHERE id = (SELECT min(id) FROM competitor_ratings)",
    )
    document = Document.open(sample_file)
    try:
        sources = document.session.scalars(select(Rating.source)).all()
        assert written in sources
    finally:
        document.close()
