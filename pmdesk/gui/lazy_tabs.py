"""Tabs whose pages are built the first time they are shown or asked for.

A workspace opens on its first tab; the others cost their imports, widgets and reads for
nothing until the user goes there. A stand-in holds each lazy tab's place (title, position)
and is swapped for the real page when it is first needed, so ``currentWidget()`` and
``indexOf()`` name the real page from then on.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QTabWidget, QWidget


class LazyTabs(QObject):
    """Builds the pages of ``tabs`` added through ``add`` on first show or first ``page()``.

    Made before any other slot listens to ``tabs.currentChanged``, so those slots see the
    real page of the tab just shown.
    """

    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__(tabs)
        self._tabs = tabs
        self._builders: dict[int, Callable[[], QWidget]] = {}
        self._built: dict[int, QWidget] = {}
        tabs.currentChanged.connect(self._shown)

    def add(self, title: str, build: Callable[[], QWidget]) -> int:
        index = self._tabs.addTab(QWidget(), title)
        self._builders[index] = build
        return index

    def page(self, index: int) -> QWidget:
        """The real page of the lazy tab at ``index``, built and put in place if need be."""
        if index in self._built:
            return self._built[index]
        page = self._builders.pop(index)()
        self._built[index] = page
        tabs = self._tabs
        stand_in, title, current = tabs.widget(index), tabs.tabText(index), tabs.currentIndex()
        # Swapping the page is no change of tab: nobody hears of it.
        blocked = tabs.blockSignals(True)
        try:
            tabs.removeTab(index)
            tabs.insertTab(index, page, title)
            tabs.setCurrentIndex(current)
        finally:
            tabs.blockSignals(blocked)
        stand_in.deleteLater()
        return page

    def _shown(self, index: int) -> None:
        if index in self._builders:
            self.page(index)
