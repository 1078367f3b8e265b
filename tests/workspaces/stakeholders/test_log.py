"""Interactions, overdue lists, snapshots, and the dump/load round trip of the sample."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from pmdesk.errors import ValidationError
from pmdesk.interchange.project_json import dump_project, load_project, to_text
from pmdesk.store.document import Document
from pmdesk.workspaces.stakeholders import edit, log
from pmdesk.workspaces.stakeholders.model import Stakeholder

TODAY = date(2026, 11, 25)


def _person(session, name: str) -> Stakeholder:
    return session.scalars(select(Stakeholder).where(Stakeholder.name == name)).one()


def test_the_sample_has_what_the_issue_asks_for(sample_document):
    data = dump_project(sample_document.session)["stakeholders"]
    assert 15 <= len(data["stakeholders"]) <= 25
    assert len({row["department"] for row in data["stakeholders"]}) >= 10
    assert data["relationships"] and data["interactions"]
    assert len(data["snapshots"]) == 1


def test_dump_load_round_trip_keeps_every_stakeholder_record(sample_document):
    first = dump_project(sample_document.session)
    copy = Document.new()
    try:
        load_project(copy.session, first, "the dump")
        assert to_text(dump_project(copy.session)) == to_text(first)
    finally:
        copy.close()


def test_overdue_touchpoints_and_open_follow_ups_most_late_first(sample_document):
    items = log.due_items(sample_document.session, TODAY)
    shown = [(item.stakeholder, item.what) for item in items]
    assert shown[0] == ("Anita Shah", "Follow-up")  # due 1 October
    assert ("Marcus Feld", "Touchpoint") in shown
    assert ("Dana Whitfield", "Follow-up") not in shown  # done
    assert ("Hannah Cole", "Follow-up") not in shown  # due in December
    assert [item.due for item in items] == sorted(item.due for item in items)
    assert items[0].days_late(TODAY) == 55


def test_logging_an_interaction_updates_last_contact_and_can_be_undone(sample_document):
    session = sample_document.session
    person = _person(session, "Paul Brennan")
    interaction = log.log_interaction(
        session, person.id, date(2026, 11, 25), "Call", "Pitched the launch story.", "Send data"
    )
    assert person.last_contact == date(2026, 11, 25)
    assert [i.id for i in log.interactions_of(session, person.id)] == [interaction]
    log.remove_interaction(session, interaction)
    assert log.interactions_of(session, person.id) == []


def test_bad_interactions_are_refused(sample_document):
    session = sample_document.session
    person = _person(session, "Paul Brennan")
    with pytest.raises(ValidationError, match="what the conversation was about"):
        log.log_interaction(session, person.id, TODAY, "Call", "  ")
    with pytest.raises(ValidationError, match="before the conversation"):
        log.log_interaction(session, person.id, TODAY, "Call", "Hi", "x", date(2026, 1, 1))
    assert len(log.interactions_of(session, person.id)) == 0


def test_a_snapshot_keeps_todays_places_while_the_map_moves_on(sample_document):
    session = sample_document.session
    person = _person(session, "Mei Lin")
    snapshot = log.take_snapshot(session, "Before the board", TODAY)
    edit.move(session, person.id, 9, 9)
    positions = log.positions_in(session, snapshot)
    assert (positions[person.id].influence, positions[person.id].interest) == (5, 10)
    assert [s.name for s in log.snapshots(session)] == ["Before the board", "Q3 business review"]
    with pytest.raises(ValidationError, match="Give the snapshot a name"):
        log.take_snapshot(session, " ", TODAY)
