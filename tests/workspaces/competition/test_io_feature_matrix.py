"""A feature-comparison spreadsheet made elsewhere: a blank first header, section lines, Y/N/✓/✗
cells and a price row."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from pmdesk.interchange.csv_table import read_csv_bytes
from pmdesk.store.document import Document
from pmdesk.workspaces.competition import io as matrix_csv
from pmdesk.workspaces.competition.model import Criterion, CriterionCategory, Rating

EXPORTS = Path(__file__).parents[2] / "interchange" / "exports"


@pytest.fixture
def session():
    document = Document.new()
    yield document.session
    document.close()


def test_every_feature_comes_in_with_its_kind_section_and_mapped_cells(session):
    table = matrix_csv.read_matrix_csv(EXPORTS / "feature_matrix.csv")
    assert table.headers[0] == ""
    preview = matrix_csv.preview_matrix(session, table)
    assert preview.bad_rows == []
    assert preview.summary() == (
        "31 criteria ready to import; 61 values mapped. Not in the project yet: “FieldLoop”, "
        "“ServicePeak”, “Jobwise”, “TradeDesk”."
    )
    found = {e.text: e.target for e in preview.value_map.found.values()}
    assert found == {
        "✓": "yes",
        "Y": "yes",
        "Yes": "yes",
        "N": "no",
        "No": "no",
        "✗": "no",
        "Partial": "partial",
    }
    assert preview.rows[0].category == "Scheduling" and preview.rows[0].kind == "yes_no"
    assert preview.rows[-1].kind == "price"
    matrix_csv.apply_import(session, preview)
    assert set(session.scalars(select(CriterionCategory.name))) >= {"Scheduling", "Billing"}
    assert session.scalar(select(Criterion.kind).where(Criterion.name == "Price per seat")) == (
        "price"
    )
    values = set(session.scalars(select(Rating.value)))
    assert values <= {"yes", "no", "partial", "49", "39", "55", "45"}


def test_a_cell_word_nobody_maps_leaves_the_cell_unrated_until_the_pm_maps_it(session):
    text = ",Acme,Globex\nSSO,Y,sort of\nAudit log,N,Y\n"
    preview = matrix_csv.preview_matrix(session, read_csv_bytes(text.encode(), "m"))
    assert preview.bad_rows == []
    assert preview.rows[0].values == {"Acme": "yes"}
    assert "1 unmapped value set to the default" in preview.summary()
    preview.choose_value("rating", "sort of", "partial")
    assert preview.rows[0].values == {"Acme": "yes", "Globex": "partial"}
