"""A big project's grid stays legible: fitted to a laptop window, each crowded cell is one
cluster with a readable count; zoomed in, the cards come back, and they still move only when
dragged, and never in a read-only project."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication, QToolButton
from sqlalchemy import select

from pmdesk.domain import records
from pmdesk.gui.document import DocumentController
from pmdesk.store.document import Document
from pmdesk.workspaces.stakeholders import edit
from pmdesk.workspaces.stakeholders.chart import layout as chart
from pmdesk.workspaces.stakeholders.chart.clusters import READABLE_PX, names_readable
from pmdesk.workspaces.stakeholders.model import ATTITUDES, Stakeholder
from pmdesk.workspaces.stakeholders.qt.grid_clusters import ClusterItem
from pmdesk.workspaces.stakeholders.qt.grid_items import CardItem
from pmdesk.workspaces.stakeholders.qt.page import StakeholdersPage

TODAY = date(2026, 11, 25)
CROWD_ROWS = (1, 2)  # influence rows the crowd fills: the sample keeps its own cells elsewhere
PER_CELL = 55
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _grow(document: Document) -> None:
    """1,100 more people (a project fifty times the sample), 55 to each of 20 cells."""
    attitudes = list(ATTITUDES)
    rows = []
    for n in range(PER_CELL * 10 * len(CROWD_ROWS)):
        cell = n // PER_CELL
        rows.append(
            {
                "name": f"Crowd {n}",
                "attitude": attitudes[n % len(attitudes)],
                "influence": CROWD_ROWS[cell // 10],
                "interest": 1 + cell % 10,
            }
        )
    edit.create_many(document.session, rows)


def _page(qtbot, document: Document) -> StakeholdersPage:
    page = StakeholdersPage(DocumentController(document), today=TODAY)
    page.resize(1024, 700)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def page(qtbot, sample_document):
    _grow(sample_document)
    return _page(qtbot, sample_document)


def _crowd_ids(page, cell: tuple[int, int]) -> list[str]:
    session = page.controller.session
    rows = session.execute(select(Stakeholder.id, Stakeholder.influence, Stakeholder.interest))
    return [pid for pid, influence, interest in rows if (influence, interest) == cell]


def _painted(view, method: str, note) -> list:
    """What the view paints with ``QPainter.<method>`` during one grab, as ``note`` records
    each call (painter, its arguments)."""
    painted: list = []
    original = getattr(QPainter, method)

    def recording(painter, *args):
        painted.append(note(painter, args))
        return original(painter, *args)

    setattr(QPainter, method, recording)
    try:
        view.viewport().grab()
    finally:
        setattr(QPainter, method, original)
    return painted


def _texts_on_screen(view) -> list[tuple[str, float]]:
    """Every text the view paints, with its height in screen pixels."""
    return _painted(
        view,
        "drawText",
        lambda painter, args: (
            str(args[-1]),
            painter.font().pixelSize() * painter.worldTransform().m22(),
        ),
    )


def _tool(page, text: str) -> QToolButton:
    return next(b for b in page.grid.findChildren(QToolButton) if b.text() == text)


def _zoom_in_until_readable(qtbot, page) -> None:
    plus = _tool(page, "+")
    while not names_readable(page.grid.view.transform().m11()):
        qtbot.mouseClick(plus, Qt.MouseButton.LeftButton)


def test_fitted_to_the_window_crowded_cells_are_clusters_with_readable_counts(page):
    view, scene = page.grid.view, page.grid.scene
    assert view.fitted and not names_readable(view.transform().m11())  # names would smudge
    crowded = {(influence, interest) for influence in CROWD_ROWS for interest in range(1, 11)}
    assert crowded <= set(scene.clusters)
    for cell in crowded:
        cluster = scene.clusters[cell]
        assert cluster.isVisible()
        assert cluster.cluster.count >= PER_CELL
    shown_cards = [card for card in scene.cards.values() if card.isVisible()]
    assert shown_cards  # a sample person alone in a cell keeps their card
    for card in shown_cards:
        assert chart.snap(card.pos().x(), card.pos().y()) not in scene.clusters
    assert not any(chip.isVisible() for chip in scene.chips.values())
    # Every count is painted at a size a person reads, though the grid's own type is tiny.
    painted = _texts_on_screen(view)
    counts = {f"{item.cluster.count:,}" for item in scene.clusters.values()}
    sizes = {text.split()[0]: pixels for text, pixels in painted if text.split()[0] in counts}
    assert set(sizes) == counts
    assert min(sizes.values()) >= 9
    assert f"{PER_CELL} people" in scene.clusters[(1, 1)].toolTip()


def test_zooming_in_brings_the_cards_and_the_more_chips_back(qtbot, page):
    scene = page.grid.scene
    _zoom_in_until_readable(qtbot, page)
    assert not any(item.isVisible() for item in scene.clusters.values())
    ids = _crowd_ids(page, (1, 1))
    cards = [scene.cards[pid] for pid in ids if pid in scene.cards]
    assert len(cards) == 3 and all(card.isVisible() for card in cards)
    assert scene.chips[(1, 1)].isVisible()
    assert scene.chips[(1, 1)].text == f"+{PER_CELL - 3} more…"
    assert page.grid.view.transform().m11() * 12 >= READABLE_PX  # the cards' names read
    qtbot.mouseClick(_tool(page, "Fit"), Qt.MouseButton.LeftButton)
    assert scene.clusters[(1, 1)].isVisible() and not cards[0].isVisible()


def test_a_click_on_a_cluster_zooms_into_its_cell(qtbot, page):
    view, scene = page.grid.view, page.grid.scene
    cluster = scene.clusters[(2, 8)]
    point = view.mapFromScene(cluster.scenePos())
    assert view.itemAt(point) is cluster
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert names_readable(view.transform().m11())
    assert not cluster.isVisible()
    x, y = chart.cell_center(2, 8)
    cell = QRectF(x - chart.CELL_WIDTH / 2, y - chart.CELL_HEIGHT / 2, 128, 76)
    assert view.viewport().rect().contains(view.mapFromScene(cell).boundingRect())
    first = scene.cards[_crowd_ids(page, (2, 8))[0]]
    assert first.isVisible() and view.viewport().rect().contains(view.mapFromScene(first.pos()))
    assert page.controller.undo_stack.count() == 0


def test_dragging_a_cluster_moves_nobody(qtbot, page):
    view = page.grid.view
    start = view.mapFromScene(page.grid.scene.clusters[(1, 4)].scenePos())
    end = view.mapFromScene(QPointF(*chart.cell_center(9, 9)))
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, (start + end) / 2)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    assert page.controller.undo_stack.count() == 0
    assert not names_readable(view.transform().m11())  # a drag is not a click: no zoom


def _press_move_release(qtbot, view, card: CardItem, end: QPoint, moves=(0.5, 1.0)) -> None:
    viewport = view.viewport()
    start = view.mapFromScene(card.pos())
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for share in moves:
        qtbot.mouseMove(viewport, start + (end - start) * share)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)


def test_zoomed_in_a_click_on_a_crowded_card_moves_nothing_and_a_drag_moves_it(qtbot, page):
    _zoom_in_until_readable(qtbot, page)
    view, scene = page.grid.view, page.grid.scene
    person_id = _crowd_ids(page, (1, 3))[0]
    card = scene.cards[person_id]
    view.centerOn(card)
    home = QPointF(card.pos())
    start = view.mapFromScene(card.pos())
    _press_move_release(qtbot, view, card, start, moves=())
    assert card.pos() == home
    assert page.controller.undo_stack.count() == 0
    assert page.grid.details.person_id == person_id  # the click selected them
    end = view.mapFromScene(QPointF(*chart.cell_center(2, 4)))
    _press_move_release(qtbot, view, card, end)
    person = records.get(page.controller.session, Stakeholder, person_id)
    assert (person.influence, person.interest) == (2, 4)
    assert page.controller.undo_stack.count() == 1


def test_zooming_out_keeps_the_chosen_person_in_the_details(qtbot, page):
    _zoom_in_until_readable(qtbot, page)
    person_id = _crowd_ids(page, (1, 5))[0]
    page.grid.show_details(person_id)
    assert page.grid.details.person_id == person_id
    page.grid.view.fit()
    assert page.grid.scene.clusters[(1, 5)].isVisible()
    assert page.grid.details.person_id == person_id  # they went into a cluster, not away
    # and revealing someone inside a cluster zooms to their card
    other = _crowd_ids(page, (2, 2))[1]
    page.grid.show_details(other)
    assert page.grid.scene.cards[other].isVisible()
    assert page.grid.scene.cards[other].isSelected()


def test_a_read_only_big_project_refuses_to_drag_a_card(qtbot, sample_file: Path):
    document = Document.open(sample_file)
    _grow(document)
    document.save()
    document.close()
    document = Document.open(sample_file, read_only=True)
    try:
        page = _page(qtbot, document)
        _zoom_in_until_readable(qtbot, page)
        view = page.grid.view
        person_id = _crowd_ids(page, (2, 6))[0]
        card = page.grid.scene.cards[person_id]
        view.centerOn(card)
        home = QPointF(card.pos())
        end = view.mapFromScene(QPointF(*chart.cell_center(1, 7)))
        _press_move_release(qtbot, view, card, end, moves=(0.25, 0.5, 0.75, 1.0))
        assert card.pos() == home
        assert page.controller.undo_stack.count() == 0
        person = document.session.get(Stakeholder, person_id)
        assert (person.influence, person.interest) == (2, 6)
    finally:
        document.close()


def test_a_picture_of_the_grid_shows_cards_even_when_the_view_shows_clusters(page, monkeypatch):
    scene = page.grid.scene
    assert scene.clustered
    painted: list[str] = []
    monkeypatch.setattr(ClusterItem, "paint", lambda item, *args: painted.append("cluster"))
    original = CardItem.paint

    def card_paint(item, *args):
        painted.append("card")
        return original(item, *args)

    monkeypatch.setattr(CardItem, "paint", card_paint)
    image = QImage(800, 600, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    scene.render(painter)
    painter.end()
    assert "card" in painted and "cluster" not in painted
    assert scene.clustered and scene.clusters[(1, 1)].isVisible()  # the view is as it was
    QApplication.processEvents()


def _lines_on_screen(view) -> list[tuple[QPointF, QPointF]]:
    """Every line the view paints, in scene coordinates (the lines item draws in those)."""
    return _painted(
        view, "drawLine", lambda _painter, args: (QPointF(args[0].p1()), QPointF(args[0].p2()))
    )


def test_zoomed_out_ties_between_two_crowds_are_one_line_between_their_tiles(qtbot, page):
    grid, scene = page.grid, page.grid.scene
    left, right = _crowd_ids(page, (1, 1)), _crowd_ids(page, (2, 8))
    for source, target in zip(left[:3], right[:3], strict=True):
        assert grid.add_relationship(source, target, "influences")
    assert grid.add_relationship(left[0], left[1], "ally")  # inside one tile: no line
    first, second = scene.clusters[(1, 1)], scene.clusters[(2, 8)]
    assert first.isVisible() and second.isVisible()
    assert (left[0], right[0], "influences") in scene.links.visible_links()
    between = [line for line in scene.links.lines() if {line[0], line[1]} == {first, second}]
    assert len(between) == 1  # three ties, one line
    assert not [line for line in scene.links.lines() if line[0] is line[1]]

    def on_tile(point: QPointF, tile: ClusterItem) -> bool:
        edge = tile.sceneBoundingRect().adjusted(-4, -4, 4, 4)
        return edge.contains(point) and not tile.sceneBoundingRect().adjusted(
            4, 4, -4, -4
        ).contains(point)

    drawn = _lines_on_screen(grid.view)
    assert any(on_tile(p1, first) and on_tile(p2, second) for p1, p2 in drawn)
    page.controller.undo_stack.undo()  # the last tie first: the line stays for the other two
    _zoom_in_until_readable(qtbot, page)  # cards again: lines end at cards, not tiles
    assert not any(line[0] in (first, second) for line in scene.links.lines())
