"""macOS hands a double-clicked .pmdb to the running app as a QFileOpenEvent: it must open."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QFileOpenEvent, QUndoCommand
from PySide6.QtWidgets import QApplication

from pmdesk.gui import dialogs
from pmdesk.gui.file_open import install_file_open_handler
from pmdesk.gui.main_window import MainWindow
from pmdesk.store.document import Document
from tests.support import snapshot


@pytest.fixture
def asked(monkeypatch) -> dict[str, list[str]]:
    """Every dialog answered without blocking: unsaved changes are kept (Cancel)."""
    record: dict[str, list[str]] = {"errors": [], "save_changes": []}
    monkeypatch.setattr(
        dialogs, "show_error", lambda _parent, _title, message: record["errors"].append(message)
    )

    def ask_save_changes(_parent, name: str) -> dialogs.Answer:
        record["save_changes"].append(name)
        return dialogs.Answer.CANCEL

    monkeypatch.setattr(dialogs, "ask_save_changes", ask_save_changes)
    return record


@pytest.fixture
def window(qtbot, asked):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    install_file_open_handler(QApplication.instance(), window)
    yield window
    if window.controller is not None:
        window.controller.undo_stack.setClean()  # nothing to ask when the test closes it
    window.close()


def _project(folder: Path, name: str) -> Path:
    document = Document.new()
    try:
        return document.save(folder / name)
    finally:
        document.close()


def _finder_opens(target: Path | QUrl) -> None:
    """What macOS does on a double-click; the open itself is queued, so let it run."""
    event = QFileOpenEvent(target if isinstance(target, QUrl) else str(target))
    QApplication.sendEvent(QApplication.instance(), event)
    QApplication.processEvents()


def _open_path(window: MainWindow) -> Path | None:
    assert window.controller is not None
    return window.controller.document.path


def test_a_file_open_event_opens_the_project(window, asked, tmp_path):
    project = _project(tmp_path, "Q3 plan.pmdb")
    _finder_opens(project)
    assert _open_path(window) == project
    assert window.windowTitle().startswith("Q3 plan.pmdb")
    assert asked == {"errors": [], "save_changes": []}


def test_a_second_file_replaces_the_first(window, tmp_path):
    first, second = _project(tmp_path, "a.pmdb"), _project(tmp_path, "b.pmdb")
    _finder_opens(first)
    _finder_opens(second)
    assert _open_path(window) == second


def test_a_file_that_is_not_a_project_is_explained_and_nothing_changes(window, asked, tmp_path):
    project = _project(tmp_path, "kept.pmdb")
    _finder_opens(project)
    notes = tmp_path / "notes.pmdb"
    notes.write_text("meeting notes", encoding="utf-8")
    before = snapshot(notes)
    _finder_opens(notes)
    assert asked["errors"] == ["“notes.pmdb” is not a PM Desk project (it is not a database file)."]
    assert _open_path(window) == project
    assert snapshot(notes) == before


def test_unsaved_changes_are_asked_about_first_and_cancel_keeps_them(window, asked, tmp_path):
    current = _project(tmp_path, "current.pmdb")
    _finder_opens(current)
    assert window.controller is not None
    window.controller.undo_stack.push(QUndoCommand("an edit"))
    _finder_opens(_project(tmp_path, "other.pmdb"))
    assert asked["save_changes"] == ["current.pmdb"]
    assert _open_path(window) == current
    assert not window.controller.undo_stack.isClean()


def test_a_link_that_is_not_a_local_file_is_left_alone(window, asked):
    before = _open_path(window)
    _finder_opens(QUrl("https://example.com/plan.pmdb"))
    assert _open_path(window) == before
    assert asked == {"errors": [], "save_changes": []}


def test_at_launch_the_double_clicked_file_wins_over_the_start_page(
    qtbot, asked, tmp_path, monkeypatch
):
    """Finder launches the app with no argument and sends the file once the loop runs: the
    start-up step that shows the start page must not replace it."""
    from pmdesk.gui import app

    monkeypatch.setattr("pmdesk.gui.sharing.offer_recovery", lambda _window: False)
    project = _project(tmp_path, "double-clicked.pmdb")
    window = app.show_main_window(None)  # what run_app does before app.exec()
    qtbot.addWidget(window)
    install_file_open_handler(QApplication.instance(), window)
    QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(project)))
    qtbot.waitUntil(lambda: window.controller is not None and _open_path(window) == project)
    QApplication.processEvents()
    assert _open_path(window) == project
    assert asked == {"errors": [], "save_changes": []}
    window.close()
