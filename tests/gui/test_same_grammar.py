"""The same grammar in every workspace: the actions sit in one row that overflows into "More",
adding comes first and says "Add", deleting says "Delete" and asks nothing, since Undo is there."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialog, QMenu, QMessageBox, QWidget
from sqlalchemy import func, select

from pmdesk.gui import dialogs
from pmdesk.gui.document import DocumentController
from pmdesk.gui.main_window import MainWindow
from pmdesk.gui.toolbar import OverflowRow
from pmdesk.gui.workspaces import WORKSPACES
from pmdesk.store.document import Document
from pmdesk.workspaces.decisions.model import Decision
from pmdesk.workspaces.launches.model import Launch

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

# The overview only reads what the others hold: it has no actions of its own.
NO_ACTIONS = {"overview"}
WORDS_OF_OTHER_GRAMMARS = ("New ", "Delete Selected", "Remove…", "Remove")


@pytest.fixture
def window(qtbot, sample_file, monkeypatch):
    # A question on the way to a delete fails the test; any other window is answered at once.
    monkeypatch.setattr(
        dialogs, "confirm", lambda *_a, **_k: pytest.fail("Undo is there: no question")
    )
    monkeypatch.setattr(QDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Cancel)
    monkeypatch.setattr(QMenu, "exec", lambda self, *args: None)
    window = MainWindow()
    qtbot.addWidget(window)
    window.use_controller(DocumentController(Document.open(sample_file)))
    window.resize(1300, 850)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def _top_row(page: QWidget) -> OverflowRow | None:
    """The visible action row nearest the top of the page."""
    rows = [row for row in page.findChildren(OverflowRow) if row.isVisible()]
    return min(rows, key=lambda row: row.mapTo(page, row.rect().topLeft()).y(), default=None)


@pytest.mark.parametrize("key", [w.key for w in WORKSPACES if w.page is not None])
def test_every_workspace_has_its_actions_in_one_row_with_add_first(window, key):
    page = window.show_workspace(key)
    buttons = page.findChildren(QAbstractButton)
    other = [b.text() for b in buttons if b.text().startswith(WORDS_OF_OTHER_GRAMMARS)]
    assert other == [], f"{key}: say Add and Delete, as every workspace does"
    row = _top_row(page)
    if key in NO_ACTIONS:
        return
    assert row is not None, f"{key}: its actions are not in a row that overflows"
    texts = [widget.text() for widget in row.widgets() if isinstance(widget, QAbstractButton)]
    assert texts, f"{key}: its action row holds no buttons"
    adds = [index for index, text in enumerate(texts) if text.startswith("Add ")]
    if adds:
        assert adds[0] == 0, f"{key}: {texts} — adding comes first"
        assert texts[0][4].isupper(), f"{key}: {texts[0]} — Title Case, like Add Stakeholder"


def _undo_by_keyboard(qtbot, window) -> None:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def test_a_decision_goes_on_delete_without_a_question_and_ctrl_z_brings_it_back(qtbot, window):
    page = window.show_workspace("decisions")
    session = window.controller.session
    before = session.scalar(select(func.count()).select_from(Decision))
    index = page.proxy.index(0, 1)
    question = index.data()
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert session.scalar(select(func.count()).select_from(Decision)) == before - 1
    shown = [page.proxy.index(row, 1).data() for row in range(page.proxy.rowCount())]
    assert question not in shown
    assert window.controller.undo_stack.undoText().startswith("Delete decision")
    _undo_by_keyboard(qtbot, window)
    assert session.scalar(select(func.count()).select_from(Decision)) == before
    shown = [page.proxy.index(row, 1).data() for row in range(page.proxy.rowCount())]
    assert question in shown


def test_a_launch_goes_on_delete_without_a_question_and_ctrl_z_brings_it_back(qtbot, window):
    page = window.show_workspace("launches")
    session = window.controller.session
    name = page.current_plan().launch.name
    before = session.scalar(select(func.count()).select_from(Launch))
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert session.scalar(select(func.count()).select_from(Launch)) == before - 1
    assert window.controller.undo_stack.undoText() == f"Delete launch {name}"
    _undo_by_keyboard(qtbot, window)
    assert session.scalar(select(func.count()).select_from(Launch)) == before
    names = session.scalars(select(Launch.name)).all()
    assert name in names
