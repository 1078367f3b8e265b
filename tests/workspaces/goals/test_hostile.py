"""A file edited outside PM Desk may break every goal rule; it still opens, shows and exports,
and says what it cannot judge instead of failing."""

from __future__ import annotations

import sqlite3
from datetime import date

import docx

from pmdesk.briefing.exporter import BriefingSettings, export_briefing
from pmdesk.briefing.model import SectionChoice
from pmdesk.gui.document import DocumentController
from pmdesk.store.document import Document
from pmdesk.workspaces.goals.qt.page import GoalsPage

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


def test_a_tampered_file_opens_in_the_goals_page_and_exports(qtbot, sample_file, tmp_path):
    _tamper(sample_file)
    document = Document.open(sample_file)
    try:
        page = GoalsPage(DocumentController(document), today=TODAY)
        qtbot.addWidget(page)
        nrr = page.goals.objectives[0].key_results[1]
        assert nrr.judgement.label == "Cannot be judged"
        assert nrr.judgement.explanation.startswith("The target equals the baseline (104 %)")
        arr = page.goals.objectives[0].key_results[0]
        assert len(arr.check_ins) == 11  # the November value is not a number: left out
        settings = BriefingSettings(sections=(SectionChoice("goals", {}),), briefing_date=TODAY)
        result = export_briefing(document.session, tmp_path / "b.docx", settings)
        text = "\n".join(p.text for p in docx.Document(str(result.path)).paragraphs)
        assert "Grow recurring revenue to $10M" in text
    finally:
        document.close()
