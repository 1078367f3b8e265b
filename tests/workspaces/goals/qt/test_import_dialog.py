"""Importing check-ins from a CSV file through the shared preview: the PM points each field at
its column, sees every row with its problems, and imports the good ones in one undo step."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from pmdesk.gui import dialogs
from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.goals.model import CheckIn, KeyResult
from pmdesk.workspaces.goals.qt import dialogs as ask
from pmdesk.workspaces.goals.qt.import_dialog import CheckInImportDialog
from pmdesk.workspaces.goals.qt.page import GoalsPage

TODAY = date(2026, 12, 1)
RATING = "Technician app store rating"
# Headers no field name guesses: the PM has to say which column is which.
CSV = (
    "Week,Stars,Comment\n"
    "2026-11-02,4.3,After the sync fix\n"
    "2026-11-09,4.4 stars,\n"
    "2026-11-16,4.5,\n"
)


@pytest.fixture
def controller(sample_document):
    return DocumentController(sample_document)


@pytest.fixture
def page(qtbot, controller):
    page = GoalsPage(controller, today=TODAY)
    page.resize(1024, 700)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def csv_file(tmp_path):
    path = tmp_path / "ratings.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def _select(qtbot, page, text):
    tree = page.tree
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        for j in range(top.childCount()):
            if top.child(j).text(0) == text:
                rect = tree.visualItemRect(top.child(j))
                qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
                return
    raise AssertionError(text)


def _stored(controller):
    controller.session.expire_all()
    query = (
        select(CheckIn.on_date, CheckIn.value, CheckIn.note)
        .join(KeyResult, CheckIn.key_result_id == KeyResult.id)
        .where(KeyResult.metric == RATING)
        .order_by(CheckIn.on_date)
    )
    return [tuple(row) for row in controller.session.execute(query)]


def _pick(qtbot, combo, header):
    """Choose a column in a field's box with the keyboard, as a person does."""
    combo.setFocus()
    while combo.currentText() != header:
        before = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentIndex() != before, f"{header} is not offered"


def test_the_pm_maps_the_columns_and_the_good_rows_come_in_as_one_undo_step(
    qtbot, page, controller, csv_file, monkeypatch
):
    before = _stored(controller)
    shown: list[CheckInImportDialog] = []

    def review(parent, review, title):
        dialog = CheckInImportDialog(review, title, parent)
        qtbot.addWidget(dialog)
        dialog.show()
        shown.append(dialog)
        assert not dialog.import_button.isEnabled()  # no column for Date or Value yet
        assert "no column for “Date”, “Value”" in dialog.summary.text()
        _pick(qtbot, dialog.single["on_date"], "Week")
        _pick(qtbot, dialog.single["value"], "Stars")
        _pick(qtbot, dialog.single["note"], "Comment")
        assert dialog.import_button.text() == "Import 2 Check-ins"
        bad = [row for row in dialog.rows() if row.problems]
        assert [row.line for row in bad] == [3] and "4.4 stars" in bad[0].problems[0]
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        return dialog.result() == CheckInImportDialog.DialogCode.Accepted

    monkeypatch.setattr(ask, "review_check_in_import", review)
    _select(qtbot, page, RATING)
    assert page.import_csv(csv_file) == 2
    added = sorted(set(_stored(controller)) - set(before))
    assert added == [(date(2026, 11, 2), 4.3, "After the sync fix"), (date(2026, 11, 16), 4.5, "")]
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert _stored(controller) == before


def test_cancelling_the_preview_adds_nothing(qtbot, page, controller, csv_file, monkeypatch):
    before = _stored(controller)
    monkeypatch.setattr(ask, "review_check_in_import", lambda *_args: False)
    _select(qtbot, page, RATING)
    assert page.import_csv(csv_file) == 0
    assert _stored(controller) == before and controller.undo_stack.count() == 0


def test_a_file_that_cannot_be_read_is_said_so_and_nothing_changes(
    qtbot, page, controller, tmp_path, monkeypatch
):
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"\x00\x01\x02 not a table")
    told: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, message: told.append(message))
    monkeypatch.setattr(ask, "review_check_in_import", lambda *_a: pytest.fail("no preview"))
    before = _stored(controller)
    _select(qtbot, page, RATING)
    assert page.import_csv(broken) == 0
    assert len(told) == 1 and told[0]
    assert _stored(controller) == before
