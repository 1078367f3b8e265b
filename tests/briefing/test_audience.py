"""One document per audience: what a profile hides reaches no part of the .docx — body,
tables, captions, alt text, headers and footers, properties, or the text drawn inside the
pictures — and the PM can turn each rule on or off."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from pmdesk.briefing.exporter import BriefingSettings, export_briefing
from pmdesk.briefing.model import create_briefing, update_briefing
from pmdesk.errors import ValidationError
from pmdesk.export import audience
from pmdesk.interchange.project_json import load_project
from pmdesk.interchange.sample import sample_data
from pmdesk.store.document import Document
from pmdesk.workspaces.business_case import query
from pmdesk.workspaces.business_case.money import format_money
from pmdesk.workspaces.competition.model import Battlecard
from pmdesk.workspaces.goals.model import CheckIn
from pmdesk.workspaces.launches.model import Launch, LaunchTask
from pmdesk.workspaces.stakeholders.model import ATTITUDES, Stakeholder

EXACT_DATE = re.compile(
    r"(?<!\d)\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}(?!\d)"
)
# A day written as in the app ("2026-09-01"); the package's own timestamps ("…T09:00:00Z")
# say when the file was written, not anything about the project.
ISO_DAY = re.compile(r"(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-]|T\d)")


@pytest.fixture(scope="module")
def project():
    document = Document.new()
    load_project(document.session, sample_data(), "the sample")
    yield document
    document.close()


def _everything(result) -> str:
    """All text of every XML part of the package, plus the text drawn in its pictures."""
    with zipfile.ZipFile(result.path) as package:
        parts = [
            package.read(name).decode("utf-8")
            for name in package.namelist()
            if name.endswith((".xml", ".rels"))
        ]
    # Runs split words across elements: compare text with the markup taken out.
    text = re.sub(r"<[^>]+>", "", "\n".join(parts))
    attributes = " ".join(re.findall(r'(?:descr|title)="([^"]*)"', "\n".join(parts)))
    return "\n".join([text, attributes, *result.chart_words])


def _secrets(session) -> dict[str, list[str]]:
    people = list(session.scalars(select(Stakeholder)))
    cards = list(session.scalars(select(Battlecard)))
    plans = [", ".join(p for p in (s.channel, s.cadence) if p) for s in people]
    card_texts = [
        text[:40]
        for card in cards
        for text in (card.why_we_win, card.landmines, card.objections, card.proof_points)
        if text and text.strip()
    ]
    found = query.cases(session)
    case = query.load_case(session, found[0][0]) if found else None
    owners = {task.owner_id for task in session.scalars(select(LaunchTask)) if task.owner_id} | {
        launch.owner_id for launch in session.scalars(select(Launch)) if launch.owner_id
    }
    return {
        "names": sorted({person.name for person in people}),
        "readiness owners": sorted({p.name for p in people if p.id in owners}),
        "costs": [
            format_money(case.cost, case.currency),
            format_money(case.monthly_rate, case.currency),
            case.title,
        ]
        if case is not None
        else [],
        "attitudes": [label for key, label in ATTITUDES.items() if key != "neutral"],
        "plans": sorted({plan for plan in plans if plan}),
        "battlecards": card_texts,
        # The team's notes: what owners wrote at their key results' latest check-ins.
        "notes": _latest_check_in_notes(session),
    }


def _latest_check_in_notes(session) -> list[str]:
    latest: dict[str, CheckIn] = {}
    for check_in in session.scalars(select(CheckIn).order_by(CheckIn.on_date)):
        latest[check_in.key_result_id] = check_in
    return sorted({c.note.strip()[:40] for c in latest.values() if c.note.strip()})


def _export(project, tmp_path, name, **changes):
    settings = replace(BriefingSettings(author="The product team"), **changes)
    return export_briefing(project.session, tmp_path / f"{name}.docx", settings)


def test_the_internal_briefing_holds_what_the_external_one_must_not(project, tmp_path):
    # The control: were the secrets never written at all, the test below would prove nothing.
    text = _everything(_export(project, tmp_path, "internal"))
    secrets = _secrets(project.session)
    assert any(name in text for name in secrets["names"])
    assert any(label in text for label in secrets["attitudes"])
    assert any(plan in text for plan in secrets["plans"])
    assert any(card in text for card in secrets["battlecards"])
    assert any(owner in text for owner in secrets["readiness owners"])
    assert all(figure in text for figure in secrets["costs"])
    assert any(note in text for note in secrets["notes"])
    assert EXACT_DATE.search(text)
    assert ISO_DAY.search(text)  # the proof points' evidence is dated to the day


def test_nothing_an_external_audience_must_not_see_reaches_any_part(project, tmp_path):
    result = _export(project, tmp_path, "external", profile=audience.EXTERNAL)
    text = _everything(result)
    for kind, values in _secrets(project.session).items():
        leaked = [value for value in values if value in text]
        assert leaked == [], kind
    assert EXACT_DATE.search(text) is None
    assert ISO_DAY.search(text) is None, ISO_DAY.search(text)
    # The quarters instead, counted from the roadmap's fiscal year (October in the sample):
    # December 2026 is the first quarter of FY27, not the calendar's fourth of 2026.
    assert "Q1 FY27" in text or "Q2 FY27" in text
    assert re.search(r"\bQ[1-4] 20\d\d\b", text) is None
    assert not any(title.startswith("Appendix") for title in result.sections)
    assert "Business case" not in result.sections  # no heading, no figure, no summary line
    assert "Go-to-market readiness" in result.sections
    assert "Who we serve and what we tell them" in result.sections


def test_an_external_briefing_names_readiness_owners_by_their_role(project, tmp_path):
    session = project.session
    owner = next(
        person
        for person in session.scalars(select(Stakeholder))
        if person.name in _secrets(session)["readiness owners"] and person.role
    )
    text = _everything(_export(project, tmp_path, "roles", profile=audience.EXTERNAL))
    assert owner.name not in text and owner.role in text


def test_an_executive_sees_the_business_case_unless_costs_are_turned_off(project, tmp_path):
    shown = _export(project, tmp_path, "exec", profile=audience.EXECUTIVE)
    assert "Business case" in shown.sections
    hidden = _export(
        project,
        tmp_path,
        "exec-no-costs",
        profile=audience.EXECUTIVE,
        profile_rules={audience.COSTS: True},
    )
    assert "Business case" not in hidden.sections
    assert not any(figure in _everything(hidden) for figure in _secrets(project.session)["costs"])


def test_the_pm_can_turn_one_rule_of_a_profile_off(project, tmp_path):
    result = _export(
        project,
        tmp_path,
        "dates",
        profile=audience.EXTERNAL,
        profile_rules={audience.EXACT_DATES: False},
    )
    text = _everything(result)
    assert EXACT_DATE.search(text)  # exact dates back on
    assert not any(name in text for name in _secrets(project.session)["names"])


def test_an_executive_gets_the_summary_without_battlecards_or_detail(project, tmp_path):
    result = _export(project, tmp_path, "executive", profile=audience.EXECUTIVE)
    text = _everything(result)
    assert "Criteria breakdown" not in text
    assert not any(title.startswith("Appendix") for title in result.sections)
    assert any(name in text for name in _secrets(project.session)["names"])


def test_every_record_marked_confidential_still_gives_a_briefing_with_no_names(tmp_path):
    """The project has no "confidential" flag on records; what an external briefing treats
    as confidential is what its rules hide. A project of nothing but people, each of whom a
    rule hides, still exports, every section present, and none of them is named."""
    document = Document.new()
    try:
        data = sample_data()
        for key, group in data.items():
            if key not in ("format", "project", "stakeholders") and isinstance(group, dict):
                data[key] = {kind: [] for kind in group}
        load_project(document.session, data, "people only")
        result = export_briefing(
            document.session,
            tmp_path / "people.docx",
            BriefingSettings(profile=audience.EXTERNAL),
        )
        text = _everything(result)
        names = _secrets(document.session)["names"]
        assert names and not any(name in text for name in names)
        assert "Stakeholders" in result.sections
    finally:
        document.close()


def test_a_briefing_remembers_its_profile_and_refuses_unknown_ones(project):
    session = project.session
    briefing = create_briefing(session, "For customers")
    update_briefing(
        session,
        briefing.id,
        profile=audience.EXTERNAL,
        profile_rules={audience.EXACT_DATES: False},
    )
    settings = BriefingSettings.of(briefing)
    assert settings.readers.hides(audience.NAMES)
    assert not settings.readers.hides(audience.EXACT_DATES)
    with pytest.raises(ValidationError, match="audience profile"):
        update_briefing(session, briefing.id, profile="press")
    with pytest.raises(ValidationError, match="audience rules"):
        update_briefing(session, briefing.id, profile_rules={"everything": True})
    assert BriefingSettings.of(briefing).profile == audience.EXTERNAL  # unchanged


def test_the_page_can_say_what_an_audience_will_not_see():
    hidden = audience.Audience.of(audience.EXTERNAL).not_shown()
    assert audience.RULES[audience.NAMES] in hidden
    assert audience.Audience.of(audience.INTERNAL).not_shown() == []
    assert audience.Audience.of("unknown").profile == audience.INTERNAL


def test_a_sentence_for_an_external_audience_names_quarters_not_days():
    external = audience.Audience.of(audience.EXTERNAL)
    internal = audience.Audience.of(audience.INTERNAL)
    sentence = "6.3 on 01 Nov 2026 is 26% of the way; revisit on 2027-02-14."
    assert internal.text(sentence) == sentence
    assert external.text(sentence) == "6.3 on Q4 2026 is 26% of the way; revisit on Q1 2027."


def test_quarters_follow_the_fiscal_year():
    external = audience.Audience.of(audience.EXTERNAL)
    october = replace(external, fiscal_start=10)
    assert external.day(date(2026, 12, 1)) == "Q4 2026"
    assert october.day(date(2026, 12, 1)) == "Q1 FY27"
    assert october.day(date(2027, 9, 30), "High") == "Q4 FY27 (high confidence)"
    assert replace(external, fiscal_start=4).day(date(2027, 3, 31)) == "Q4 FY27"
    assert october.text("Due 2027-02-14.") == "Due Q2 FY27."
