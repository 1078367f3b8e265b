"""CSV import (preview dialog, one undo step) and export from the Requirements page."""

from __future__ import annotations

import threading

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


def test_importing_the_same_export_again_updates_by_key_in_one_undo_step(
    page, controller, tmp_path, monkeypatch
):
    monkeypatch.setenv("PMDESK_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "jira.csv"
    path.write_text(TRACKER, encoding="utf-8")
    monkeypatch.setattr(dialogs, "choose_csv", lambda *_args: path)
    seen = []

    def review(_parent, review):
        seen.append(review.preview.summary())
        return True

    monkeypatch.setattr(
        "pmdesk.workspaces.requirements.qt.dialogs.review_requirements_import", review
    )
    assert page.files.import_csv("requirements")
    query = select(Requirement).where(Requirement.reference == "FL-130")
    record = controller.session.scalars(query).one()
    record.title = "Renamed here"
    controller.session.commit()
    assert page.files.import_csv("requirements")
    assert seen[-1] == (
        "2 requirements ready to import (2 updates of the same key); 4 values mapped."
    )
    assert _count(controller, Requirement) == 18
    assert controller.session.scalars(query).one().title == "Warranty claims with makers"
    assert "Warranty claims with makers" in _shown_titles(page)
    assert controller.undo_stack.undoText() == "Import 2 Requirements"
    controller.undo_stack.undo()
    assert controller.session.scalars(query).one().title == "Renamed here"
    assert _count(controller, Requirement) == 18
    assert "Renamed here" in _shown_titles(page)
    controller.undo_stack.redo()
    assert controller.session.scalars(query).one().title == "Warranty claims with makers"


def test_an_import_whose_matched_requirement_went_meanwhile_writes_nothing(
    page, controller, tmp_path, monkeypatch
):
    monkeypatch.setenv("PMDESK_DATA_DIR", str(tmp_path / "data"))
    first = tmp_path / "jira.csv"
    first.write_text(TRACKER, encoding="utf-8")
    monkeypatch.setattr(dialogs, "choose_csv", lambda *_args: first)
    monkeypatch.setattr(
        "pmdesk.workspaces.requirements.qt.dialogs.review_requirements_import", lambda *_a: True
    )
    assert page.files.import_csv("requirements")
    later = tmp_path / "jira-later.csv"
    later.write_text(TRACKER + "Route replay,FL-132,To Do,Low,,,\n", encoding="utf-8")
    monkeypatch.setattr(dialogs, "choose_csv", lambda *_args: later)
    query = select(Requirement).where(Requirement.reference == "FL-130")
    gone = controller.session.scalars(query).one()

    def review(_parent, review):
        # Read while FL-130 is there (an update), and removed before the import is written.
        assert review.preview.summary().startswith(
            "3 requirements ready to import (2 updates of the same key)"
        )
        assert page.files.actions.remove_requirements([gone.id])
        return True

    monkeypatch.setattr(
        "pmdesk.workspaces.requirements.qt.dialogs.review_requirements_import", review
    )
    failed: list[str] = []
    controller.failed.connect(failed.append)
    count, steps = _count(controller, Requirement), controller.undo_stack.count()
    assert not page.files.import_csv("requirements")
    assert failed == ["That requirement no longer exists."]
    assert _count(controller, Requirement) == count - 1  # the removal only: FL-132 is not in
    assert controller.undo_stack.count() == steps + 1
    assert (
        controller.session.scalars(
            select(Requirement).where(Requirement.reference == "FL-132")
        ).all()
        == []
    )


def _shown_titles(page) -> list[str]:
    """The Requirement column as the PM reads it in the table."""
    model = page.requirements.model
    column = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == "Requirement"
    )
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_a_workbook_with_several_sheets_asks_which_and_a_refusal_imports_nothing(
    page, controller, tmp_path, monkeypatch, errors
):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Issues"
    for row in (["Summary", "Issue key"], ["Offline sheets", "XL-1"]):
        book.active.append(row)
    notes = book.create_sheet("Notes")
    notes.append(["Anything"])
    notes.append(["else"])
    path = tmp_path / "issues.xlsx"
    book.save(path)
    asked = []

    def choose(_parent, message, sheets):
        asked.append((message, sheets))
        return None if len(asked) == 1 else "Issues"

    monkeypatch.setattr("pmdesk.gui.import_preview.choose_sheet", choose)
    monkeypatch.setattr(
        "pmdesk.workspaces.requirements.qt.dialogs.review_requirements_import", lambda *_a: True
    )
    assert not page.files.import_csv("requirements", path)  # the PM cancels the question
    assert _count(controller, Requirement) == 16
    assert asked[0] == (
        "“issues.xlsx” has 2 sheets with data (“Issues”, “Notes”); choose the one to import.",
        ["Issues", "Notes"],
    )
    assert page.files.import_csv("requirements", path)
    assert _count(controller, Requirement) == 17
    assert errors == []


def test_a_50000_row_export_shows_progress_and_cancelling_changes_nothing(
    qtbot, page, controller, tmp_path, monkeypatch
):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

    from pmdesk.interchange.project_json import dump_project

    lines = ["Summary,Issue key,Status,Priority"]
    lines += [f"Issue {n},BIG-{n},En cours,Moyenne" for n in range(50_000)]
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(
        "pmdesk.workspaces.requirements.qt.dialogs.review_requirements_import",
        lambda *_a: pytest.fail("a cancelled import shows no preview"),
    )
    before = dump_project(controller.session)
    seen: dict[str, int] = {}
    # Hold the reader once it is under way until the PM has pressed Cancel, so the test does
    # not race a machine fast enough to read 50,000 rows before anyone could click.
    from pmdesk.gui import import_preview

    pressed = threading.Event()
    report = import_preview._ImportWorker._progress

    def held(worker, done: int, total: int) -> None:
        report(worker, done, total)
        if done:
            pressed.wait(10)

    monkeypatch.setattr(import_preview._ImportWorker, "_progress", held)

    def cancel_once_under_way() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog) and widget.isVisible() and widget.value() > 0:
                seen["maximum"], seen["value"] = widget.maximum(), widget.value()
                qtbot.mouseClick(widget.findChild(QPushButton), Qt.MouseButton.LeftButton)
                pressed.set()
                return
        QTimer.singleShot(20, cancel_once_under_way)

    QTimer.singleShot(20, cancel_once_under_way)
    assert not page.files.import_csv("requirements", path)
    assert seen["maximum"] == 50_000 and 0 < seen["value"] < 50_000
    assert dump_project(controller.session) == before
    assert controller.undo_stack.count() == 0
