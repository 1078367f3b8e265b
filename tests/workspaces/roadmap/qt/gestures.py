"""The PM's mouse gestures on the roadmap timeline, shared by its tests."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip


def drag_bar(view, bar, dx: float, where: str = "middle") -> None:  # type: ignore[no-untyped-def]
    """Press on ``bar`` (its middle, or an edge), move ``dx`` scene pixels in two steps, release."""
    x = {"middle": (bar.x0 + bar.x1) / 2, "start": bar.x0 + 2, "end": bar.x1 - 2}[where]
    view.centerOn(QPointF(x, bar.mid_y))
    start = view.mapFromScene(QPointF(x, bar.mid_y))
    end = view.mapFromScene(QPointF(x + dx, bar.mid_y))
    viewport = view.viewport()
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QTest.mousePress(viewport, left, none, start)
    QTest.mouseMove(viewport, QPoint((start.x() + end.x()) // 2, start.y()))
    QTest.mouseMove(viewport, end)
    QTest.mouseRelease(viewport, left, none, end)


def bar_tooltip(view, bar) -> str:  # type: ignore[no-untyped-def]
    """Rest the mouse on ``bar`` until Qt asks for its tooltip; the text the PM then reads.

    The tooltip event is the one Qt sends when the mouse has rested: the offscreen platform of
    the tests has no real pointer to rest.
    """
    x = (bar.x0 + bar.x1) / 2
    view.centerOn(QPointF(x, bar.mid_y))
    point = view.mapFromScene(QPointF(x, bar.mid_y))
    viewport = view.viewport()
    QTest.mouseMove(viewport, point)
    QApplication.sendEvent(
        viewport, QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    )
    text = QToolTip.text() if QToolTip.isVisible() else ""
    QToolTip.hideText()
    return text
