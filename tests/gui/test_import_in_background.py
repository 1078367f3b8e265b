"""The stakeholder and matrix imports read a big file off the UI thread behind the same
progress dialog as the requirements import: Cancel stops it and the project is unchanged."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from pmdesk.gui import dialogs, import_preview
from pmdesk.gui.document import DocumentController
from pmdesk.interchange.project_json import dump_project
from pmdesk.workspaces.competition.qt.page import CompetitionPage
from pmdesk.workspaces.stakeholders.qt.page import StakeholdersPage

ROWS = 20_000  # big enough for the progress dialog to show at once


@pytest.fixture
def controller(sample_document):
    return DocumentController(sample_document)


def _hold_until_cancelled(qtbot, monkeypatch) -> dict[str, int]:
    """Hold the reader once under way until Cancel is pressed, so no machine outruns the click."""
    pressed = threading.Event()
    report = import_preview._ImportWorker._progress
    seen: dict[str, int] = {}

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
    return seen


def test_a_big_stakeholder_register_shows_progress_and_cancel_changes_nothing(
    qtbot, controller, tmp_path, monkeypatch
):
    page = StakeholdersPage(controller)
    qtbot.addWidget(page)
    path = tmp_path / "register.csv"
    lines = ["First name,Last name,Influence,Interest"]
    lines += [f"Person,Number {n},High,Low" for n in range(ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(
        "pmdesk.workspaces.stakeholders.qt.dialogs.review_stakeholder_import",
        lambda *_a: pytest.fail("a cancelled import shows no preview"),
    )
    before = dump_project(controller.session)
    seen = _hold_until_cancelled(qtbot, monkeypatch)
    assert page.import_csv(path) == 0
    assert seen["maximum"] == ROWS and 0 < seen["value"] < ROWS
    assert dump_project(controller.session) == before
    assert controller.undo_stack.count() == 0


def test_a_big_feature_matrix_shows_progress_and_cancel_changes_nothing(
    qtbot, controller, tmp_path, monkeypatch
):
    page = CompetitionPage(controller)
    qtbot.addWidget(page)
    path = tmp_path / "features.csv"
    lines = [",Us,Rival"] + [f"Feature {n},Y,N" for n in range(ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(dialogs, "choose_csv", lambda *_a: path)
    monkeypatch.setattr(
        "pmdesk.workspaces.competition.qt.dialogs.review_competition_import",
        lambda *_a: pytest.fail("a cancelled import shows no preview"),
    )
    before = dump_project(controller.session)
    seen = _hold_until_cancelled(qtbot, monkeypatch)
    qtbot.mouseClick(page.matrix.import_button, Qt.MouseButton.LeftButton)
    assert seen["maximum"] == ROWS and 0 < seen["value"] < ROWS
    assert dump_project(controller.session) == before
    assert controller.undo_stack.count() == 0


def test_a_stakeholder_file_read_in_the_background_imports_as_before(
    qtbot, controller, tmp_path, monkeypatch
):
    page = StakeholdersPage(controller)
    qtbot.addWidget(page)
    path = tmp_path / "register.csv"
    path.write_text(
        "First name,Last name,Influence,Interest\nAda,Brooks,High,Low\n", encoding="utf-8"
    )
    monkeypatch.setattr(
        "pmdesk.workspaces.stakeholders.qt.dialogs.review_stakeholder_import", lambda *_a: True
    )
    assert page.import_csv(path) == 1
    assert controller.undo_stack.count() == 1
