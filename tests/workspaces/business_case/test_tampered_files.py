"""A .pmdb changed behind PM Desk's back still opens in both workspaces, exports and dumps."""

from __future__ import annotations

import sqlite3

import pytest

from pmdesk.briefing.exporter import BriefingSettings, export_briefing
from pmdesk.briefing.model import SectionChoice
from pmdesk.errors import NotAProjectError
from pmdesk.gui.document import DocumentController
from pmdesk.interchange.project_json import dump_project
from pmdesk.store.document import Document
from pmdesk.workspaces.business_case.qt.page import BusinessCasePage
from pmdesk.workspaces.personas.qt.page import PersonasPage
from tests.support import snapshot


def _tamper(path, *statements: str) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    for statement in statements:
        connection.execute(statement)
    connection.close()


def test_values_the_rules_refuse_still_open_show_export_and_dump(qtbot, tmp_path, sample_file):
    _tamper(
        sample_file,
        "UPDATE business_cases SET horizon_quarters = 0",
        "UPDATE business_case_scenarios SET churn_percent = 150 WHERE kind = 'worst'",
        "UPDATE business_case_tiers SET monthly_price = 0",
        "UPDATE business_case_settings SET currency = 'dollars'",
        "UPDATE proof_points SET evidence_kind = 'rumour'",
        "UPDATE personas SET buying_role = 'ceo'",
    )
    document = Document.open(sample_file)
    try:
        controller = DocumentController(document)
        for page_class in (PersonasPage, BusinessCasePage):
            page = page_class(controller)
            qtbot.addWidget(page)
        assert "Forecast from Q3 FY27 to Q3 FY27" in page.summary.text()  # one quarter at least
        sections = (SectionChoice("personas", {}), SectionChoice("business_case", {}))
        result = export_briefing(
            document.session, tmp_path / "b.docx", BriefingSettings(sections=sections)
        )
        assert result.sections == ["Who we serve and what we tell them", "Business case"]
        assert dump_project(document.session)["business_case"]["tiers"]
    finally:
        document.close()


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
