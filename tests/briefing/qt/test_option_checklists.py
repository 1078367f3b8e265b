"""A section's options pick lanes, competitors and boards from checklists of what the project
holds, not typed names; a list an older version stored as text still reads."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QListWidget

from pmdesk.briefing.model import Briefing, list_briefings, section_choices
from pmdesk.briefing.qt.page import BriefingPage
from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.roadmap.plan import load_roadmap


@pytest.fixture
def page(qtbot, sample_document):
    page = BriefingPage(DocumentController(sample_document))
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    return page


def _checklist(page, section: str, option: str) -> QListWidget:
    page.sections.select(section)
    found = page.sections.options_box.findChildren(QListWidget, f"names_{option}")
    assert len(found) == 1
    return found[0]


def _tick(qtbot, checklist: QListWidget, label: str) -> None:
    item = checklist.findItems(label, Qt.MatchFlag.MatchExactly)[0]
    rect = checklist.visualItemRect(item)
    # The tick box sits at the start of the row: click it as a person would.
    where = QPoint(rect.left() + 10, rect.center().y())
    qtbot.mouseClick(checklist.viewport(), Qt.MouseButton.LeftButton, pos=where)


def _options(page, key: str) -> dict:
    briefing = page.controller.session.get(Briefing, page.briefing_id)
    return next(c.options for c in section_choices(briefing) if c.key == key)


def test_lanes_are_ticked_from_the_roadmaps_own_lanes(qtbot, page):
    lanes = [lane.name for lane in load_roadmap(page.controller.session).lanes]
    checklist = _checklist(page, "roadmap", "lanes")
    shown = [checklist.item(row).text() for row in range(checklist.count())]
    assert shown == lanes
    _tick(qtbot, checklist, lanes[1])
    assert _options(page, "roadmap")["lanes"] == [lanes[1]]
    page.controller.undo_stack.undo()
    assert _options(page, "roadmap").get("lanes", []) == []


def test_we_are_not_offered_as_our_own_competitor(page):
    checklist = _checklist(page, "competition", "competitors")
    names = [checklist.item(row).text() for row in range(checklist.count())]
    assert names and "FieldLoop" not in names


def test_an_old_typed_list_still_reads_and_a_vanished_name_is_kept_visible(page, qtbot):
    session = page.controller.session
    briefing = list_briefings(session)[0]
    lanes = [lane.name for lane in load_roadmap(session).lanes]
    row = next(s for s in briefing.sections if s.section == "roadmap")
    row.options = json.dumps({"lanes": f"{lanes[0]}, Retired lane"})
    session.commit()
    page.refresh()
    checklist = _checklist(page, "roadmap", "lanes")
    ticked = [
        checklist.item(r).text()
        for r in range(checklist.count())
        if checklist.item(r).checkState() == Qt.CheckState.Checked
    ]
    assert ticked == [lanes[0], "Retired lane (not in the project)"]
