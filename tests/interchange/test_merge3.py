"""Three-way merge of two edited copies of a project, on their dumps (no Qt, no files)."""

from __future__ import annotations

import copy
import uuid
from typing import Any

import pytest

from pmdesk.errors import InterchangeError, ValidationError
from pmdesk.interchange.diff import sections
from pmdesk.interchange.merge3 import MergeCancelledError, merge_projects
from pmdesk.interchange.project_json import load_project
from pmdesk.interchange.sample import sample_data
from pmdesk.store.document import Document


@pytest.fixture(scope="module")
def base() -> dict[str, Any]:
    return sample_data()


def copies(base: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    return copy.deepcopy(base), copy.deepcopy(base)


def stakeholder(data: dict[str, Any], index: int = 0) -> dict[str, Any]:
    return data["stakeholders"]["stakeholders"][index]


def find(data: dict[str, Any], key: str, sub: str, record_id: str) -> dict[str, Any] | None:
    return next((r for r in data[key][sub] if r["id"] == record_id), None)


def loads(data: dict[str, Any]) -> None:
    """The merged project is one PM Desk accepts: every link, type and rule checked."""
    document = Document.new()
    try:
        load_project(document.session, data, "the merge")
    finally:
        document.close()


def test_changes_to_different_fields_of_one_record_combine(base):
    mine, theirs = copies(base)
    stakeholder(mine)["role"] = "Head of mobile"
    stakeholder(theirs)["influence"] = 9
    stakeholder(theirs)["updated_at"] = "2026-12-01T10:00:00Z"
    merge = merge_projects(base, mine, theirs)
    assert merge.conflicts == []
    outcome = merge.resolve()
    merged = find(outcome.data, "stakeholders", "stakeholders", stakeholder(base)["id"])
    assert (merged["role"], merged["influence"]) == ("Head of mobile", 9)
    assert merged["updated_at"] == "2026-12-01T10:00:00Z"  # the later of the two edits
    assert merge.summary.combined == 1
    loads(outcome.data)


def test_one_sided_changes_are_taken_and_counted(base):
    mine, theirs = copies(base)
    stakeholder(mine, 0)["role"] = "Mine"
    stakeholder(theirs, 1)["role"] = "Theirs"
    theirs["project"]["vision"] = "Their vision"
    merge = merge_projects(base, mine, theirs)
    outcome = merge.resolve()
    assert outcome.conflicts == []
    assert outcome.data["project"]["vision"] == "Their vision"
    assert stakeholder(outcome.data, 0)["role"] == "Mine"
    assert stakeholder(outcome.data, 1)["role"] == "Theirs"
    assert (merge.summary.from_mine, merge.summary.from_theirs) == (1, 2)


def test_the_same_field_changed_differently_is_a_conflict_naming_both_values(base):
    mine, theirs = copies(base)
    stakeholder(mine)["influence"] = 3
    stakeholder(theirs)["influence"] = 9
    merge = merge_projects(base, mine, theirs)
    [conflict] = merge.conflicts
    assert (conflict.kind, conflict.field, conflict.mine, conflict.theirs) == (
        "field",
        "influence",
        3,
        9,
    )
    assert "Sam Novak" in conflict.sentence and "3 in yours, 9 in theirs" in conflict.sentence
    assert merge.resolve().data is None  # undecided: no project comes out
    kept = merge.resolve({conflict.key: "theirs"}).data
    assert stakeholder(kept)["influence"] == 9
    assert stakeholder(merge.resolve(prefer="mine").data)["influence"] == 3


def test_the_same_change_on_both_sides_is_no_conflict(base):
    mine, theirs = copies(base)
    stakeholder(mine)["influence"] = 9
    stakeholder(theirs)["influence"] = 9
    assert merge_projects(base, mine, theirs).conflicts == []


def test_an_edit_against_a_deletion_is_a_conflict_either_way(base):
    mine, theirs = copies(base)
    victim = mine["roadmap"]["markers"][0]
    victim["name"] = "Renamed by me"
    theirs["roadmap"]["markers"] = theirs["roadmap"]["markers"][1:]
    merge = merge_projects(base, mine, theirs)
    [conflict] = merge.conflicts
    assert conflict.kind == "deleted"
    assert conflict.sentence == (
        "They deleted the roadmap marker “Renamed by me”, which you changed."
    )
    kept = merge.resolve({conflict.key: "mine"}).data
    assert find(kept, "roadmap", "markers", victim["id"])["name"] == "Renamed by me"
    gone = merge.resolve({conflict.key: "theirs"}).data
    assert find(gone, "roadmap", "markers", victim["id"]) is None


def test_deleting_an_edited_record_drops_what_the_app_would_drop_with_it(base):
    """Deleting a stakeholder removes their relationships, and empties owner fields."""
    mine, theirs = copies(base)
    person = stakeholder(base, 0)["id"]
    stakeholder(mine, 0)["notes"] = "Met at the offsite."
    theirs_data = theirs["stakeholders"]
    theirs_data["stakeholders"] = [s for s in theirs_data["stakeholders"] if s["id"] != person]
    for key, sub, column, cascade in links_to(base, person):
        rows = theirs[key][sub]
        if cascade:
            theirs[key][sub] = [r for r in rows if r[column] != person]
        else:
            for row in rows:
                if row[column] == person:
                    row[column] = None
    merge = merge_projects(base, mine, theirs)
    assert [c.kind for c in merge.conflicts] == ["deleted"]
    outcome = merge.resolve(prefer="theirs")
    assert outcome.conflicts == []
    loads(outcome.data)


def links_to(data: dict[str, Any], record_id: str) -> list[tuple[str, str, str, bool]]:
    """(workspace, records, column, deleted along) for every link to ``record_id`` in a dump."""
    from pmdesk import registry
    from pmdesk.interchange.records import columns

    found = []
    for key, group in registry.workspace_records().items():
        for sub, model in group.items():
            for column in columns(model):
                for foreign_key in column.foreign_keys:
                    if any(row.get(column.key) == record_id for row in data[key][sub]):
                        found.append((key, sub, column.key, foreign_key.ondelete == "CASCADE"))
    return found


def test_a_link_to_an_item_the_other_side_deleted_is_a_conflict_not_a_dangling_link(base):
    mine, theirs = copies(base)
    items = base["roadmap"]["items"]
    linked = {d["predecessor_id"] for d in base["roadmap"]["dependencies"]} | {
        d["successor_id"] for d in base["roadmap"]["dependencies"]
    }
    loose = [item["id"] for item in items if item["id"] not in linked]
    doomed, other = loose[0], loose[1]
    theirs["roadmap"]["items"] = [i for i in theirs["roadmap"]["items"] if i["id"] != doomed]
    for key, sub, column, cascade in links_to(base, doomed):
        rows = theirs[key][sub]
        if cascade:
            theirs[key][sub] = [r for r in rows if r[column] != doomed]
        else:
            for row in rows:
                if row[column] == doomed:
                    row[column] = None
    link = dict(base["roadmap"]["dependencies"][0], id=str(uuid.uuid4()))
    link.update(predecessor_id=doomed, successor_id=other)
    mine["roadmap"]["dependencies"].append(link)

    merge = merge_projects(base, mine, theirs)
    assert merge.conflicts == []  # nothing clashes field by field ...
    outcome = merge.resolve()
    [conflict] = outcome.conflicts  # ... but the new link would point at nothing
    assert conflict.kind == "link" and conflict.record_id == doomed
    assert conflict.sentence.startswith("They deleted the roadmap item “")
    assert "roadmap dependency" in conflict.sentence

    kept = merge.resolve({conflict.key: "mine"}).data
    assert find(kept, "roadmap", "items", doomed) is not None
    assert find(kept, "roadmap", "dependencies", link["id"]) is not None
    loads(kept)
    dropped = merge.resolve({conflict.key: "theirs"}).data
    assert find(dropped, "roadmap", "items", doomed) is None
    assert find(dropped, "roadmap", "dependencies", link["id"]) is None
    loads(dropped)


def test_dependencies_added_on_each_side_that_close_a_loop_are_a_conflict(base):
    mine, theirs = copies(base)
    first, second = base["roadmap"]["dependencies"][0], base["roadmap"]["dependencies"][1]
    a, b = first["predecessor_id"], second["predecessor_id"]
    template = dict(first)
    mine_link = dict(template, id=str(uuid.uuid4()), predecessor_id=a, successor_id=b)
    their_link = dict(template, id=str(uuid.uuid4()), predecessor_id=b, successor_id=a)
    mine["roadmap"]["dependencies"].append(mine_link)
    theirs["roadmap"]["dependencies"].append(their_link)
    merge = merge_projects(base, mine, theirs)
    outcome = merge.resolve()
    [conflict] = outcome.conflicts
    assert conflict.kind == "rule" and "loop" in conflict.sentence
    resolved = merge.resolve({conflict.key: "mine"}).data
    ids = {d["id"] for d in resolved["roadmap"]["dependencies"]}
    assert mine_link["id"] in ids and their_link["id"] not in ids
    loads(resolved)


def test_fields_that_combine_into_broken_rules_are_a_conflict(base):
    """Mine moves the start later, theirs the end earlier: together the end precedes the start."""
    mine, theirs = copies(base)
    index, item = next(
        (n, i) for n, i in enumerate(base["roadmap"]["items"]) if i["kind"] == "feature"
    )
    mine["roadmap"]["items"][index]["start"] = "2030-01-01"
    mine["roadmap"]["items"][index]["end"] = "2030-02-01"
    theirs["roadmap"]["items"][index]["end"] = "2020-01-01"
    theirs["roadmap"]["items"][index]["start"] = "2019-12-01"
    merge = merge_projects(base, mine, theirs)
    # start and end each changed on both sides: two field conflicts; mixing them breaks the rule
    keys = {c.field: c.key for c in merge.conflicts}
    outcome = merge.resolve({keys["start"]: "mine", keys["end"]: "theirs"})
    [conflict] = outcome.conflicts
    assert conflict.kind == "rule" and item["id"] == conflict.record_id
    fixed = merge.resolve({keys["start"]: "mine", keys["end"]: "theirs", conflict.key: "mine"})
    assert find(fixed.data, "roadmap", "items", item["id"])["end"] == "2030-02-01"
    loads(fixed.data)


def test_records_added_on_both_sides_are_kept_twice_unless_identical(base):
    mine, theirs = copies(base)
    marker = base["roadmap"]["markers"][0]
    same_mine = dict(marker, id=str(uuid.uuid4()), name="Steering group")
    same_theirs = dict(marker, id=str(uuid.uuid4()), name="Steering group")
    mine["roadmap"]["markers"].append(same_mine)
    theirs["roadmap"]["markers"].append(same_theirs)
    mine["roadmap"]["markers"].append(dict(marker, id=str(uuid.uuid4()), name="Mine only"))
    theirs["roadmap"]["markers"].append(dict(marker, id=str(uuid.uuid4()), name="Theirs only"))
    outcome = merge_projects(base, mine, theirs).resolve()
    names = [m["name"] for m in outcome.data["roadmap"]["markers"]]
    assert names.count("Steering group") == 1
    assert "Mine only" in names and "Theirs only" in names
    assert len(names) == len(base["roadmap"]["markers"]) + 3


def test_a_stakeholder_added_by_name_on_both_sides_is_offered_as_one(base):
    mine, theirs = copies(base)
    person = dict(stakeholder(base), name="Dana Reyes", role="CFO")
    mine_person = dict(person, id=str(uuid.uuid4()))
    their_person = dict(person, id=str(uuid.uuid4()), role="Finance")
    mine["stakeholders"]["stakeholders"].append(mine_person)
    theirs["stakeholders"]["stakeholders"].append(their_person)
    relation = dict(base["stakeholders"]["relationships"][0], id=str(uuid.uuid4()))
    relation["source_id"] = their_person["id"]
    theirs["stakeholders"]["relationships"].append(relation)
    merge = merge_projects(base, mine, theirs)
    [duplicate] = merge.duplicates
    assert (duplicate.label, duplicate.mine_id, duplicate.theirs_id) == (
        "Dana Reyes",
        mine_person["id"],
        their_person["id"],
    )
    both = merge.resolve().data
    assert [s["name"] for s in both["stakeholders"]["stakeholders"]].count("Dana Reyes") == 2
    one = merge.resolve(same=[duplicate.key]).data
    assert [s["name"] for s in one["stakeholders"]["stakeholders"]].count("Dana Reyes") == 1
    moved = find(one, "stakeholders", "relationships", relation["id"])
    assert moved["source_id"] == mine_person["id"]  # their link follows to the one kept
    loads(one)


def test_without_a_base_records_on_one_side_are_kept_and_differences_are_conflicts(base):
    mine, theirs = copies(base)
    stakeholder(mine)["influence"] = 3
    theirs["roadmap"]["markers"].append(
        dict(base["roadmap"]["markers"][0], id=str(uuid.uuid4()), name="Only theirs")
    )
    merge = merge_projects(None, mine, theirs)
    assert not merge.has_base
    [conflict] = merge.conflicts
    assert conflict.field == "influence" and conflict.base is None
    outcome = merge.resolve(prefer="mine")
    assert "Only theirs" in [m["name"] for m in outcome.data["roadmap"]["markers"]]
    loads(outcome.data)


def test_a_file_of_another_product_is_refused_with_a_way_forward(base):
    other = sample_data()
    for _name, _model, rows in sections(other):
        for row in rows:
            row["id"] = str(uuid.uuid4())
    with pytest.raises(InterchangeError, match=r"share no records.*Import from Project"):
        merge_projects(None, copy.deepcopy(base), other)


def test_merging_a_copy_with_itself_changes_nothing(base):
    merge = merge_projects(base, copy.deepcopy(base), copy.deepcopy(base))
    assert merge.conflicts == [] and merge.summary.combined == 0
    assert merge.resolve().data == base


def test_cancelling_stops_the_merge(base):
    mine, theirs = copies(base)
    calls = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return len(calls) < 3

    with pytest.raises(MergeCancelledError):
        merge_projects(base, mine, theirs, progress)
    assert len(calls) == 3 and calls[-1][0] < calls[-1][1]
    assert mine == base and theirs == base  # the inputs are untouched


def test_a_field_conflict_settled_with_a_typed_value_keeps_that_value(base):
    mine, theirs = copies(base)
    stakeholder(mine)["influence"] = 3
    stakeholder(theirs)["influence"] = 9
    merge = merge_projects(base, mine, theirs)
    [conflict] = merge.conflicts
    assert merge.can_edit(conflict)
    edited = merge.edited_value(conflict, " 5 ")
    data = merge.resolve({conflict.key: edited}).data
    assert stakeholder(data)["influence"] == 5
    loads(data)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12", "Influence must be from 1 to 10, not 12."),
        ("high", "Influence must be a whole number from 1 to 10, not “high”."),
        ("", "Influence cannot be empty."),
    ],
)
def test_a_typed_value_out_of_the_fields_limits_is_refused_and_decides_nothing(
    base, typed, message
):
    mine, theirs = copies(base)
    stakeholder(mine)["influence"] = 3
    stakeholder(theirs)["influence"] = 9
    merge = merge_projects(base, mine, theirs)
    [conflict] = merge.conflicts
    with pytest.raises(ValidationError) as raised:
        merge.edited_value(conflict, typed)
    assert str(raised.value) == message
    assert merge.resolve().data is None  # still to decide
    assert stakeholder(mine)["influence"] == 3 and stakeholder(theirs)["influence"] == 9


