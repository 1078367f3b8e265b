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


def _stakeholders(controller: DocumentController) -> QWidget:
    from pmdesk.gui.stakeholders.page import StakeholdersPage

    return StakeholdersPage(controller)


def _competition(controller: DocumentController) -> QWidget:
    from pmdesk.gui.competition.page import CompetitionPage

    return CompetitionPage(controller)


def _roadmap(controller: DocumentController) -> QWidget:
    from pmdesk.gui.roadmap.page import RoadmapPage

    return RoadmapPage(controller)


def _requirements(controller: DocumentController) -> QWidget:
    from pmdesk.gui.requirements.page import RequirementsPage

    return RequirementsPage(controller)


def _strategy(controller: DocumentController) -> QWidget:
    from pmdesk.gui.strategy.page import StrategyPage

    return StrategyPage(controller)


def _briefing(controller: DocumentController) -> QWidget:
    from pmdesk.gui.briefing.page import BriefingPage

    return BriefingPage(controller)


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
        _stakeholders,
    ),
    Workspace(
        "competition",
        "Competition",
        "Compare competitors on weighted criteria, position them, and write battlecards.",
        _competition,
    ),
    Workspace(
        "strategy",
        "Strategy",
        "Draw the strategy canvas with value curves and ERRC, and fill strategy boards.",
        _strategy,
    ),
    Workspace(
        "roadmap",
        "Roadmap",
        "Plan lanes, items and milestones on a timeline, and track slips against baselines.",
        _roadmap,
    ),
    Workspace(
        "requirements",
        "Requirements",
        "Turn what customers said into what the product does, traced to the roadmap.",
        _requirements,
    ),
    Workspace(
        "briefing",
        "Briefing",
        "Export an executive briefing as a Word document in one click.",
        _briefing,
    ),
)
