"""A file edited outside PM Desk may break every goal rule: it is refused with a sentence
naming the record, and the file is left as it was."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from pmdesk.errors import NotAProjectError
from pmdesk.store.document import Document
from tests.support import snapshot

TODAY = date(2026, 12, 1)


def _tamper(path) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    for statement in (
        "UPDATE goal_key_results SET target = baseline WHERE metric = 'Net revenue retention'",
        "UPDATE goal_key_results SET direction = 'sideways', cadence_days = 0 "
        "WHERE metric = 'Monthly logo churn'",
        "UPDATE goal_check_ins SET value = 'lots' WHERE on_date = '2026-11-01'",
        "UPDATE goal_objectives SET period_end = '2020-01-01' WHERE title LIKE 'Win%'",
    ):
        connection.execute(statement)
    connection.close()


def test_a_tampered_file_is_refused_naming_the_record_and_left_untouched(sample_file):
    """The content rules that guard open and check name the first goal record that breaks
    them; the page never meets it."""
    _tamper(sample_file)
    before = snapshot(sample_file)
    with pytest.raises(NotAProjectError) as refused:
        Document.open(sample_file)
    message = str(refused.value)
    assert "cannot be opened" in message and "\n" not in message
    assert any(kind in message for kind in ("a check-in", "a key result", "an objective"))
    assert snapshot(sample_file) == before
