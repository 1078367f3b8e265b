"""CSV import (preview dialog, one undo step) and export from the Requirements page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from pmdesk.gui import dialogs
from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.requirements import io as rcsv
from pmdesk.workspaces.requirements.model import CustomerInput, Requirement
from pmdesk.workspaces.requirements.qt.import_dialog import RequirementsImportDialog
from pmdesk.workspaces.requirements.qt.page import RequirementsPage
from tests.support import snapshot

TRACKER = (
    "Summary,Issue key,Status,Priority,Labels,Labels,Labels\n"
    "Warranty claims with makers,FL-130,To Do,High,warranty,partners,service\n"
    "Battery saver mode,FL-131,In Progress,Medium,technician app,,\n"
)


@pytest.fixture
def controller(sample_document):
    return DocumentController(sample_document)


@pytest.fixture
def page(qtbot, controller):
    page = RequirementsPage(controller)
    qtbot.addWidget(page)
    return page


@pytest.fixture
def errors(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, message: shown.append(message))
    return shown


def _count(controller, model) -> int:
    return controller.session.scalar(select(func.count()).select_from(model))


def test_a_tracker_file_imports_in_one_undo_step_with_every_label(
    page, controller, tmp_path, monkeypatch
):
    path = tmp_path / "jira.csv"
    path.write_text(TRACKER, encoding="utf-8")
    monkeypatch.setattr(dialogs, "choose_csv", lambda *_args: path)
    monkeypatch.setattr(
        "pmdesk.workspaces.requirements.qt.dialogs.review_requirements_import", lambda *_args: True
    )
    assert page.files.import_csv("requirements")
    assert _count(controller, Requirement) == 18
    record = controller.session.scalars(
        select(Requirement).where(Requirement.reference == "FL-130")
    ).one()
    assert record.tag_list == ["warranty", "partners", "service"]
    assert page.requirements.model.rowCount() == 18
    assert controller.undo_stack.undoText() == "Import 2 Requirements"
    controller.undo_stack.undo()
    assert _count(controller, Requirement) == 16
    assert page.requirements.model.rowCount() == 16


def test_cancelling_the_preview_imports_nothing(page, controller, tmp_path, monkeypatch):
    path = tmp_path / "jira.csv"
    path.write_text(TRACKER, encoding="utf-8")
    before = snapshot(path)
    monkeypatch.setattr(dialogs, "choose_csv", lambda *_args: path)
    monkeypatch.setattr(
        "pmdesk.workspaces.requirements.qt.dialogs.review_requirements_import", lambda *_args: False
    )
    assert not page.files.import_csv("requirements")
    assert _count(controller, Requirement) == 16
    assert controller.undo_stack.count() == 0
    assert snapshot(path) == before


def test_an_unreadable_file_is_reported_and_changes_nothing(page, controller, tmp_path, errors):
    path = tmp_path / "notes.csv"
    path.write_bytes("Titel\nÄrger\n".encode("latin-1"))
    assert not page.files.import_csv("inputs", path)
    assert errors == [
        "“notes.csv” is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8” and "
        "import that file."
    ]
    assert _count(controller, CustomerInput) == 27


def test_the_preview_dialog_maps_columns_and_counts_what_will_be_imported(qtbot, controller):
    table = rcsv.table_from_bytes(TRACKER.encode(), "jira.csv")
    review = rcsv.ImportReview(controller.session, table, "jira.csv", "requirements")
    dialog = RequirementsImportDialog(review)
    qtbot.addWidget(dialog)
    assert dialog.import_button.text() == "Import 2 Requirements"
    labels = dialog.multi["tags"]
    ticked = [labels.item(i).checkState() == Qt.CheckState.Checked for i in range(labels.count())]
    assert ticked == [False, False, False, False, True, True, True]
    labels.item(6).setCheckState(Qt.CheckState.Unchecked)
    assert review.preview.rows[0].values["tags"] == "warranty, partners"
    title = dialog.single["title"]
    title.setCurrentIndex(title.findData(-1))
    assert not dialog.import_button.isEnabled()
    assert dialog.summary.text().startswith("No column of the file maps to “Title”")


def test_the_input_preview_offers_a_default_source(qtbot, controller):
    table = rcsv.table_from_bytes(b"Feedback,Customer,Date\nToo slow,Acme,2026-05-01\n", "f.csv")
    review = rcsv.ImportReview(controller.session, table, "f.csv", "inputs")
    dialog = RequirementsImportDialog(review)
    qtbot.addWidget(dialog)
    assert dialog.import_button.text() == "Import 1 Input"
    assert dialog.default_source is not None
    dialog.default_source.setCurrentIndex(dialog.default_source.findData("sales_call"))
    assert review.preview.good_rows[0].values["source"] == "sales_call"


def test_export_writes_the_file_and_a_failure_is_reported(
    page, controller, tmp_path, monkeypatch, errors
):
    target = tmp_path / "out.csv"
    monkeypatch.setattr(dialogs, "choose_export_file", lambda *_args: target)
    assert page.files.export_csv("requirements")
    assert len(rcsv.read_table(target).rows) == 16
    missing = tmp_path / "no such folder" / "out.csv"
    monkeypatch.setattr(dialogs, "choose_export_file", lambda *_args: missing)
    assert not page.files.export_csv("inputs")
    assert len(errors) == 1
    assert not missing.exists()
