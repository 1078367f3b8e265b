"""Roadmap: lanes, items, dependencies and markers on a timeline, and baselines to track slips."""

from pmdesk.registry import WorkspaceSpec

SPEC = WorkspaceSpec(
    key="roadmap",
    title="Roadmap",
    purpose="Plan lanes, items and milestones on a timeline, and track slips against baselines.",
    dump_key="roadmap",
    records={
        "settings": "pmdesk.workspaces.roadmap.model:RoadmapSettings",
        "lanes": "pmdesk.workspaces.roadmap.model:RoadmapLane",
        "items": "pmdesk.workspaces.roadmap.model:RoadmapItem",
        "dependencies": "pmdesk.workspaces.roadmap.model:RoadmapDependency",
        "markers": "pmdesk.workspaces.roadmap.model:RoadmapMarker",
        "baselines": "pmdesk.workspaces.roadmap.model:RoadmapBaseline",
        "baseline_items": "pmdesk.workspaces.roadmap.model:RoadmapBaselineItem",
    },
    rules={
        "roadmap_items": "pmdesk.workspaces.roadmap.edit:record_rule",
    },
    dump_rules=("pmdesk.workspaces.roadmap.links:dump_rule",),
    section="pmdesk.workspaces.roadmap.section:SECTION",
    section_title="Roadmap",
    page="pmdesk.workspaces.roadmap.qt.page:RoadmapPage",
    overdue="pmdesk.workspaces.roadmap.overdue:overdue",
)
