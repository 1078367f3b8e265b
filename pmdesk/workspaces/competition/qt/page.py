"""The Competition workspace page: the matrix, the positioning map and the battlecards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from pmdesk.gui import theme
from pmdesk.gui.document import DocumentController
from pmdesk.gui.lazy_tabs import LazyTabs
from pmdesk.gui.reveal import select_index
from pmdesk.workspaces.competition.model import (
    Battlecard,
    CompetitionSettings,
    Competitor,
    Criterion,
    CriterionCategory,
)
from pmdesk.workspaces.competition.qt.matrix_view import MatrixPanel

if TYPE_CHECKING:
    from pmdesk.workspaces.competition.qt.battlecard_view import BattlecardPanel
    from pmdesk.workspaces.competition.qt.map_view import MapPanel
    from pmdesk.workspaces.competition.qt.profile_view import ProfilePanel

MAP_TAB, BATTLECARDS_TAB, PROFILES_TAB = 1, 2, 3


class CompetitionPage(QWidget):
    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        title = QLabel("Competition")
        title.setObjectName("pageTitle")
        theme.style(title, "page_title")
        self.tabs = QTabWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        # The tabs are in place before the matrix fills them: each move of a filled table
        # into another widget had its header measure every column again.
        self.matrix = MatrixPanel(controller)
        self.tabs.addTab(self.matrix, "Matrix")
        # The other tabs (their modules too) are built when first shown or asked for.
        self._lazy = LazyTabs(self.tabs)
        self._lazy.add("Positioning map", self._build_map)
        self._lazy.add("Battlecards", self._build_battlecards)
        self._lazy.add("Competitors", self._build_profiles)

    @property
    def map(self) -> MapPanel:
        return self._lazy.page(MAP_TAB)  # type: ignore[return-value]

    @property
    def battlecards(self) -> BattlecardPanel:
        return self._lazy.page(BATTLECARDS_TAB)  # type: ignore[return-value]

    @property
    def profiles(self) -> ProfilePanel:
        return self._lazy.page(PROFILES_TAB)  # type: ignore[return-value]

    def _build_map(self) -> MapPanel:
        from pmdesk.workspaces.competition.qt.map_view import MapPanel

        return MapPanel(self.controller, lazy=True)

    def _build_battlecards(self) -> BattlecardPanel:
        from pmdesk.workspaces.competition.qt.battlecard_view import BattlecardPanel

        return BattlecardPanel(self.controller, lazy=True)

    def _build_profiles(self) -> ProfilePanel:
        from pmdesk.workspaces.competition.qt.profile_view import ProfilePanel

        return ProfilePanel(self.controller, lazy=True)

    # -- find ----------------------------------------------------------------------------------

    def reveal(self, kind: str, record_id: str) -> bool:
        """Show a competitor's profile, a battlecard, a criterion's row in the matrix (a rating
        is shown by its competitor), or the positioning map."""
        session = self.controller.session
        if kind == Battlecard.__tablename__:
            card = session.get(Battlecard, record_id)
            return card is not None and self._show_in(self.battlecards, card.competitor_id)
        if kind == Competitor.__tablename__:
            return self._show_in(self.profiles, record_id)
        if kind == CompetitionSettings.__tablename__:  # the map's axes and quadrant names
            self.tabs.setCurrentWidget(self.map)
            return True
        if kind in (Criterion.__tablename__, CriterionCategory.__tablename__):
            self.tabs.setCurrentWidget(self.matrix)
            rows = [row.id for row in self.matrix.model.rows]
            if record_id not in rows:
                return False
            index = self.matrix.model.index(rows.index(record_id), 0)
            shown = self.matrix.proxy.mapFromSource(index)
            return shown.isValid() and select_index(self.matrix.table, shown)
        return False

    def _show_in(self, panel: ProfilePanel | BattlecardPanel, competitor_id: str) -> bool:
        panel.competitor_id = competitor_id
        self.tabs.setCurrentWidget(panel)  # a stale panel refreshes as it is shown
        panel.refresh()
        return panel.competitor_id == competitor_id
