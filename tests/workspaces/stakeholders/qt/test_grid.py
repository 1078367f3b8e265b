"""The power/interest grid: drag -> stored -> undo, snapping, filters, lines, snapshot arrows."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QGraphicsItem
from sqlalchemy import select

from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.stakeholders.chart import layout as chart
from pmdesk.workspaces.stakeholders.model import Stakeholder, StakeholderSnapshot
from pmdesk.workspaces.stakeholders.qt.page import StakeholdersPage

TODAY = date(2026, 11, 25)
# Showing a window on the offscreen platform says so; it is not a problem of this page.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
MOVED_SINCE_Q3 = {"Marcus Feld", "Rachel Osei", "Mei Lin", "Sam Novak", "Bill Turner", "Anita Shah"}


@pytest.fixture
def controller(sample_document):
    return DocumentController(sample_document)


@pytest.fixture
def page(qtbot, controller):
    page = StakeholdersPage(controller, today=TODAY)
    page.resize(1300, 850)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def _person(session, name: str) -> Stakeholder:
    return session.scalars(select(Stakeholder).where(Stakeholder.name == name)).one()


def _cell_of(card) -> tuple[int, int]:
    return chart.snap(card.pos().x(), card.pos().y())


def test_every_stakeholder_has_a_card_in_its_cell(page, controller):
    people = list(controller.session.scalars(select(Stakeholder)))
    cards = page.grid.scene.cards
    assert len(cards) == len(people)
    for person in people:
        assert _cell_of(cards[person.id]) == (person.influence, person.interest)


def test_a_mouse_drag_stores_the_snapped_cell_in_one_undo_step(qtbot, page, controller):
    session = controller.session
    omar = _person(session, "Omar Haddad")  # influence 5, interest 3
    others = {p.id: p.updated_at for p in session.scalars(select(Stakeholder)) if p.id != omar.id}
    view = page.grid.view
    card = page.grid.scene.cards[omar.id]
    start = view.mapFromScene(card.pos())
    # a little off the centre of the cell influence 8 / interest 7: it still snaps there
    end = view.mapFromScene(QPointF(*chart.cell_center(8, 7)) + QPointF(20, -15))
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        qtbot.mouseMove(view.viewport(), start + (end - start) * step / 5)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    session.expire_all()
    assert (omar.influence, omar.interest) == (8, 7)
    assert controller.undo_stack.count() == 1
    assert controller.undo_stack.text(0) == "Move Omar Haddad"
    assert {
        p.id: p.updated_at for p in session.scalars(select(Stakeholder)) if p.id != omar.id
    } == others
    assert _cell_of(card) == (8, 7)
    assert card.pos() == QPointF(*chart.cell_center(8, 7))
    controller.undo_stack.undo()
    assert (omar.influence, omar.interest) == (5, 3)
    assert _cell_of(page.grid.scene.cards[omar.id]) == (5, 3)


def _drag_to_cell(qtbot, page, person_id: str, cell: tuple[int, int]) -> None:
    view = page.grid.view
    start = view.mapFromScene(page.grid.scene.cards[person_id].pos())
    end = view.mapFromScene(QPointF(*chart.cell_center(*cell)))
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        qtbot.mouseMove(view.viewport(), start + (end - start) * step / 5)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)


def _table_cells(page, person_id: str) -> tuple[str, str]:
    """The influence and interest the table shows for one person."""
    model = page.table_model
    row = model.row_of(person_id)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return tuple(  # type: ignore[return-value]
        str(model.index(row, headers.index(name)).data()) for name in ("Influence", "Interest")
    )


def test_edits_one_after_another_each_show_in_the_grid_and_the_table(qtbot, page, controller):
    session = controller.session
    omar, rachel = _person(session, "Omar Haddad").id, _person(session, "Rachel Osei").id
    rachel_cell = _cell_of(page.grid.scene.cards[rachel])
    _drag_to_cell(qtbot, page, omar, (8, 7))
    _drag_to_cell(qtbot, page, rachel, (2, 9))  # the second edit is drawn from fresh records
    assert _cell_of(page.grid.scene.cards[omar]) == (8, 7)
    assert _cell_of(page.grid.scene.cards[rachel]) == (2, 9)
    assert _table_cells(page, omar) == ("8", "7")
    assert _table_cells(page, rachel) == ("2", "9")
    added = page.add_stakeholder()  # made while the grid is on show, then named in the table
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(0).center())
    assert page.tabs.currentWidget() is page.grid
    assert added in page.grid.scene.cards
    assert page.grid.scene.cards[added].isVisible()
    controller.undo_stack.undo()
    assert added not in page.grid.scene.cards
    controller.undo_stack.undo()
    assert _cell_of(page.grid.scene.cards[rachel]) == rachel_cell
    assert _cell_of(page.grid.scene.cards[omar]) == (8, 7)
    assert _table_cells(page, rachel) == tuple(str(n) for n in rachel_cell)
    controller.undo_stack.undo()
    assert _cell_of(page.grid.scene.cards[omar]) == (5, 3)
    assert _table_cells(page, omar) == ("5", "3")


def test_a_drop_outside_the_grid_clamps_to_the_edge(page, controller):
    omar = _person(controller.session, "Omar Haddad")
    assert page.grid.scene.drop(omar.id, QPointF(-500, -500))
    assert (omar.influence, omar.interest) == (10, 1)


def test_a_drop_in_the_same_cell_is_no_edit(page, controller):
    omar = _person(controller.session, "Omar Haddad")
    card = page.grid.scene.cards[omar.id]
    assert not page.grid.scene.drop(omar.id, card.pos() + QPointF(10, 5))
    assert controller.undo_stack.count() == 0
    assert card.pos() == QPointF(*chart.cell_center(5, 3))


def test_the_quadrant_strategy_follows_a_drag(page, controller):
    omar = _person(controller.session, "Omar Haddad")
    assert omar.strategy == "monitor"
    page.grid.scene.drop(omar.id, QPointF(*chart.cell_center(9, 9)))
    assert omar.strategy == "manage_closely"


def test_filters_hide_cards_and_their_lines(page, controller):
    grid = page.grid
    all_lines = len(grid.scene.links.visible_links())
    page.attitude_filter.setCurrentIndex(page.attitude_filter.findData("champion"))
    shown = {
        grid.scene.cards[p].info.name for p in grid.scene.cards if grid.scene.cards[p].isVisible()
    }
    assert shown == {
        "Dana Whitfield",
        "Tomás Ortega",
        "Leo Park",
        "Mei Lin",
        "Kofi Asante",
        "Bill Turner",
    }
    assert 0 < len(grid.scene.links.visible_links()) < all_lines
    page.attitude_filter.setCurrentIndex(0)
    page.tag_filter.setCurrentIndex(page.tag_filter.findData("budget"))
    shown = {
        grid.scene.cards[p].info.name for p in grid.scene.cards if grid.scene.cards[p].isVisible()
    }
    assert shown == {"Dana Whitfield", "Marcus Feld", "Omar Haddad"}


def test_snapshot_arrows_show_who_moved_since(page, controller):
    grid = page.grid
    assert grid.scene.moves.moves == []
    grid.compare.setCurrentIndex(1)
    moves = grid.scene.moves.moves
    assert len(moves) == len(MOVED_SINCE_Q3)
    assert grid.moved_label.text() == "6 moved"
    rachel = _person(controller.session, "Rachel Osei")
    start, _end = next(m for m in moves if m[1] == grid.scene.cards[rachel.id].pos())
    assert start == QPointF(*chart.cell_center(8, 4))  # where she stood at the Q3 review
    grid.scene.drop(rachel.id, QPointF(*chart.cell_center(8, 4)))  # back where she was
    assert len(grid.scene.moves.moves) == 5


def test_saving_a_snapshot_asks_for_a_name_and_can_be_undone(page, controller, monkeypatch):
    monkeypatch.setattr(
        "pmdesk.workspaces.stakeholders.qt.dialogs.ask_snapshot_name",
        lambda _parent, _suggested: "Before the board",
    )
    snapshot_id = page.grid.save_snapshot()
    assert controller.session.get(StakeholderSnapshot, snapshot_id).name == "Before the board"
    assert page.grid.compare.findData(snapshot_id) > 0
    controller.undo_stack.undo()
    assert controller.session.get(StakeholderSnapshot, snapshot_id) is None
    assert page.grid.compare.findData(snapshot_id) == -1


def test_relationships_drawn_from_the_grid_are_lines_and_undo(page, controller):
    session = controller.session
    leo, dana = _person(session, "Leo Park"), _person(session, "Dana Whitfield")
    links = page.grid.scene.links
    before = len(links.visible_links())
    assert page.grid.add_relationship(leo.id, dana.id, "influences")
    assert (leo.id, dana.id, "influences") in links.visible_links()
    controller.undo_stack.undo()
    assert len(links.visible_links()) == before


def test_the_card_menu_offers_relationships(page, controller):
    grid = page.grid
    leo = _person(controller.session, "Leo Park")
    point = grid.view.mapFromScene(grid.scene.cards[leo.id].pos())
    menu = grid.build_card_menu(point)
    assert menu is not None
    titles = [action.text() for action in menu.actions()]
    assert titles == ["Show in table", "Add relationship", "Remove relationship"]
    assert grid.build_card_menu(QPoint(2, 2)) is None


def test_deleting_selected_cards_removes_them_from_the_grid(page, controller, monkeypatch):
    omar = _person(controller.session, "Omar Haddad").id
    page.grid.scene.cards[omar].setSelected(True)
    assert page.selected_ids() == [omar]
    assert page.delete_selected()
    assert omar not in page.grid.scene.cards
    controller.undo_stack.undo()
    assert omar in page.grid.scene.cards


def test_zoom_changes_the_scale_and_fit_shows_everything(page):
    view = page.grid.view
    fitted = view.transform().m11()
    view.zoom(1.2)
    assert view.transform().m11() == pytest.approx(fitted * 1.2)
    view.fit()
    assert view.transform().m11() == pytest.approx(fitted)


def test_cards_cannot_be_dragged_in_a_read_only_project(qtbot, sample_file):
    from pmdesk.store.document import Document

    document = Document.open(sample_file, read_only=True)
    try:
        page = StakeholdersPage(DocumentController(document), today=TODAY)
        qtbot.addWidget(page)
        card = next(iter(page.grid.scene.cards.values()))
        assert not card.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsMovable
    finally:
        document.close()


def test_the_delete_key_deletes_the_selected_card(qtbot, page, controller, monkeypatch):
    omar = _person(controller.session, "Omar Haddad").id
    page.activateWindow()
    page.grid.view.setFocus()
    page.grid.scene.cards[omar].setSelected(True)
    qtbot.keyClick(page.grid.view.viewport(), Qt.Key.Key_Delete)
    assert omar not in page.grid.scene.cards


def test_a_snapshot_can_be_deleted_and_undo_brings_its_arrows_back(page, controller):
    grid = page.grid
    assert not grid.forget_button.isEnabled()
    grid.compare.setCurrentIndex(1)
    snapshot_id = grid.compare.currentData()
    assert grid.forget_button.isEnabled()
    assert grid.delete_snapshot(snapshot_id)
    assert grid.compare.findData(snapshot_id) == -1
    assert grid.scene.moves.moves == []
    controller.undo_stack.undo()
    grid.compare_with_snapshot(snapshot_id)
    assert len(grid.scene.moves.moves) == len(MOVED_SINCE_Q3)


def test_the_table_row_menu_draws_relationships_without_a_mouse(page):
    row = next(
        r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 0).data() == "Leo Park"
    )
    menu = page.row_menu(row)
    titles = [action.text() for action in menu.actions() if not action.isSeparator()]
    assert titles == ["Add relationship", "Remove relationship", "Delete…"]
    add = menu.actions()[0].menu()
    assert [a.text() for a in add.actions()] == [
        "Leo Park reports to…",
        "Leo Park influences…",
        "Leo Park ally of…",
        "Leo Park in conflict with…",
    ]


def test_double_clicking_a_card_opens_the_stakeholder_in_the_table(qtbot, page, controller):
    omar = _person(controller.session, "Omar Haddad").id
    point = page.grid.view.mapFromScene(page.grid.scene.cards[omar].pos())
    qtbot.mouseDClick(page.grid.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert page.tabs.currentWidget() is page.table
    assert page.selected_ids() == [omar]
    assert controller.undo_stack.count() == 0  # a double-click is no move


def test_the_card_tooltip_briefs_the_pm_and_shows_names_as_typed(page, controller):
    from pmdesk.workspaces.stakeholders.qt.grid import card_info

    marcus = _person(controller.session, "Marcus Feld")
    tip = card_info(marcus, TODAY).tooltip
    assert "Touchpoint overdue since 2026-11-18" in tip
    assert "<i>Needs:</i> Cost of development" in tip
    page.table_model.setData(
        page.table_model.index(page.table_model.row_of(marcus.id), 0), "<b>M&A</b>"
    )
    assert "&lt;b&gt;M&amp;A&lt;/b&gt;" in page.grid.scene.cards[marcus.id].toolTip()
