"""Every kind of record a project holds, grouped as the JSON dump groups them.

Importing this module registers every table with ``Base.metadata``. A workspace adds its models
here, under its own key; the store, the dump and ``pmdesk check`` all read this one table.
"""

from __future__ import annotations

from pmdesk.domain.base import Base, Record
from pmdesk.domain.briefings import Briefing, BriefingSection
from pmdesk.domain.competition import (
    Battlecard,
    CompetitionSettings,
    Competitor,
    Criterion,
    CriterionCategory,
    Rating,
)
from pmdesk.domain.overview import Project
from pmdesk.domain.requirements import CustomerInput, Requirement, RequirementEvidence
from pmdesk.domain.requirements_links import RequirementRoadmapLink
from pmdesk.domain.roadmap import (
    RoadmapBaseline,
    RoadmapBaselineItem,
    RoadmapDependency,
    RoadmapItem,
    RoadmapLane,
    RoadmapMarker,
    RoadmapSettings,
)
from pmdesk.domain.stakeholders import (
    Stakeholder,
    StakeholderInteraction,
    StakeholderPosition,
    StakeholderRelationship,
    StakeholderSnapshot,
)
from pmdesk.domain.strategy import (
    Board,
    BoardBlock,
    BoardNote,
    CanvasCurve,
    CanvasFactor,
    CanvasLevel,
)

# key in the JSON dump -> {sub-key: model}; empty until the workspace lands.
WORKSPACE_RECORDS: dict[str, dict[str, type[Record]]] = {
    "stakeholders": {
        "stakeholders": Stakeholder,
        "relationships": StakeholderRelationship,
        "interactions": StakeholderInteraction,
        "snapshots": StakeholderSnapshot,
        "snapshot_positions": StakeholderPosition,
    },
    "competition": {
        "competitors": Competitor,
        "categories": CriterionCategory,
        "criteria": Criterion,
        "ratings": Rating,
        "battlecards": Battlecard,
        "settings": CompetitionSettings,
    },
    "strategy": {
        "factors": CanvasFactor,
        "curves": CanvasCurve,
        "levels": CanvasLevel,
        "boards": Board,
        "blocks": BoardBlock,
        "notes": BoardNote,
    },
    "roadmap": {
        "settings": RoadmapSettings,
        "lanes": RoadmapLane,
        "items": RoadmapItem,
        "dependencies": RoadmapDependency,
        "markers": RoadmapMarker,
        "baselines": RoadmapBaseline,
        "baseline_items": RoadmapBaselineItem,
    },
    "requirements": {
        "inputs": CustomerInput,
        "requirements": Requirement,
        "evidence": RequirementEvidence,
        "roadmap_links": RequirementRoadmapLink,
    },
    "briefings": {"briefings": Briefing, "sections": BriefingSection},
}


def record_models() -> list[type[Record]]:
    """Every record model, the project first, in the order a report lists them."""
    models: list[type[Record]] = [Project]
    for group in WORKSPACE_RECORDS.values():
        models.extend(group.values())
    return models


metadata = Base.metadata
