"""The briefing page shows the pages before exporting: through LibreOffice and pdftoppm in the
background where they are installed, as an outline with an honest sentence where not, and
either way cancellable and never blocking the page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from pmdesk.briefing import preview
from pmdesk.briefing.qt.page import BriefingPage
from pmdesk.gui.document import DocumentController
from tests.support import system_tool


@pytest.fixture
def page(qtbot, sample_document):
    page = BriefingPage(DocumentController(sample_document))
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    yield page
    if page.preview_window is not None:
        page.preview_window.panel.cancel()
        page.preview_window.close()


def test_the_pages_are_shown_as_libreoffice_lays_them_out(qtbot, page):
    system_tool("soffice", "libreoffice", package="libreoffice-writer-nogui")
    system_tool("pdftoppm", package="poppler-utils")
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    panel = page.preview_window.panel
    assert panel.running and panel.cancel_button.isEnabled()  # the page is free meanwhile
    assert page.export_button.isEnabled()
    with qtbot.waitSignal(panel.finished, timeout=300_000) as done:
        pass
    assert done.args == ["pages"], panel.status.text()
    assert panel.page_count >= 10
    shown = panel.pages.findChildren(QLabel, "previewPage")
    assert len(shown) == panel.page_count and not shown[0].pixmap().isNull()
    assert "pages, as LibreOffice lays them out" in panel.status.text()


def test_without_libreoffice_the_outline_is_shown_and_said_why(qtbot, page, monkeypatch):
    monkeypatch.setattr(preview.shutil, "which", lambda name: None)
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    panel = page.preview_window.panel
    assert panel.status.text() == "Install LibreOffice to see the pages; here is the outline."
    outline = panel.pages.findChild(QLabel, "previewOutline").text()
    assert outline.startswith("1. Title page\n2. Contents\n3. Executive summary\n")
    assert "Roadmap" in outline and "Competitive landscape" in outline
    assert not panel.running


def test_the_preview_can_be_cancelled_while_it_is_made(qtbot, page, monkeypatch):
    monkeypatch.setattr(preview, "find_tools", lambda: preview.Tools("/bin/sleep", "/bin/true"))
    monkeypatch.setattr(preview, "convert_arguments", lambda *args: ["30"])
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    panel = page.preview_window.panel
    qtbot.waitUntil(lambda: panel.process is not None, timeout=120_000)  # "converting"
    with qtbot.waitSignal(panel.finished, timeout=10_000) as done:
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert done.args == ["cancelled"]
    assert panel.status.text() == "Preview cancelled." and not panel.running


def test_a_conversion_that_writes_no_pdf_says_so(qtbot, page, monkeypatch):
    monkeypatch.setattr(preview, "find_tools", lambda: preview.Tools("/bin/true", "/bin/true"))
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    panel = page.preview_window.panel
    with qtbot.waitSignal(panel.finished, timeout=120_000) as done:
        pass
    assert done.args == ["outline"]
    assert panel.status.text() == (
        "LibreOffice could not convert the briefing; here is the outline."
    )
