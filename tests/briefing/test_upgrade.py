"""A file or dump written before audience profiles reads its briefings as internal."""

from __future__ import annotations

import sqlite3

from pmdesk.briefing.model import list_briefings
from pmdesk.briefing.upgrade import NEW_COLUMNS, path_notes, upgrade_briefings, upgrade_dump
from pmdesk.export.audience import INTERNAL
from pmdesk.interchange.project_json import load_project
from pmdesk.interchange.sample import sample_data
from pmdesk.store.document import Document


def test_an_older_file_gets_the_audience_columns_and_reads_as_internal(sample_file):
    connection = sqlite3.connect(sample_file, isolation_level=None)
    try:
        for column in NEW_COLUMNS:  # as a file of the first format has it
            connection.execute(f"ALTER TABLE briefings DROP COLUMN {column}")
        connection.execute("UPDATE briefings SET logo_path = '/home/someone/logo.png'")
        names_before = connection.execute("SELECT name FROM briefings").fetchall()
        connection.execute("BEGIN")
        upgrade_briefings(connection)
        upgrade_briefings(connection)  # a second run finds nothing to do
        connection.execute("COMMIT")
        assert connection.execute("SELECT name FROM briefings").fetchall() == names_before
        notes = path_notes(connection)
        assert len(notes) == len(names_before)
        assert "/home/someone/logo.png" in notes[0] and "choose the logo again" in notes[0]
    finally:
        connection.close()
    document = Document.open(sample_file)
    try:
        briefings = list_briefings(document.session)
        assert briefings and {b.profile for b in briefings} == {INTERNAL}
        assert {b.profile_rules for b in briefings} == {"{}"}
        assert {b.logo_png for b in briefings} == {""}  # the path was not followed
    finally:
        document.close()


def test_an_older_dump_loads_once_its_briefings_are_upgraded():
    data = sample_data()
    for row in data["briefings"]["briefings"]:
        for field in NEW_COLUMNS:
            del row[field]
    document = Document.new()
    try:
        load_project(document.session, upgrade_dump(data), "an older dump")
        assert {b.profile for b in list_briefings(document.session)} == {INTERNAL}
    finally:
        document.close()
