"""Two edited copies of the goals and the decision log, merged field by field (three-way)."""

from __future__ import annotations

import copy
import uuid
from typing import Any

import pytest

from pmdesk.interchange.merge3 import merge_projects
from pmdesk.interchange.project_json import load_project
from pmdesk.interchange.sample import sample_data
from pmdesk.store.document import Document

RATING = "Technician app store rating"
PRICING = "How do we price FieldLoop from the new fiscal year?"


@pytest.fixture(scope="module")
def base() -> dict[str, Any]:
    return sample_data()


def copies(base):
    return copy.deepcopy(base), copy.deepcopy(base)


def key_result(data, metric=RATING):
    return next(k for k in data["goals"]["key_results"] if k["metric"] == metric)


def decision(data, question=PRICING):
    return next(d for d in data["decisions"]["decisions"] if d["question"] == question)


def by_id(rows, record_id):
    return next((row for row in rows if row["id"] == record_id), None)


def loads(data):
    document = Document.new()
    try:
        load_project(document.session, data, "the merge")
    finally:
        document.close()


def test_a_key_result_and_a_decision_edited_in_different_fields_combine(base):
    mine, theirs = copies(base)
    key_result(mine)["confidence"] = "medium"
    key_result(theirs)["cadence_days"] = 14
    decision(mine)["rationale"] = "Seats scale with crews."
    decision(theirs)["status"] = "revisited"
    merge = merge_projects(base, mine, theirs)
    assert merge.conflicts == []
    data = merge.resolve().data
    merged = key_result(data)
    assert (merged["confidence"], merged["cadence_days"]) == ("medium", 14)
    assert (decision(data)["rationale"], decision(data)["status"]) == (
        "Seats scale with crews.",
        "revisited",
    )
    assert merge.summary.combined == 2
    loads(data)


def test_the_same_target_changed_differently_is_a_conflict_named_by_its_metric(base):
    mine, theirs = copies(base)
    key_result(mine)["target"] = 4.7
    key_result(theirs)["target"] = 4.8
    merge = merge_projects(base, mine, theirs)
    [conflict] = merge.conflicts
    assert conflict.label == RATING
    assert "target is 4.7 in yours, 4.8 in theirs" in conflict.sentence
    assert key_result(merge.resolve({conflict.key: "theirs"}).data)["target"] == 4.8


def test_a_decision_deleted_in_one_copy_and_edited_in_the_other_is_a_conflict(base):
    mine, theirs = copies(base)
    gone = decision(mine)
    mine["decisions"]["decisions"].remove(gone)
    for sub in ("roadmap_links", "requirement_links", "competitor_links", "stakeholder_links"):
        mine["decisions"][sub] = [
            link for link in mine["decisions"][sub] if link["decision_id"] != gone["id"]
        ]
    mine["decisions"]["goal_links"] = [
        link for link in mine["decisions"]["goal_links"] if link["decision_id"] != gone["id"]
    ]
    decision(theirs)["outcome"] = "Per seat, with a crew bundle."
    merge = merge_projects(base, mine, theirs)
    [conflict] = merge.conflicts
    assert conflict.kind == "deleted"
    assert conflict.sentence == f"You deleted the decision “{PRICING}”, which they changed."
    kept = merge.resolve({conflict.key: "theirs"}).data
    assert decision(kept)["outcome"] == "Per seat, with a crew bundle."
    loads(kept)
    dropped = merge.resolve({conflict.key: "mine"}).data
    assert by_id(dropped["decisions"]["decisions"], gone["id"]) is None
    assert not [
        link for link in dropped["decisions"]["goal_links"] if link["decision_id"] == gone["id"]
    ]
    loads(dropped)


def test_a_check_in_added_in_both_copies_is_kept_twice_and_an_identical_one_once(base):
    mine, theirs = copies(base)
    result = key_result(base)
    template = next(c for c in base["goals"]["check_ins"] if c["key_result_id"] == result["id"])

    def check_in(value, note):
        return dict(template, id=str(uuid.uuid4()), on_date="2026-11-30", value=value, note=note)

    mine_new, theirs_new = check_in(4.5, "From the app store"), check_in(4.4, "From our survey")
    same_mine = check_in(4.6, "The same number, typed by both")
    same_theirs = dict(same_mine, id=str(uuid.uuid4()))
    mine["goals"]["check_ins"] += [mine_new, same_mine]
    theirs["goals"]["check_ins"] += [theirs_new, same_theirs]
    merge = merge_projects(base, mine, theirs)
    assert merge.conflicts == []
    data = merge.resolve().data
    rows = data["goals"]["check_ins"]
    assert by_id(rows, mine_new["id"]) and by_id(rows, theirs_new["id"])
    assert by_id(rows, same_mine["id"]) and by_id(rows, same_theirs["id"]) is None
    assert len(rows) == len(base["goals"]["check_ins"]) + 3
    loads(data)


def test_a_check_in_on_a_key_result_the_other_copy_deleted_is_a_conflict(base):
    mine, theirs = copies(base)
    result = key_result(base)
    theirs["goals"]["key_results"].remove(key_result(theirs))
    theirs["goals"]["check_ins"] = [
        c for c in theirs["goals"]["check_ins"] if c["key_result_id"] != result["id"]
    ]
    theirs["goals"]["links"] = [
        link for link in theirs["goals"]["links"] if link["key_result_id"] != result["id"]
    ]
    template = next(c for c in base["goals"]["check_ins"] if c["key_result_id"] == result["id"])
    mine["goals"]["check_ins"].append(
        dict(template, id=str(uuid.uuid4()), on_date="2026-11-30", value=4.5)
    )
    merge = merge_projects(base, mine, theirs)
    outcome = merge.resolve()
    [conflict] = outcome.conflicts
    assert conflict.kind == "link" and conflict.label == RATING
    assert "now refers to it" in conflict.sentence and f"{RATING}, 2026-11-30" in conflict.sentence
    data = merge.resolve({conflict.key: "theirs"}).data  # their deletion wins: the check-in goes
    assert not [c for c in data["goals"]["check_ins"] if c["key_result_id"] == result["id"]]
    loads(data)
