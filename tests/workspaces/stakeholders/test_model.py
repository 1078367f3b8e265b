"""Stakeholder rules: scores, words, unique names, moves, removal with relationships."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from pmdesk.domain import records
from pmdesk.errors import ValidationError
from pmdesk.workspaces.stakeholders import edit
from pmdesk.workspaces.stakeholders.model import (
    Stakeholder,
    StakeholderInteraction,
    StakeholderPosition,
    StakeholderRelationship,
    quadrant_strategy,
    split_tags,
)


def _person(session, name: str) -> Stakeholder:
    return session.scalars(select(Stakeholder).where(Stakeholder.name == name)).one()


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize(
    ("influence", "interest", "strategy"),
    [
        (10, 10, "manage_closely"),
        (6, 5, "keep_satisfied"),
        (5, 6, "keep_informed"),
        (1, 5, "monitor"),
    ],
)
def test_the_quadrant_decides_the_strategy(influence, interest, strategy):
    assert quadrant_strategy(influence, interest) == strategy


def test_a_chosen_strategy_overrides_the_quadrant_and_auto_gives_it_back(sample_document):
    session = sample_document.session
    person = _person(session, "Grace Mbeki")  # influence 3, interest 6
    assert person.strategy == "keep_informed"
    edit.set_field(session, person.id, "strategy_override", "Manage closely")
    assert person.strategy == "manage_closely"
    edit.set_field(session, person.id, "strategy_override", "auto")
    assert person.strategy == "keep_informed"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "Influence must be from 1 to 10, not 0."),
        (11, "Influence must be from 1 to 10, not 11."),
        ("high", "Influence must be a whole number from 1 to 10, not “high”."),
        ("", "Influence must be a whole number from 1 to 10, not nothing."),
        (4.5, "Influence must be a whole number from 1 to 10, not “4.5”."),
    ],
)
def test_bad_scores_are_refused_and_nothing_changes(sample_document, value, message):
    session = sample_document.session
    person = _person(session, "Dana Whitfield")
    with pytest.raises(ValidationError) as error:
        edit.set_field(session, person.id, "influence", value)
    assert str(error.value) == message
    session.expire_all()
    assert _person(session, "Dana Whitfield").influence == 10


def test_an_unknown_attitude_word_is_refused_naming_the_allowed_words(sample_document):
    session = sample_document.session
    person = _person(session, "Dana Whitfield")
    with pytest.raises(ValidationError, match="champion, supporter, neutral, skeptic, blocker"):
        edit.set_field(session, person.id, "attitude", "grumpy")
    assert edit.set_field(session, person.id, "attitude", "Skeptic") == "champion"
    assert person.attitude == "skeptic"


def test_names_are_required_and_unique_ignoring_case(sample_document):
    session = sample_document.session
    person = _person(session, "Leo Park")
    with pytest.raises(
        ValidationError, match="There is already a stakeholder called “dana WHITFIELD”"
    ):
        edit.set_field(session, person.id, "name", "dana WHITFIELD")
    with pytest.raises(ValidationError, match="needs a name"):
        edit.set_field(session, person.id, "name", "   ")
    edit.set_field(session, person.id, "name", "leo park")  # own name in other case is fine
    assert person.name == "leo park"


def test_a_move_returns_the_old_place_and_touches_only_that_row(sample_document):
    session = sample_document.session
    person = _person(session, "Sam Novak")
    others_before = {p.id: p.updated_at for p in session.scalars(select(Stakeholder))}
    assert edit.move(session, person.id, 2, 3) == (6, 8)
    session.expire_all()
    changed = [
        p.id for p in session.scalars(select(Stakeholder)) if p.updated_at != others_before[p.id]
    ]
    assert changed == [person.id]
    assert (person.influence, person.interest) == (2, 3)


def test_create_many_is_all_or_nothing(sample_document):
    session = sample_document.session
    before = _count(session, Stakeholder)
    rows = [{"name": "New Person", "influence": 3}, {"name": "Other", "interest": 12}]
    with pytest.raises(ValidationError, match="Interest must be from 1 to 10, not 12"):
        edit.create_many(session, rows)
    assert _count(session, Stakeholder) == before
    with pytest.raises(ValidationError, match="“twin” appears twice"):
        edit.create_many(session, [{"name": "Twin"}, {"name": "twin"}])
    assert _count(session, Stakeholder) == before


def test_an_external_department_makes_the_stakeholder_external(sample_document):
    session = sample_document.session
    record_id = edit.create(session, {"name": "Ivy Chen", "department": "Analysts"})
    assert session.get(Stakeholder, record_id).external is True


def test_deleting_a_stakeholder_removes_its_lines_and_restore_brings_all_back(sample_document):
    session = sample_document.session
    person_id = _person(session, "Rachel Osei").id
    lines = _count(session, StakeholderRelationship)
    interactions = _count(session, StakeholderInteraction)
    removal = edit.delete(session, [person_id])
    session.expire_all()
    assert session.get(Stakeholder, person_id) is None
    touching = select(StakeholderRelationship).where(
        (StakeholderRelationship.source_id == person_id)
        | (StakeholderRelationship.target_id == person_id)
    )
    assert session.scalars(touching).all() == []
    assert _count(session, StakeholderRelationship) == lines - 4
    assert removal.count(StakeholderPosition.__table__) == 1
    records.restore(session, removal)
    assert _count(session, StakeholderRelationship) == lines
    assert _count(session, StakeholderInteraction) == interactions
    assert session.get(Stakeholder, person_id).name == "Rachel Osei"


def test_relationship_rules(sample_document):
    session = sample_document.session
    dana = _person(session, "Dana Whitfield")
    leo = _person(session, "Leo Park")
    with pytest.raises(ValidationError, match="with themselves"):
        edit.add_relationship(session, dana.id, dana.id, "influences")
    with pytest.raises(ValidationError, match="reports to, influences, ally of, in conflict with"):
        edit.add_relationship(session, leo.id, dana.id, "likes")
    edit.add_relationship(session, leo.id, dana.id, "Influences")
    with pytest.raises(ValidationError, match="Leo Park already influences Dana Whitfield"):
        edit.add_relationship(session, leo.id, dana.id, "influences")


def test_tags_are_tidied():
    assert split_tags(" exec; budget,, Exec , launch ") == ["exec", "budget", "launch"]
