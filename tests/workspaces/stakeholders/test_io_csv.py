"""Stakeholder CSV: every bad row gets its reason, nothing is half-imported, export reads back."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from pmdesk.errors import ValidationError
from pmdesk.interchange.csv_table import read_csv_bytes, read_csv_file
from pmdesk.store.document import Document
from pmdesk.workspaces.stakeholders import edit
from pmdesk.workspaces.stakeholders import io as stakeholders_csv
from pmdesk.workspaces.stakeholders.model import Stakeholder

GOOD_AND_BAD = (
    "Name;Title;Department;Power;Interest;Attitude;Next contact\n"
    "Ana Ruiz;CFO;Finance;9;4;Skeptic;2026-12-01\n"
    "Ben Ode;Sales lead;Sales;0;5;supporter;\n"
    "Cy Lam;Analyst;Analysts;11;high;grumpy;\n"
    "ana ruiz;Twin;Finance;3;3;neutral;\n"
    "Dee Kay;PR;Press;4;2;neutral;next week\n"
    "Existing Person;;;5;5;neutral;\n"
    ";No name;;5;5;neutral;\n"
)


@pytest.fixture
def session():
    document = Document.new()
    edit.create(document.session, {"name": "Existing Person"})
    yield document.session
    document.close()


def _count(session) -> int:
    return session.scalar(select(func.count()).select_from(Stakeholder))


def _preview(session, text: str):
    return stakeholders_csv.preview(session, read_csv_bytes(text.encode(), "“people.csv”"))


def test_each_bad_row_is_marked_with_its_reasons_and_words_are_mapped_not_refused(session):
    preview = _preview(session, GOOD_AND_BAD)
    problems = {row.raw["name"]: row.problems for row in preview.rows}
    assert problems["Ana Ruiz"] == []
    # Out-of-range scores and unknown words take the default (counted), they do not lose rows.
    assert problems["Ben Ode"] == []
    assert problems["Cy Lam"] == []
    cy = next(row.values for row in preview.rows if row.raw["name"] == "Cy Lam")
    assert (cy["influence"], cy["interest"], cy["attitude"]) == (5, 8, "neutral")
    assert problems["ana ruiz"] == ["Name “ana ruiz” is also on line 2"]
    assert problems["Dee Kay"] == [
        "Next touchpoint must be a date like 2026-03-31, not “next week”"
    ]
    assert problems["Existing Person"] == ["Name “Existing Person” is already in the project"]
    assert problems[""] == ["A stakeholder needs a name"]
    assert [row.line for row in preview.bad_rows] == [5, 6, 7, 8]
    assert _count(session) == 1  # a preview writes nothing


def test_confirming_imports_only_the_good_rows(session):
    ids = stakeholders_csv.import_rows(session, _preview(session, GOOD_AND_BAD))
    ana = session.get(Stakeholder, ids[0])
    assert (ana.name, ana.influence, ana.interest, ana.attitude) == ("Ana Ruiz", 9, 4, "skeptic")
    assert ana.next_touchpoint.isoformat() == "2026-12-01"
    assert _count(session) == 4


def test_missing_required_columns_import_nothing(session):
    preview = _preview(session, "Name,Attitude\nAna,neutral\n")
    assert preview.missing == ["Influence", "Interest"]
    with pytest.raises(ValidationError, match="no rows without problems"):
        stakeholders_csv.import_rows(session, preview)
    assert _count(session) == 1


def test_a_column_mapping_chosen_by_the_pm_is_used(session):
    table = read_csv_bytes(b"Who,Clout,Care\nAna,7,8\n", "f")
    preview = stakeholders_csv.preview(session, table)
    assert preview.missing == ["Name", "Influence", "Interest"]
    mapping = {**stakeholders_csv.default_mapping(table), "name": 0, "influence": 1, "interest": 2}
    preview = stakeholders_csv.preview(session, table, mapping)
    assert [row.values["influence"] for row in preview.good_rows] == [7]


def test_nothing_is_half_imported_when_the_project_changed_meanwhile(session):
    preview = _preview(session, "Name,Influence,Interest\nAna,5,5\nBo,5,5\n")
    edit.create(session, {"name": "Bo"})  # someone added Bo after the preview
    with pytest.raises(ValidationError, match="already a stakeholder called “Bo”"):
        stakeholders_csv.import_rows(session, preview)
    assert _count(session) == 2


def test_an_external_department_marks_imported_people_external(session):
    ids = stakeholders_csv.import_rows(
        session, _preview(session, "Name,Department,Influence,Interest\nPat,Press,3,3\n")
    )
    assert session.get(Stakeholder, ids[0]).external is True


def test_export_then_import_gives_the_same_stakeholders(session, tmp_path):
    edit.create(
        session,
        {"name": "Zoë, “Z” Ng", "department": "Partners", "influence": 8, "interest": 2,
         "attitude": "blocker", "strategy_override": "monitor", "tags": "a, b",
         "last_contact": "2026-10-01", "notes": "line one\nline two"},
    )  # fmt: skip
    target = tmp_path / "people.csv"
    assert stakeholders_csv.export(session, target) == 2
    fresh = Document.new()
    try:
        preview = stakeholders_csv.preview(fresh.session, read_csv_file(target))
        assert preview.bad_rows == []
        stakeholders_csv.import_rows(fresh.session, preview)
        fields = list(edit.FIELDS)

        def rows(s):
            people = s.scalars(select(Stakeholder).order_by(Stakeholder.name))
            return [[getattr(p, f) for f in fields] for p in people]

        assert rows(fresh.session) == rows(session)
    finally:
        fresh.close()
