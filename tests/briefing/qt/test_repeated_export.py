"""Export as often as you like: the "open it?" question never breaks the next export."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEventLoop, Qt, QTimer

from pmdesk.briefing.model import list_briefings, section_choices
from pmdesk.briefing.qt import actions
from pmdesk.briefing.qt.page import BriefingPage
from pmdesk.gui import dialogs
from pmdesk.gui.document import DocumentController

EXPORTS = 10


@pytest.fixture
def page(qtbot, sample_document):
    page = BriefingPage(DocumentController(sample_document))
    qtbot.addWidget(page)
    # One short section keeps ten exports quick; the thread's life is what is tested.
    briefing = list_briefings(page.controller.session)[0]
    choices = section_choices(briefing)
    keep = [choice for choice in choices if choice.key == "overview"] or choices[:1]
    assert actions.set_sections(page.controller, briefing.id, keep)
    yield page
    if page.export_thread is not None:
        page.export_thread.wait()


def _modal_answer(answer: bool, asked: list):
    """Stand in for the question box: like ``QMessageBox.exec()`` it runs a nested event loop
    while it is on screen, in which whatever the export thread still sends is delivered."""

    def ask(parent, path, warnings) -> bool:
        asked.append(path)
        loop = QEventLoop()
        QTimer.singleShot(30, loop.quit)
        loop.exec()
        return answer

    return ask


@pytest.mark.parametrize("open_it", [True, False], ids=["opened", "closed"])
def test_ten_exports_in_a_row_from_one_opening(qtbot, page, tmp_path, monkeypatch, open_it):
    asked: list = []
    opened: list = []
    errors: list = []
    monkeypatch.setattr(
        "pmdesk.briefing.qt.dialogs.ask_open_briefing", _modal_answer(open_it, asked)
    )
    monkeypatch.setattr(dialogs, "open_with_default_app", opened.append)
    monkeypatch.setattr(dialogs, "show_error", lambda *args: errors.append(args))
    for number in range(EXPORTS):
        target = tmp_path / f"briefing-{number}.docx"
        monkeypatch.setattr(
            "pmdesk.briefing.qt.dialogs.choose_briefing_file", lambda parent, s, t=target: t
        )
        assert page.export_button.isEnabled(), f"Export is disabled before export {number + 1}"
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda n=number: len(asked) == n + 1 and page.export_thread is None, timeout=20_000
        )
        assert target.exists()
    assert len(asked) == EXPORTS
    assert len(opened) == (EXPORTS if open_it else 0)
    assert errors == []
    assert page.export_button.isEnabled()
