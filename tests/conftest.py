"""Test settings shared by the whole suite: headless Qt, and no user folder is ever touched."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

# Before any QApplication exists: tests never need a display.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
# Working copies, backups and QSettings go to a throwaway folder, never the developer's own.
_SANDBOX = Path(tempfile.mkdtemp(prefix="pmdesk-tests-"))
os.environ["PMDESK_DATA_DIR"] = str(_SANDBOX / "data")
os.environ["XDG_CONFIG_HOME"] = str(_SANDBOX / "config")
os.environ["XDG_CACHE_HOME"] = str(_SANDBOX / "cache")

from pmdesk.interchange.project_json import load_project  # noqa: E402
from pmdesk.interchange.sample import sample_data  # noqa: E402
from pmdesk.store.document import Document  # noqa: E402

if TYPE_CHECKING:
    from pmdesk.gui.main_window import MainWindow


@pytest.fixture
def sample_file(tmp_path: Path) -> Path:
    """The bundled sample project, saved as a .pmdb in a fresh folder."""
    document = Document.new()
    try:
        load_project(document.session, sample_data(), "the sample")
        return document.save(tmp_path / "sample.pmdb")
    finally:
        document.close()


@pytest.fixture
def sample_document(sample_file: Path) -> Iterator[Document]:
    """The sample project, open for editing; closed after the test."""
    document = Document.open(sample_file)
    yield document
    document.close()


@pytest.fixture
def window(qtbot, sample_document: Document, monkeypatch) -> Iterator[MainWindow]:
    """The main window on the sample project, at 1024×700, active; closing it discards edits.

    A test module that needs another window defines its own ``window``."""
    from pmdesk.gui import dialogs
    from pmdesk.gui.document import DocumentController
    from pmdesk.gui.main_window import MainWindow

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
