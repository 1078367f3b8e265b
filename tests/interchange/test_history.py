"""The merge history each file carries: written at save, kept by Save As and dump/load, pruned,
and enough to merge two copies without the file they came from."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from pmdesk.domain import records
from pmdesk.domain.history import KEPT_VALUES, TOMBSTONE_DAYS
from pmdesk.domain.project import get_project
from pmdesk.errors import InterchangeError
from pmdesk.interchange.history import ancestor, field_hashes, read_history, record_saved_values
from pmdesk.interchange.merge3 import merge_projects
from pmdesk.interchange.project_json import dump_project, load_project, to_text
from pmdesk.store.document import Document
from pmdesk.workspaces.stakeholders.model import Stakeholder


def copy_of(sample_file: Path, name: str) -> Document:
    target = sample_file.with_name(name)
    shutil.copy(sample_file, target)
    return Document.open(target)


def saved_dump(document: Document) -> dict:
    document.save()
    return dump_project(document.session)


def first_person(document: Document) -> Stakeholder:
    return document.session.query(Stakeholder).order_by(Stakeholder.id).first()


def test_the_first_save_starts_the_history_and_dump_load_keeps_it(sample_file, tmp_path):
    document = Document.open(sample_file)
    try:
        history = read_history(document.session)
        assert get_project(document.session).id in history  # saved once by the fixture
        dumped = dump_project(document.session)
        document.save(tmp_path / "save-as.pmdb")
        assert read_history(document.session) == history  # Save As changes no value
    finally:
        document.close()
    fresh = Document.new()
    try:
        load_project(fresh.session, dumped, "the dump")
        fresh.save(tmp_path / "loaded.pmdb")
        assert to_text(dump_project(fresh.session)) == to_text(dumped)
    finally:
        fresh.close()


def test_two_copies_merge_field_by_field_from_their_histories(sample_file):
    mine, theirs = copy_of(sample_file, "mine.pmdb"), copy_of(sample_file, "theirs.pmdb")
    try:
        person = first_person(mine).id
        records.set_fields(mine.session, Stakeholder, person, role="Head of mobile")
        records.set_fields(theirs.session, Stakeholder, person, influence=9)
        get_project(theirs.session).vision = "Their vision"
        ours, other = saved_dump(mine), saved_dump(theirs)
    finally:
        mine.close()
        theirs.close()
    base = ancestor(ours, other, ours["history"], other["history"])
    merge = merge_projects(base, ours, other)
    assert merge.conflicts == []
    data = merge.resolve().data
    merged = next(s for s in data["stakeholders"]["stakeholders"] if s["id"] == person)
    assert (merged["role"], merged["influence"]) == ("Head of mobile", 9)
    assert data["project"]["vision"] == "Their vision"


def test_the_same_field_changed_on_both_copies_is_a_conflict(sample_file):
    mine, theirs = copy_of(sample_file, "mine.pmdb"), copy_of(sample_file, "theirs.pmdb")
    try:
        person = first_person(mine).id
        records.set_fields(mine.session, Stakeholder, person, influence=2)
        records.set_fields(theirs.session, Stakeholder, person, influence=9)
        ours, other = saved_dump(mine), saved_dump(theirs)
    finally:
        mine.close()
        theirs.close()
    merge = merge_projects(ancestor(ours, other, ours["history"], other["history"]), ours, other)
    [conflict] = merge.conflicts
    assert (conflict.field, conflict.mine, conflict.theirs) == ("influence", 2, 9)
    assert "(was" not in conflict.sentence  # the history keeps hashes, not the old value


def test_a_deletion_wins_over_no_change_and_conflicts_with_an_edit(sample_file):
    mine, theirs = copy_of(sample_file, "mine.pmdb"), copy_of(sample_file, "theirs.pmdb")
    try:
        people = mine.session.query(Stakeholder).order_by(Stakeholder.id).limit(2).all()
        untouched, edited = people[0].id, people[1].id
        records.remove(mine.session, Stakeholder, [untouched, edited])
        records.set_fields(theirs.session, Stakeholder, edited, notes="Still our sponsor.")
        ours, other = saved_dump(mine), saved_dump(theirs)
    finally:
        mine.close()
        theirs.close()
    assert ours["history"][edited]["deleted_on"] is not None  # the tombstone
    merge = merge_projects(ancestor(ours, other, ours["history"], other["history"]), ours, other)
    assert [(c.kind, c.record_id) for c in merge.conflicts] == [("deleted", edited)]
    data = merge.resolve(prefer="theirs").data
    ids = {s["id"] for s in data["stakeholders"]["stakeholders"]}
    assert untouched not in ids and edited in ids


def test_records_added_after_parting_are_kept(sample_file):
    mine, theirs = copy_of(sample_file, "mine.pmdb"), copy_of(sample_file, "theirs.pmdb")
    try:
        template = first_person(theirs)
        theirs.session.add(Stakeholder(name="New sponsor", role=template.role))
        theirs.session.commit()
        ours, other = saved_dump(mine), saved_dump(theirs)
    finally:
        mine.close()
        theirs.close()
    merge = merge_projects(ancestor(ours, other, ours["history"], other["history"]), ours, other)
    names = [s["name"] for s in merge.resolve().data["stakeholders"]["stakeholders"]]
    assert "New sponsor" in names


def test_old_values_and_old_tombstones_are_pruned(sample_document):
    session = sample_document.session
    project = get_project(session)
    for round_ in range(KEPT_VALUES + 4):
        project.vision = f"Vision {round_}"
        session.commit()
        record_saved_values(session)
    entry = read_history(session)[project.id]
    assert len(field_hashes(entry["kind"], entry["fields"])["vision"]) == KEPT_VALUES
    person = first_person(sample_document).id
    records.remove(session, Stakeholder, [person])
    record_saved_values(session)
    assert read_history(session)[person]["deleted_on"] == date.today().isoformat()
    record_saved_values(session, today=date.today() + timedelta(days=TOMBSTONE_DAYS + 1))
    assert person not in read_history(session)


@pytest.mark.parametrize(
    "history",
    [
        [],
        {"6f1c2a52-0000-4000-8000-000000000000": {"kind": "no_such_table", "fields": ""}},
        {"6f1c2a52-0000-4000-8000-000000000000": {"kind": "stakeholders", "fields": 7}},
        {"6f1c2a52-0000-4000-8000-000000000000": {"kind": ["stakeholders"], "fields": ""}},
    ],
)
def test_a_damaged_history_in_a_dump_is_refused_and_nothing_changes(sample_document, history):
    session = sample_document.session
    before = to_text(dump_project(session))
    data = dump_project(session)
    data["history"] = history
    with pytest.raises(InterchangeError, match=r"^In the dump, history "):
        load_project(session, data, "the dump")
    assert to_text(dump_project(session)) == before


def test_an_edit_after_a_save_reaches_the_history_at_the_next_save(sample_document):
    session = sample_document.session
    project = get_project(session)
    sample_document.save()  # nothing changed: the history is left as it is
    project.vision = "A vision written after saving"
    session.commit()
    sample_document.save()
    entry = read_history(session)[project.id]
    assert len(field_hashes(entry["kind"], entry["fields"])["vision"]) == 2
