"""The decision log's rules, its links to other workspaces, and what is due for a revisit."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from pmdesk.domain import records
from pmdesk.errors import ValidationError
from pmdesk.workspaces.decisions import edit, query
from pmdesk.workspaces.decisions.model import (
    Decision,
    DecisionRoadmapLink,
    DecisionStakeholderLink,
    link_kind,
)
from pmdesk.workspaces.roadmap.model import RoadmapItem
from pmdesk.workspaces.stakeholders.model import Stakeholder

TODAY = date(2026, 12, 1)
PRICING = "How do we price FieldLoop from the new fiscal year?"
ACCOUNTING = "Which accounting system do we connect to first?"


@pytest.fixture
def session(sample_document):
    return sample_document.session


def _decision(session, question: str) -> Decision:
    return session.scalars(select(Decision).where(Decision.question == question)).one()


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_a_revisit_date_before_the_decision_date_is_refused_and_nothing_changes(session):
    decision = _decision(session, PRICING)
    with pytest.raises(ValidationError) as raised:
        edit.set_field(session, decision.id, "revisit_on", "2026-09-01")
    assert str(raised.value) == (
        "The revisit date 2026-09-01 is before the decision's date 2026-09-22; "
        "a decision can only be revisited after it was taken."
    )
    session.expire_all()
    assert _decision(session, PRICING).revisit_on == date(2026, 12, 10)


def test_moving_the_decision_date_past_its_revisit_date_is_refused(session):
    decision = _decision(session, PRICING)
    with pytest.raises(ValidationError, match="revisit date 2026-12-10 is before"):
        edit.set_field(session, decision.id, "decided_on", "2027-01-05")
    session.expire_all()
    assert _decision(session, PRICING).decided_on == date(2026, 9, 22)


def test_a_revisit_on_the_day_itself_and_no_revisit_are_both_fine(session):
    decision = _decision(session, PRICING)
    edit.set_field(session, decision.id, "revisit_on", "2026-09-22")
    assert decision.revisit_on == date(2026, 9, 22)
    edit.set_field(session, decision.id, "revisit_on", "")
    assert decision.revisit_on is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("question", "   ", "A decision needs its question"),
        ("question", "x" * 301, "The question is longer than 300 characters."),
        ("decided_on", "", "The date is needed"),
        ("decided_on", "22/09/2026", "The date must be a date like 2026-03-31, not “22/09/2026”."),
        ("status", "approved", "The status must be one of proposed, decided, revisited, reversed"),
    ],
)
def test_bad_values_are_refused_with_a_sentence(session, field, value, message):
    decision = _decision(session, PRICING)
    before = getattr(decision, field)
    with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        edit.set_field(session, decision.id, field, value)
    session.expire_all()
    assert getattr(_decision(session, PRICING), field) == before


def test_a_status_is_read_as_a_person_types_it(session):
    decision = _decision(session, PRICING)
    edit.set_field(session, decision.id, "status", "Reversed")
    assert decision.status == "reversed"


def test_deleting_a_linked_roadmap_item_takes_the_link_and_undo_brings_it_back(session):
    decision = _decision(session, ACCOUNTING)
    item = session.scalars(select(RoadmapItem).where(RoadmapItem.title == "Xero sync")).one()
    links_before = _count(session, DecisionRoadmapLink)

    removal = records.remove(session, RoadmapItem, [item.id])

    assert _count(session, DecisionRoadmapLink) == links_before - 1
    entry = query.load_log(session, [decision.id])[0]
    assert "Xero sync" not in [link.title for link in entry.links]
    assert "Two-way QuickBooks sync" in [link.title for link in entry.links]
    records.restore(session, removal)
    entry = query.load_log(session, [decision.id])[0]
    assert "Xero sync" in [link.title for link in entry.links]
    assert _count(session, DecisionRoadmapLink) == links_before


def test_a_deleted_decider_keeps_their_name_and_undo_brings_the_link_back(session):
    decision = _decision(session, ACCOUNTING)
    person_id = decision.decided_by_id
    assert person_id is not None

    removal = records.remove(session, Stakeholder, [person_id])

    decision = _decision(session, ACCOUNTING)
    assert decision.decided_by_id is None
    assert query.load_log(session, [decision.id])[0].decider == "Rachel Osei"
    records.restore(session, removal)
    assert _decision(session, ACCOUNTING).decided_by_id == person_id


def test_a_record_deleted_meanwhile_cannot_be_linked(session):
    decision = _decision(session, PRICING)
    item = session.scalars(select(RoadmapItem).where(RoadmapItem.title == "Xero sync")).one()
    item_id = item.id
    records.remove(session, RoadmapItem, [item_id])
    with pytest.raises(ValidationError, match="That roadmap item no longer exists"):
        edit.link(session, link_kind("roadmap"), decision.id, item_id)


def test_linking_twice_is_refused(session):
    decision = _decision(session, PRICING)
    links = query.load_log(session, [decision.id])[0].links
    linked = next(link for link in links if link.kind == "competition")
    with pytest.raises(ValidationError, match=f"already linked to “{linked.title}”"):
        edit.link(session, link_kind("competition"), decision.id, linked.record_id)
    assert len(query.load_log(session, [decision.id])[0].links) == len(links)


def test_deleting_a_decision_removes_its_links_but_not_the_records(session):
    decision = _decision(session, ACCOUNTING)
    people = _count(session, Stakeholder)
    stakeholder_links = _count(session, DecisionStakeholderLink)
    removal = edit.delete(session, [decision.id])
    assert _count(session, DecisionStakeholderLink) == stakeholder_links - 1
    assert _count(session, Stakeholder) == people
    records.restore(session, removal)
    assert len(query.load_log(session, [decision.id])[0].links) == 5


def test_choosing_a_stakeholder_as_decider_keeps_the_name_as_text(session):
    decision = _decision(session, PRICING)
    person = session.scalars(select(Stakeholder).where(Stakeholder.name == "Omar Haddad")).one()
    before = edit.set_decider(session, decision.id, person.id, "ignored")
    assert (decision.decided_by_id, decision.decided_by) == (person.id, "Omar Haddad")
    assert before[1] == "Marcus Feld"
    edit.set_decider(session, decision.id, None, "Pricing committee")
    assert (decision.decided_by_id, decision.decided_by) == (None, "Pricing committee")


def test_due_for_revisit_lists_decisions_in_force_soonest_first(session):
    due = query.due_for_revisit(query.load_log(session), TODAY)
    assert [entry.decision.question for entry in due] == [ACCOUNTING, PRICING]
    # A reversed or proposed decision is not revisited, whatever its date says.
    decision = _decision(session, ACCOUNTING)
    edit.set_field(session, decision.id, "status", "reversed")
    due = query.due_for_revisit(query.load_log(session), TODAY)
    assert [entry.decision.question for entry in due] == [PRICING]


def test_proposed_decisions_read_as_asks(session):
    asks = query.briefing_asks(session)
    assert asks[0] == (
        "Decide: hold the spring launch date and ship financing at checkout as a fast follow"
    )
    assert len(asks) == 4
    decision = _decision(session, PRICING)
    edit.set_field(session, decision.id, "status", "proposed")
    assert f"Decide: {PRICING}" in query.briefing_asks(session)
