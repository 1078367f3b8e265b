"""Real-world-shaped tracker exports come in whole: localised headers, every status and priority
word mapped, tracker fields kept as tags, markup as plain text; a re-import updates by key."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from pmdesk.store.document import Document
from pmdesk.workspaces.requirements import io as rcsv
from pmdesk.workspaces.requirements.model import Requirement

EXPORTS = Path(__file__).parents[2] / "interchange" / "exports"


@pytest.fixture(autouse=True)
def own_memory(tmp_path, monkeypatch):
    """Remembered mappings live in the data folder: each test starts with none."""
    monkeypatch.setenv("PMDESK_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def session():
    document = Document.new()
    yield document.session
    document.close()


def _review(session, name: str, **options) -> rcsv.ImportReview:
    table = rcsv.read_table(EXPORTS / name)
    return rcsv.ImportReview(session, table, name, "requirements", **options)


def _count(session) -> int:
    return session.scalar(select(func.count()).select_from(Requirement))


@pytest.mark.parametrize(
    ("name", "kind", "rows", "mapped"),
    [
        ("jira_fr.csv", "jira", 40, 80),
        ("jira_es.csv", "jira", 30, 60),
        ("linear.csv", "linear", 10, 20),
        ("chromium.csv", "chromium", 40, 80),
    ],
)
def test_every_row_of_a_tracker_export_is_imported_with_its_words_mapped(
    session, name, kind, rows, mapped
):
    review = _review(session, name)
    assert review.source_kind == kind
    assert review.preview.bad_rows == []
    assert review.preview.summary() == (
        f"{rows} requirements ready to import; {mapped} values mapped."
    )
    assert all(not vm.unmapped for vm in review.value_maps.values())
    assert len(rcsv.import_rows(session, "requirements", review.rows_to_create())) == rows


def test_french_jira_headers_words_markup_and_tracker_fields(session):
    review = _review(session, "jira_fr.csv")
    statuses = {e.text: e.target for e in review.value_maps["status"].found.values()}
    assert statuses == {
        "Bloqué": "in_roadmap",
        "Terminé": "shipped",
        "Ne sera pas fait": "declined",
        "À faire": "proposed",
        "En cours": "in_roadmap",
    }
    priorities = {e.text: (e.count, e.target) for e in review.value_maps["moscow"].found.values()}
    assert priorities["Moyenne"] == (24, "should")  # Medium is not demoted to "Could have"
    first = review.preview.rows[0].values
    assert first["statement"] == (
        "Contexte\nLes techniciens perdent la connexion au sous-sol.\n• cas 1\n• cas 2\n"
        "Voir la fiche (https://wiki.example/t0)"
    )
    assert first["tags"].split(", ") == [
        "intégrations",
        "type:Epic",
        "sprint:TER Sprint 1",
        "sprint:TER Sprint 2",
        "release:2.4",
        "release:2.5",
        "due:2026-07-16",
        "points:5",
    ]
    child = next(row.values for row in review.preview.rows if row.values["reference"] == "TER-104")
    assert "epic:TER-101" in child["tags"]


def test_linear_words_and_javascript_dates(session):
    review = _review(session, "linear.csv")
    priorities = {e.text: e.target for e in review.value_maps["moscow"].found.values()}
    assert priorities == {
        "Urgent": "must",
        "High": "should",
        "Medium": "should",
        "Low": "could",
        "No priority": "should",
    }
    assert review.value_maps["status"].found["triage"].target == "proposed"
    first = review.preview.rows[0].values
    assert "due:2022-09-01" in first["tags"]  # from "Fri Sep 01 2022 00:00:00 GMT+0000 (GMT)"
    assert first["statement"] == "Why\n• customers ask for it\n• see docs/0.md"


def test_a_value_the_pm_maps_by_hand_is_used_and_remembered_for_the_next_file(session):
    review = _review(session, "chromium.csv")
    assert review.value_maps["status"].found["externaldependency"].target == "in_roadmap"
    review.choose_value("status", "ExternalDependency", "accepted")
    blocked = [r for r in review.preview.rows if r.raw["status"] == "ExternalDependency"]
    assert {r.values["status"] for r in blocked} == {"accepted"}
    review.remember()
    again = _review(session, "chromium.csv")
    assert again.value_maps["status"].found["externaldependency"].target == "accepted"
    fresh = _review(session, "chromium.csv", recall=False)
    assert fresh.value_maps["status"].found["externaldependency"].target == "in_roadmap"


def test_a_remembered_column_choice_applies_to_the_next_export_of_that_tracker(session):
    review = _review(session, "linear.csv")
    headers = review.table.headers
    review.remap("owner", [headers.index("Creator")])
    review.remember()
    assert _review(session, "linear.csv").mapping["owner"] == [headers.index("Creator")]
    jira = _review(session, "jira_fr.csv")  # another tracker keeps its own choices
    assert [jira.table.headers[c] for c in jira.mapping["owner"]] == ["Responsable"]


def test_reimporting_the_same_export_updates_the_requirements_it_created(session):
    first = _review(session, "linear.csv")
    rcsv.import_rows(session, "requirements", first.rows_to_create())
    assert _count(session) == 10
    refused = _review(session, "linear.csv")
    assert len(refused.preview.bad_rows) == 10  # without asking, a known key is not re-added
    again = _review(session, "linear.csv", update_existing=True)
    assert again.preview.bad_rows == []
    assert again.rows_to_create() == []
    assert "(10 updates of the same key)" in again.preview.summary()
    record = session.scalars(select(Requirement).where(Requirement.reference == "ENG-200")).one()
    record.title = "Renamed in PM Desk"
    session.commit()
    # Time stamps are to the second: written long ago, any new one differs.
    session.execute(update(Requirement).values(updated_at=datetime(2020, 1, 1)))
    session.commit()
    stamps = dict(session.execute(select(Requirement.id, Requirement.updated_at)).all())
    rcsv.update_rows(session, again.rows_to_update())
    assert _count(session) == 10
    session.refresh(record)
    assert record.title == "Offline job sheets"
    # Only the record the file changes is written: the others keep their time stamps.
    after = dict(session.execute(select(Requirement.id, Requirement.updated_at)).all())
    assert [key for key in after if after[key] != stamps[key]] == [record.id]


def test_a_remembered_choice_never_hides_a_column_the_next_file_has(session):
    first = rcsv.ImportReview(
        session, rcsv.table_from_bytes(b"Title\nA\n", "a"), "a", "requirements"
    )
    first.remember()  # owner: no column then
    second = rcsv.ImportReview(
        session, rcsv.table_from_bytes(b"Title,Owner\nB,Ana\n", "b"), "b", "requirements"
    )
    assert second.mapping["owner"] == [1]
