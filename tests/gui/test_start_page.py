"""The start page: File › Close, and a start without a file, show the recent projects and the
ways to begin instead of an untitled project; everything on it works with the mouse and the keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from pmdesk.domain.project import get_project
from pmdesk.gui import dialogs
from pmdesk.gui.main_window import MainWindow
from pmdesk.gui.start_page import NOT_FOUND, StartPage
from tests.support import double_click

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def answers(monkeypatch):
    said: dict[str, list] = {"save_changes": [], "errors": []}

    def ask_save(_parent, name):
        said["save_changes"].append(name)
        return said.get("answer", dialogs.Answer.DISCARD)

    monkeypatch.setattr(dialogs, "ask_save_changes", ask_save)
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, text: said["errors"].append(text))
    return said


@pytest.fixture
def window(qtbot, answers):
    QSettings().remove("recentFiles")
    QSettings().remove("recentOpenedAt")
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    yield window
    window.close()


def _copy(sample_file: Path, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    target.write_bytes(sample_file.read_bytes())
    return target


def _row_centre(page: StartPage, row: int):
    item = page.recent.topLevelItem(row)
    return page.recent.visualItemRect(item).center()


def _start_page(window) -> StartPage:
    assert window.controller is None
    page = window.stack.currentWidget()
    assert isinstance(page, StartPage) and page.isVisible()
    return page


def test_close_shows_the_start_page_with_the_project_just_closed(qtbot, window, sample_file):
    assert window.open_project(sample_file)
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)  # File › Close
    page = _start_page(window)
    assert not window.navigation.isVisible()
    assert window.windowTitle() == "PM Desk"
    item = page.recent.topLevelItem(0)
    assert [item.text(0), item.text(1)] == ["sample", str(sample_file.parent)]
    assert item.text(2).startswith("Today ")
    save = next(a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "&Save")
    assert not save.isEnabled()  # nothing to save
    assert page.recent.hasFocus()  # the keyboard starts on the most recent project


def test_close_with_unsaved_changes_asks_and_cancel_keeps_the_project(window, answers, sample_file):
    window.open_project(sample_file)
    window.show_workspace("overview").ui.vision.setPlainText("Unsaved thought")
    answers["answer"] = dialogs.Answer.CANCEL
    window.close_project()
    assert answers["save_changes"] == ["sample.pmdb"]
    assert window.controller is not None
    assert get_project(window.controller.session).vision == "Unsaved thought"


def test_a_click_on_a_recent_project_opens_it(qtbot, window, sample_file, tmp_path):
    first = _copy(sample_file, tmp_path / "a", "Alpha.pmdb")
    second = _copy(sample_file, tmp_path / "b", "Beta.pmdb")
    for path in (first, second):
        window.open_project(path)
    window.close_project()
    page = _start_page(window)
    assert [page.recent.topLevelItem(r).text(0) for r in range(2)] == ["Beta", "Alpha"]
    qtbot.mouseClick(page.recent.viewport(), Qt.MouseButton.LeftButton, pos=_row_centre(page, 1))
    assert window.controller.document.path == first
    assert window.navigation.isVisible()
    assert window.windowTitle().startswith("Alpha")


def test_the_keyboard_reaches_the_list_and_enter_opens(qtbot, window, sample_file, tmp_path):
    first = _copy(sample_file, tmp_path / "a", "Alpha.pmdb")
    second = _copy(sample_file, tmp_path / "b", "Beta.pmdb")
    for path in (first, second):
        window.open_project(path)
    window.close_project()
    page = _start_page(window)
    page.new_button.setFocus()
    for _ in range(3):  # New, Open, Open Sample, then the list
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert page.recent.hasFocus()
    qtbot.keyClick(page.recent, Qt.Key.Key_Down)
    qtbot.keyClick(page.recent, Qt.Key.Key_Return)
    assert window.controller.document.path == first


def test_a_missing_file_is_greyed_not_opened_and_can_be_removed(
    qtbot, window, answers, sample_file, tmp_path
):
    gone = _copy(sample_file, tmp_path / "old", "Gone.pmdb")
    kept = _copy(sample_file, tmp_path / "new", "Kept.pmdb")
    for path in (gone, kept):
        window.open_project(path)
    window.close_project()
    gone.unlink()
    window.new_project()
    window.close_project()
    page = _start_page(window)
    missing = page.recent.topLevelItem(1)
    assert missing.text(0) == "Gone" and missing.text(2) == NOT_FOUND
    normal = page.recent.topLevelItem(0).foreground(0).color()
    assert missing.foreground(0).color() != normal  # greyed
    double_click(page.recent.viewport(), _row_centre(page, 1))
    assert window.controller is None and answers["errors"] == []  # nothing to open, no error
    assert page.recent.currentItem() is missing
    qtbot.keyClick(page.recent, Qt.Key.Key_Delete)
    assert [
        page.recent.topLevelItem(r).text(0) for r in range(page.recent.topLevelItemCount())
    ] == ["Kept"]
    assert window.recent_files() == [str(kept)]
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert window.recent_files() == []
    assert kept.read_bytes() == sample_file.read_bytes()  # the list forgets; files stay
    assert page.empty.isVisible() and not page.recent.isVisible()


def test_new_project_and_open_sample_buttons(qtbot, window):
    window.close_project()
    page = _start_page(window)
    qtbot.mouseClick(page.sample_button, Qt.MouseButton.LeftButton)
    assert get_project(window.controller.session).name == "FieldLoop"
    assert window.controller.document.path is None  # an untitled copy: Save asks where
    assert not window.isWindowModified()
    window.close_project()
    qtbot.mouseClick(_start_page(window).new_button, Qt.MouseButton.LeftButton)
    assert get_project(window.controller.session).name == "Untitled product"
    assert window.controller.document.path is None


def test_open_button_asks_for_a_file(qtbot, window, monkeypatch, sample_file):
    window.close_project()
    monkeypatch.setattr(dialogs, "choose_file_to_open", lambda *_args: sample_file)
    qtbot.mouseClick(_start_page(window).open_button, Qt.MouseButton.LeftButton)
    assert window.controller.document.path == sample_file


def test_starting_without_a_file_shows_the_start_page(qtbot, monkeypatch, answers):
    from pmdesk.gui import app

    monkeypatch.setattr("pmdesk.gui.sharing.offer_recovery", lambda _window: False)
    window = app.show_main_window(None)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: isinstance(window.stack.currentWidget(), StartPage))
    assert window.controller is None
    window.close()


def test_starting_on_a_file_opens_it_and_keeps_one_working_copy(qtbot, monkeypatch, sample_file):
    from pmdesk.gui import app
    from pmdesk.store.paths import working_dir

    monkeypatch.setattr("pmdesk.gui.sharing.offer_recovery", lambda _window: False)
    before = set(working_dir().glob("*.pmdb"))
    window = app.show_main_window(sample_file)  # the file is copied in while the code loads
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.controller is not None)
    assert window.controller.document.path == sample_file
    assert get_project(window.controller.session).name == "FieldLoop"
    assert set(working_dir().glob("*.pmdb")) == before | {window.controller.document.working_path}
    window.close()
    assert set(working_dir().glob("*.pmdb")) == before


def test_starting_on_a_file_that_is_not_a_project_says_so_on_the_start_page(
    qtbot, monkeypatch, answers, tmp_path
):
    from pmdesk.gui import app
    from pmdesk.store.paths import working_dir

    monkeypatch.setattr("pmdesk.gui.sharing.offer_recovery", lambda _window: False)
    notes = tmp_path / "notes.pmdb"
    notes.write_bytes(b"meeting notes, not a project")
    before = set(working_dir().glob("*.pmdb"))
    window = app.show_main_window(notes)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(answers["errors"]))
    assert isinstance(window.stack.currentWidget(), StartPage)
    assert answers["errors"] == [
        "“notes.pmdb” is not a PM Desk project (it is not a database file)."
    ]
    assert window.controller is None
    assert set(working_dir().glob("*.pmdb")) == before
    assert notes.read_bytes() == b"meeting notes, not a project"
    window.close()


def test_the_start_page_fits_1024_by_700(qtbot, window, sample_file, tmp_path):
    for index in range(10):
        window.open_project(_copy(sample_file, tmp_path / f"deep/folder/{index}", f"P{index}.pmdb"))
    window.close_project()
    page = _start_page(window)
    QApplication.processEvents()
    for widget in [*page.findChildren(QAbstractButton), *page.findChildren(QLabel)]:
        if widget.isVisible():
            assert widget.width() >= widget.sizeHint().width(), widget.text()
            assert page.rect().contains(QRect(widget.mapTo(page, QPoint(0, 0)), widget.size()))
    header = page.recent.header()
    for column in (0, 2):
        assert header.sectionSize(column) >= header.sectionSizeHint(column)
    assert page.recent.visualItemRect(page.recent.topLevelItem(0)).height() > 0
