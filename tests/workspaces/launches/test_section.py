"""The briefing's "Go-to-market readiness" section: each launch's day, the department table
and what stands in the way of a go, as the reader of the Word file sees them."""

from __future__ import annotations

from datetime import date

import docx

from pmdesk.briefing.exporter import BriefingSettings, export_briefing
from pmdesk.briefing.model import SectionChoice
from pmdesk.domain import records
from pmdesk.workspaces.launches import section as launch_section
from pmdesk.workspaces.launches.model import Launch


def _export(tmp_path, session, today: date, **options) -> tuple[str, list[list[list[str]]]]:
    settings = BriefingSettings(sections=(SectionChoice("launches", options),))
    result = export_briefing(session, tmp_path / "b.docx", settings, today=today)
    document = docx.Document(str(result.path))
    text = "\n".join(p.text for p in document.paragraphs)
    tables = [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables]
    return text, tables


def test_the_section_shows_each_launch_its_readiness_and_its_blockers(tmp_path, sample_document):
    text, tables = _export(tmp_path, sample_document.session, date(2026, 12, 20))
    assert "Go-to-market readiness" in text
    assert "2 launches in preparation: 8 of 40 readiness tasks are ready and 2 are late." in text
    assert "Spring launch: offline technician app · Major, 14 Apr 2027" in text
    assert "set by “Offline app launch” on the roadmap; go/no-go on 7 Apr 2027" in text
    legal = next(row for t in tables for row in t if row[0] == "Legal" and row[-1] == "1")
    assert legal[1] == "2"  # the spring launch: terms review (late) and trademarks to do
    blockers = [row for t in tables if t[0][0] == "Task" for row in t[1:]]
    terms = next(row for row in blockers if row[0] == "Terms and privacy notice reviewed")
    assert terms[1:] == ["Legal", "Marcus Feld", "5 Dec 2026 (L−130)", "To do, 15 days late"]


def test_launches_already_past_are_left_out_unless_asked_for(tmp_path, sample_document):
    today = date(2027, 4, 1)  # Dispatch 3.0 launched on 26 Mar
    text, _ = _export(tmp_path, sample_document.session, today)
    assert "Dispatch 3.0 with auto-dispatch" not in text
    assert "1 launch already past is left out." in text
    text, _ = _export(tmp_path, sample_document.session, today, past=True)
    assert "Dispatch 3.0 with auto-dispatch · Minor, 26 Mar 2027" in text


def test_a_project_without_launches_says_so(tmp_path, sample_document):
    session = sample_document.session
    records.remove(session, Launch, [launch.id for launch in session.query(Launch)])
    text, _ = _export(tmp_path, session, date(2026, 12, 20))
    assert "No launch has been planned yet." in text


def test_a_big_portfolio_shows_the_soonest_launches_and_sums_up_the_rest(
    tmp_path, sample_document, monkeypatch
):
    monkeypatch.setattr(launch_section, "DETAILED_MAX", 1)  # as a portfolio past the cap
    text, tables = _export(tmp_path, sample_document.session, date(2026, 12, 20))
    assert "Dispatch 3.0 with auto-dispatch · Minor, 26 Mar 2027" in text  # the soonest
    assert "Spring launch: offline technician app · Major" not in text
    assert "Shown above: the 1 soonest launch. Summarised here: 1 later launch;" in text
    later = next(t for t in tables if t[0][0] == "Launch")
    assert later[1][0] == "Spring launch: offline technician app"
    assert later[1][2] == "14 Apr 2027" and later[1][3] == "5 of 27"
