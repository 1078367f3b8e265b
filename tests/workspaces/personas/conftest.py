"""The Personas page on the sample project."""

from __future__ import annotations

import pytest

from pmdesk.gui.document import DocumentController
from pmdesk.store.document import Document
from pmdesk.workspaces.personas.qt.page import PersonasPage


@pytest.fixture
def controller(sample_document):
    controller = DocumentController(sample_document)
    controller.messages = []
    controller.failed.connect(controller.messages.append)
    return controller


@pytest.fixture
def page(qtbot, controller):
    page = PersonasPage(controller)
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def read_only_page(qtbot, sample_file):
    document = Document.open(sample_file, read_only=True)
    controller = DocumentController(document)
    controller.messages = []
    controller.failed.connect(controller.messages.append)
    page = PersonasPage(controller)
    qtbot.addWidget(page)
    yield page
    document.close()
