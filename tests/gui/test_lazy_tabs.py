"""Tabs whose pages are built on first show or first use."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget

from pmdesk.gui.lazy_tabs import LazyTabs


def _tabs(qtbot):
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    built: list[str] = []
    lazy = LazyTabs(tabs)
    tabs.addTab(QLabel("first"), "First")

    def build(name: str):
        built.append(name)
        return QLabel(name)

    lazy.add("Second", lambda: build("second"))
    lazy.add("Third", lambda: build("third"))
    return tabs, lazy, built


def test_a_click_builds_the_tab_and_listeners_see_its_real_page(qtbot):
    tabs, _lazy, built = _tabs(qtbot)
    seen: list[str] = []
    tabs.currentChanged.connect(lambda _i: seen.append(tabs.currentWidget().text()))
    tabs.show()
    qtbot.waitExposed(tabs)
    assert built == []
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())
    assert built == ["third"]
    assert seen == ["third"]  # one change of tab, heard with the real page in place
    assert tabs.currentIndex() == 2 and tabs.currentWidget().isVisible()
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["First", "Second", "Third"]


def test_asking_for_a_page_builds_it_once_and_keeps_the_tab_on_show(qtbot):
    tabs, lazy, built = _tabs(qtbot)
    seen: list[int] = []
    tabs.currentChanged.connect(seen.append)
    page = lazy.page(1)
    assert lazy.page(1) is page and built == ["second"]
    assert tabs.indexOf(page) == 1 and tabs.currentIndex() == 0 and seen == []
    tabs.setCurrentWidget(page)
    assert tabs.currentWidget() is page and built == ["second"]
