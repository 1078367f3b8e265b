"""The briefing's "Who we serve and what we tell them"."""

from __future__ import annotations

import docx
from sqlalchemy import select

from pmdesk.briefing.exporter import BriefingSettings, export_briefing
from pmdesk.briefing.model import SectionChoice
from pmdesk.workspaces.personas.model import ProofPoint
from pmdesk.workspaces.requirements import edit as requirements


def _export(tmp_path, session, options=None):
    settings = BriefingSettings(sections=(SectionChoice("personas", options or {}),))
    result = export_briefing(session, tmp_path / "b.docx", settings)
    document = docx.Document(str(result.path))
    text = [p.text for p in document.paragraphs]
    for table in document.tables:
        text.extend(cell.text for row in table.rows for cell in row.cells)
    return result, "\n".join(text)


def test_the_section_reads_the_positioning_then_each_persona_with_messages_and_proof(
    tmp_path, sample_document
):
    result, text = _export(tmp_path, sample_document.session)
    assert "Who we serve and what we tell them" in result.sections
    assert text.count("For owner-operated HVAC, plumbing and electrical contractors") == 1
    assert ", unlike TradeForce Suite and the spreadsheets most firms still use, we go live" in text
    assert "Owen, the owner-operator (buyer)" in text
    assert "Get paid in the driveway, not thirty days later." in text
    # a proof point with the competitor rating it rests on
    assert "TradeForce Suite · Works without signal: no" in text
    assert "“My dispatcher spends until ten" in text  # in their words


def test_without_evidence_the_proof_points_stand_alone(tmp_path, sample_document):
    _result, text = _export(tmp_path, sample_document.session, {"evidence": False})
    assert "Rural customers call offline a non-starter." in text
    assert "TradeForce Suite · Works without signal" not in text


def test_a_proof_point_whose_evidence_was_deleted_is_flagged(tmp_path, sample_document):
    session = sample_document.session
    evidence = session.scalars(
        select(ProofPoint.input_id).where(ProofPoint.text.startswith("Dispatchers tell us"))
    ).one()
    requirements.remove_inputs(session, [evidence])
    result, text = _export(tmp_path, session)
    assert "Its evidence, a customer input, has been deleted" in text
    assert any("lost its evidence" in warning for warning in result.warnings)
