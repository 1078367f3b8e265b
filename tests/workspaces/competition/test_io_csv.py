"""The wide matrix CSV: export, import preview with bad rows, new competitors, undo."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from pmdesk.errors import InterchangeError
from pmdesk.interchange.csv_table import read_csv_bytes
from pmdesk.interchange.project_json import dump_project
from pmdesk.store.document import Document
from pmdesk.workspaces.competition import edit
from pmdesk.workspaces.competition import io as matrix_csv
from pmdesk.workspaces.competition.model import Competitor, Criterion, Rating
from tests.support import snapshot


@pytest.fixture
def session():
    document = Document.new()
    session = document.session
    us = edit.add_competitor(session, "FieldLoop")
    rival = edit.add_competitor(session, "ServicePeak")
    edit.mark_us(session, us)
    dispatch = edit.add_category(session, "Dispatch")
    speed = edit.add_criterion(session, dispatch, "Auto dispatch", "score", 2)
    offline = edit.add_criterion(session, dispatch, "Works offline", "yes_no", 1)
    edit.set_rating(session, us, speed, "5", source="Trial")
    edit.set_rating(session, rival, speed, "3")
    edit.set_rating(session, rival, offline, "partial")
    yield session
    document.close()


def table(text: str):
    return read_csv_bytes(text.encode("utf-8"), "“matrix.csv”")


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_export_is_wide_with_us_first(session, tmp_path):
    path = tmp_path / "matrix.csv"
    assert matrix_csv.export_matrix(session, path) == 2
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines == [
        "Category,Criterion,Kind,Weight,FieldLoop,ServicePeak",
        "Dispatch,Auto dispatch,score,2,5,3",
        "Dispatch,Works offline,yes_no,1,,partial",
    ]


def test_round_trip_changes_nothing(session, tmp_path):
    before = dump_project(session)
    path = tmp_path / "matrix.csv"
    matrix_csv.export_matrix(session, path)
    preview = matrix_csv.preview_matrix(session, matrix_csv.read_matrix_csv(path))
    assert not preview.bad_rows and not preview.new_competitors
    done = matrix_csv.apply_import(session, preview)
    assert done.ratings_count == 0
    assert dump_project(session)["competition"] == before["competition"]


def test_import_updates_ratings_adds_criteria_and_undo_takes_it_back(session):
    before = dump_project(session)["competition"]
    preview = matrix_csv.preview_matrix(
        session,
        table(
            "Category;Criterion;Kind;Weight;FieldLoop;ServicePeak\n"
            "Dispatch;Auto dispatch;score;3;4;3\n"
            "Mobile;Photo checklists;score;1.5;5;2\n"
        ),
    )
    assert preview.summary() == "2 criteria ready to import."
    done = matrix_csv.apply_import(session, preview)
    speed = session.scalar(select(Criterion).where(Criterion.name == "Auto dispatch"))
    assert speed.weight == 3
    us = session.scalar(select(Competitor.id).where(Competitor.is_us))
    assert edit.rating_state(session, us, speed.id).value == "4"
    assert edit.rating_state(session, us, speed.id).source == "Trial"  # evidence kept
    assert count(session, Criterion) == 3
    matrix_csv.undo_import(session, done)
    after = dump_project(session)["competition"]
    strip = lambda rows: [{k: v for k, v in r.items() if k != "updated_at"} for r in rows]  # noqa: E731
    assert {k: strip(v) for k, v in after.items()} == {k: strip(v) for k, v in before.items()}


def test_bad_rows_are_listed_with_reasons_and_skipped(session):
    before = dump_project(session)
    preview = matrix_csv.preview_matrix(
        session,
        table(
            "Criterion,Kind,Weight,FieldLoop,ServicePeak\n"
            "Auto dispatch,score,1,7,3\n"
            "Works offline,yes_no,-1,yes,no\n"
            "Route planning,score,lots,3,3\n"
            "Route planning,score,1,3,3\n"
            "Works offline,score,1,yes,no\n"
            ",score,1,3,3\n"
            "Invoices,score,1,4,4\n"
        ),
    )
    reasons = {row.line: row.problems for row in preview.bad_rows}
    assert reasons[2] == ["FieldLoop must be from 0 to 5; 7 is out of range"]
    assert "the weight cannot be negative" in reasons[3][0]
    assert "the weight must be a number like 1 or 2.5, not “lots”" in reasons[4][0]
    assert reasons[5] == ["“Route planning” is also on line 4"]
    assert reasons[6] == ["“Works offline” is also on line 3"]
    assert reasons[7] == ["has no criterion name"]
    assert [row.criterion for row in preview.good_rows] == ["Invoices"]
    assert preview.summary() == "1 criterion ready to import, 6 rows with problems will be skipped."
    assert dump_project(session) == before  # a preview changes nothing


def test_a_kind_that_contradicts_the_project_is_a_bad_row(session):
    preview = matrix_csv.preview_matrix(
        session, table("Criterion,Kind,FieldLoop\nWorks offline,price,49\n")
    )
    assert preview.bad_rows[0].problems == [
        "“Works offline” is rated as Yes / partial / no in the project, not Price"
    ]


def test_unknown_competitor_columns_are_offered_and_added_only_when_accepted(session):
    text = "Criterion,FieldLoop,Jobwise\nAuto dispatch,5,2\n"
    preview = matrix_csv.preview_matrix(session, table(text))
    assert preview.new_competitors == ["Jobwise"]
    assert "Not in the project yet: “Jobwise”." in preview.summary()
    preview.add_new_competitors = False
    matrix_csv.apply_import(session, preview)
    assert count(session, Competitor) == 2
    preview = matrix_csv.preview_matrix(session, table(text))
    done = matrix_csv.apply_import(session, preview)
    jobwise = session.scalar(select(Competitor).where(Competitor.name == "Jobwise"))
    speed = session.scalar(select(Criterion.id).where(Criterion.name == "Auto dispatch"))
    assert edit.rating_state(session, jobwise.id, speed).value == "2"
    matrix_csv.undo_import(session, done)
    assert count(session, Competitor) == 2
    assert count(session, Rating) == 3


def test_a_competitor_column_twice_or_no_criterion_column_is_refused(session, tmp_path):
    path = tmp_path / "matrix.csv"
    path.write_text("Criterion,FieldLoop,fieldloop\nAuto dispatch,5,4\n", encoding="utf-8")
    untouched = snapshot(path)
    with pytest.raises(InterchangeError, match="has the column “FieldLoop” more than once"):
        matrix_csv.read_matrix_csv(path)
    assert snapshot(path) == untouched
    with pytest.raises(InterchangeError, match="no “Criterion” column"):
        matrix_csv.preview_matrix(session, table("Name,FieldLoop\nAuto dispatch,5\n"))


def test_a_failure_while_applying_changes_nothing(session, monkeypatch):
    before = dump_project(session)
    preview = matrix_csv.preview_matrix(
        session, table("Criterion,FieldLoop,Jobwise\nNew thing,5,2\n")
    )

    real = matrix_csv.insert_many

    def broken(session, table, rows):
        if table is Rating.__table__:  # the criterion went in already: it must go too
            raise RuntimeError("disk full")
        real(session, table, rows)

    monkeypatch.setattr(matrix_csv, "insert_many", broken)
    with pytest.raises(RuntimeError):
        matrix_csv.apply_import(session, preview)
    assert dump_project(session) == before
