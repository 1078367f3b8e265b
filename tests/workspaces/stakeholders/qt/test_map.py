"""The communication map: product management in the centre, departments around, people beside."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.stakeholders.model import Stakeholder
from pmdesk.workspaces.stakeholders.qt.comm_map import MapBackdrop
from pmdesk.workspaces.stakeholders.qt.page import StakeholdersPage
from pmdesk.workspaces.stakeholders.qt.table_model import FIELD_COLUMN

TODAY = date(2026, 11, 25)


@pytest.fixture
def controller(sample_document):
    return DocumentController(sample_document)


@pytest.fixture
def page(qtbot, controller):
    page = StakeholdersPage(controller, today=TODAY)
    qtbot.addWidget(page)
    page.tabs.setCurrentWidget(page.comm_map)  # the map is drawn when its tab is shown
    return page


def _backdrop(page) -> MapBackdrop:
    return next(i for i in page.comm_map.scene.items() if isinstance(i, MapBackdrop))


def test_every_department_is_around_product_management_with_its_people(page, controller):
    people = list(controller.session.scalars(select(Stakeholder)))
    layout = _backdrop(page).layout
    assert {node.name for node in layout.departments} == {p.department for p in people}
    assert set(page.comm_map.chips) == {p.id for p in people}
    sales = next(node for node in layout.departments if node.name == "Sales")
    assert sales.count == 2 and not sales.external
    assert next(node for node in layout.departments if node.name == "Press").external
    assert _backdrop(page).product == "FieldLoop"


def test_a_chip_shows_the_communication_plan(page, controller):
    dana = controller.session.scalars(
        select(Stakeholder).where(Stakeholder.name == "Dana Whitfield")
    ).one()
    chip = page.comm_map.chips[dana.id]
    assert chip.plan == "1:1 meeting · Every two weeks"
    assert not chip.overdue


def test_the_map_follows_the_filter_and_edits(page, controller):
    page.department_filter.setCurrentIndex(page.department_filter.findData("Finance"))
    assert [chip.name for chip in page.comm_map.chips.values()] == ["Omar Haddad"]
    row = page.table_model.row_of(next(iter(page.comm_map.chips)))
    page.table_model.setData(page.table_model.index(row, FIELD_COLUMN["cadence"]), "Weekly")
    assert next(iter(page.comm_map.chips.values())).plan == "Email · Weekly"
    controller.undo_stack.undo()
    assert next(iter(page.comm_map.chips.values())).plan == "Email · Monthly"


def test_double_clicking_a_person_opens_them_in_the_table(page, controller):
    chip = next(iter(page.comm_map.chips.values()))
    chip.on_open(chip.person_id)
    assert page.tabs.currentWidget() is page.table
    assert page.selected_ids() == [chip.person_id]


def test_relationship_lines_can_be_shown_on_the_map_and_follow_edits(page, controller):
    comm_map = page.comm_map
    assert comm_map.links is not None and not comm_map.links.isVisible()  # a clean picture first
    comm_map.lines.setChecked(True)
    assert comm_map.links.isVisible()
    drawn = comm_map.links.count
    assert drawn == 20
    leo = controller.session.scalars(
        select(Stakeholder).where(Stakeholder.name == "Leo Park")
    ).one()
    dana = controller.session.scalars(
        select(Stakeholder).where(Stakeholder.name == "Dana Whitfield")
    ).one()
    page.grid.add_relationship(leo.id, dana.id, "influences")
    assert page.comm_map.links.count == drawn + 1
    assert page.comm_map.links.isVisible()  # the choice survives the redraw


def test_edits_made_while_the_map_is_hidden_show_when_it_is_opened(page, controller):
    page.tabs.setCurrentWidget(page.table)
    row = page.table_model.row_of(next(iter(page.comm_map.chips)))
    page.table_model.setData(page.table_model.index(row, FIELD_COLUMN["cadence"]), "Daily")
    page.tabs.setCurrentWidget(page.comm_map)
    person = page.table_model.stakeholder(row)
    assert page.comm_map.chips[person.id].plan.endswith("Daily")
