"""Preferences (Edit › Preferences, Ctrl+,): typed values are kept, Cancel keeps the old ones,
new projects and briefings start from them, and a bad template is refused with a sentence."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from pmdesk.briefing.model import Briefing
from pmdesk.briefing.qt import dialogs as briefing_dialogs
from pmdesk.briefing.qt.page import BriefingPage
from pmdesk.gui import dialogs, preferences
from pmdesk.gui.document import DocumentController
from pmdesk.gui.main_window import MainWindow
from pmdesk.preferences import DEFAULT_STALE_DAYS, Preferences
from pmdesk.store import lock
from pmdesk.store.document import Document
from pmdesk.workspaces.competition import cards
from pmdesk.workspaces.competition.model import DEFAULT_STALE_AFTER_DAYS
from pmdesk.workspaces.roadmap.edit import fiscal_year_start

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def fresh_preferences():
    """Every test starts from the defaults, and leaves none of its own behind."""
    QSettings().remove(preferences.GROUP)
    yield
    QSettings().remove(preferences.GROUP)
    lock.set_user_name("")


@pytest.fixture
def window(qtbot, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_args: dialogs.Answer.DISCARD)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    yield window
    window.close()


@pytest.fixture
def good_template(tmp_path) -> Path:
    path = tmp_path / "house style.docx"
    document = docx.Document()
    document.add_paragraph("House style")
    document.save(str(path))
    return path


def _run_dialog(qtbot, monkeypatch, script):
    """Let Edit › Preferences show its dialog, and play ``script`` on it instead of waiting."""
    seen: list[preferences.PreferencesDialog] = []

    def exec_(dialog):
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        seen.append(dialog)
        script(dialog)
        return dialog.result()

    monkeypatch.setattr(preferences.PreferencesDialog, "exec", exec_)
    return seen


def _click(qtbot, dialog, which) -> None:
    qtbot.mouseClick(dialog.buttons.button(which), Qt.MouseButton.LeftButton)


def test_ctrl_comma_opens_preferences_and_typed_values_are_kept(qtbot, window, monkeypatch):
    def type_them(dialog):
        qtbot.mouseClick(dialog.user_name, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(dialog.user_name, "Dana Whitfield")
        qtbot.keyClick(dialog.user_name, Qt.Key.Key_Tab)  # on to the fiscal year start
        assert dialog.fiscal_start.hasFocus()
        qtbot.keyClicks(dialog.fiscal_start, "Oct")
        qtbot.keyClick(dialog.fiscal_start, Qt.Key.Key_Tab)
        assert dialog.stale_days.hasFocus()
        qtbot.keyClick(dialog.stale_days, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(dialog.stale_days, "90")  # typed, never confirmed with Enter
        _click(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)

    seen = _run_dialog(qtbot, monkeypatch, type_them)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert len(seen) == 1
    assert "Pre&ferences…" in [a.text() for a in window.edit_menu.actions()]

    stored = preferences.load()
    assert stored == Preferences("Dana Whitfield", 10, 90, "")
    reopened = _run_dialog(
        qtbot, monkeypatch, lambda d: _click(qtbot, d, QDialogButtonBox.StandardButton.Cancel)
    )
    window.preferences_action.trigger()
    dialog = reopened[0]
    assert dialog.user_name.text() == "Dana Whitfield"
    assert dialog.fiscal_start.currentText() == "October"
    assert dialog.stale_days.value() == 90


def test_cancel_keeps_the_old_preferences(qtbot, window, monkeypatch):
    preferences.save(Preferences("Dana", 4, 30, ""))

    def change_and_cancel(dialog):
        dialog.user_name.selectAll()
        qtbot.keyClicks(dialog.user_name, "Someone else")
        qtbot.keyClicks(dialog.fiscal_start, "Dec")
        _click(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)

    _run_dialog(qtbot, monkeypatch, change_and_cancel)
    window.preferences_action.trigger()
    assert preferences.load() == Preferences("Dana", 4, 30, "")


def test_a_new_project_starts_with_the_preferred_fiscal_year_and_stale_age(qtbot, window):
    assert fiscal_year_start(window.controller.session) == 1
    assert DEFAULT_STALE_DAYS == DEFAULT_STALE_AFTER_DAYS  # the two defaults agree
    preferences.save(Preferences("", 7, 45, ""))
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # File › New
    session = window.controller.session
    assert fiscal_year_start(session) == 7
    assert cards.settings(session).stale_after_days == 45
    assert not window.isWindowModified()  # where it starts is not an edit to save or undo
    assert not window.controller.undo_stack.canUndo()
    page = window.show_workspace("competition")
    assert page.matrix.stale_days.value() == 45


def test_a_bad_template_is_refused_with_a_sentence_and_the_old_one_stays(
    qtbot, window, monkeypatch, tmp_path, good_template
):
    preferences.save(Preferences("", 1, 180, str(good_template)))
    bad = tmp_path / "not really.docx"
    bad.write_text("just text", encoding="utf-8")
    monkeypatch.setattr(briefing_dialogs, "choose_briefing_template", lambda *_args: bad)

    def choose_bad(dialog):
        qtbot.mouseClick(dialog.choose_template, Qt.MouseButton.LeftButton)
        assert dialog.problem.isVisible()
        assert "not really.docx" in dialog.problem.text()
        assert "stays as it was" in dialog.problem.text()
        assert dialog.template_name.text() == "house style.docx"
        _click(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)

    seen = _run_dialog(qtbot, monkeypatch, choose_bad)
    window.preferences_action.trigger()
    assert seen[0].result() == QDialog.DialogCode.Accepted
    assert preferences.load().briefing_template == str(good_template)


def test_a_new_briefing_takes_the_preferred_template_and_author(qtbot, good_template):
    preferences.save(Preferences("Dana Whitfield", 1, 180, str(good_template)))
    controller = DocumentController(Document.new())
    page = BriefingPage(controller)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    briefing = controller.session.get(Briefing, page.briefing_id)
    assert briefing.author == "Dana Whitfield"
    assert briefing.template_name == "house style.docx"
    assert briefing.template_docx  # the bytes are in the project, not a path
    good_template.unlink()  # the project does not need the file any more
    assert page.lines["author"].text() == "Dana Whitfield"
    controller.close()


def test_a_template_gone_since_is_said_and_the_briefing_made_without_it(qtbot, good_template):
    preferences.save(Preferences("", 1, 180, str(good_template)))
    good_template.unlink()
    controller = DocumentController(Document.new())
    told: list[str] = []
    controller.failed.connect(told.append)
    page = BriefingPage(controller)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    briefing = controller.session.get(Briefing, page.briefing_id)
    assert briefing.template_docx == ""
    assert len(told) == 1 and "cannot be found" in told[0] and "Preferences" in told[0]
    controller.close()


def test_the_lock_note_names_the_person_from_preferences(sample_file):
    preferences.save(Preferences("Dana Whitfield", 1, 180, ""))
    document = Document.open(sample_file)
    try:
        note = json.loads(lock.lock_path(sample_file).read_text(encoding="utf-8"))
        assert note["user"] == "Dana Whitfield"
    finally:
        document.close()


def test_preferences_out_of_range_are_refused_with_a_sentence():
    with pytest.raises(Exception, match="from 1 to 3650 days, not 0"):
        Preferences(stale_after_days=0).checked()
    with pytest.raises(Exception, match="month from 1 to 12, not 13"):
        Preferences(fiscal_year_start=13).checked()
    assert Preferences(user_name="  Dana   W ").checked().user_name == "Dana W"
