"""Briefing definitions: several per project, validated settings, ordered sections."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import delete, select

from pmdesk.briefing import model as briefings
from pmdesk.briefing.model import Briefing, BriefingSection, SectionChoice
from pmdesk.briefing.sections import section_titles
from pmdesk.errors import ValidationError
from pmdesk.registry import SECTION_ORDER
from pmdesk.store.document import Document


@pytest.fixture
def session():
    document = Document.new()
    yield document.session
    document.close()


def test_a_project_keeps_several_briefings_by_name(session):
    briefings.create_briefing(session, "Sales kickoff", audience="Sales")
    briefings.create_briefing(session, "Exec staff", audience="Executives")
    names = [b.name for b in briefings.list_briefings(session)]
    assert names == ["Exec staff", "Sales kickoff"]
    assert briefings.find_briefing(session, "exec STAFF").audience == "Executives"


def test_new_briefing_shows_every_section_in_the_default_order(session):
    briefing = briefings.create_briefing(session, "Exec staff")
    keys = [choice.key for choice in briefings.section_choices(briefing)]
    assert keys == list(section_titles())


def test_names_must_be_present_and_unique_ignoring_case(session):
    briefings.create_briefing(session, "Exec staff")
    with pytest.raises(ValidationError, match="needs a name"):
        briefings.create_briefing(session, "   ")
    with pytest.raises(ValidationError, match="already called"):
        briefings.create_briefing(session, "EXEC STAFF")
    assert briefings.briefing_count(session) == 1


def test_finding_an_unknown_briefing_names_the_ones_there_are(session):
    briefings.create_briefing(session, "Exec staff")
    with pytest.raises(ValidationError, match="“Board”; it has “Exec staff”"):
        briefings.find_briefing(session, "Board")


def test_update_returns_previous_values_and_checks_lengths(session):
    briefing = briefings.create_briefing(session, "Exec staff", title="Old")
    previous = briefings.update_briefing(
        session, briefing.id, title="  New title  ", briefing_date=date(2026, 12, 1)
    )
    assert previous == {"title": "Old", "briefing_date": None}
    assert briefing.title == "New title"
    with pytest.raises(ValidationError, match="audience is longer than 200"):
        briefings.update_briefing(session, briefing.id, audience="x" * 201)
    with pytest.raises(ValidationError, match="no setting"):
        briefings.update_briefing(session, briefing.id, colour="red")
    session.rollback()
    assert session.get(Briefing, briefing.id).audience == ""


def test_renaming_to_its_own_name_in_other_case_is_allowed(session):
    briefing = briefings.create_briefing(session, "Exec staff")
    briefings.update_briefing(session, briefing.id, name="Exec Staff")
    assert briefing.name == "Exec Staff"


def test_set_sections_reorders_keeps_options_and_returns_the_old_order(session):
    briefing = briefings.create_briefing(session, "Exec staff")
    before = briefings.section_choices(briefing)
    new = [SectionChoice("roadmap", {"lanes": ["a"]}), SectionChoice("overview", {})]
    assert briefings.set_sections(session, briefing.id, new) == before
    session.refresh(briefing)
    choices = briefings.section_choices(briefing)
    assert [c.key for c in choices] == ["roadmap", "overview"]
    assert choices[0].options == {"lanes": ["a"]}
    briefings.set_sections(session, briefing.id, before)
    session.refresh(briefing)
    assert briefings.section_choices(briefing) == before


def test_sections_are_refused_when_unknown_or_repeated(session):
    briefing = briefings.create_briefing(session, "Exec staff")
    with pytest.raises(ValidationError, match="no section called “gossip”"):
        briefings.set_sections(session, briefing.id, [SectionChoice("gossip", {})])
    session.rollback()
    twice = [SectionChoice("overview", {}), SectionChoice("overview", {})]
    with pytest.raises(ValidationError, match="only once"):
        briefings.set_sections(session, briefing.id, twice)
    session.rollback()
    assert len(briefings.section_choices(session.get(Briefing, briefing.id))) == len(SECTION_ORDER)


def test_unreadable_options_text_reads_as_no_options(session):
    assert briefings.parse_options("not json") == ({}, False)
    assert briefings.parse_options("[1, 2]") == ({}, False)
    assert briefings.parse_options("") == ({}, True)
    assert briefings.parse_options('{"top": 5}') == ({"top": 5}, True)


def test_removing_a_briefing_takes_its_sections_and_undo_restores_them(session):
    briefing = briefings.create_briefing(session, "Exec staff")
    removal = briefings.remove_briefing(session, briefing.id)
    assert session.scalars(select(BriefingSection)).all() == []
    from pmdesk.domain import records

    records.restore(session, removal)
    assert len(session.scalars(select(BriefingSection)).all()) == len(SECTION_ORDER)


def test_unused_name_counts_up(session):
    assert briefings.unused_name(session) == "Briefing"
    briefings.create_briefing(session, "Briefing")
    assert briefings.unused_name(session) == "Briefing 2"


def test_briefings_go_through_dump_and_load_unchanged(session):
    from pmdesk.interchange.project_json import dump_project, load_project

    briefings.create_briefing(
        session,
        "Exec staff",
        [SectionChoice("roadmap", {"lanes": ["Go-to-market"], "from": "2027-01-01"})],
        audience="Executives",
        briefing_date=date(2026, 12, 1),
    )
    dumped = dump_project(session)
    assert [b["name"] for b in dumped["briefings"]["briefings"]] == ["Exec staff"]
    load_project(session, dumped, "the dump")
    briefing = briefings.find_briefing(session, "Exec staff")
    assert briefing.briefing_date == date(2026, 12, 1)
    assert briefings.section_choices(briefing) == [
        SectionChoice("roadmap", {"from": "2027-01-01", "lanes": ["Go-to-market"]})
    ]
    assert dump_project(session) == dumped


def test_product_name_reads_the_project_without_creating_one(session):
    from pmdesk.domain.project import Project, get_project

    assert briefings.product_name(session) == get_project(session).name
    session.execute(delete(Project))
    session.commit()
    assert briefings.product_name(session) is None
    assert session.scalars(select(Project)).all() == []
