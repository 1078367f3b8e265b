"""The communication map stays useful with two hundred people: it groups them in columns by
department or attitude at a readable size, and the page's filters narrow it."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from sqlalchemy import func, select

from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.stakeholders import edit
from pmdesk.workspaces.stakeholders.chart.map_columns import columns_layout
from pmdesk.workspaces.stakeholders.model import ATTITUDES, Stakeholder
from pmdesk.workspaces.stakeholders.qt.page import StakeholdersPage

TODAY = date(2026, 11, 25)
TEAMS = ("Sales", "Engineering", "Customer support", "Marketing", "Finance", "Partners")
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _grow(document, count: int = 200) -> None:
    attitudes = list(ATTITUDES)
    edit.create_many(
        document.session,
        [
            {
                "name": f"Person {n}",
                "department": TEAMS[n % len(TEAMS)],
                "attitude": attitudes[n % len(attitudes)],
                "influence": 1 + n % 10,
                "interest": 1 + (n * 7) % 10,
            }
            for n in range(count)
        ],
    )


@pytest.fixture
def page(qtbot, sample_document):
    _grow(sample_document)
    page = StakeholdersPage(DocumentController(sample_document), today=TODAY)
    page.resize(1024, 700)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.tabs.setCurrentWidget(page.comm_map)
    return page


def test_two_hundred_people_are_shown_in_readable_columns(page):
    cmap = page.comm_map
    total = page.controller.session.scalar(select(func.count()).select_from(Stakeholder))
    assert total > 200
    assert cmap.grouping.currentData() == "department"  # chosen for a map this size
    assert len(cmap.chips) == total
    # Readable: drawn at two thirds of full size or more, never overlapping.
    assert cmap.view.transform().m11() >= 0.66
    rects = sorted((c.sceneBoundingRect() for c in cmap.chips.values()), key=lambda r: r.y())
    columns: dict[float, list] = {}
    for rect in rects:
        columns.setdefault(round(rect.x()), []).append(rect)
    for stack in columns.values():
        for upper, lower in itertools.pairwise(stack):
            assert upper.bottom() - 6 <= lower.top() + 6  # chips' shadows may touch
    # Person 2 comes before Person 10 within a column.
    names = [chip.name for chip in cmap.chips.values()]
    assert names.index("Person 6") < names.index("Person 12")


def test_grouping_by_attitude_and_back_to_the_ring(page):
    cmap = page.comm_map
    cmap.grouping.setCurrentIndex(cmap.grouping.findData("attitude"))
    cmap.grouping.activated.emit(cmap.grouping.currentIndex())
    layout = columns_layout(
        [p for p in edit.load_map(page.controller.session).stakeholders], "attitude"
    )
    assert [group.title for group in layout.groups] == list(ATTITUDES.values())
    champion = next(c for c in cmap.chips.values() if c.attitude == "champion")
    blocker = next(c for c in cmap.chips.values() if c.attitude == "blocker")
    assert champion.scenePos().x() < blocker.scenePos().x()
    cmap.grouping.setCurrentIndex(cmap.grouping.findData("ring"))
    cmap.grouping.activated.emit(cmap.grouping.currentIndex())
    assert cmap.grouping.currentData() == "ring"
    page._refresh_map()  # an edit elsewhere keeps the PM's choice
    assert cmap.grouping.currentData() == "ring"


def test_the_search_box_and_the_attitude_filter_narrow_the_map(qtbot, page):
    cmap = page.comm_map
    everyone = len(cmap.chips)
    qtbot.keyClicks(page.search, "person 17")  # every word must match
    shown = {chip.name for chip in cmap.chips.values()}
    assert "Person 17" in shown and "Person 117" in shown
    assert all("person" in name.lower() and "17" in name for name in shown)
    assert len(shown) < everyone
    page.search.clear()
    page.attitude_filter.setCurrentIndex(page.attitude_filter.findData("blocker"))
    assert {chip.attitude for chip in cmap.chips.values()} == {"blocker"}
    assert cmap.grouping.currentData() in ("ring", "department")
    assert cmap.isVisible() and cmap.view.isVisible()
