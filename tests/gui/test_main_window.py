"""The main window's document lifecycle, as a product manager meets it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from pmdesk.domain.project import get_project
from pmdesk.gui import dialogs
from pmdesk.gui.main_window import MainWindow
from tests.support import read_only_folder, snapshot


class Answers:
    """Stands in for every modal dialog and records what the window asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.save_changes = dialogs.Answer.CANCEL
        self.save_as_path: Path | None = None
        self.open_path: Path | None = None
        self.errors: list[str] = []
        self.asked: list[str] = []
        monkeypatch.setattr(dialogs, "ask_save_changes", self._ask_save_changes)
        monkeypatch.setattr(
            dialogs, "show_error", lambda _p, _t, message: self.errors.append(message)
        )
        monkeypatch.setattr(dialogs, "choose_file_to_save", self._choose_save)
        monkeypatch.setattr(dialogs, "choose_file_to_open", lambda _p, _f: self.open_path)

    def _ask_save_changes(self, _parent, name: str) -> dialogs.Answer:
        self.asked.append(name)
        return self.save_changes

    def _choose_save(self, _parent, _suggestion: str) -> Path | None:
        self.asked.append("save as")
        return self.save_as_path


@pytest.fixture
def answers(monkeypatch) -> Answers:
    return Answers(monkeypatch)


@pytest.fixture
def window(qtbot, answers):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    yield window
    answers.save_changes = dialogs.Answer.DISCARD
    window.close()


def _edit_vision(window: MainWindow, text: str) -> None:
    page = window.show_workspace("overview")
    page.ui.vision.setPlainText(text)


def test_title_names_the_file_and_marks_unsaved_changes(window, sample_file):
    assert window.open_project(sample_file)
    assert window.windowTitle() == "sample.pmdb[*] — PM Desk"
    assert not window.isWindowModified()
    _edit_vision(window, "Sharper vision")
    assert window.isWindowModified()
    assert window.save()
    assert not window.isWindowModified()
    assert window.windowFilePath() in ("", str(sample_file))


def test_undo_back_to_the_saved_state_clears_the_marker(window, sample_file):
    window.open_project(sample_file)
    _edit_vision(window, "Sharper vision")
    window.undo_action.trigger()
    assert not window.isWindowModified()
    assert get_project(window.controller.session).vision.startswith("Every trade contractor")


def test_closing_with_changes_asks_and_cancel_keeps_everything(window, answers, sample_file):
    window.open_project(sample_file)
    _edit_vision(window, "Unsaved idea")
    answers.save_changes = dialogs.Answer.CANCEL
    assert not window.close()
    assert answers.asked == ["sample.pmdb"]
    assert get_project(window.controller.session).vision == "Unsaved idea"


def test_closing_with_save_writes_the_file(window, answers, sample_file):
    window.open_project(sample_file)
    _edit_vision(window, "Saved on the way out")
    answers.save_changes = dialogs.Answer.SAVE
    assert window.close()
    assert b"Saved on the way out" in sample_file.read_bytes()


def test_opening_another_file_asks_about_changes_first(window, answers, sample_file, tmp_path):
    window.open_project(sample_file)
    _edit_vision(window, "Unsaved idea")
    other = Path(window.controller.document.save(tmp_path / "other.pmdb"))
    window.controller.undo_stack.resetClean()
    answers.save_changes = dialogs.Answer.CANCEL
    assert not window.open_project(other)
    assert answers.asked == ["other.pmdb"]


def test_a_bad_file_shows_the_reason_and_keeps_the_open_project(
    window, answers, sample_file, tmp_path
):
    window.open_project(sample_file)
    bad = tmp_path / "empty.pmdb"
    bad.write_bytes(b"")
    assert not window.open_project(bad)
    assert answers.errors == ["“empty.pmdb” is empty (0 bytes), so it is not a PM Desk project."]
    assert window.controller.document.path == sample_file
    assert bad.read_bytes() == b""


def test_a_read_only_file_shows_a_banner_and_save_offers_save_as(
    window, answers, sample_file, tmp_path
):
    before = snapshot(sample_file)
    with read_only_folder(sample_file.parent):
        window.open_project(sample_file)
    assert window.banner.isVisible()
    assert window.banner.text().startswith("Read-only — ")
    assert "(read-only)" in window.windowTitle()
    answers.save_as_path = tmp_path / "mine.pmdb"
    assert window.save()
    assert answers.asked == ["save as"]
    assert (tmp_path / "mine.pmdb").exists()
    assert not window.banner.isVisible()
    assert snapshot(sample_file) == before


def test_after_save_as_a_read_only_project_can_be_edited_at_once(
    qtbot, window, answers, sample_file, tmp_path
):
    with read_only_folder(sample_file.parent):
        window.open_project(sample_file)
    page = window.show_workspace("overview")
    assert page.ui.vision.isReadOnly()
    answers.save_as_path = tmp_path / "mine.pmdb"
    assert window.save()
    page = window.show_workspace("overview")
    assert not page.ui.vision.isReadOnly()
    page.ui.vision.setFocus()
    qtbot.keyClicks(page.ui.vision, " Soon.")
    page.ui.vision.clearFocus()
    assert window.controller is not None and window.controller.undo_stack.count() >= 1
    assert window.isWindowModified()


def test_a_failed_save_says_why_and_keeps_the_changes_marked(
    window, answers, sample_file, tmp_path
):
    window.open_project(sample_file)
    _edit_vision(window, "Keep me")
    answers.save_as_path = tmp_path / "missing" / "x.pmdb"
    assert not window.save_as()
    assert answers.errors and "does not exist" in answers.errors[0]
    assert window.isWindowModified()


def test_recent_files_are_remembered_most_recent_first(window, sample_file, tmp_path):
    other = tmp_path / "other.pmdb"
    other.write_bytes(sample_file.read_bytes())
    window.open_project(sample_file)
    window.open_project(other)
    assert window.recent_files()[:2] == [str(other), str(sample_file)]
    window.recent_menu.aboutToShow.emit()
    titles = [action.text() for action in window.recent_menu.actions()]
    assert titles[:2] == [str(other), str(sample_file)]


def test_dropping_a_project_on_the_window_opens_it(window, sample_file):
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(sample_file))])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.controller.document.path == sample_file


def test_window_size_is_remembered(qtbot, answers):
    first = MainWindow()
    qtbot.addWidget(first)
    first.resize(780, 560)  # within the offscreen screen (800x600)
    first.show()
    first.close()
    second = MainWindow()
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (780, 560)
    second.close()


def test_new_project_starts_untitled(window, answers, sample_file):
    window.open_project(sample_file)
    window.new_project()
    assert window.windowTitle() == "Untitled[*] — PM Desk"
    assert get_project(window.controller.session).name == "Untitled product"
