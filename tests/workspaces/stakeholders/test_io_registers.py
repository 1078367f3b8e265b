"""Stakeholder registers as PMs keep them: High/Medium/Low, 1–5 scales, first and last names."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from pmdesk.interchange.csv_table import read_csv_bytes, read_csv_file
from pmdesk.store.document import Document
from pmdesk.workspaces.stakeholders import io as stakeholders_csv
from pmdesk.workspaces.stakeholders.model import Stakeholder

EXPORTS = Path(__file__).parents[2] / "interchange" / "exports"


@pytest.fixture(autouse=True)
def own_memory(tmp_path, monkeypatch):
    monkeypatch.setenv("PMDESK_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def session():
    document = Document.new()
    yield document.session
    document.close()


def _review(session, name: str) -> stakeholders_csv.ImportReview:
    return stakeholders_csv.ImportReview(session, read_csv_file(EXPORTS / name), name)


def test_a_high_medium_low_register_comes_in_whole_on_the_right_side_of_the_grid(session):
    review = _review(session, "register_hml.csv")
    assert review.summary() == "12 rows ready to import; 30 values mapped."
    influence = {e.text: e.target for e in review.value_maps["influence"].found.values()}
    assert influence == {"High": "8", "Medium": "5", "Low": "3"}  # High is in the high half
    stakeholders_csv.import_rows(session, review.preview)
    people = {
        p.name: (p.influence, p.interest, p.attitude) for p in session.scalars(select(Stakeholder))
    }
    assert len(people) == 12
    assert people["Dana Whitfield"][:2] == (8, 5)
    assert {attitude for _i, _j, attitude in people.values()} <= {
        "supporter",
        "neutral",
        "skeptic",
        "champion",
    }


def test_first_and_last_names_are_joined_and_a_1_to_5_scale_is_stretched(session):
    review = _review(session, "register_first_last.csv")
    assert review.table.headers[-1] == "First Name + Last Name"
    assert review.summary() == "31 rows ready to import; 72 values mapped."
    scale = {e.text: e.target for e in review.value_maps["influence"].found.values()}
    assert scale == {"1": "1", "2": "3", "3": "5", "4": "8", "5": "10"}
    attitude = {e.text: e.target for e in review.value_maps["attitude"].found.values()}
    assert attitude["Leading"] == "champion" and attitude["Resistant"] == "skeptic"
    ids = stakeholders_csv.import_rows(session, review.preview)
    first = session.get(Stakeholder, ids[0])
    assert first.name.startswith("Ana ") and first.role


def test_small_numbers_alone_stay_on_the_ten_point_scale(session):
    table = read_csv_bytes(b"Name,Influence,Interest\nAna,4,2\nBen,3,5\n", "f")
    review = stakeholders_csv.ImportReview(session, table, "f")
    assert [row.values["influence"] for row in review.preview.rows] == [4, 3]


def test_a_column_of_words_nobody_knows_takes_the_default_and_says_so(session):
    table = read_csv_bytes("Name,Influence,Interest\nAna,Énorme,Beaucoup\n".encode(), "f")
    review = stakeholders_csv.ImportReview(session, table, "f")
    assert review.summary() == "1 row ready to import; 2 unmapped values set to the default."
    values = review.preview.rows[0].values
    assert (values["influence"], values["interest"]) == (5, 5)
    review.choose_value("influence", "Énorme", "10")
    assert review.preview.rows[0].values["influence"] == 10
    assert review.summary() == (
        "1 row ready to import; 1 value mapped, 1 unmapped value set to the default."
    )
