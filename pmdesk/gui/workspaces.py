"""The workspaces of the main window, in navigation order.

A workspace that is not built yet has no factory and shows an honest empty state. A workspace
issue replaces ``None`` with a callable that builds its page from the document controller.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from pmdesk.gui.document import DocumentController

PageFactory = Callable[[DocumentController], QWidget]


@dataclass(frozen=True)
class Workspace:
    key: str
    title: str
    purpose: str  # one sentence, shown in the empty state and as the tooltip
    factory: PageFactory | None = None


def _overview(controller: DocumentController) -> QWidget:
    from pmdesk.gui.overview.page import OverviewPage

    return OverviewPage(controller)


WORKSPACES: tuple[Workspace, ...] = (
    Workspace(
        "overview",
        "Overview",
        "Vision, target customers, problem, value proposition, goals and go-to-market.",
        _overview,
    ),
    Workspace(
        "stakeholders",
        "Stakeholders",
        "Map who matters, where they stand, and plan how to engage each of them.",
    ),
    Workspace(
        "competition",
        "Competition",
        "Compare competitors on weighted criteria, position them, and write battlecards.",
    ),
    Workspace(
        "strategy",
        "Strategy",
        "Draw the strategy canvas with value curves and ERRC, and fill strategy boards.",
    ),
    Workspace(
        "roadmap",
        "Roadmap",
        "Plan lanes, items and milestones on a timeline, and track slips against baselines.",
    ),
    Workspace(
        "requirements",
        "Requirements",
        "Turn what customers said into what the product does, traced to the roadmap.",
    ),
    Workspace(
        "briefing",
        "Briefing",
        "Export an executive briefing as a Word document in one click.",
    ),
)
