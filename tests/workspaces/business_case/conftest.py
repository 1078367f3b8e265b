"""The Business case page on the sample project, and what it takes to prove nothing changed."""

from __future__ import annotations

import pytest

from pmdesk.gui.document import DocumentController
from pmdesk.interchange.project_json import dump_project, to_text
from pmdesk.store.document import Document
from pmdesk.workspaces.business_case.qt.page import BusinessCasePage


@pytest.fixture
def controller(sample_document):
    controller = DocumentController(sample_document)
    controller.messages = []
    controller.failed.connect(controller.messages.append)
    return controller


@pytest.fixture
def page(qtbot, controller):
    page = BusinessCasePage(controller)
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def read_only_page(qtbot, sample_file):
    document = Document.open(sample_file, read_only=True)
    controller = DocumentController(document)
    page = BusinessCasePage(controller)
    qtbot.addWidget(page)
    yield page
    document.close()


def project_text(controller) -> str:
    """The whole project as its dump: equal before and after means nothing was written."""
    controller.session.expire_all()
    return to_text(dump_project(controller.session))
