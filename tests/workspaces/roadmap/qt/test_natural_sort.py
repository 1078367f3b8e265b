"""Numbers inside text sort as numbers: "(2)" before "(10)", "Sprint 9" before "Sprint 10"."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from pmdesk.gui.document import DocumentController
from pmdesk.gui.tables import natural_key
from pmdesk.workspaces.roadmap.qt.page import RoadmapPage
from pmdesk.workspaces.roadmap.qt.table_model import COLUMN_KEYS

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def test_the_key_orders_numbers_by_value_and_ignores_case():
    names = ["Item (10)", "item (2)", "Item (1)", "Sprint 10", "sprint 9"]
    assert sorted(names, key=natural_key) == [
        "Item (1)",
        "item (2)",
        "Item (10)",
        "sprint 9",
        "Sprint 10",
    ]


def test_sorting_the_roadmap_table_by_title_puts_2_before_10(qtbot, sample_document):
    page = RoadmapPage(DocumentController(sample_document), today=date(2026, 11, 25))
    qtbot.addWidget(page)
    page.tabs.setCurrentWidget(page.table)
    items = list(page.roadmap.items)
    for number in (10, 2, 1):
        assert page.actions.set_item_fields(items[number].id, "title", title=f"Release ({number})")
    view = page.table.table
    view.sortByColumn(COLUMN_KEYS.index("title"), Qt.SortOrder.AscendingOrder)
    proxy = view.model()
    titles = [proxy.index(row, 0).data() for row in range(proxy.rowCount())]
    releases = [title for title in titles if title.startswith("Release (")]
    assert releases == ["Release (1)", "Release (2)", "Release (10)"]
