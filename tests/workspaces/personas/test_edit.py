"""Personas' rules: links, evidence that disappears, files that point at nothing, big personas."""

from __future__ import annotations

import copy
from datetime import date

import pytest
from sqlalchemy import select

from pmdesk.domain import records
from pmdesk.domain.base import new_id
from pmdesk.errors import PmdeskError, ValidationError
from pmdesk.export.section import SectionContext
from pmdesk.interchange.project_json import dump_project, load_project, to_text
from pmdesk.interchange.sample import sample_data
from pmdesk.store.document import Document
from pmdesk.workspaces.competition.model import Competitor
from pmdesk.workspaces.personas import edit, query
from pmdesk.workspaces.personas.model import KeyMessage, Persona, ProofPoint
from pmdesk.workspaces.personas.section import SECTION
from pmdesk.workspaces.requirements import edit as requirements
from pmdesk.workspaces.requirements.model import CustomerInput

DANA = "Dana, the dispatcher"
MID_SIZE = "Mid-size (25–75 technicians)"


def _persona(session, name: str) -> Persona:
    return session.scalars(select(Persona).where(Persona.name == name)).one()


def _proof(session, start: str) -> ProofPoint:
    return session.scalars(select(ProofPoint).where(ProofPoint.text.startswith(start))).one()


def test_a_proof_point_keeps_its_words_when_its_evidence_is_deleted_and_undo_relinks_it(
    sample_document,
):
    session = sample_document.session
    proof = _proof(session, "Dispatchers tell us")
    evidence = proof.input_id
    removal = requirements.remove_inputs(session, [evidence])
    proof = _proof(session, "Dispatchers tell us")
    assert proof.evidence_missing and proof.input_id is None
    dana = _persona(session, DANA)
    (row,) = [
        p for m in query.messages(session, [dana.id])[dana.id] for p in m.proofs if p.id == proof.id
    ]
    assert row.missing
    assert row.evidence == "Its evidence, a customer input, has been deleted: link new evidence."
    records.restore(session, removal)
    proof = _proof(session, "Dispatchers tell us")
    assert proof.input_id == evidence and not proof.evidence_missing


def test_a_deleted_competitor_takes_its_ratings_and_the_proof_point_says_so(sample_document):
    session = sample_document.session
    rival = session.scalars(select(Competitor).where(Competitor.name == "TradeForce Suite")).one()
    records.remove(session, Competitor, [rival.id])
    proof = _proof(session, "Works without signal")
    assert proof.evidence_missing and proof.evidence_kind == "rating"


def test_a_file_whose_proof_point_points_at_a_missing_input_is_refused(tmp_path):
    data = copy.deepcopy(sample_data())
    linked = next(p for p in data["personas"]["proof_points"] if p["input_id"])
    data["requirements"]["inputs"] = [
        i for i in data["requirements"]["inputs"] if i["id"] != linked["input_id"]
    ]
    data["requirements"]["evidence"] = [
        e for e in data["requirements"]["evidence"] if e["input_id"] != linked["input_id"]
    ]
    data["personas"]["inputs"] = [
        i for i in data["personas"]["inputs"] if i["input_id"] != linked["input_id"]
    ]
    document = Document.new()
    try:
        with pytest.raises(PmdeskError) as refused:
            load_project(document.session, data, "x.json")
        assert "input_id refers to" in str(refused.value)
        assert "which is not there" in str(refused.value)
        assert document.session.scalars(select(Persona)).first() is None
    finally:
        document.close()


def test_a_proof_point_that_names_the_wrong_kind_of_evidence_is_refused():
    with pytest.raises(ValidationError, match="links a competitor rating but names other evidence"):
        edit.proof_point_rule({"evidence_kind": "input", "rating_id": new_id(), "input_id": None})
    edit.proof_point_rule({"evidence_kind": "input", "input_id": None, "rating_id": None})


def test_buying_roles_and_names(sample_document):
    session = sample_document.session
    dana = _persona(session, DANA)
    assert edit.set_persona_field(session, dana.id, "buying_role", "Influencer") == "user"
    with pytest.raises(ValidationError) as refused:
        edit.set_persona_field(session, dana.id, "buying_role", "CEO")
    assert (
        str(refused.value) == "The buying role must be one of buyer, user, influencer, not “CEO”."
    )
    with pytest.raises(ValidationError, match="already a persona called “Owen, the owner"):
        edit.set_persona_field(session, dana.id, "name", "owen, the owner-operator")


