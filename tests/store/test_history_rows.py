"""The merge history's rows, which the open leaves to a look after it: a row broken outside PM
Desk is refused by ``check``, passed over by the app's readers, and written afresh by the first
save, and the user's records and file stay as they were."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from pmdesk import cli
from pmdesk.domain import records
from pmdesk.interchange.history import ancestor, read_history
from pmdesk.interchange.merge3 import merge_projects
from pmdesk.interchange.project_json import dump_project, load_project
from pmdesk.store.document import Document
from pmdesk.workspaces.stakeholders.model import Stakeholder
from tests.support import snapshot


def _first_person(path: Path) -> str:
    connection = sqlite3.connect(path)
    (person,) = connection.execute("SELECT id FROM stakeholders ORDER BY id LIMIT 1").fetchone()
    connection.close()
    return person


def _break_history_of(path: Path, record_id: str, assignment: str) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    changed = connection.execute(
        f"UPDATE record_history SET {assignment} WHERE id = ?", (record_id,)
    ).rowcount
    connection.close()
    assert changed == 1


BROKEN = [
    ("saved_at = 'soon'", "has “saved_at” “soon”, which must be a time like 2026-01-31"),
    ("deleted_on = '2026-02-30'", "has “deleted_on” “2026-02-30”, which must be a date like"),
    ("kind = x'41ff'", "has “kind” holding binary data, which must be text of at most 64"),
]


@pytest.mark.parametrize(("assignment", "refusal"), BROKEN)
def test_a_broken_history_row_is_refused_by_check_passed_over_and_written_again_at_save(
    sample_file, capsys, assignment, refusal
):
    person = _first_person(sample_file)
    _break_history_of(sample_file, person, assignment)
    before = snapshot(sample_file)
    assert cli.main(["check", str(sample_file)]) == 1
    assert refusal in capsys.readouterr().err

    document = Document.open(sample_file)
    try:
        history = read_history(document.session)
        assert person not in history and len(history) > 100  # only the broken row is left out
        dumped = dump_project(document.session)
        assert person in {row["id"] for row in dumped["stakeholders"]["stakeholders"]}
        copy = Document.new()
        try:
            load_project(copy.session, dumped, "the dump")  # the dump loads back
        finally:
            copy.close()
        assert snapshot(sample_file) == before  # opening and reading wrote nothing
        document.save()
    finally:
        document.close()
    assert cli.main(["check", str(sample_file)]) == 0, capsys.readouterr().err
    saved = Document.open(sample_file)
    try:
        assert person in read_history(saved.session)  # the person's history starts again
        assert saved.session.get(Stakeholder, person) is not None
    finally:
        saved.close()


def test_a_history_text_that_is_not_utf8_is_read_with_a_replacement_mark(sample_file, capsys):
    """SQL cannot tell such text, so the app decodes the history's texts itself: the spoiled
    hash matches nothing (the field merges as if it had no history), and once the record is
    edited, its history is written afresh."""
    person = _first_person(sample_file)
    _break_history_of(sample_file, person, "fields = CAST(x'41ff42' AS TEXT)")
    before = snapshot(sample_file)
    assert cli.main(["check", str(sample_file)]) == 1
    assert "a record history holds text that is not valid UTF-8" in capsys.readouterr().err

    document = Document.open(sample_file)
    try:
        assert read_history(document.session)[person]["fields"] == "A\ufffdB"
        copy = Document.new()
        try:
            load_project(copy.session, dump_project(document.session), "the dump")
        finally:
            copy.close()
        assert snapshot(sample_file) == before
        records.set_fields(document.session, Stakeholder, person, influence=7)
        document.save()
    finally:
        document.close()
    assert cli.main(["check", str(sample_file)]) == 0, capsys.readouterr().err


def test_a_merge_with_a_broken_history_row_still_takes_the_other_copys_edit(sample_file):
    person = _first_person(sample_file)
    theirs_path = sample_file.with_name("theirs.pmdb")
    shutil.copy(sample_file, theirs_path)
    _break_history_of(sample_file, person, "saved_at = 'soon'")
    mine, theirs = Document.open(sample_file), Document.open(theirs_path)
    try:
        records.set_fields(theirs.session, Stakeholder, person, influence=9)
        theirs.save()
        ours, other = dump_project(mine.session), dump_project(theirs.session)
    finally:
        mine.close()
        theirs.close()
    merge = merge_projects(ancestor(ours, other, ours["history"], other["history"]), ours, other)
    assert merge.conflicts == []
    merged = {row["id"]: row for row in merge.resolve().data["stakeholders"]["stakeholders"]}
    assert merged[person]["influence"] == 9


def test_a_sound_history_is_read_whole_after_the_look(sample_file):
    connection = sqlite3.connect(sample_file)
    (rows,) = connection.execute("SELECT count(*) FROM record_history").fetchone()
    connection.close()
    document = Document.open(sample_file)
    try:
        assert len(read_history(document.session)) == rows
    finally:
        document.close()
