"""A crowded grid cell names everyone it shows, a short drag never re-rates, the other cards
hold still during a drag, and the selected card's details are edited beside the grid."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtWidgets import QApplication, QMenu
from sqlalchemy import select

from pmdesk.domain import records
from pmdesk.gui.document import DocumentController
from pmdesk.store.document import Document
from pmdesk.workspaces.stakeholders import edit
from pmdesk.workspaces.stakeholders.chart import layout as chart
from pmdesk.workspaces.stakeholders.chart.cells import stack_cells
from pmdesk.workspaces.stakeholders.model import Stakeholder
from pmdesk.workspaces.stakeholders.qt import grid_panel
from pmdesk.workspaces.stakeholders.qt.page import StakeholdersPage

TODAY = date(2026, 11, 25)
CELL = (1, 10)  # influence, interest: a corner nobody of the sample stands in
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _page(qtbot, document: Document) -> StakeholdersPage:
    page = StakeholdersPage(DocumentController(document), today=TODAY)
    page.resize(1300, 850)
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)  # typing goes to the focused field only then
    return page


def _crowd(document: Document, count: int) -> list[str]:
    """Put ``count`` people of the sample in one cell (before the page opens)."""
    session = document.session
    assert not [
        p for p in session.scalars(select(Stakeholder)) if (p.influence, p.interest) == CELL
    ]
    ids = list(session.scalars(select(Stakeholder.id).order_by(Stakeholder.name)))[:count]
    for person_id in ids:
        edit.move(session, person_id, *CELL)
    return ids


def _rect(card) -> QRectF:
    return card.mapRectToScene(card.boundingRect().adjusted(2, 2, -3, -3))


def test_stacks_never_overlap_and_stay_inside_their_cell():
    class P:
        def __init__(self, n: int) -> None:
            self.id, self.name, self.influence, self.interest = f"p{n}", f"P {n:02d}", *CELL

    _cx, cy = chart.cell_center(*CELL)
    for count in range(1, 9):
        stacks = stack_cells([P(n) for n in range(count)])
        boxes = list(stacks.cards.values()) + list(stacks.chips.values())
        assert len(stacks.cards) + sum(map(len, stacks.hidden.values())) == count
        for index, box in enumerate(boxes):
            assert cy - chart.CELL_HEIGHT / 2 <= box.y
            assert box.y + box.height <= cy + chart.CELL_HEIGHT / 2
            for other in boxes[index + 1 :]:
                assert box.y + box.height <= other.y or other.y + other.height <= box.y
        assert bool(stacks.chips) == (count > 4)


def test_a_crowded_cell_names_everyone_and_lists_the_rest(qtbot, sample_document, monkeypatch):
    ids = _crowd(sample_document, 7)
    page = _page(qtbot, sample_document)
    scene = page.grid.scene
    shown = [scene.cards[i] for i in ids if i in scene.cards and scene.cards[i].isVisible()]
    assert len(shown) == 3
    for index, card in enumerate(shown):
        for other in shown[index + 1 :]:
            assert not _rect(card).intersects(_rect(other))  # no name covers another
    chip = scene.chips[CELL]
    assert chip.text == "+4 more…"
    rows = sample_document.session.execute(select(Stakeholder.id, Stakeholder.name))
    names = {key: name for key, name in rows}
    assert chip.toolTip().split("\n") == [names[i] for i in ids[3:]]
    # A click on the chip lists them; choosing one opens their details beside the grid.
    offered: list[list[str]] = []

    def choose(menu: QMenu, _where):
        offered.append([a.text() for a in menu.actions()])
        menu.actions()[-1].trigger()

    monkeypatch.setattr(grid_panel, "popup", choose)
    view = page.grid.view
    view.centerOn(chip)
    point = view.mapFromScene(chip.scenePos())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert offered == [[names[i] for i in ids[3:]]]
    assert page.grid.details.lines["name"].text() == names[ids[-1]]


def _drag(qtbot, page, card, travel: QPoint, release: bool = True) -> None:
    view = page.grid.view
    viewport = view.viewport()
    start = view.mapFromScene(card.pos())
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, start + QPoint(travel.x() // 2, travel.y() // 2))
    qtbot.mouseMove(viewport, start + travel)
    if release:
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start + travel)


def test_a_short_drag_of_a_stacked_card_never_re_rates(qtbot, sample_document):
    ids = _crowd(sample_document, 4)  # four name-only cards: the last sits low in the cell
    page = _page(qtbot, sample_document)
    page.grid.view.resetTransform()  # 1 px on screen is 1 unit of the grid
    last = page.grid.scene.cards[ids[-1]]
    nudge = QPoint(0, QApplication.startDragDistance() + 1)
    _drag(qtbot, page, last, nudge)
    person = records.get(page.controller.session, Stakeholder, ids[-1])
    assert (person.influence, person.interest) == CELL
    assert page.controller.undo_stack.count() == 0


def test_the_other_cards_hold_still_while_a_card_is_dragged(qtbot, sample_document):
    ids = _crowd(sample_document, 3)
    page = _page(qtbot, sample_document)
    scene = page.grid.scene
    before = {pid: QPointF(card.pos()) for pid, card in scene.cards.items()}
    moving = scene.cards[ids[0]]
    target = page.grid.view.mapFromScene(QPointF(*chart.cell_center(9, 2)))
    travel = target - page.grid.view.mapFromScene(moving.pos())
    _drag(qtbot, page, moving, travel, release=False)
    assert moving.pos() != before[ids[0]]
    assert all(card.pos() == before[pid] for pid, card in scene.cards.items() if pid != ids[0])
    start = page.grid.view.mapFromScene(before[ids[0]])
    qtbot.mouseRelease(page.grid.view.viewport(), Qt.MouseButton.LeftButton, pos=start + travel)
    person = records.get(page.controller.session, Stakeholder, ids[0])
    assert (person.influence, person.interest) == (9, 2)
    assert page.controller.undo_stack.count() == 1


def _click_card(qtbot, page, person_id: str) -> None:
    card = page.grid.scene.cards[person_id]
    view = page.grid.view
    view.centerOn(card)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(card.pos()))


def _omar(page) -> str:
    session = page.controller.session
    return session.scalar(select(Stakeholder.id).where(Stakeholder.name == "Omar Haddad"))


def test_selecting_a_card_opens_its_details_and_typing_tab_keeps_the_value(qtbot, sample_document):
    page = _page(qtbot, sample_document)
    details = page.grid.details
    assert not details.form_box.isVisible()
    omar = _omar(page)
    _click_card(qtbot, page, omar)
    assert details.isVisible() and details.form_box.isVisible()
    assert details.lines["name"].text() == "Omar Haddad"
    role = details.lines["role"]
    role.setFocus()
    qtbot.keyClick(role, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(role, "VP Field Operations")
    qtbot.keyClick(role, Qt.Key.Key_Tab)
    person = records.get(page.controller.session, Stakeholder, omar)
    assert person.role == "VP Field Operations"
    details.attitude.setCurrentIndex(details.attitude.findData("blocker"))
    details.attitude.activated.emit(details.attitude.currentIndex())
    assert person.attitude == "blocker"
    interest = details.interest
    interest.setFocus()
    qtbot.keyClick(interest.lineEdit(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(interest.lineEdit(), "2")
    qtbot.keyClick(interest, Qt.Key.Key_Tab)
    assert person.interest == 2
    # What the grid shows follows: the card moved to its new cell.
    card = page.grid.scene.cards[omar]
    assert chart.snap(card.pos().x(), card.pos().y())[1] == 2
    stack = page.controller.undo_stack
    assert stack.count() == 3
    stack.undo()
    assert details.interest.value() == person.interest != 2


def test_a_bad_date_in_the_details_is_refused_and_nothing_changes(qtbot, sample_document):
    page = _page(qtbot, sample_document)
    said: list[str] = []
    page.controller.failed.connect(said.append)
    omar = _omar(page)
    _click_card(qtbot, page, omar)
    before = records.get(page.controller.session, Stakeholder, omar).next_touchpoint
    line = page.grid.details.lines["next_touchpoint"]
    line.setFocus()
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, "31 Febtember")
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    assert said and "Next touchpoint" in said[0]
    assert records.get(page.controller.session, Stakeholder, omar).next_touchpoint == before
    assert line.text() == (before.isoformat() if before else "")
    assert page.controller.undo_stack.count() == 0


def test_read_only_details_cannot_be_edited(qtbot, sample_file):
    document = Document.open(sample_file, read_only=True)
    try:
        page = _page(qtbot, document)
        _click_card(qtbot, page, _omar(page))
        details = page.grid.details
        assert details.form_box.isVisible()
        assert all(line.isReadOnly() for line in details.lines.values())
        assert all(text.isReadOnly() for text in details.texts.values())
        for widget in (details.influence, details.attitude, details.owner, details.external):
            assert not widget.isEnabled()
    finally:
        document.close()


def test_a_crowded_cell_lists_numbers_as_numbers():
    class P:
        def __init__(self, name: str) -> None:
            self.id, self.name, self.influence, self.interest = name, name, *CELL

    stacks = stack_cells([P(name) for name in ("Ann (10)", "Ann (2)", "Ann", "Ann (3)", "Bo")])
    shown = sorted(stacks.cards, key=lambda key: stacks.cards[key].y)
    assert shown == ["Ann", "Ann (2)", "Ann (3)"]
    assert stacks.hidden[CELL] == ["Ann (10)", "Bo"]
