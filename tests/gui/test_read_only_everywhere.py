"""Read-only means read-only in every view: no field takes typing, no cell opens an editor, no
picture lets a mouse drag something, so nothing is offered that the project then refuses."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QGraphicsItem,
    QGraphicsView,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from pmdesk.gui import dialogs
from pmdesk.gui.document import DocumentController
from pmdesk.gui.main_window import MainWindow
from pmdesk.gui.workspaces import WORKSPACES
from pmdesk.store.document import Document
from tests.support import snapshot

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def window(qtbot, sample_file, monkeypatch):
    refused: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, message: refused.append(message))
    # Whatever a gesture opens is answered "Cancel" at once, never left on screen.
    monkeypatch.setattr(QDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Cancel)
    monkeypatch.setattr(QMenu, "exec", lambda self, *args: None)
    document = Document.open(sample_file, read_only=True)
    window = MainWindow()
    qtbot.addWidget(window)
    window.use_controller(DocumentController(document))
    window.resize(1300, 850)
    window.show()
    qtbot.waitExposed(window)
    window.refused = refused
    yield window
    window.close()


def _tab_states(page: QWidget) -> Iterator[str]:
    """Show every tab of every tab widget on the page in turn (nested ones included)."""
    yield "as opened"
    for tabs in page.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            yield f"{tabs.objectName() or 'tabs'} › {tabs.tabText(index)}"


def _shown(page: QWidget, kind: type) -> list:
    return [w for w in page.findChildren(kind) if w.isVisible() and w.isEnabled()]


def _try_typing(qtbot, page: QWidget) -> None:
    for field in _shown(page, QLineEdit):
        if field.isReadOnly() or isinstance(field.parent(), (QComboBox, QAbstractSpinBox)):
            continue
        field.setFocus()
        qtbot.keyClicks(field, "zq")
        qtbot.keyClick(field, Qt.Key.Key_Tab)
    for field in _shown(page, QPlainTextEdit) + _shown(page, QTextEdit):
        if field.isReadOnly():
            continue
        field.setFocus()
        qtbot.keyClicks(field, "zq")
        field.clearFocus()
    for box in _shown(page, QAbstractSpinBox):
        if box.isReadOnly():
            continue
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Up)
        qtbot.keyClick(box, Qt.Key.Key_Tab)
    for box in _shown(page, QCheckBox):
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)


def _editors_offered(page: QWidget) -> list[str]:
    """The table cells that would open an editor; a read-only table has none."""
    offered = []
    for view in _shown(page, QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        column = 0
        while (index := model.index(0, column)).isValid():
            column += 1
            if model.flags(index) & Qt.ItemFlag.ItemIsEditable:
                offered.append(f"{view.objectName() or type(view).__name__} column {column - 1}")
    return offered


def _movable(page: QWidget) -> list[str]:
    found = []
    for view in _shown(page, QGraphicsView):
        scene = view.scene()
        if scene is None:
            continue
        for item in scene.items():
            if item.isVisible() and item.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsMovable:
                found.append(f"{type(item).__name__} in {type(view).__name__}")
    return found


def _drag_some(qtbot, page: QWidget) -> None:
    """Press on a few things in every picture and drag them a good way."""
    for view in _shown(page, QGraphicsView):
        scene = view.scene()
        if scene is None:
            continue
        shown = view.mapToScene(view.viewport().rect()).boundingRect()
        items = [
            item
            for item in scene.items(shown)
            if item.isVisible() and item.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
        ][:6]
        # Where to press is worked out first: a refresh may replace the items meanwhile.
        for start in [view.mapFromScene(item.sceneBoundingRect().center()) for item in items]:
            end = start + QPoint(60, 40)
            viewport = view.viewport()
            qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
            for step in range(1, 5):
                qtbot.mouseMove(viewport, start + (end - start) * step / 4)
            qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)


@pytest.mark.parametrize("key", [w.key for w in WORKSPACES if w.page is not None])
def test_a_read_only_workspace_offers_no_edit(qtbot, window, sample_file, key):
    before = snapshot(sample_file)
    page = window.show_workspace(key)
    stack: QUndoStack = window.controller.undo_stack
    for state in _tab_states(page):
        assert _editors_offered(page) == [], state
        assert _movable(page) == [], state
        _try_typing(qtbot, page)
        assert window.controller is not None, f"{state}: typing closed the project"
        _drag_some(qtbot, page)
        assert window.controller is not None, f"{state}: dragging closed the project"
        assert window.refused == [], f"{state}: a gesture was offered, then refused"
        assert stack.count() == 0, state
    assert not window.isWindowModified()
    assert snapshot(sample_file) == before
