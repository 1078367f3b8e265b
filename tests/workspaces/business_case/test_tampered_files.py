"""A .pmdb changed behind PM Desk's back still opens in both workspaces, exports and dumps."""

from __future__ import annotations

import sqlite3

import pytest

from pmdesk.errors import NotAProjectError
from pmdesk.store.document import Document
from tests.support import snapshot


def _tamper(path, *statements: str) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    for statement in statements:
        connection.execute(statement)
    connection.close()


def test_values_the_rules_refuse_are_refused_naming_the_record(sample_file):
    _tamper(
        sample_file,
        "UPDATE business_cases SET horizon_quarters = 0",
        "UPDATE business_case_scenarios SET churn_percent = 150 WHERE kind = 'worst'",
        "UPDATE business_case_tiers SET monthly_price = 0",
        "UPDATE proof_points SET evidence_kind = 'rumour'",
        "UPDATE personas SET buying_role = 'ceo'",
    )
    before = snapshot(sample_file)
    with pytest.raises(NotAProjectError) as refused:
        Document.open(sample_file)
    message = str(refused.value)
    assert "cannot be opened" in message and "\n" not in message
    assert any(kind in message for kind in ("business case", "a persona", "a proof point"))
    assert snapshot(sample_file) == before


def test_a_project_currency_that_is_not_a_code_is_refused(sample_file):
    _tamper(sample_file, "UPDATE project SET currency = 'dol'")
    before = snapshot(sample_file)
    with pytest.raises(NotAProjectError) as refused:
        Document.open(sample_file)
    message = str(refused.value)
    assert "project" in message and "a three-letter currency code like USD" in message
    assert snapshot(sample_file) == before


@pytest.mark.parametrize(
    ("table", "column", "kind"),
    [("personas", "name", "a persona"), ("proof_points", "text", "a proof point")],
)
def test_text_that_is_not_utf8_names_the_record_kind(sample_file, table, column, kind):
    _tamper(sample_file, f"UPDATE {table} SET {column} = CAST(x'c328ff' AS TEXT)")
    before = snapshot(sample_file)
    with pytest.raises(NotAProjectError) as raised:
        Document.open(sample_file)
    assert f"{kind} holds text that is not valid UTF-8" in str(raised.value)
    assert snapshot(sample_file) == before
