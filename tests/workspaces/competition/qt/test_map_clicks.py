"""A click on a positioning-map bubble is not a drag: no rating changes, nothing to undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication

from pmdesk.workspaces.competition import cards, edit
from pmdesk.workspaces.competition.qt.map_view import MapPanel
from tests.support import double_click
from tests.workspaces.competition.qt.test_matrix import controller  # noqa: F401  (a fixture)

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def shown(qtbot, controller):  # noqa: F811
    session = controller.session
    criteria = {c.name: c.id for c in edit.criteria(session)}
    rival = next(c.id for c in edit.competitors(session) if c.name == "ServicePeak")
    cards.set_axis(session, "x", cards.Axis(criterion_id=criteria["Auto dispatch"]))
    cards.set_axis(session, "y", cards.Axis(criterion_id=criteria["Works offline"]))
    edit.set_rating(session, rival, criteria["Works offline"], "partial")
    panel = MapPanel(controller)
    qtbot.addWidget(panel)
    panel.resize(900, 700)
    panel.show()
    qtbot.waitExposed(panel)
    return panel, rival, criteria


def _ratings(controller, rival, criteria):  # noqa: F811
    session = controller.session
    return [
        edit.rating_state(session, rival, criteria[name]).value
        for name in ("Auto dispatch", "Works offline")
    ]


def test_a_shaking_click_on_a_bubble_changes_nothing(qtbot, controller, shown):  # noqa: F811
    panel, rival, criteria = shown
    before = _ratings(controller, rival, criteria)
    bubble = panel.bubbles[rival]
    home = QPointF(bubble.pos())
    viewport = panel.view.viewport()
    start = panel.view.mapFromScene(bubble.pos())
    shake = start + QPoint(0, QApplication.startDragDistance() - 1)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, shake)
    assert panel.bubbles[rival].pos() == home
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=shake)
    assert _ratings(controller, rival, criteria) == before
    assert controller.undo_stack.count() == 0


def test_a_double_click_on_a_bubble_changes_nothing(qtbot, controller, shown):  # noqa: F811
    panel, rival, criteria = shown
    before = _ratings(controller, rival, criteria)
    double_click(panel.view.viewport(), panel.view.mapFromScene(panel.bubbles[rival].pos()))
    assert _ratings(controller, rival, criteria) == before
    assert controller.undo_stack.count() == 0
