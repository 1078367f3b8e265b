"""The briefing's decision log section: what is due first, then the decisions taken and why."""

from __future__ import annotations

from datetime import date

import docx

from pmdesk.briefing.exporter import BriefingSettings, export_briefing
from pmdesk.briefing.model import SectionChoice
from pmdesk.store.document import Document

TODAY = date(2026, 12, 1)


def _export(tmp_path, session, options=None):
    settings = BriefingSettings(sections=(SectionChoice("decisions", options or {}),))
    target = tmp_path / "log.docx"
    result = export_briefing(session, target, settings, today=TODAY)
    return result, docx.Document(str(target))


def _section_text(document) -> list[str]:
    texts = [paragraph.text for paragraph in document.paragraphs]
    return texts[texts.index("Decision log") :]


def test_the_section_says_what_is_due_then_what_was_decided_and_why(tmp_path, sample_document):
    result, document = _export(tmp_path, sample_document.session)
    assert result.sections == ["Decision log"]
    text = _section_text(document)
    assert text[1] == (
        "6 decisions taken; 4 still to decide (the asks in the executive summary); "
        "2 due for revisit within 30 days."
    )
    assert text.index("Due for revisit") < text.index("Decisions taken")
    assert any(
        "25 Nov 2026, 6 days overdue: Which accounting system do we connect to first?" in line
        for line in text
    )
    table = document.tables[-1]
    assert [cell.text for cell in table.rows[0].cells] == [
        "Date",
        "Decision",
        "Why",
        "Decided by",
        "Status",
    ]
    assert len(table.rows) == 7  # the header and the six decisions taken, newest first
    assert table.rows[1].cells[0].text == "2026-10-20"
    assert table.rows[-1].cells[4].text == "Reversed"
    assert not any("Approve: two additional engineers" in row.cells[1].text for row in table.rows)


def test_options_limit_the_table_and_leave_out_the_reasons(tmp_path, sample_document):
    _result, document = _export(tmp_path, sample_document.session, {"top": 2, "reasons": False})
    text = _section_text(document)
    assert "Decisions taken (the latest 2 of 6)" in text
    table = document.tables[-1]
    assert [cell.text for cell in table.rows[0].cells] == [
        "Date",
        "Decision",
        "Decided by",
        "Status",
    ]
    assert len(table.rows) == 3


def test_an_empty_log_says_so(tmp_path):
    document = Document.new()
    try:
        result, written = _export(tmp_path, document.session)
    finally:
        document.close()
    assert result.empty_sections == ["Decision log"]
    assert "No decisions have been logged yet." in _section_text(written)


def test_many_decisions_due_list_the_most_overdue_and_count_the_rest(tmp_path, sample_document):
    from pmdesk.domain.base import new_id
    from pmdesk.workspaces.decisions.model import Decision
    from pmdesk.workspaces.decisions.section import DUE_SHOWN

    session = sample_document.session
    for n in range(20):
        session.add(
            Decision(
                id=new_id(),
                decided_on=date(2026, 1, 5),
                question=f"Keep partner {n:02d} on the price list?",
                status="decided",
                revisit_on=date(2026, 11, 2 + n),
            )
        )
    session.commit()
    _result, document = _export(tmp_path, session)
    text = _section_text(document)
    start = text.index("Due for revisit") + 1
    listed = text[start : start + DUE_SHOWN]
    assert listed[0] == "2 Nov 2026, 29 days overdue: Keep partner 00 on the price list?"
    assert all("overdue" in line for line in listed)
    assert text[start + DUE_SHOWN] == (
        "12 more are due: the project's decision log lists every one."  # 22 due, 10 listed
    )
