"""A teammate's copy with a new proof point and a changed price merges field by field."""

from __future__ import annotations

import copy
import uuid

from pmdesk.interchange.diff import diff_projects
from pmdesk.interchange.merge import import_records, undo_import
from pmdesk.interchange.project_json import dump_project, to_text
from pmdesk.workspaces.business_case import query


def test_their_price_and_their_proof_point_come_in_and_undo_takes_them_back(sample_document):
    session = sample_document.session
    ours = dump_project(session)
    theirs = copy.deepcopy(ours)
    pro = next(t for t in theirs["business_case"]["tiers"] if t["name"].startswith("Pro"))
    pro["monthly_price"] = 1525.0
    proof = dict(
        theirs["personas"]["proof_points"][0],
        id=str(uuid.uuid4()),
        text="Two rural co-ops signed after the pilot.",
    )
    theirs["personas"]["proof_points"].append(proof)
    changes = diff_projects(ours, theirs)
    assert {change.section for change in changes} == {
        "business_case.tiers",
        "personas.proof_points",
    }
    result = import_records(session, theirs, changes)
    case_id = query.cases(session)[0][0]
    prices = [tier.monthly_price for tier in query.load_case(session, case_id).tiers]
    assert 1525.0 in prices
    assert diff_projects(dump_project(session), theirs) == []
    undo_import(session, result)
    assert to_text(dump_project(session)) == to_text(ours)
