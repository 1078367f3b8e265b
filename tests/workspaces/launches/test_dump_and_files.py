"""The ``launches`` key of ``pmdesk dump``/``load``, ``pmdesk check``'s counts, the CSV of the
readiness list, and files from strangers."""

from __future__ import annotations

import copy
import csv
import json
import re
import sqlite3
from datetime import date

import pytest

from pmdesk.cli import main
from pmdesk.errors import InterchangeError, NotAProjectError
from pmdesk.interchange.project_json import dump_project, load_project, to_text
from pmdesk.interchange.sample import sample_data
from pmdesk.store.document import Document
from pmdesk.workspaces.launches.io import HEADERS, export_readiness
from tests.support import snapshot


@pytest.fixture
def blank():
    document = Document.new()
    yield document
    document.close()


def test_the_launches_key_round_trips_byte_for_byte(sample_document, blank):
    first = dump_project(sample_document.session)
    assert {key: len(rows) for key, rows in first["launches"].items()} == {
        "launches": 2,
        "tasks": 40,
        "templates": 2,
        "template_tasks": 28,
    }
    departments = {task["department"] for task in first["launches"]["tasks"]}
    assert len(departments) == 7  # every task names its department
    load_project(blank.session, json.loads(to_text(first)), "the dump")
    assert to_text(dump_project(blank.session)) == to_text(first)


def test_the_sample_file_is_exactly_what_dump_prints(sample_document):
    from pmdesk.resources import resource

    stored = resource("sample", "launches.json").read_text(encoding="utf-8")
    dumped = json.dumps(
        dump_project(sample_document.session)["launches"],
        indent=2,
        sort_keys=True,
        ensure_ascii=False,
    )
    assert stored == dumped + "\n"


def test_check_counts_the_launch_records(sample_file, capsys):
    assert main(["check", str(sample_file)]) == 0
    out = capsys.readouterr().out
    for label, count in (
        ("launches", 2),
        ("launch readiness tasks", 40),
        ("launch templates", 2),
        ("launch template tasks", 28),
    ):
        assert any(line.split() == [*label.split(), str(count)] for line in out.splitlines())


def _task_index(data, title):
    return next(i for i, t in enumerate(data["launches"]["tasks"]) if t["title"] == title)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["launches"]["launches"][0].__setitem__("target_date", None),
            "launches.launches[0].target_date must not be empty (null)",
        ),
        (
            lambda d: d["launches"]["tasks"][_task_index(d, "Release notes")].__setitem__(
                "offset_days", 5
            ),
            "would be due 5 days after launch day (L+5)",
        ),
        (
            lambda d: d["launches"]["tasks"][0].__setitem__("department", "hr"),
            "The department must be one of marketing",
        ),
        (
            lambda d: d["launches"]["launches"][0].__setitem__("tier", "huge"),
            "The tier of “",
        ),
        (
            lambda d: d["launches"]["launches"][0].__setitem__("go_no_go_offset", 3),
            "The go/no-go decision would come 3 days after launch day",
        ),
        (
            lambda d: d["launches"]["tasks"][0].__setitem__(
                "owner_id", "00000000-0000-4000-8000-000000000000"
            ),
            "owner_id refers to 00000000-0000-4000-8000-000000000000, which is not there",
        ),
    ],
)
def test_a_bad_launch_record_is_named_and_nothing_is_loaded(sample_document, change, message):
    session = sample_document.session
    before = to_text(dump_project(session))
    data = copy.deepcopy(sample_data())
    change(data)
    with pytest.raises(InterchangeError, match=re.escape(message)):
        load_project(session, data, "launches.json")
    assert to_text(dump_project(session)) == before


def test_the_readiness_csv_has_every_task_with_its_real_due_date(sample_document, tmp_path):
    path = tmp_path / "readiness.csv"
    count = export_readiness(sample_document.session, path, date(2026, 12, 20))
    assert count == 40
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(HEADERS)
    notes = next(r for r in rows if r["Task"] == "Release notes" and r["Tier"] == "Major")
    assert (notes["Due"], notes["Relative to launch day"], notes["Owner"]) == (
        "2027-04-11",
        "L−3",
        "Sam Novak",
    )
    late = [r["Task"] for r in rows if r["Late"] == "yes"]
    assert "Terms and privacy notice reviewed" in late
    assert {r["Department"] for r in rows} == {
        "Marketing",
        "Sales",
        "Support and service",
        "Operations",
        "Finance",
        "Engineering",
        "Legal",
    }


def test_text_that_is_not_utf8_in_a_task_names_the_record_kind(sample_file):
    connection = sqlite3.connect(sample_file, isolation_level=None)
    connection.execute("UPDATE launch_tasks SET note = CAST(x'c328ff' AS TEXT)")
    connection.close()
    before = snapshot(sample_file)
    with pytest.raises(
        NotAProjectError, match="a readiness task holds text that is not valid UTF-8"
    ):
        Document.open(sample_file)
    assert snapshot(sample_file) == before
