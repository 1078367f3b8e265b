"""Check-ins from CSV files and pasted columns, and back out to CSV."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from pmdesk.errors import ValidationError
from pmdesk.interchange.csv_table import read_csv_file
from pmdesk.workspaces.goals import edit, io
from pmdesk.workspaces.goals.model import KeyResult
from pmdesk.workspaces.goals.query import load_goals

TODAY = date(2026, 12, 1)


def test_a_european_csv_is_previewed_row_by_row_with_each_problem_said(tmp_path):
    path = tmp_path / "rating.csv"
    path.write_text(
        "Datum;Value;Note\n2026-11-01;4,1;comma\n2026-11-02;4.2;fine\n2026-12-05;4.3;future\n",
        encoding="utf-8",
    )
    preview = io.read_check_ins(path, date(2026, 10, 1), date(2027, 9, 30), TODAY)
    assert preview.missing == ["Date"]  # "Datum" is not a column PM Desk recognises
    path.write_text(
        "Date;Value;Note\n2026-11-01;4,1;comma\n2026-11-02;4.2;fine\n2026-12-05;4.3;future\n",
        encoding="utf-8",
    )
    preview = io.read_check_ins(path, date(2026, 10, 1), date(2027, 9, 30), TODAY)
    assert [row.values.get("value") for row in preview.good_rows] == [4.2]
    problems = [row.problems[0] for row in preview.bad_rows]
    assert problems[0].startswith("The value “4,1” has a comma")
    assert (
        problems[1] == "A check-in records a value already measured; 2026-12-05 is in the future."
    )


def test_exported_check_ins_import_back(sample_document, tmp_path):
    goals = load_goals(sample_document.session, TODAY)
    path = tmp_path / "check-ins.csv"
    assert io.export_check_ins(path, goals) == 85
    table = read_csv_file(path)
    assert table.headers == list(io.EXPORT_HEADERS)
    ratings = [row for row in table.rows if row[1] == "Technician app store rating"]
    assert ratings == [
        [
            "Make the technician app work without signal",
            "Technician app store rating",
            "stars",
            "2026-10-05",
            "3.9",
            "",
            "App stores",
        ]
    ]
    preview = io.preview_check_ins(table, date(2025, 10, 1), date(2027, 9, 30), TODAY)
    assert len(preview.good_rows) == 85


def test_a_pasted_column_of_dates_and_values_becomes_check_ins(sample_document):
    rows = io.parse_pasted(
        "Date\tValue\n2026-11-10\t4.0\n\n2026-11-20\t4.1\tnew release\tApp stores\n"
    )
    assert rows == [
        {"on_date": "2026-11-10", "value": "4.0"},
        {"on_date": "2026-11-20", "value": "4.1", "note": "new release", "source": "App stores"},
    ]
    session = sample_document.session
    result = session.scalars(select(KeyResult).where(KeyResult.metric.like("Technician%"))).one()
    prepared = edit.prepare_check_ins(session, result.id, rows, TODAY)
    assert [row["value"] for row in prepared] == [4.0, 4.1]


def test_pasted_text_without_values_says_what_to_paste():
    with pytest.raises(ValidationError, match="Line 1 of the pasted text has no value"):
        io.parse_pasted("2026-11-10\n2026-11-11\n")
