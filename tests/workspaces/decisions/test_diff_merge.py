"""A teammate's copy of the log: ``diff`` names the changed decisions, and importing them
(with a link they added) can be taken back exactly."""

from __future__ import annotations

import copy
import uuid

from pmdesk.interchange.diff import describe, diff_projects
from pmdesk.interchange.merge import import_records, undo_import
from pmdesk.interchange.project_json import dump_project, to_text
from pmdesk.workspaces.decisions import query

ACCOUNTING = "Which accounting system do we connect to first?"


def test_a_teammates_reversal_and_new_link_diff_and_import_undoably(sample_document):
    session = sample_document.session
    ours = dump_project(session)
    theirs = copy.deepcopy(ours)
    decision = next(d for d in theirs["decisions"]["decisions"] if d["question"] == ACCOUNTING)
    decision["status"] = "reversed"
    decision["outcome"] = "Xero first after all."
    competitor = next(c for c in theirs["competition"]["competitors"] if c["name"] == "CrewBoard")
    link = dict(
        theirs["decisions"]["competitor_links"][0],
        id=str(uuid.uuid4()),
        decision_id=decision["id"],
        record_id=competitor["id"],
    )
    theirs["decisions"]["competitor_links"].append(link)

    changes = diff_projects(ours, theirs)
    assert {(change.section, change.kind) for change in changes} == {
        ("decisions.decisions", "changed"),
        ("decisions.competitor_links", "added"),
    }
    report = describe(changes, "ours", "theirs")
    assert "status: “decided” → “reversed”" in report

    result = import_records(session, theirs, changes)
    entry = next(e for e in query.load_log(session) if e.decision.question == ACCOUNTING)
    assert entry.decision.status == "reversed"
    assert "CrewBoard" in [linked.title for linked in entry.links]
    undo_import(session, result)
    assert to_text(dump_project(session)) == to_text(ours)
