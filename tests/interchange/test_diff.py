"""Comparing two projects record by record, as `pmdesk diff` prints it."""

from __future__ import annotations

import copy
import uuid

from pmdesk.cli import main
from pmdesk.interchange.diff import describe, diff_projects, sections
from pmdesk.interchange.project_json import load_project
from pmdesk.interchange.sample import sample_data
from pmdesk.store.document import Document


def _first_workspace_records(data):
    return next(records for name, _m, records in sections(data) if name != "project" and records)


def test_added_removed_and_changed_records_are_found_field_by_field():
    ours = sample_data()
    theirs = copy.deepcopy(ours)
    theirs["project"]["vision"] = "A sharper vision"
    records = _first_workspace_records(theirs)
    added = dict(records[0], id=str(uuid.uuid4()))
    removed = records.pop(1)
    records.append(added)
    changes = {(change.kind, change.record_id): change for change in diff_projects(ours, theirs)}
    assert set(changes) == {
        ("changed", ours["project"]["id"]),
        ("added", added["id"]),
        ("removed", removed["id"]),
    }
    vision = changes[("changed", ours["project"]["id"])]
    assert [field for field, _old, _new in vision.fields] == ["vision"]
    assert vision.fields[0][2] == "A sharper vision"


def test_a_project_compared_with_itself_has_no_differences():
    data = sample_data()
    assert diff_projects(data, copy.deepcopy(data)) == []
    assert (
        describe([], "“a.pmdb”", "“b.pmdb”")
        == "“a.pmdb” and “b.pmdb” hold the same project data.\n"
    )


def test_pmdesk_diff_prints_a_readable_difference(tmp_path, sample_file, capsys):
    data = sample_data()
    data["project"]["vision"] = "A sharper vision"
    document = Document.new()
    load_project(document.session, data, "test")
    document.save(tmp_path / "changed.pmdb")
    document.close()
    assert main(["diff", str(sample_file), str(tmp_path / "changed.pmdb")]) == 0
    printed = capsys.readouterr().out
    assert printed.splitlines()[0] == "From “sample.pmdb” to “changed.pmdb”: 1 record differs."
    assert (
        "  ~ FieldLoop — vision: “Every trade contractor runs a full day …” → “A sharper vision”"
        in printed
    )
