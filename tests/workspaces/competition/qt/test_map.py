"""The positioning map: axes, dragging a bubble as one undo step, quadrant labels, export."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent

from pmdesk.gui import dialogs
from pmdesk.workspaces.competition import cards, edit
from pmdesk.workspaces.competition.qt.map_view import MapPanel, to_scene
from tests.workspaces.competition.qt.test_matrix import controller  # noqa: F401  (a fixture)


def ids(controller):  # noqa: F811
    session = controller.session
    criteria = {c.name: c.id for c in edit.criteria(session)}
    competitors = {c.name: c.id for c in edit.competitors(session)}
    return session, criteria, competitors


@pytest.fixture
def panel(qtbot, controller):  # noqa: F811
    session, criteria, _competitors = ids(controller)
    cards.set_axis(session, "x", cards.Axis(criterion_id=criteria["Auto dispatch"]))
    cards.set_axis(session, "y", cards.Axis(criterion_id=criteria["Works offline"]))
    panel = MapPanel(controller)
    qtbot.addWidget(panel)
    return panel


def test_choosing_axes_places_the_rated_competitors(qtbot, controller, panel):  # noqa: F811
    session, criteria, competitors = ids(controller)
    assert panel.layout_data.unplaced == ("FieldLoop", "ServicePeak")  # none rated on offline
    edit.set_rating(session, competitors["FieldLoop"], criteria["Works offline"], "yes")
    panel.refresh()
    assert [b.name for b in panel.layout_data.bubbles] == ["FieldLoop"]
    box = panel.axis_boxes["y"]
    box.setCurrentIndex(box.findData(f"criterion:{criteria['Auto dispatch']}"))
    box.activated.emit(box.currentIndex())
    assert cards.axis(cards.settings(session), "y").criterion_id == criteria["Auto dispatch"]
    assert len(panel.layout_data.bubbles) == 2
    controller.undo_stack.undo()
    assert cards.axis(cards.settings(session), "y").criterion_id == criteria["Works offline"]


def test_dragging_a_bubble_rates_both_axes_in_one_undo_step(qtbot, controller, panel):  # noqa: F811
    session, criteria, competitors = ids(controller)
    rival = competitors["ServicePeak"]
    edit.set_rating(session, rival, criteria["Works offline"], "no")
    panel.refresh()
    assert panel.bubbles[rival].flags() & panel.bubbles[rival].GraphicsItemFlag.ItemIsMovable
    panel.drag_bubble(rival, 4.2, 2.4)
    assert edit.rating_state(session, rival, criteria["Auto dispatch"]).value == "4"
    assert edit.rating_state(session, rival, criteria["Works offline"]).value == "partial"
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert edit.rating_state(session, rival, criteria["Auto dispatch"]).value == "3"
    assert edit.rating_state(session, rival, criteria["Works offline"]).value == "no"
    bubble = next(b for b in panel.layout_data.bubbles if b.competitor_id == rival)
    assert (bubble.x, bubble.y) == (3, 0)


def test_bubbles_on_a_category_axis_cannot_be_dragged(qtbot, controller, panel):  # noqa: F811
    session, criteria, competitors = ids(controller)
    category = edit.categories(session)[0].id
    cards.set_axis(session, "y", cards.Axis(category_id=category))
    panel.refresh()
    us = competitors["FieldLoop"]
    assert not panel.bubbles[us].flags() & panel.bubbles[us].GraphicsItemFlag.ItemIsMovable
    assert "re-rate their criteria in the matrix" in panel.note.text()
    panel.drag_bubble(us, 1, 1)
    assert edit.rating_state(session, us, criteria["Auto dispatch"]).value == "5"


def test_quadrant_labels_are_edited_in_place_and_undoable(qtbot, controller, panel):  # noqa: F811
    label = panel.quadrant_labels[1]
    assert label.toPlainText() == "Leaders"
    label.setPlainText("Where we want to be")
    label.focusOutEvent(QFocusEvent(QFocusEvent.Type.FocusOut, Qt.FocusReason.OtherFocusReason))
    assert cards.settings(controller.session).quadrant_top_right == "Where we want to be"
    controller.undo_stack.undo()
    assert cards.settings(controller.session).quadrant_top_right == "Leaders"
    assert panel.quadrant_labels[1].toPlainText() == "Leaders"


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_export_writes_the_chosen_picture(qtbot, controller, panel, tmp_path, monkeypatch, suffix):  # noqa: F811
    session, criteria, competitors = ids(controller)
    edit.set_rating(session, competitors["FieldLoop"], criteria["Works offline"], "yes")
    panel.refresh()
    target = tmp_path / "map"
    monkeypatch.setattr(dialogs, "choose_export_file", lambda *_args: target)
    written = panel.export(suffix)
    assert written == tmp_path / f"map{suffix}"
    assert written.stat().st_size > 1000


def test_exporting_an_empty_map_explains_why(qtbot, controller, panel, tmp_path, monkeypatch):  # noqa: F811
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "choose_export_file", lambda *_a: tmp_path / "map.png")
    monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, message: errors.append(message))
    assert panel.export(".png") is None
    assert "The map is empty" in errors[0]
    assert not (tmp_path / "map.png").exists()


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_a_mouse_drag_on_the_map_is_one_undoable_edit(qtbot, controller, panel):  # noqa: F811
    from PySide6.QtTest import QTest

    session, criteria, competitors = ids(controller)
    rival = competitors["ServicePeak"]
    edit.set_rating(session, rival, criteria["Works offline"], "no")
    panel.refresh()
    panel.resize(900, 700)
    panel.show()
    qtbot.waitExposed(panel)
    view = panel.view
    start = view.mapFromScene(panel.bubbles[rival].pos())
    end = view.mapFromScene(to_scene(5, 5))
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 6):
        QTest.mouseMove(viewport, start + (end - start) * step / 5)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert edit.rating_state(session, rival, criteria["Auto dispatch"]).value == "5"
    assert edit.rating_state(session, rival, criteria["Works offline"]).value == "yes"
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert edit.rating_state(session, rival, criteria["Auto dispatch"]).value == "3"
    assert edit.rating_state(session, rival, criteria["Works offline"]).value == "no"


def test_a_read_only_map_cannot_be_dragged_or_renamed(qtbot, controller, monkeypatch):  # noqa: F811
    session, criteria, competitors = ids(controller)
    cards.set_axis(session, "x", cards.Axis(criterion_id=criteria["Auto dispatch"]))
    cards.set_axis(session, "y", cards.Axis(criterion_id=criteria["Auto dispatch"]))
    monkeypatch.setattr(type(controller), "read_only", property(lambda _self: True))
    panel = MapPanel(controller)
    qtbot.addWidget(panel)
    us = competitors["FieldLoop"]
    assert not panel.bubbles[us].flags() & panel.bubbles[us].GraphicsItemFlag.ItemIsMovable
    assert not panel.axis_boxes["x"].isEnabled()
    label = panel.quadrant_labels[0]
    assert label.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
