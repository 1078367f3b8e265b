"""CSV import (with preview and column mapping) and export of requirements and customer inputs."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from pmdesk.errors import InterchangeError, ValidationError
from pmdesk.store.document import Document
from pmdesk.workspaces.requirements import edit
from pmdesk.workspaces.requirements import io as rcsv
from pmdesk.workspaces.requirements.model import CustomerInput, Requirement
from pmdesk.workspaces.stakeholders.model import Stakeholder

# An issue tracker's export: one "Labels" column per label, "Sprint" repeated too.
TRACKER = (
    "Summary,Issue key,Issue id,Issue Type,Status,Priority,Assignee,Labels,Labels,Labels,"
    "Description,Sprint,Sprint\n"
    "Offline job sheets,FL-101,10001,Story,In Progress,Highest,Sam Novak,offline,mobile,"
    "field,Works without signal,S1,S2\n"
    "QuickBooks sync,FL-107,10007,Story,To Do,High,Omar Haddad,integrations,,,"
    '"Two-way sync, every 15 minutes",S2,\n'
    "Dark mode,FL-115,10015,Story,Won't Do,Lowest,,,,,,,\n"
    "Blocked thing,FL-120,10020,Story,Blocked,Medium,,ux,,,,,\n"
)


@pytest.fixture
def session():
    document = Document.new()
    yield document.session
    document.close()


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def _table(text: str, encoding: str = "utf-8") -> rcsv.CsvTable:
    return rcsv.table_from_bytes(text.encode(encoding), "“test.csv”")


def test_a_tracker_export_keeps_every_labels_column(session):
    table = _table(TRACKER)
    assert table.headers.count("Labels") == 3
    review = rcsv.ImportReview(session, table, "test.csv", "requirements")
    assert review.mapping["tags"] == [7, 8, 9]
    first = review.preview.rows[0]
    # Issue type and both sprints are kept as tags a PM can filter on.
    assert first.values["tags"] == "offline, mobile, field, type:Story, sprint:S1, sprint:S2"
    assert first.values["title"] == "Offline job sheets"
    assert first.values["reference"] == "FL-101"
    assert first.values["status"] == "in_roadmap"
    assert first.values["moscow"] == "must"
    assert first.values["owner"] == "Sam Novak"
    assert first.values["statement"] == "Works without signal"
    assert review.preview.rows[1].values["statement"] == "Two-way sync, every 15 minutes"
    assert review.preview.rows[2].values["status"] == "declined"


def test_a_status_nobody_maps_takes_the_default_and_is_counted_not_skipped(session):
    text = TRACKER.replace("Blocked thing,FL-120,10020,Story,Blocked", "Odd,FL-120,1,Story,Bananas")
    review = rcsv.ImportReview(session, _table(text), "test.csv", "requirements")
    assert review.preview.bad_rows == []
    odd = review.preview.rows[3]
    assert odd.values["status"] == "proposed"
    assert [entry.text for entry in review.value_maps["status"].unmapped] == ["Bananas"]
    assert review.preview.summary() == (
        "4 requirements ready to import; 7 values mapped, 1 unmapped value set to the default."
    )


def test_importing_adds_the_good_rows_with_all_their_labels(session):
    review = rcsv.ImportReview(session, _table(TRACKER), "test.csv", "requirements")
    ids = rcsv.import_rows(session, "requirements", review.rows_to_create())
    assert len(ids) == 4
    record = session.scalars(select(Requirement).where(Requirement.reference == "FL-101")).one()
    assert record.tag_list == ["offline", "mobile", "field", "type:Story", "sprint:S1", "sprint:S2"]
    blocked = session.scalars(select(Requirement).where(Requirement.reference == "FL-120")).one()
    assert (blocked.status, blocked.moscow) == ("in_roadmap", "should")  # Medium stays Should


def test_columns_that_do_not_map_are_named_and_nothing_can_be_imported(session):
    table = _table("Foo,Bar\n1,2\n")
    review = rcsv.ImportReview(session, table, "test.csv", "requirements")
    assert review.preview.missing == ["Title"]
    assert review.preview.summary() == (
        "No column of the file maps to “Title”; choose the column to use, "
        "or nothing can be imported."
    )
    assert review.preview.good_rows == []
    with pytest.raises(ValidationError, match="There are no rows without problems to import"):
        rcsv.import_rows(session, "requirements", review.rows_to_create())
    assert _count(session, Requirement) == 0


def test_choosing_a_column_by_hand_makes_the_file_importable(session):
    review = rcsv.ImportReview(session, _table("Foo,Bar\nOffline sheets,2\n"), "t", "requirements")
    review.remap("title", [0])
    assert review.preview.missing == []
    assert [row.values["title"] for row in review.preview.good_rows] == ["Offline sheets"]


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ("0,50", "Effort must be more than zero person-months (RICE divides by it); 0 was"),
        ("-1,50", "Effort must be more than zero person-months (RICE divides by it); -1 was"),
        ("2,150", "Confidence is a percentage and cannot be above 100 %; 150 % was entered"),
    ],
)
def test_bad_rice_values_skip_the_row_with_the_reason(session, cells, reason):
    text = f"Title,Effort,Confidence\nGood,2,80\nBad,{cells}\n"
    review = rcsv.ImportReview(session, _table(text), "t", "requirements")
    assert [row.values["title"] for row in review.preview.good_rows] == ["Good"]
    assert review.preview.bad_rows[0].problems[0].startswith(reason)


def test_keys_already_in_the_project_or_repeated_in_the_file_are_skipped(session):
    edit.add_requirement(session, {"title": "Offline", "reference": "FL-101"})
    text = "Summary,Issue key\nOffline again,fl-101\nNew,FL-200\nNew twice,FL-200\n"
    review = rcsv.ImportReview(session, _table(text), "t", "requirements")
    problems = [row.problems for row in review.preview.rows]
    assert problems[0] == ["Key fl-101 is already in the project"]
    assert problems[1] == []
    assert problems[2] == ["Key FL-200 is also on line 3"]


def test_semicolons_and_a_byte_order_mark_are_read(session):
    data = "\ufeffTitle;Tags\nOffline;mobile, field\n".encode()
    table = rcsv.table_from_bytes(data, "t")
    assert table.delimiter == ";"
    assert table.encoding == "UTF-8 with BOM"
    review = rcsv.ImportReview(session, table, "t", "requirements")
    assert review.preview.good_rows[0].values["tags"] == "mobile, field"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "“t.csv” is empty: there is nothing to import."),
        (b"Title\n", "“t.csv” has column names but no rows to import."),
        ("Titel\nÄrger\n".encode("latin-1"), "“t.csv” is not UTF-8 text."),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "“t.csv” is not a CSV file: it holds binary data."),
    ],
)
def test_unreadable_files_are_refused_with_a_sentence(data, message):
    with pytest.raises(InterchangeError) as error:
        rcsv.table_from_bytes(data, "“t.csv”")
    assert str(error.value).startswith(message)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(InterchangeError, match="does not exist"):
        rcsv.read_table(tmp_path / "nope.csv")


# -- customer inputs -----------------------------------------------------------------------------


def test_inputs_match_stakeholders_by_name_and_keep_other_names_as_customers(session):
    person = Stakeholder(name="Bill Turner")
    session.add(person)
    session.commit()
    text = (
        "Date,Feedback,Said by,Segment,Labels,Labels\n"
        "2026-06-04,No signal in basements,bill turner,Small,offline,mobile\n"
        "2026-06-05,Paid in the driveway,Sofia Reyes,Mid-size,payments,\n"
        ",No date here,Ana,,,\n"
        "2026-06-06,,Ana,,,\n"
    )
    review = rcsv.ImportReview(session, _table(text), "t", "inputs")
    rows = review.preview.rows
    assert rows[0].values["stakeholder_id"] == person.id
    assert rows[0].values["tags"] == "offline, mobile"
    assert rows[0].values["source"] == "survey"  # the default when the file has no source
    assert rows[1].values["customer"] == "Sofia Reyes"
    assert rows[2].problems == ["The date is empty"]
    assert rows[3].problems == ["The quote is empty"]
    review.set_default_source("interview")
    ids = rcsv.import_rows(session, "inputs", review.rows_to_create())
    assert len(ids) == 2
    assert {r.source for r in session.scalars(select(CustomerInput))} == {"interview"}


def test_an_input_file_without_a_quote_column_cannot_be_imported(session):
    review = rcsv.ImportReview(session, _table("Date,Who\n2026-01-01,Ann\n"), "t", "inputs")
    assert review.preview.missing == ["Quote"]
    assert review.preview.good_rows == []


# -- export --------------------------------------------------------------------------------------


def test_requirements_export_reads_back_in_as_the_same_requirements(sample_document, tmp_path):
    path = tmp_path / "requirements.csv"
    count = rcsv.export_requirements(sample_document.session, path)
    assert count == 16
    text = path.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("Key,Title,The product does,Rationale")
    blank = Document.new()
    try:
        review = rcsv.ImportReview(blank.session, rcsv.read_table(path), "t", "requirements")
        assert review.preview.bad_rows == []
        rcsv.import_rows(blank.session, "requirements", review.rows_to_create())
        fields = ("title", "reference", "status", "moscow", "reach", "impact", "confidence")
        fields += ("effort", "owner", "tags", "statement", "acceptance_criteria")

        def read(session):
            query = select(Requirement).order_by(Requirement.reference)
            return [tuple(getattr(r, f) for f in fields) for r in session.scalars(query)]

        assert read(blank.session) == read(sample_document.session)
    finally:
        blank.close()


def test_inputs_export_names_who_said_it_and_what_it_supports(sample_document, tmp_path):
    path = tmp_path / "inputs.csv"
    assert rcsv.export_inputs(sample_document.session, path) == 27
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Date,Quote,Stakeholder,Customer,Segment,Source,Tags,Requirements"
    signal = next(line for line in lines if "half the basements" in line)
    assert "Bill Turner" in signal and signal.endswith(",Offline job sheets")
    review = rcsv.ImportReview(sample_document.session, rcsv.read_table(path), "t", "inputs")
    assert len(review.preview.good_rows) == 27
