"""Fixtures the window's tests share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pmdesk.gui import dialogs
from pmdesk.gui.document import DocumentController
from pmdesk.gui.main_window import MainWindow
from pmdesk.store.document import Document


@pytest.fixture
def window(qtbot, sample_document: Document, monkeypatch) -> Iterator[MainWindow]:
    """The main window on the sample project, at 1024×700, active; closing it discards edits.

    A test module that needs another window defines its own ``window``."""
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_args: dialogs.Answer.DISCARD)
    window = MainWindow()
    qtbot.addWidget(window)
    window.use_controller(DocumentController(sample_document))
    window.resize(1024, 700)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    yield window
    window.close()
