"""Customer inputs and requirements: RICE, the rules on bad values, links and undoable removal."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from pmdesk.domain import records
from pmdesk.errors import ValidationError
from pmdesk.store.document import Document
from pmdesk.workspaces.requirements import edit
from pmdesk.workspaces.requirements.model import (
    CustomerInput,
    Requirement,
    RequirementEvidence,
    rice_score,
    split_tags,
)
from pmdesk.workspaces.stakeholders.model import Stakeholder


@pytest.fixture
def session():
    document = Document.new()
    yield document.session
    document.close()


def _requirement(session, **values) -> str:
    return edit.add_requirement(session, {"title": "Offline job sheets", **values})


def _input(session, **values) -> str:
    return edit.add_input(
        session, {"quote": "We lose signal in basements.", "customer": "Acme", **values}
    )


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


# -- RICE ----------------------------------------------------------------------------------------


def test_rice_is_reach_times_impact_times_confidence_over_effort():
    # 1,000 people a quarter, high impact (2), 80 % sure, 4 person-months -> 400
    assert rice_score(1000, 2, 80, 4) == pytest.approx(400)
    assert rice_score(500, 0.25, 100, 0.5) == pytest.approx(250)


def test_a_requirement_with_a_missing_factor_has_no_score(session):
    record_id = _requirement(session, reach=100, impact=1, confidence=50)
    assert session.get(Requirement, record_id).rice_score is None
    edit.update_requirement(session, record_id, effort="2")
    assert session.get(Requirement, record_id).rice_score == pytest.approx(25)


def test_rice_values_are_read_as_people_type_them(session):
    record_id = _requirement(session, reach="1,200", impact="High", confidence="80 %", effort="3")
    requirement = session.get(Requirement, record_id)
    assert (requirement.reach, requirement.impact, requirement.confidence) == (1200, 2, 80)
    assert requirement.rice_score == pytest.approx(640)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("effort", 0, "Effort must be more than zero person-months (RICE divides by it); 0 was"),
        (
            "effort",
            "-2",
            "Effort must be more than zero person-months (RICE divides by it); -2 was",
        ),
        ("confidence", 120, "Confidence is a percentage and cannot be above 100 %; 120 % was"),
        ("confidence", "150%", "Confidence is a percentage and cannot be above 100 %; 150 % was"),
        ("confidence", -5, "Confidence is a percentage from 0 to 100 %, not -5 %."),
        ("reach", -1, "Reach counts people or events, so it cannot be negative."),
        ("impact", 5, "Impact must be a step of the RICE scale (3 massive, 2 high, 1 medium"),
        ("effort", "a lot", "Effort must be a number, not “a lot”."),
        ("status", "maybe", "The status must be one of Proposed, Accepted, In roadmap, Shipped"),
        ("moscow", "urgent", "The MoSCoW priority must be one of Must have, Should have"),
        ("title", "  ", "The title cannot be empty."),
    ],
)
def test_bad_requirement_values_are_refused_and_nothing_changes(session, field, value, message):
    record_id = _requirement(session, reach=100, impact=1, confidence=50, effort=2)
    with pytest.raises(ValidationError) as error:
        edit.update_requirement(session, record_id, **{field: value})
    assert str(error.value).startswith(message)
    session.rollback()
    requirement = session.get(Requirement, record_id)
    assert (requirement.title, requirement.effort, requirement.confidence) == (
        "Offline job sheets",
        2,
        50,
    )
    assert requirement.status == "proposed"


def test_a_new_requirement_with_zero_effort_is_not_added(session):
    with pytest.raises(ValidationError, match="Effort must be more than zero"):
        _requirement(session, effort=0)
    assert _count(session, Requirement) == 0


def test_status_and_moscow_accept_labels_and_short_forms(session):
    record_id = _requirement(session, status="In roadmap", moscow="M")
    edit.update_requirement(session, record_id, moscow="won't have")
    requirement = session.get(Requirement, record_id)
    assert (requirement.status, requirement.moscow) == ("in_roadmap", "wont")


# -- customer inputs -----------------------------------------------------------------------------


def test_an_input_needs_to_say_who_said_it(session):
    with pytest.raises(ValidationError, match="Say who said it: pick a stakeholder or type"):
        edit.add_input(session, {"quote": "Too slow."})
    assert _count(session, CustomerInput) == 0


def test_an_input_keeps_source_date_segment_and_tags(session):
    record_id = _input(
        session,
        source="Win/loss review",
        received_on="2026-07-02",
        segment="Mid-size",
        tags="offline; competitor, Offline",
    )
    record = session.get(CustomerInput, record_id)
    assert record.source == "win_loss"
    assert record.received_on == date(2026, 7, 2)
    assert record.tag_list == ["offline", "competitor"]


def test_an_ambiguous_date_is_refused_not_guessed(session):
    with pytest.raises(ValidationError, match="The date must be a date like 2026-01-31"):
        _input(session, received_on="03/04/2026")


def test_a_source_outside_the_list_is_refused(session):
    with pytest.raises(ValidationError, match="The source must be one of Interview, Sales call"):
        _input(session, source="rumour")


def test_an_input_can_name_a_stakeholder_instead_of_a_customer(session):
    person = Stakeholder(name="Bill Turner")
    session.add(person)
    session.commit()
    record_id = edit.add_input(
        session, {"quote": "Paid in the driveway.", "stakeholder_id": person.id}
    )
    assert session.get(CustomerInput, record_id).stakeholder_id == person.id
    with pytest.raises(ValidationError, match="That stakeholder no longer exists"):
        edit.update_input(session, record_id, stakeholder_id="9" * 36)


def test_clearing_both_stakeholder_and_customer_is_refused(session):
    record_id = _input(session)
    with pytest.raises(ValidationError, match="Say who said it"):
        edit.update_input(session, record_id, customer="")
    session.rollback()
    assert session.get(CustomerInput, record_id).customer == "Acme"


def test_split_tags_drops_blanks_and_repeats_in_any_case():
    assert split_tags(" a, b;;A , c ") == ["a", "b", "c"]


# -- links and removal ---------------------------------------------------------------------------


def test_an_input_is_evidence_for_a_requirement_once(session):
    input_id, requirement_id = _input(session), _requirement(session)
    edit.link_evidence(session, input_id, requirement_id)
    with pytest.raises(ValidationError, match="already evidence for this requirement"):
        edit.link_evidence(session, input_id, requirement_id)
    assert _count(session, RequirementEvidence) == 1


def test_linking_to_a_removed_record_is_refused(session):
    input_id, requirement_id = _input(session), _requirement(session)
    edit.remove_requirements(session, [requirement_id])
    with pytest.raises(ValidationError, match="That requirement no longer exists"):
        edit.link_evidence(session, input_id, requirement_id)
    assert _count(session, RequirementEvidence) == 0


def test_removing_a_requirement_unlinks_it_and_restore_brings_links_back(session):
    first, second = _input(session), _input(session, quote="Offline or nothing.")
    requirement_id = _requirement(session, reach=10, impact=1, confidence=100, effort=1)
    for input_id in (first, second):
        edit.link_evidence(session, input_id, requirement_id)

    removal = edit.remove_requirements(session, [requirement_id])
    assert _count(session, Requirement) == 0
    assert _count(session, RequirementEvidence) == 0
    assert _count(session, CustomerInput) == 2  # the evidence itself stays

    records.restore(session, removal)
    assert session.get(Requirement, requirement_id).rice_score == pytest.approx(10)
    linked = session.scalars(select(RequirementEvidence.input_id)).all()
    assert sorted(linked) == sorted([first, second])


def test_removing_an_input_unlinks_it_and_undo_restores(session):
    input_id, requirement_id = _input(session), _requirement(session)
    edit.link_evidence(session, input_id, requirement_id)
    removal = edit.remove_inputs(session, [input_id])
    assert _count(session, RequirementEvidence) == 0
    records.restore(session, removal)
    assert _count(session, RequirementEvidence) == 1


def test_removing_a_stakeholder_keeps_the_input_and_forgets_who(session):
    person = Stakeholder(name="Sofia Reyes")
    session.add(person)
    session.commit()
    input_id = edit.add_input(session, {"quote": "Paid today.", "stakeholder_id": person.id})
    removal = records.remove(session, Stakeholder, [person.id])
    assert session.get(CustomerInput, input_id).stakeholder_id is None
    records.restore(session, removal)
    assert session.get(CustomerInput, input_id).stakeholder_id == person.id


def test_unlinking_evidence_can_be_restored(session):
    input_id, requirement_id = _input(session), _requirement(session)
    edit.link_evidence(session, input_id, requirement_id)
    removal = edit.unlink_evidence(session, input_id, requirement_id)
    assert _count(session, RequirementEvidence) == 0
    records.restore(session, removal)
    assert _count(session, RequirementEvidence) == 1
    with pytest.raises(ValidationError, match="already evidence"):
        edit.link_evidence(session, input_id, requirement_id)
