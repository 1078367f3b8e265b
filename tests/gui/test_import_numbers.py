"""European numbers in the import previews: the decimal mark is detected from the file, shown
with a box that changes it, applied to every numeric field; an undecided file states what it
assumes; UTF-8 with or without a byte-order mark reads alike, other encodings are refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from pmdesk.domain.values import COMMA_DECIMAL, NUMBER_FORMATS, POINT_DECIMAL
from pmdesk.gui import dialogs
from pmdesk.gui.document import DocumentController
from pmdesk.interchange.csv_table import read_csv_bytes
from pmdesk.interchange.project_json import dump_project
from pmdesk.workspaces.competition import io as matrix_csv
from pmdesk.workspaces.competition.model import Criterion, Rating
from pmdesk.workspaces.competition.qt.import_dialog import MatrixImportDialog
from pmdesk.workspaces.competition.qt.page import CompetitionPage
from pmdesk.workspaces.requirements import io as rcsv
from pmdesk.workspaces.requirements.model import Requirement
from pmdesk.workspaces.requirements.qt.import_dialog import RequirementsImportDialog
from pmdesk.workspaces.requirements.qt.page import RequirementsPage

FILES = Path(__file__).parent / "files"
EUROPEAN = (FILES / "european-requirements.csv").read_bytes()
MATRIX = (FILES / "european-matrix.csv").read_bytes()


@pytest.fixture
def controller(sample_document):
    return DocumentController(sample_document)


def _column(dialog, key: str) -> int:
    return 2 + dialog.preview_fields.index(key)


def _cell(dialog, row: int, key: str) -> str:
    return dialog.model.index(row, _column(dialog, key)).data()


def _requirement(controller, key: str) -> Requirement:
    query = select(Requirement).where(Requirement.reference == key)
    return controller.session.scalars(query).one()


@pytest.mark.parametrize("bom", [False, True], ids=["utf-8", "utf-8-with-bom"])
def test_a_semicolon_european_file_imports_its_numbers_as_meant(
    qtbot, controller, tmp_path, monkeypatch, bom
):
    page = RequirementsPage(controller)
    qtbot.addWidget(page)
    path = tmp_path / "export.csv"
    path.write_bytes(("\ufeff".encode() if bom else b"") + EUROPEAN)
    shown: list[str] = []

    def review(parent, review):
        dialog = RequirementsImportDialog(review, parent)
        qtbot.addWidget(dialog)
        shown.append(dialog.numbers.box.currentText())
        shown.append(_cell(dialog, 0, "reach"))
        return True

    monkeypatch.setattr(
        "pmdesk.workspaces.requirements.qt.dialogs.review_requirements_import", review
    )
    assert page.files.import_csv("requirements", path)
    assert shown == ["Decimal comma (1.234,5 or 1 234,5)", "1.000 → 1\u2009000"]
    battery = _requirement(controller, "FL-201")
    assert (battery.reach, battery.effort, battery.confidence) == (1000.0, 0.5, 80.0)
    offline = _requirement(controller, "FL-202")
    assert (offline.reach, offline.effort) == (12500.0, 1.5)
    assert _requirement(controller, "FL-203").impact == 0.5


def test_switching_the_decimal_mark_changes_the_preview(qtbot, controller):
    table = rcsv.table_from_bytes(EUROPEAN, "export.csv")
    review = rcsv.ImportReview(controller.session, table, "export.csv", "requirements")
    dialog = RequirementsImportDialog(review)
    qtbot.addWidget(dialog)
    assert dialog.import_button.text() == "Import 3 Requirements"
    assert _cell(dialog, 1, "reach") == "12.500 → 12\u2009500"
    box = dialog.numbers.box
    box.setCurrentIndex(NUMBER_FORMATS.index(POINT_DECIMAL))
    assert review.number_format == POINT_DECIMAL
    assert _cell(dialog, 1, "reach") == "12.500 → 12.5"
    result = dialog.model.index(0, 1).data()
    assert result == "Effort must be a number, not “0,5”"
    assert not dialog.import_button.isEnabled()  # every row has a decimal comma somewhere
    assert dialog.numbers.note.text() == "As you chose: every number in the file is read this way."
    box.setCurrentIndex(NUMBER_FORMATS.index(COMMA_DECIMAL))
    assert dialog.import_button.text() == "Import 3 Requirements"


def test_an_ambiguous_file_shows_the_assumption_it_makes(qtbot, controller):
    table = rcsv.table_from_bytes(b'Title,Reach\nBattery saver,"1,000"\n', "ambiguous.csv")
    review = rcsv.ImportReview(controller.session, table, "ambiguous.csv", "requirements")
    dialog = RequirementsImportDialog(review)
    qtbot.addWidget(dialog)
    assert dialog.numbers.isVisibleTo(dialog)
    assert dialog.numbers.note.text() == (
        "“1,000” could be a thousand or one: PM Desk assumes a decimal point (1,234.5), so it "
        "reads 1000, because nothing in the file says otherwise. Change it here if that is wrong."
    )
    assert review.preview.rows[0].values["reach"] == 1000.0


def test_a_file_without_numeric_columns_shows_no_number_choice(qtbot, controller):
    table = rcsv.table_from_bytes(b"Title,Status\nBattery saver,Open\n", "plain.csv")
    review = rcsv.ImportReview(controller.session, table, "plain.csv", "requirements")
    dialog = RequirementsImportDialog(review)
    qtbot.addWidget(dialog)
    assert not dialog.numbers.isVisibleTo(dialog)


def test_another_encoding_is_refused_with_save_as_csv_utf8(
    qtbot, controller, tmp_path, monkeypatch
):
    page = RequirementsPage(controller)
    qtbot.addWidget(page)
    path = tmp_path / "windows.csv"
    path.write_bytes(EUROPEAN.decode().replace("Battery", "Batterie €").encode("cp1252"))
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, message: errors.append(message))
    before = dump_project(controller.session)
    assert not page.files.import_csv("requirements", path)
    assert errors == [
        "“windows.csv” is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8” and "
        "import that file."
    ]
    assert dump_project(controller.session) == before


def test_the_matrix_reads_weights_scores_and_prices_in_the_files_format(qtbot, controller):
    preview = matrix_csv.preview_matrix(controller.session, read_csv_bytes(MATRIX, "m.csv"))
    dialog = MatrixImportDialog(preview)
    qtbot.addWidget(dialog)
    assert dialog.numbers.box.currentText() == "Decimal comma (1.234,5 or 1 234,5)"
    price, offline, _spares = preview.rows
    assert price.weight == 0.5 and price.values == {"Acme Field": "1299", "Route Pro": "999.5"}
    assert offline.weight == 1.5 and offline.values["Route Pro"] == "2.5"
    assert dialog.rows.item(0, 4).text() == "0.5"
    dialog.numbers.box.setCurrentIndex(NUMBER_FORMATS.index(POINT_DECIMAL))
    assert dialog.rows.item(0, 6).text().startswith("Skipped: ")
    assert not price.ok
    dialog.numbers.box.setCurrentIndex(NUMBER_FORMATS.index(COMMA_DECIMAL))
    assert price.ok


def test_a_european_matrix_file_imports_from_the_page(qtbot, controller, tmp_path, monkeypatch):
    page = CompetitionPage(controller)
    qtbot.addWidget(page)
    path = tmp_path / "matrix.csv"
    path.write_bytes(MATRIX)
    monkeypatch.setattr(dialogs, "choose_csv", lambda *_a: path)
    monkeypatch.setattr(
        "pmdesk.workspaces.competition.qt.dialogs.review_competition_import", lambda *_a: True
    )
    qtbot.mouseClick(page.matrix.import_button, Qt.MouseButton.LeftButton)
    session = controller.session
    price = session.scalars(select(Criterion).where(Criterion.name == "Price per seat")).one()
    assert price.weight == 0.5 and price.kind == "price"
    values = set(session.scalars(select(Rating.value).where(Rating.criterion_id == price.id)))
    assert values == {"1299", "999.5"}
