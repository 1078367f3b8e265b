"""At laptop sizes nothing is clipped: every visible button, combo box and one-line label of
every workspace is at least as wide as its text needs, unless it elides on purpose and shows
its whole text as a tooltip."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QTabWidget,
    QWidget,
)

from pmdesk.gui.workspaces import WORKSPACES

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
SIZES = [(1024, 700), (1200, 800), (1600, 1000)]


def _text(widget: QWidget) -> str:
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return widget.text()  # type: ignore[attr-defined]


def _clipped(widget: QWidget) -> str | None:
    """Why ``widget`` shows less than its text, or None when all of it shows."""
    if isinstance(widget, QLabel):
        # Rich text too: without word wrap, a label lays its document out on one line.
        if widget.wordWrap() or not widget.text() or not widget.pixmap().isNull():
            return None
    elif not _text(widget):
        return None
    needed = widget.sizeHint().width()
    if widget.visibleRegion().isEmpty() and _in_scroll_area(widget):
        return None  # scrolled out of sight, whole: scrolling shows it
    # What shows: the widget's own width, less what its parents or the window cut off.
    window = widget.window()
    place = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    shown = min(
        widget.visibleRegion().boundingRect().width(), place.intersected(window.rect()).width()
    )
    if shown >= needed:
        return None
    text = _text(widget).replace("&", "")
    if widget.toolTip() and text.rstrip("…") in widget.toolTip().replace("&", ""):
        return None  # elided on purpose, the whole text one hover away
    return f"{type(widget).__name__} “{text}” shows {shown} px of {needed}"


def _in_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _states(page: QWidget):
    yield "as opened"
    for tabs in page.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            yield tabs.tabText(index)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("key", [w.key for w in WORKSPACES if w.page is not None])
def test_nothing_is_clipped(qtbot, window, key, size):
    window.resize(*size)
    page = window.show_workspace(key)
    problems: list[str] = []
    for state in _states(page):
        QApplication.processEvents()
        for kind in (QAbstractButton, QComboBox, QLabel):
            for widget in page.findChildren(kind):
                if not widget.isVisible():
                    continue
                why = _clipped(widget)
                if why is not None and f"{state}: {why}" not in problems:
                    problems.append(f"{state}: {why}")
    assert problems == [], "\n".join(problems)
