"""The Competition workspace page: the matrix, the positioning map and the battlecards."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from pmdesk.gui.document import DocumentController
from pmdesk.workspaces.competition.qt.battlecard_view import BattlecardPanel
from pmdesk.workspaces.competition.qt.map_view import MapPanel
from pmdesk.workspaces.competition.qt.matrix_view import MatrixPanel
from pmdesk.workspaces.competition.qt.profile_view import ProfilePanel


class CompetitionPage(QWidget):
    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        title = QLabel("Competition")
        title.setObjectName("pageTitle")
        self.tabs = QTabWidget()
        self.matrix = MatrixPanel(controller)
        self.tabs.addTab(self.matrix, "Matrix")
        self.map = MapPanel(controller, lazy=True)
        self.tabs.addTab(self.map, "Positioning map")
        self.battlecards = BattlecardPanel(controller, lazy=True)
        self.tabs.addTab(self.battlecards, "Battlecards")
        self.profiles = ProfilePanel(controller, lazy=True)
        self.tabs.addTab(self.profiles, "Competitors")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
