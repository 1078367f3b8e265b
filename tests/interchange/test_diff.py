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


def test_key_results_check_ins_and_decisions_are_named_as_a_pm_reads_them():
    ours = sample_data()
    theirs = copy.deepcopy(ours)
    key_result = theirs["goals"]["key_results"][0]
    key_result["target"] = 1.5
    check_in = theirs["goals"]["check_ins"][0]
    check_in["value"] = 17.0
    decision = theirs["decisions"]["decisions"][0]
    decision["outcome"] = "Both, one after the other"
    link = theirs["decisions"]["roadmap_links"].pop(0)
    labels = {change.record_id: change.label for change in diff_projects(ours, theirs)}
    metric = {k["id"]: k["metric"] for k in ours["goals"]["key_results"]}
    item = {i["id"]: i["title"] for i in ours["roadmap"]["items"]}
    assert labels[key_result["id"]] == "Monthly logo churn"
    assert labels[check_in["id"]] == f"{metric[check_in['key_result_id']]}, 2026-03-01"
    assert labels[decision["id"]] == "Which accounting system do we connect to first?"
    assert labels[link["id"]] == (
        f"{item[link['record_id']]} — Which accounting system do we connect to first?"
    )
