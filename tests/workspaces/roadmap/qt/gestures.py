"""The PM's mouse gestures on the roadmap timeline, shared by its tests."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest


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
