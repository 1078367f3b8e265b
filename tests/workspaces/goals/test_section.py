"""The briefing's Goals section: progress per key result, its trend, and what is off track."""

from __future__ import annotations

from datetime import date

import docx

from pmdesk.briefing.exporter import BriefingSettings, export_briefing
from pmdesk.briefing.model import SectionChoice
from pmdesk.workspaces.goals import section as goals_section


def _export(tmp_path, session, options=None):
    settings = BriefingSettings(
        sections=(SectionChoice("goals", options or {}),), briefing_date=date(2026, 12, 1)
    )
    result = export_briefing(session, tmp_path / "goals.docx", settings)
    document = docx.Document(str(result.path))
    text = [p.text for p in document.paragraphs]
    for table in document.tables:
        text.extend(cell.text for row in table.rows for cell in row.cells)
    return result, "\n".join(text)


def test_the_section_says_what_is_off_track_and_why_with_a_chart_per_key_result(
    tmp_path, sample_document
):
    result, text = _export(tmp_path, sample_document.session)
    assert "3 objectives with 8 key results: 2 off track, 1 at risk." in text
    assert "Off track, and why" in text
    assert (
        "Annual recurring revenue: $6.3M on 01 Nov 2026 is 26% of the way from $5M to $10M"
    ) in text
    assert "Make onboarding a one-week job" not in text  # achieved: left out by default
    assert result.pictures == 8


def test_finished_objectives_and_charts_follow_the_options(tmp_path, sample_document):
    result, text = _export(tmp_path, sample_document.session, {"finished": True, "charts": False})
    assert "Make onboarding a one-week job" in text
    assert result.pictures == 0


def test_a_big_portfolio_writes_out_the_objectives_off_track_and_sums_up_the_rest(
    tmp_path, sample_document, monkeypatch
):
    monkeypatch.setattr(goals_section, "DETAILED_MAX", 1)  # as a portfolio past the caps
    monkeypatch.setattr(goals_section, "OFF_TRACK_MAX", 1)
    _result, text = _export(tmp_path, sample_document.session)
    document = docx.Document(str(tmp_path / "goals.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    others = next(t for t in document.tables if t.rows[0].cells[0].text == "Objective")
    summed = [row.cells[0].text for row in others.rows[1:]]
    assert len(summed) == 2 and not set(summed) & set(headings)
    assert "…and 1 more key result off track in the Goals workspace." in text
    assert "2 more objectives, summarised" in text
    # The one written out holds a key result off track: the summed ones hold fewer than the 2.
    assert sum(int(row.cells[3].text or 0) for row in others.rows[1:]) < 2