def test_linking_an_input_twice_is_refused_and_nothing_is_added(sample_document):
    session = sample_document.session
    dana = _persona(session, DANA)
    (first, *_rest) = query.linked_inputs(session, dana.id)
    before = to_text(dump_project(session))
    with pytest.raises(ValidationError, match="already linked"):
        edit.link_inputs(session, dana.id, {first.target_id: new_id()})
    session.rollback()
    assert to_text(dump_project(session)) == before


def test_segment_tags_suggest_inputs_and_the_requirements_resting_on_them(sample_document):
    session = sample_document.session
    dana = _persona(session, DANA)
    suggested = query.suggested_inputs(session, dana.id)
    linked = {row.target_id for row in query.linked_inputs(session, dana.id)}
    segment = {
        item.id
        for item in session.scalars(select(CustomerInput).where(CustomerInput.segment == MID_SIZE))
    }
    assert {row.target_id for row in suggested} == segment - linked
    # The page reads the same suggestions as ids only, newest first like the rows.
    assert query.suggested_input_ids(session, dana.id) == [row.target_id for row in suggested]
    assert suggested, "the sample's mid-size segment suggests inputs"
    titles = {row.label for row in query.suggested_requirements(session, dana.id)}
    assert "Offline job sheets" in titles  # a mid-size rural customer asked for it
    assert "Auto-filled dispatch board" not in titles  # already linked


def _many_inputs(session, count: int) -> list[str]:
    ids = [new_id() for _ in range(count)]
    session.add_all(
        CustomerInput(
            id=record_id,
            quote=f"Survey answer {number}: the board takes all morning.",
            segment=MID_SIZE,
            source="survey",
            received_on=date(2026, 10, 1),
        )
        for number, record_id in enumerate(ids)
    )
    session.commit()
    return ids


def test_a_persona_with_two_thousand_inputs_links_them_in_one_step_and_reads_them_back(
    sample_document,
):
    session = sample_document.session
    dana = _persona(session, DANA)
    _many_inputs(session, 2_000)
    suggested = [row.target_id for row in query.suggested_inputs(session, dana.id)]
    assert len(suggested) > 2_000
    edit.link_inputs(session, dana.id, {input_id: new_id() for input_id in suggested})
    total = 3 + len(suggested)
    assert query.link_counts(session)[dana.id][0] == total
    assert len(query.linked_inputs(session, dana.id)) == total
    assert query.suggested_inputs(session, dana.id) == []
    content = SECTION.collect(SectionContext(session, {}, date(2026, 12, 1)))
    shown = next(item for item in content.personas if item.persona.id == dana.id)
    assert shown.inputs == total and len(shown.quotes) == 3  # the briefing quotes a few


def test_a_goal_check_in_is_evidence_and_its_deletion_leaves_the_proof_point_saying_so(
    sample_document,
):
    from pmdesk.workspaces.goals.model import CheckIn

    session = sample_document.session
    proof = _proof(session, "New customers now dispatch")
    assert proof.evidence_kind == "check_in" and proof.check_in_id
    message = session.get(KeyMessage, proof.message_id)
    (row,) = [
        p
        for m in query.messages(session, [message.persona_id])[message.persona_id]
        for p in m.proofs
        if p.id == proof.id
    ]
    assert (
        row.evidence == "Median days from signup to first dispatched job: 7 days on 2026-09-01"
        " (Onboarding tracker)"
    )
    evidence = proof.check_in_id
    removal = records.remove(session, CheckIn, [evidence])
    proof = _proof(session, "New customers now dispatch")
    assert proof.evidence_missing and proof.check_in_id is None
    (row,) = [
        p
        for m in query.messages(session, [message.persona_id])[message.persona_id]
        for p in m.proofs
        if p.id == proof.id
    ]
    assert row.evidence == "Its evidence, a goal check-in, has been deleted: link new evidence."
    records.restore(session, removal)
    assert _proof(session, "New customers now dispatch").check_in_id == evidence


def test_linking_a_check_in_that_is_gone_or_naming_two_kinds_is_refused(sample_document):
    session = sample_document.session
    proof = _proof(session, "Dispatchers tell us")
    with pytest.raises(ValidationError, match="That check-in no longer exists"):
        edit.set_evidence(session, proof.id, "check_in", new_id())
    assert _proof(session, "Dispatchers tell us").evidence_kind == "input"
    with pytest.raises(ValidationError, match="links a goal check-in but names other evidence"):
        edit.proof_point_rule({"evidence_kind": "input", "check_in_id": new_id()})
