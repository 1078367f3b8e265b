"""Importing chosen records from a teammate's copy, and taking the import back."""

from __future__ import annotations

import copy
import uuid

from pmdesk.domain.project import get_project
from pmdesk.interchange.diff import diff_projects, sections
from pmdesk.interchange.merge import import_records, undo_import
from pmdesk.interchange.project_json import dump_project, to_text


def test_chosen_records_come_in_and_undo_restores_the_project(sample_document):
    session = sample_document.session
    ours = dump_project(session)
    theirs = copy.deepcopy(ours)
    theirs["project"]["vision"] = "Their vision"
    theirs["project"]["problem"] = "Their problem"
    records = next(rows for name, _m, rows in sections(theirs) if name != "project" and rows)
    twin = dict(records[0], id=str(uuid.uuid4()))
    records.append(twin)
    changes = diff_projects(ours, theirs)
    chosen = [
        change
        for change in changes
        if change.record_id == twin["id"] or change.section == "project"
    ]

    result = import_records(session, theirs, chosen)
    assert result.count == 2
    assert get_project(session).vision == "Their vision"
    assert diff_projects(dump_project(session), theirs) == []

    undo_import(session, result)
    assert to_text(dump_project(session)) == to_text(ours)


def test_records_not_chosen_stay_as_they_are(sample_document):
    session = sample_document.session
    ours = dump_project(session)
    theirs = copy.deepcopy(ours)
    theirs["project"]["vision"] = "Their vision"
    import_records(session, theirs, [])
    assert get_project(session).vision == ours["project"]["vision"]
