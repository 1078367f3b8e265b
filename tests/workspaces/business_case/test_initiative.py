"""A business case is for one initiative: a roadmap item or a launch, never both."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from pmdesk.domain import records
from pmdesk.domain.base import new_id
from pmdesk.errors import ValidationError
from pmdesk.workspaces.business_case import edit, query
from pmdesk.workspaces.business_case.model import SCENARIOS, BusinessCase
from pmdesk.workspaces.launches.model import Launch
from tests.workspaces.business_case.conftest import project_text

SPRING = "Spring launch: offline technician app"


def _launch(session) -> Launch:
    return session.scalars(select(Launch).where(Launch.name == SPRING)).one()


def test_a_case_for_a_launch_names_it_and_outlives_it(sample_document):
    session = sample_document.session
    launch = _launch(session)
    case_id = new_id()
    scenarios = {kind: new_id() for kind in SCENARIOS}
    key = edit.initiative_key("launch", launch.id)
    edit.add_case(session, case_id, "Launch budget", launch.target_date, scenarios, initiative=key)
    view = query.load_case(session, case_id)
    assert view.initiative == f"the {SPRING} launch" and view.initiative_key == key
    assert view.roadmap_item_id is None
    removal = records.remove(session, Launch, [launch.id])
    view = query.load_case(session, case_id)
    assert view is not None and view.initiative == "" and view.launch_id is None
    records.restore(session, removal)
    assert query.load_case(session, case_id).initiative_key == key


def test_choosing_a_launch_clears_the_roadmap_item_and_undo_puts_it_back(qtbot, page, controller):
    before = query.load_case(controller.session, page.case_id).initiative_key
    assert before and before.startswith("roadmap:")
    index = page.item.findText(f"{SPRING} (launch)")
    assert index > 0
    page.item.setCurrentIndex(index)
    page.item.activated.emit(index)
    view = query.load_case(controller.session, page.case_id)
    assert view.launch_id == _launch(controller.session).id and view.roadmap_item_id is None
    assert f"for the {SPRING} launch" in page.summary.text()
    controller.undo_stack.undo()
    assert query.load_case(controller.session, page.case_id).initiative_key == before
    assert page.item.currentData() == before


# Typing opens the completion list, a popup the offscreen platform cannot raise or grab keys for.
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_the_initiative_is_found_by_typing_part_of_its_name_and_tab(qtbot, page, controller):
    line = page.item.lineEdit()

    def type_and_tab(text: str) -> None:
        line.setFocus()
        qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(line, text)
        qtbot.keyClick(line, Qt.Key.Key_Tab)

    before = project_text(controller)
    chosen = page.item.currentText()
    type_and_tab("no such initiative")  # names nothing: the box and the file keep theirs
    assert page.item.currentText() == chosen
    assert project_text(controller) == before and controller.undo_stack.count() == 0
    type_and_tab("spring launch: offline")  # a part only the launch holds, in any case
    assert page.item.currentText() == f"{SPRING} (launch)"
    view = query.load_case(controller.session, page.case_id)
    assert view.launch_id == _launch(controller.session).id
    assert controller.undo_stack.count() == 1


def test_an_initiative_that_is_gone_is_refused_and_nothing_changes(page, controller):
    before = project_text(controller)
    assert not edit_ok(controller, page.case_id, edit.initiative_key("launch", new_id()))
    assert controller.messages[-1] == "That launch no longer exists."
    assert project_text(controller) == before


def edit_ok(controller, case_id, key) -> bool:
    from pmdesk.workspaces.business_case.qt import actions

    return actions.set_initiative(controller, case_id, key)


def test_a_file_whose_case_names_both_an_item_and_a_launch_is_refused():
    with pytest.raises(ValidationError, match="one initiative, a roadmap item or a launch"):
        edit.case_rule({"roadmap_item_id": new_id(), "launch_id": new_id()})


def test_a_new_case_can_be_for_a_launch_from_the_dialog(qtbot, page, controller, monkeypatch):
    from pmdesk.workspaces.business_case.qt import dialogs

    offered: list[list[tuple[str, str]]] = []

    def ask(_parent, items):
        offered.append(items)
        return "Dispatch 3.0 case", next(k for k, label in items if label.startswith("Dispatch"))

    monkeypatch.setattr(dialogs, "ask_new_case", ask)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert [label for _k, label in offered[0][:2]] == [
        "Dispatch 3.0 with auto-dispatch (launch)",
        f"{SPRING} (launch)",
    ]
    assert page.item.currentText() == "Dispatch 3.0 with auto-dispatch (launch)"
    case = controller.session.get(BusinessCase, page.case_id)
    assert case.launch_id is not None and case.roadmap_item_id is None


def _choices(page) -> list[str]:
    return [page.item.itemText(i) for i in range(page.item.count())]


def test_the_for_picker_follows_launches_and_roadmap_items_but_not_the_cases_own_edits(
    page, controller
):
    from pmdesk.workspaces.business_case.qt import actions as case_actions
    from pmdesk.workspaces.launches.qt import actions as launch_actions
    from pmdesk.workspaces.roadmap.model import RoadmapLane
    from pmdesk.workspaces.roadmap.qt.actions import RoadmapActions

    session = controller.session
    chosen = page.item.currentText()
    assert launch_actions.set_launch_field(
        controller, _launch(session).id, "name", "Summer launch", _launch(session).target_date
    )
    assert "Summer launch (launch)" in _choices(page)
    assert f"{SPRING} (launch)" not in _choices(page)
    lane = session.scalars(select(RoadmapLane).order_by(RoadmapLane.position)).first()
    assert RoadmapActions(controller).add_item(lane.id, "Route planner", kind="initiative")
    assert "Route planner (initiative)" in _choices(page)
    listed = _choices(page)
    cost = page.view.costs[0]
    assert case_actions.set_row_field(controller, "cost", cost.id, "amount", 123456)
    assert _choices(page) == listed and page.item.currentText() == chosen
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert "Route planner (initiative)" not in _choices(page)
    assert f"{SPRING} (launch)" in _choices(page) and page.item.currentText() == chosen
