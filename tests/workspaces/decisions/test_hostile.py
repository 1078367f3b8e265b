"""A file written by hand or by another tool may break the log's rules: it is refused with a
sentence naming the record, and never half-opened."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from pmdesk.errors import NotAProjectError
from pmdesk.store.document import Document
from tests.support import snapshot

TODAY = date(2026, 12, 1)
ACCOUNTING = "Which accounting system do we connect to first?"


def _tamper(path, *statements: str) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA foreign_keys=OFF")  # as a careless tool would write
    for statement in statements:
        connection.execute(statement)
    connection.close()


@pytest.mark.parametrize(
    ("statement", "named"),
    [
        (
            "UPDATE decisions SET revisit_on = '2020-01-01' WHERE question LIKE 'Which acc%'",
            "a decision",
        ),
        ("DELETE FROM roadmap_items WHERE title = 'Xero sync'", "roadmap item"),
        ("DELETE FROM stakeholders WHERE name IN ('Rachel Osei', 'Sofia Reyes')", "stakeholder"),
        ("UPDATE decisions SET status = 'maybe' WHERE question LIKE 'Which acc%'", "a decision"),
    ],
    ids=["revisit-before-date", "dangling-item-link", "dangling-people", "unknown-status"],
)
def test_a_tampered_log_is_refused_naming_the_record_and_the_file_is_untouched(
    sample_file, statement, named
):
    """The content rules (applied by open and check alike) name what is wrong; nothing a view
    could trip over ever reaches a page."""
    _tamper(sample_file, statement)
    before = snapshot(sample_file)
    with pytest.raises(NotAProjectError) as refused:
        Document.open(sample_file)
    message = str(refused.value)
    assert "cannot be opened" in message and named in message and "\n" not in message
    assert snapshot(sample_file) == before
