"""Decisions: the log of what was decided, why, by whom, and when to look at it again."""

from pmdesk.registry import WorkspaceSpec

SPEC = WorkspaceSpec(
    key="decisions",
    title="Decisions",
    purpose="Log what was decided, why and by whom, linked to the work, and when to revisit it.",
    dump_key="decisions",
    records={
        "decisions": "pmdesk.workspaces.decisions.model:Decision",
        "roadmap_links": "pmdesk.workspaces.decisions.model:DecisionRoadmapLink",
        "requirement_links": "pmdesk.workspaces.decisions.model:DecisionRequirementLink",
        "competitor_links": "pmdesk.workspaces.decisions.model:DecisionCompetitorLink",
        "stakeholder_links": "pmdesk.workspaces.decisions.model:DecisionStakeholderLink",
        "goal_links": "pmdesk.workspaces.decisions.model:DecisionGoalLink",
    },
    rules={
        "decisions": "pmdesk.workspaces.decisions.edit:record_rule",
    },
    section="pmdesk.workspaces.decisions.section:SECTION",
    section_title="Decision log",
    page="pmdesk.workspaces.decisions.qt.page:DecisionsPage",
    # Format 1 kept a briefing\'s asks as text lines; they become proposed decisions.
    upgrades={1: "pmdesk.workspaces.decisions.upgrade:convert_briefing_asks"},
    overdue="pmdesk.workspaces.decisions.overdue:overdue",
)
