"""A file written by hand or by another tool may break the log's rules; it must still open,
show its asks and dump, and never show a link to a record that is not there."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from pmdesk.briefing.exporter import decisions_and_asks
from pmdesk.interchange.project_json import dump_project
from pmdesk.store.document import Document
from pmdesk.workspaces.decisions import query

TODAY = date(2026, 12, 1)
ACCOUNTING = "Which accounting system do we connect to first?"


def _tamper(path, *statements: str) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA foreign_keys=OFF")  # as a careless tool would write
    for statement in statements:
        connection.execute(statement)
    connection.close()


@pytest.mark.parametrize(
    ("statement", "gone"),
    [
        (
            "UPDATE decisions SET revisit_on = '2020-01-01' WHERE question LIKE 'Which acc%'",
            "",
        ),
        ("DELETE FROM roadmap_items WHERE title = 'Xero sync'", "Xero sync"),
        ("DELETE FROM stakeholders WHERE name IN ('Rachel Osei', 'Sofia Reyes')", "Sofia Reyes"),
        ("UPDATE decisions SET status = 'maybe' WHERE question LIKE 'Which acc%'", ""),
    ],
    ids=["revisit-before-date", "dangling-item-link", "dangling-people", "unknown-status"],
)
def test_a_tampered_log_opens_shows_and_dumps_without_dangling_links(
    sample_file, qtbot, statement, gone
):
    from pmdesk.gui.document import DocumentController
    from pmdesk.workspaces.decisions.qt.page import DecisionsPage

    _tamper(sample_file, statement)
    document = Document.open(sample_file)
    try:
        entries = query.load_log(document.session)
        entry = next(e for e in entries if e.decision.question == ACCOUNTING)
        titles = [link.title for link in entry.links]
        assert gone not in titles and len(titles) == (4 if gone else 5)  # 5 links in the sample
        page = DecisionsPage(DocumentController(document), today=TODAY)
        qtbot.addWidget(page)
        assert page.select(entry.id)
        assert page.detail.question.text() == ACCOUNTING
        assert page.detail.links.count() == len(titles)
        if "maybe" in statement:  # no status PM Desk knows: shown as none, not as another
            assert page.detail.status.currentText() == ""
        assert page.proxy.rowCount() == 10
        assert len(decisions_and_asks(document.session, "")) == 4
        assert len(dump_project(document.session)["decisions"]["decisions"]) == 10
    finally:
        document.close()
