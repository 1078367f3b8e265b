"""Every key result's row shows its judgement in that state's colour (worked out once per fill
of the tree, for every state met), its progress aligned right."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from pmdesk.gui import theme
from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.goals.chart.layout import STATE_COLORS
from pmdesk.workspaces.goals.qt.page import GoalsPage

TODAY = date(2026, 12, 1)


@pytest.fixture
def page(qtbot, sample_document):
    page = GoalsPage(DocumentController(sample_document), today=TODAY)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def _key_result_rows(page):
    tree = page.tree
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        yield from (top.child(j) for j in range(top.childCount()))


def test_each_row_has_its_own_states_colour_and_right_aligned_progress(page):
    rows = list(_key_result_rows(page))
    states = {r.id: r.judgement.state for o in page.goals.objectives for r in o.key_results}
    assert len(set(states.values())) >= 3  # rows of several states share one fill
    for item in rows:
        state = states[item.data(0, Qt.ItemDataRole.UserRole + 1)]
        assert item.foreground(2).color() == theme.ink(STATE_COLORS[state])
        assert item.foreground(2).style() == Qt.BrushStyle.SolidPattern
        alignment = Qt.AlignmentFlag(item.textAlignment(1))
        assert alignment == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _click(qtbot, page, item) -> None:
    rect = page.tree.visualItemRect(item)
    qtbot.mouseClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_trend_chosen_while_its_panel_is_hidden_is_drawn_at_its_size_when_shown(qtbot, page):
    """The chart is laid out when the panel comes to the front, not while it is hidden."""
    objective = page.tree.topLevelItem(0)
    _click(qtbot, page, objective)
    assert page.detail.currentWidget() is page.objective_view
    trend = page.panel.trend
    other = page.tree.topLevelItem(1).child(0)
    _click(qtbot, page, other)
    assert page.detail.currentWidget() is page.panel and trend.isVisible()
    shown = trend.layout_shown
    assert shown is not None
    assert (shown.width, shown.height) == (max(trend.width(), 320), max(trend.height(), 160))
    result = page.goals.key_result(other.data(0, Qt.ItemDataRole.UserRole + 1))
    assert shown.points == len(result.check_ins)