def test_a_typed_value_is_checked_by_the_workspaces_own_rule(base):
    mine, theirs = copies(base)
    key_result = base["goals"]["key_results"][0]
    for side, target in ((mine, 1.5), (theirs, 1.8)):
        find(side, "goals", "key_results", key_result["id"])["target"] = target
    merge = merge_projects(base, mine, theirs)
    [conflict] = merge.conflicts
    with pytest.raises(ValidationError, match="The target equals the baseline"):
        merge.edited_value(conflict, str(key_result["baseline"]))
    for not_a_number in ("lots", "nan", "1,6"):  # read as the app reads a typed number
        with pytest.raises(ValidationError, match=f"must be a number, not “{not_a_number}”"):
            merge.edited_value(conflict, not_a_number)
    data = merge.resolve({conflict.key: merge.edited_value(conflict, "1.6")}).data
    assert find(data, "goals", "key_results", key_result["id"])["target"] == 1.6


def test_a_typed_date_or_choice_is_read_as_a_pm_writes_it(base):
    mine, theirs = copies(base)
    objective = base["goals"]["objectives"][0]
    for side, (status, end) in (
        (mine, ("achieved", "2027-08-31")),
        (theirs, ("missed", "2027-07-31")),
    ):
        record = find(side, "goals", "objectives", objective["id"])
        record["status"], record["period_end"] = status, end
    merge = merge_projects(base, mine, theirs)
    by_field = {conflict.field: conflict for conflict in merge.conflicts}
    with pytest.raises(ValidationError, match="must be a date like 2026-03-31"):
        merge.edited_value(by_field["period_end"], "31/08/2027")
    with pytest.raises(ValidationError, match="status must be one of active, achieved"):
        merge.edited_value(by_field["status"], "late")
    choices = {
        by_field["period_end"].key: merge.edited_value(by_field["period_end"], "2027-06-30"),
        by_field["status"].key: merge.edited_value(by_field["status"], "dropped"),
    }
    merged = find(merge.resolve(choices).data, "goals", "objectives", objective["id"])
    assert (merged["status"], merged["period_end"]) == ("dropped", "2027-06-30")


def test_a_link_to_another_record_is_picked_not_typed(base):
    mine, theirs = copies(base)
    objective = base["goals"]["objectives"][0]
    people = [
        s["id"] for s in base["stakeholders"]["stakeholders"] if s["id"] != objective["owner_id"]
    ][:2]
    for side, person in zip((mine, theirs), people, strict=True):
        find(side, "goals", "objectives", objective["id"])["owner_id"] = person
    merge = merge_projects(base, mine, theirs)
    [owner] = [c for c in merge.conflicts if c.field == "owner_id"]
    assert not merge.can_edit(owner)
