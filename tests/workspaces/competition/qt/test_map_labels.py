"""A crowded positioning map stays legible: names go only where they cover no other name and
no other bubble, the rest show while the mouse is over their bubble, and the note under the
map names a few of the competitors it could not place rather than hundreds."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPointF

from pmdesk.workspaces.competition import cards, edit
from pmdesk.workspaces.competition.qt.map_view import UNPLACED_NAMED, MapPanel
from tests.workspaces.competition.qt.test_matrix import controller  # noqa: F401  (a fixture)

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
RIVALS = 60


def _score_axes(session) -> tuple[str, str]:
    """Two score axes, with both of the project's competitors rated on them."""
    x = next(c.id for c in edit.criteria(session) if c.kind == "score")
    y = edit.add_criterion(session, edit.categories(session)[0].id, "Ease of use", "score", 1)
    for competitor, value in zip(edit.competitors(session), ("4", "2"), strict=True):
        edit.set_rating(session, competitor.id, y, value)
    cards.set_axis(session, "x", cards.Axis(criterion_id=x))
    cards.set_axis(session, "y", cards.Axis(criterion_id=y))
    return x, y


def _panel(qtbot, controller) -> MapPanel:  # noqa: F811
    panel = MapPanel(controller)
    qtbot.addWidget(panel)
    panel.resize(900, 700)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


@pytest.fixture
def crowded(qtbot, controller):  # noqa: F811
    session = controller.session
    x, y = _score_axes(session)
    for n in range(RIVALS):  # a few spots, many rivals each: the pile a big project makes
        rival = edit.add_competitor(session, f"Rival number {n}")
        edit.set_rating(session, rival, x, f"{2 + (n % 3) * 0.5:g}")
        edit.set_rating(session, rival, y, f"{2 + (n % 4) * 0.5:g}")
    return _panel(qtbot, controller)


def test_shown_names_cover_no_other_name_and_no_other_bubble(crowded):
    items = list(crowded.bubbles.values())
    assert len(items) > RIVALS
    named = [item for item in items if item.named]
    assert 0 < len(named) < len(items)  # some names had no room
    boxes = [(item, item.label.sceneBoundingRect()) for item in named]
    for (_one, box), (_other, other_box) in itertools.combinations(boxes, 2):
        assert not box.intersects(other_box)
    for item, box in boxes:
        assert item.label.isVisible()
        assert crowded.scene.sceneRect().contains(box)
        for other in items:
            if other is not item:
                centre, radius = other.scenePos(), other.rect().width() / 2
                nearest = QPointF(
                    min(max(centre.x(), box.left()), box.right()),
                    min(max(centre.y(), box.top()), box.bottom()),
                )
                assert (nearest - centre).manhattanLength() >= radius * 0.99
    assert all(not item.label.isVisible() for item in items if not item.named)


def test_an_unnamed_bubble_shows_its_name_while_the_mouse_is_over_it(qtbot, crowded):
    view = crowded.view
    item = next(
        item
        for item in crowded.bubbles.values()
        if not item.named and view.itemAt(view.mapFromScene(item.scenePos())) is item
    )
    qtbot.mouseMove(view.viewport(), view.mapFromScene(item.scenePos()))
    qtbot.waitUntil(item.label.isVisible)
    assert item.zValue() > min(other.zValue() for other in crowded.bubbles.values())
    qtbot.mouseMove(view.viewport(), view.mapFromScene(QPointF(-60, -60)))
    qtbot.waitUntil(lambda: not item.label.isVisible())


def test_the_sample_map_names_every_bubble_below_it(qtbot, controller):  # noqa: F811
    _score_axes(controller.session)
    panel = _panel(qtbot, controller)
    assert panel.bubbles
    for item in panel.bubbles.values():
        assert item.named and item.label.isVisible()
        assert item.label.pos().y() > 0  # below its bubble, as ever


def test_the_note_names_a_few_unplaced_competitors_and_counts_the_rest(qtbot, controller):  # noqa: F811
    session = controller.session
    _score_axes(session)
    for n in range(300):
        edit.add_competitor(session, f"Unrated {n}")
    panel = _panel(qtbot, controller)
    text = panel.note.text()
    assert "Unrated 0, Unrated 1" in text
    unplaced = len(panel.layout_data.unplaced)
    assert f"and {unplaced - UNPLACED_NAMED:,} more." in text
    assert "Unrated 299" not in text
    assert len(panel.note.toolTip().splitlines()) <= 41
    assert panel.view.height() > 300  # the map keeps the room; the note does not take it
